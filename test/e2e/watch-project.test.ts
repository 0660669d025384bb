import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA, tempDir } from '../helpers.js';
import { spawnBrief, waitFor } from '../process-helpers.js';

/** What watch does not take up while it runs (its configuration, a templates/ folder made later) it says, instead of going on in silence. */
describe('brief watch in a project that changes under it', () => {
  const tmp = tempDir('brief-watch-project-');
  afterAll(() => tmp.cleanup());

  it('a saved brief.config.yaml and a new templates/ folder are each said once: restart to use them', async () => {
    cpSync(join(DATA, '2025-W38'), join(tmp.dir, 'data', '2025-W38'), { recursive: true });
    writeFileSync(join(tmp.dir, 'brief.config.yaml'), 'data: data\nout: out\n');
    const run = spawnBrief(['watch', '--audience', 'executive'], tmp.dir);
    try {
      expect(await waitFor(() => /watching /.test(run.out()))).toBe(true);
      // saved as editors save (a new file renamed over the old one), twice
      for (const out of ['out2', 'out3']) {
        writeFileSync(join(tmp.dir, '.brief.config.yaml.tmp'), `data: data\nout: ${out}\n`);
        renameSync(join(tmp.dir, '.brief.config.yaml.tmp'), join(tmp.dir, 'brief.config.yaml'));
      }
      mkdirSync(join(tmp.dir, 'templates'));
      expect(await waitFor(() => /templates\/ folder appeared/.test(run.out()), 10_000)).toBe(true);
      expect(run.out().match(/brief\.config\.yaml changed: restart to use it \(this run goes on with the configuration it started with\)/g)).toHaveLength(1);
      expect(run.out()).toMatch(/a templates\/ folder appeared: restart to use it \(this run goes on with brief's own templates\)/);
    } finally {
      run.child.kill('SIGINT');
      await run.exited;
    }
  }, 60_000);
});
