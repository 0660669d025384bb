/**
 * Right-to-left text where readers see it: glyph positions read back from the printed PDF
 * (pdftotext -bbox). An English sentence that opens with a Hebrew name reads left to right, its
 * full stop at its end (before: first-strong direction ran it right to left, ".Corp announced …
 * שלום"); a status summary in Arabic is set right to left and aligned to the right, its lines
 * ending together on the right (before: aligned to the left).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Session } from '../../src/app/session.js';
import { DATA, TEMPLATES, hasTool, tempDir } from '../helpers.js';

const tmp = tempDir('brief-bidi-');
const session = new Session({ printerOptions: { concurrency: 2 }, cacheDir: join(tmp.dir, 'cache') });
afterAll(async () => {
  await session.close();
  tmp.cleanup();
});

const HEBREW_LED = 'שלום Corp announced a framework deal today, and the board will vote on it next week.';
const ARABIC = 'وافقت الأطراف على إطار عمل مبدئي، لكن التفاصيل لم تنشر بعد. ويقول المسؤولون إن الاتفاق النهائي قد يستغرق أسابيع، وإن المراجعة التنظيمية في البلدين لم تبدأ بعد، وإن موعد التوقيع لم يحدد. وقال مسؤول إن المحادثات ستستمر الأسبوع المقبل في مدريد.';
const isArabic = (s: string) => /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/.test(s);
const isHebrew = (s: string) => /[\u0590-\u05ff]/.test(s);

interface Word { page: number; x0: number; y0: number; x1: number; text: string }
function words(pdf: string): Word[] {
  const out: Word[] = [];
  let page = 0;
  for (const line of execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).split('\n')) {
    if (line.includes('<page ')) { page++; continue; }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)<\/word>/.exec(line);
    const text = w?.[4]!.replace(/[\u2066-\u2069\u2060]/g, ''); // (an isolate alone is read as a word of its own)
    if (w && text) out.push({ page, x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), text });
  }
  return out;
}
/** The words on the line of `w` (same page, tops within 5 pt: an Arabic word's box depends on its letters), left to right. */
const lineOf = (all: Word[], w: Word) => all.filter((o) => o.page === w.page && Math.abs(o.y0 - w.y0) < 5).sort((a, b) => a.x0 - b.x0);

describe.skipIf(!hasTool('pdftotext'))('right-to-left text on the page', () => {
  it('an English sentence led by a Hebrew name reads left to right; an Arabic paragraph is right-aligned', async () => {
    const data = join(tmp.dir, 'data');
    cpSync(join(DATA, '2025-W38'), join(data, '2025-W38'), { recursive: true });
    const file = join(data, '2025-W38', 'tiktok-us-spinoff.yaml');
    const sheet = parse(readFileSync(file, 'utf8')) as { bluf: { text: string }; status: { summary: string; parties: { id: string; name: string }[] } };
    sheet.bluf.text = HEBREW_LED;
    sheet.status.summary = ARABIC;
    sheet.status.parties.find((p) => p.id === 'cn')!.name = 'ממשלת סין';
    writeFileSync(file, stringify(sheet).replace(/\.\.\/archive\//g, join(DATA, 'archive', '/')));
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out'), week: '2025-W38', audiences: ['analyst', 'executive'], session });
    for (const doc of result.documents) {
      const all = words(doc.path);
      const corp = all.filter((w) => w.text === 'Corp');
      expect(corp.length, doc.path).toBeGreaterThan(0);
      for (const c of corp) {
        const line = lineOf(all, c).map((w) => w.text);
        // The Hebrew name just left of "Corp", then the English words in their order
        const at = line.indexOf('Corp');
        expect(isHebrew(line[at - 1] ?? ''), line.join(' ')).toBe(true);
        expect(line.slice(at, at + 3)).toEqual(['Corp', 'announced', 'a']);
        expect(line.some((w) => /^\.\p{L}/u.test(w)), line.join(' ')).toBe(false); // no full stop stuck before a word
      }
      expect(all.some((w) => /^(week\.|next)$/.test(w.text))).toBe(true);
    }
    // The Arabic summary (the analyst briefing's deal status): three lines or more, their right ends together
    const analyst = words(result.documents.find((d) => d.audience === 'analyst')!.path);
    const lines: Word[][] = [];
    for (const w of analyst.filter((x) => isArabic(x.text))) if (!lines.some((l) => l.includes(w))) lines.push(lineOf(analyst, w));
    lines.sort((a, b) => a[0]!.page - b[0]!.page || a[0]!.y0 - b[0]!.y0);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const right = lines.map((l) => Math.max(...l.map((w) => w.x1)));
    const left = lines.map((l) => Math.min(...l.map((w) => w.x0)));
    // Right-aligned: every line ends at the same place; the short last line starts well right of the first
    for (const r of right) expect(Math.abs(r - right[0]!), JSON.stringify({ left, right })).toBeLessThan(4);
    expect(left.at(-1)! - left[0]!, JSON.stringify({ left, right })).toBeGreaterThan(30);
    // A party's name in Hebrew heading a row of positions aligns right in its cell: it ends just
    // before the next column's text (before: at the cell's left, a column's width away from it).
    // (pdftotext gives a right-to-left word's letters in the order they are drawn)
    // The rows of the sticking points' position tables (the flexibility column), not the
    // characterisations, where the name runs on into its sentence.
    const rows = analyst.filter((w) => w.text === 'סין' || [...w.text].reverse().join('') === 'סין').map((w) => lineOf(analyst, w))
      .filter((row) => row.some((w) => /^(red|firm|conditional|flexible|unknown)$/.test(w.text)));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const name = row.filter((w) => isHebrew(w.text));
      const end = Math.max(...name.map((w) => w.x1));
      const next = Math.min(...row.filter((w) => w.x0 > end && !isHebrew(w.text)).map((w) => w.x0));
      expect(next - end, row.map((w) => `${w.text}@${w.x0.toFixed(0)}`).join(' ')).toBeLessThan(12);
    }
  }, 120_000);

  it("a sheet's own override does not reorder its words on the page, and the fidelity check passes", async () => {
    // (before: "Trojan \u202Eevil\u202C" printed "live", and --verify refused the build)
    const data = join(tmp.dir, 'data-override');
    cpSync(join(DATA, '2025-W38'), join(data, '2025-W38'), { recursive: true });
    const file = join(data, '2025-W38', 'tiktok-us-spinoff.yaml');
    const sheet = parse(readFileSync(file, 'utf8')) as { bluf: { text: string }; status: { summary: string } };
    sheet.bluf.text = 'Reports of a Trojan \u202Eevil\u202C source deal were denied, and an \u2067open isolate follows here.';
    writeFileSync(file, stringify(sheet).replace(/\.\.\/archive\//g, join(DATA, 'archive', '/')));
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out-override'), week: '2025-W38', audiences: ['analyst', 'executive'], session, verify: true });
    expect(result.documents.map((d) => d.audience).sort()).toEqual(['analyst', 'executive']);
    for (const doc of result.documents) {
      const text = execFileSync('pdftotext', [doc.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text, doc.path).toContain('Reports of a Trojan evil source deal were denied, and an open isolate follows here.');
      expect(text, doc.path).not.toMatch(/\blive\b|[\u202a-\u202e\u2066-\u2069]/);
    }
  }, 120_000);
});
