import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from '../helpers.js';

/** The sharded example (docs/examples/sharded-workflow.yml): a matrix of `--shard i/n` builds, one merge. */
type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] };

describe('the sharded example workflow', () => {
  const doc = parseDocument(readFileSync(join(ROOT, 'docs/examples/sharded-workflow.yml'), 'utf8'), { uniqueKeys: true });
  const wf = doc.toJS() as { env: { SHARDS: number }; jobs: Record<string, Job> };

  it('is valid YAML with no errors or warnings', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('builds shards 1..SHARDS, each with --shard i/SHARDS, and uploads its part with the manifests', () => {
    const build = wf.jobs.build!;
    const n = wf.env.SHARDS;
    expect(build.strategy!.matrix.shard).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const run = build.steps.map((s) => s.run ?? '').find((r) => r.includes('brief build'))!;
    expect(run).toContain('--week all');
    expect(run).toContain('--shard "${{ matrix.shard }}/$SHARDS"');
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ path: 'out/', 'include-hidden-files': true });
    expect(String(upload.with!.name)).toContain('${{ matrix.shard }}');
  });

  it('runs in a project brief init made: the starter workflow\'s set-up, only scripts that project has, no registry fetch', async () => {
    const starter = parseDocument(readFileSync(join(ROOT, 'starter/workflow.yml'), 'utf8')).toJS() as { jobs: Record<string, Job> };
    const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
    const build = wf.jobs.build!;
    expect(runs(build)).toContain(runs(starter.jobs.build!).find((r) => r.startsWith('npm '))!);
    const { init } = await import('../../src/app/init.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'brief-shard-wf-'));
    try {
      await init({ dir });
      const scripts = Object.keys((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: object }).scripts);
      for (const r of runs(build)) {
        const script = /^npm run (\S+)/.exec(r)?.[1];
        if (script) expect(scripts, r).toContain(script);
        if (r.includes('npx ')) expect(r).toContain('npx --no-install brief');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // setup-node's npm cache needs a lock file, which a project made by init does not have yet
    expect(build.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with).not.toHaveProperty('cache');
  });

  it('merges every part into one folder after all shards are built', () => {
    const merge = wf.jobs.merge!;
    expect(merge.needs).toBe('build');
    const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'briefing-part-*', 'merge-multiple': true, path: 'out/' });
    expect(merge.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });
});
