import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, readPdf, tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';


describe('the brief command', () => {
  it('validate data/ exits 0', async () => {
    const r = await brief(['validate', 'data/']);
    expect(r.stderr).toMatch(/\d+ files? checked: 0 errors/);
    expect(r.code).toBe(0);
  });

  it('validate on a broken sheet prints file:line:col, the line and a caret, and exits 1', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'broken.yaml');
    writeFileSync(file, readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8').replace('stage: framework_agreed', 'stage: framework_agred'));
    const r = await brief(['validate', file], tmp.dir);
    tmp.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^broken\.yaml:13:10: error schema-enum: /m);
    expect(r.stderr).toContain('  stage: framework_agred');
    expect(r.stderr).toMatch(/\|\s{10}\^{15}/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('build --week all builds every week in one run: a line per document, one summary', async () => {
    const tmp = tempDir();
    try {
      const r = await brief(['build', '--week', 'all', '--audience', 'executive,public', '--out', tmp.dir]);
      expect(r.code).toBe(0);
      for (const w of ['2025-W37', '2025-W38']) {
        for (const a of ['executive', 'public']) expect(r.stdout).toMatch(new RegExp(`${w}/${a}\\.pdf  \\d+ pages?  TLP:CLEAR  \\d+ ms`));
      }
      expect(r.stdout).toMatch(/^built 4 briefings for 2 weeks \(2025-W37, 2025-W38\) in \d+ ms$/m);
      expect((await readPdf(join(tmp.dir, '2025-W37', 'public.pdf'))).text).toContain('2025-W37');
      expect((await readPdf(join(tmp.dir, '2025-W38', 'public.pdf'))).text).toContain('2025-W38');
      const bad = await brief(['build', '--week', '2025-W38,2031-W01', '--audience', 'executive', '--out', join(tmp.dir, 'bad')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('no data for week 2031-W01');
    } finally {
      tmp.cleanup();
    }
  });

  it('build with invalid data exits 1 and writes nothing', async () => {
    const tmp = tempDir();
    mkdirSync(join(tmp.dir, 'data', '2025-W38'), { recursive: true });
    copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(tmp.dir, 'data', '2025-W38', 'a.yaml'));
    writeFileSync(join(tmp.dir, 'data', '2025-W38', 'b.yaml'), 'id: [oops\n');
    const r = await brief(['build', '--data', join(tmp.dir, 'data'), '--templates', join(ROOT, 'templates'), '--out', join(tmp.dir, 'out')], tmp.dir);
    const outExists = (() => { try { readFileSync(join(tmp.dir, 'out')); return true; } catch (e) { return (e as NodeJS.ErrnoException).code !== 'ENOENT'; } })();
    tmp.cleanup();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.yaml:\d+:\d+: error yaml-syntax/);
    expect(outExists).toBe(false);
  });

  it('unknown commands, weeks and audiences are usage errors (exit 2) with the choices', async () => {
    expect((await brief(['frobnicate'])).code).toBe(2);
    const week = await brief(['build', '--week', '2031-W01']);
    expect(week.code).toBe(2);
    expect(week.stderr).toContain('available: 2025-W37, 2025-W38');
    const aud = await brief(['build', '--audience', 'nobody']);
    expect(aud.code).toBe(2);
    expect(aud.stderr).toContain("unknown audience 'nobody' (available: analyst, executive, public)");
  });

  it('schema prints the JSON Schema', async () => {
    const r = await brief(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
