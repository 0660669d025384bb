/**
 * One failure does not sink a batch (issue 19 point 6, issue 24 point 4): with `--week all`, a
 * document over its page budget and a week with an invalid sheet fail alone; every other document
 * and week is built; every failure is named at the end beside what was written; the exit code is
 * the gravest; and no file an earlier build left for a failed document stays as if it were current.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA, FIXTURES, readPdf, TEMPLATES, tempDir } from '../helpers.js';
import { brief, leftovers, STACK } from '../process-helpers.js';

const tmp = tempDir('brief-batch-');
afterAll(() => tmp.cleanup());

describe('brief build --week all with failures', () => {
  it('builds everything else, names every failure, exits 3 and leaves no stale file of a failed document', async () => {
    const root = tmp.dir;
    cpSync(DATA, join(root, 'data'), { recursive: true });
    cpSync(TEMPLATES, join(root, 'templates'), { recursive: true });
    // An audience whose briefing cannot fit its budget: the analyst one in one page.
    cpSync(join(root, 'templates/audiences/analyst'), join(root, 'templates/audiences/tiny'), { recursive: true });
    const config = join(root, 'templates/audiences/tiny/audience.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}page_budget: 1\n`);
    // A later week whose only sheet is invalid.
    mkdirSync(join(root, 'data/2025-W39'));
    writeFileSync(join(root, 'data/2025-W39/broken.yaml'), readFileSync(join(FIXTURES, 'invalid/schema-type.yaml')));
    // What an earlier build left for the document that will fail now.
    const out = join(root, 'out');
    mkdirSync(join(out, '2025-W38'), { recursive: true });
    writeFileSync(join(out, '2025-W38/tiny.pdf'), '%PDF-1.7 stale\n');
    writeFileSync(join(out, '2025-W38/tiny.html'), '<p>stale</p>\n');

    const r = await brief(['build', '--week', 'all', '--html', '--data', join(root, 'data'), '--templates', join(root, 'templates'), '--out', out], root);
    const output = r.stdout + r.stderr;
    expect(r.code, output).toBe(3);
    expect(output).not.toMatch(STACK);

    const built = ['2025-W37', '2025-W38'].flatMap((w) => ['analyst', 'executive', 'public'].map((a) => join(out, w, `${a}.pdf`)));
    expect(leftovers(out, /\.pdf$/)).toEqual([...built].sort());
    for (const f of built) expect((await readPdf(f)).pages, f).toBeGreaterThan(0);
    // The failed document has no file at all, not the earlier build's.
    for (const w of ['2025-W37', '2025-W38']) {
      expect(existsSync(join(out, w, 'tiny.pdf'))).toBe(false);
      expect(existsSync(join(out, w, 'tiny.html'))).toBe(false);
    }
    expect(leftovers(out, /\.tmp$/)).toEqual([]);

    // The closing summary: every failure, and exactly what was written.
    expect(r.stderr).toContain('brief: 2 briefings and 1 week failed; 6 briefings written:');
    for (const w of ['2025-W37', '2025-W38']) {
      expect(r.stderr).toMatch(new RegExp(`\\n {2}\\S*/out/${w}/tiny\\.pdf: \\d+ pages, over the tiny audience's budget of 1 by \\d+ pages?`));
    }
    expect(r.stderr).toMatch(/\n {2}2025-W39: 1 error in the fact sheets \(listed above\); nothing was built for this week/);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: error schema-type/);
    const writtenLine = /\n {2}written: (.*)\n/.exec(r.stderr)?.[1]?.split(', ').sort();
    expect(writtenLine).toEqual([...built].sort());
  });
});
