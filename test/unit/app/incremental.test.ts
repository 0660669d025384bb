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
      previous: { byTopic: new Map([['a', { week: '2025-W38', file: join(dir, 'data', '2025-W38', 'a.yaml'), sheet: undefined, text: edit.previous ?? 'id: a\nold: 1\n' }]]), dropped: [], problems: [] },
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

/** When an incremental build starts the browser before it knows a document must print (app/build.ts). */
describe('the early hint that a week may be up to date', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('is yes only with a manifest for each document asked for and no sheet of the week saved after them', async () => {
    const { mayBeUpToDate } = await import('../../../src/app/build.js');
    const { utimesSync } = await import('node:fs');
    const data = join(tmp.dir, 'data'), out = join(tmp.dir, 'out');
    mkdirSync(join(data, '2025-W38'), { recursive: true });
    const sheet = join(data, '2025-W38', 'a.yaml');
    writeFileSync(sheet, 'id: a\n');
    const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);
    at(sheet, 1_000_000);
    expect(await mayBeUpToDate(out, data, '2025-W38', undefined)).toBe(false); // no manifest at all
    for (const a of ['analyst', 'public']) {
      const m = manifestPath(join(out, '2025-W38', `${a}.pdf`));
      mkdirSync(join(m, '..'), { recursive: true });
      writeFileSync(m, '{}\n');
      at(m, 2_000_000);
    }
    expect(await mayBeUpToDate(out, data, '2025-W38', undefined)).toBe(true);
    expect(await mayBeUpToDate(out, data, '2025-W38', ['analyst'])).toBe(true);
    expect(await mayBeUpToDate(out, data, '2025-W38', ['analyst', 'executive'])).toBe(false); // no executive manifest
    at(sheet, 3_000_000); // the sheet saved after the documents were written
    expect(await mayBeUpToDate(out, data, '2025-W38', undefined)).toBe(false);
    expect(await mayBeUpToDate(out, data, '2025-W38', ['public'])).toBe(false);
  });
});
