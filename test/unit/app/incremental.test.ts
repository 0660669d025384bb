import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_DIGEST_FILE, codeDigest, inputsHash, manifestPath, type DocumentInputs } from '../../../src/app/incremental.js';
import type { TemplateSet } from '../../../src/render/render.js';
import type { Audience } from '../../../src/load/audience.js';
import { ROOT, tempDir } from '../../helpers.js';

/** What an incremental build hashes as a document's inputs (src/app/incremental.ts). */
describe('the inputs of a document', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  /** A project in `dir`: one template file and an audience; inputs for one document of week W39. */
  function inputs(dir: string, edit: Partial<{ sheet: string; previous: string; template: string; title: string; browser: string; week: string }> = {}): DocumentInputs {
    const templates = join(dir, 'templates');
    mkdirSync(join(templates, 'base'), { recursive: true });
    writeFileSync(join(templates, 'base', 'layout.hbs'), edit.template ?? '<html>{{title}}</html>');
    const audience = { name: 'analyst', dir: join(templates, 'audiences', 'analyst'), title: edit.title ?? 'Analyst' } as unknown as Audience;
    const set = { audience, files: [join(templates, 'base', 'layout.hbs')], render: () => '' } as TemplateSet;
    return {
      week: edit.week ?? '2025-W39',
      sheets: new Map([[join(dir, 'data', '2025-W39', 'a.yaml'), edit.sheet ?? 'id: a\n']]),
      previous: { byTopic: new Map([['a', { week: '2025-W38', file: join(dir, 'data', '2025-W38', 'a.yaml'), sheet: undefined, text: edit.previous ?? 'id: a\nold: 1\n' }]]), problems: [] },
      set, templatesDir: templates, browser: edit.browser ?? 'chromium-headless-shell:1000',
    };
  }

  it('the same inputs in another folder hash the same (no absolute path in the hash)', async () => {
    expect(await inputsHash(inputs(join(tmp.dir, 'one')))).toBe(await inputsHash(inputs(join(tmp.dir, 'two'))));
  });

  it('each input changes the hash: the sheets, the previous edition, a template, the audience config, the browser, the week', async () => {
    const base = await inputsHash(inputs(join(tmp.dir, 'base')));
    const edits = [{ sheet: 'id: a\nx: 1\n' }, { previous: 'id: a\nold: 2\n' }, { template: '<html>{{title}}!</html>' }, { title: 'Analysts' }, { browser: 'chromium-headless-shell:1001' }, { week: '2025-W40' }];
    const hashes = [];
    for (const [i, edit] of edits.entries()) hashes.push(await inputsHash(inputs(join(tmp.dir, `edit-${i}`), edit)));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(edits.length);
  });

  it('keeps a manifest beside each PDF, in the week folder\'s .brief/', () => {
    expect(manifestPath(join('out', '2025-W38', 'analyst.pdf'))).toBe(join('out', '2025-W38', '.brief', 'analyst.json'));
  });

  it('the code digest written at build time is that of the compiled code now', () => {
    const file = join(ROOT, 'dist', CODE_DIGEST_FILE);
    if (!existsSync(file)) return; // not built (npm run build:ts writes it)
    expect(JSON.parse(readFileSync(file, 'utf8')).digest).toBe(codeDigest(join(ROOT, 'dist')));
  });
});
