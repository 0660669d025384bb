/**
 * Issue 18, as a property over the whole pipeline: text drawn from many scripts, emoji sequences
 * (VS16, ZWJ families, skin tones, flags, keycaps) and combining marks, put into the fields every
 * audience prints, with scripts no bundled font has and any visible character of the first two
 * planes, is built for every audience with --verify (every block of the page's text found in the
 * PDF). The PDFs embed only the package's fonts and brief's last-resort font, and the left-to-right words are in the
 * PDF's text as written.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, parseDocument, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Session } from '../../src/app/session.js';
import { DATA, weeksOnly, TEMPLATES, hasTool, readPdf, tempDir } from '../helpers.js';

/** Words that extract in logical order (left-to-right scripts), checked in the PDF's text. */
const LTR = ['Nguyễn Tiếng', 'Ελληνικά', 'Русский', '中文测试', '繁體中文', '日本語テスト', '한국어', 'Größe', 'e\u0301té', 'Łódź', 'ქართული', 'Հայերեն', 'ግዕዝ', 'ᏣᎳᎩ', 'ⵜⴰⵎⴰⵣⵉⵖⵜ', 'ꆈꌠꁱꂷ', 'ᐃᓄᒃᑎᑐᑦ'];
/** Text that is shaped or reordered (its extraction differs): checked by --verify's own matching. */
const SHAPED = ['العربية للاستثمار', 'עברית', 'فارسی', 'हिन्दी परीक्षण', 'বাংলা', 'ไทย', 'தமிழ்', 'తెలుగు', 'ಕನ್ನಡ', 'മലയാളം', 'ગુજરાતી', 'ਪੰਜਾਬੀ', 'ଓଡ଼ିଆ', 'සිංහල', 'ខ្មែរ', 'ລາວ', 'မြန်မာ', 'ދިވެހި', 'བོད་ཡིག', 'ᠮᠣᠩᠭᠣᠯ', 'ܐܪܡܝܐ', 'ߒߞߏ'];
const EMOJI = ['⚠️', '❤️', '✔️', '1️⃣', '👨‍👩‍👧', '👍🏽', '🇺🇸', '↔', '→'];

/** Scripts no bundled font has: they print from brief's last-resort font, boxes mapped back to their characters. */
const UNCOVERED = ['ꕙꔤ', '𐌰𐌱', 'ᚠᚢᚦ', 'ᱥᱟᱱᱛᱟᱲᱤ', 'ꚠꚡ', 'ⰳⰾⰰⴳⱁ'];
/** Any visible character from the first two planes (letters, digits, symbols; not marks, spaces or format characters). */
const anyChar = fc.integer({ min: 0xa1, max: 0x2ffff }).map((cp) => String.fromCodePoint(cp))
  .filter((c) => /^[\p{L}\p{N}\p{S}]$/u.test(c) && !/\p{Default_Ignorable_Code_Point}/u.test(c));

/**
 * A letter (Latin, Greek, Cyrillic) with one to three combining marks, as a decomposed text holds
 * it: composed where a composed letter exists, else set from one face or as brief's boxes, never
 * from a font of the machine (util/marks.ts, render/fonts.ts).
 */
const marked = fc.tuple(
  fc.oneof(fc.integer({ min: 0x41, max: 0x5a }), fc.integer({ min: 0x61, max: 0x7a }), fc.integer({ min: 0x391, max: 0x3c9 }), fc.integer({ min: 0x410, max: 0x44f })),
  fc.array(fc.integer({ min: 0x300, max: 0x36f }), { minLength: 1, maxLength: 3 }),
).map(([base, marks]) => String.fromCodePoint(base, ...marks));

const token = fc.oneof(fc.constantFrom(...LTR), fc.constantFrom(...SHAPED), fc.constantFrom(...EMOJI), fc.constantFrom(...UNCOVERED),
  fc.array(anyChar, { minLength: 1, maxLength: 4 }).map((c) => c.join('')),
  // decomposed words (macOS, PDFs): they print as their composed letters
  fc.constantFrom(...LTR).map((w) => w.normalize('NFD')), marked);
const phrase = fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => t.join(' '));

// Fixed seeds keep CI's verdict about the code alone; BRIEF_TEST_SEED=N runs these with another
// one (a hunt for what the fixed ones have not found: a failure prints its seed and path).
const SEED = Number(process.env.BRIEF_TEST_SEED) || undefined;
const tmp = tempDir('brief-fidelity-prop-');
const session = new Session({ printerOptions: { concurrency: 2 }, cacheDir: join(tmp.dir, 'cache') });
afterAll(async () => {
  await session.close();
  tmp.cleanup();
});

/** A copy of the sample week with the phrases in the BLUF, the title, the status and a sticking point. */
function weekWith(run: number, p: { bluf: string; title: string; status: string; point: string }): string {
  const data = join(tmp.dir, `data-${run}`);
  cpSync(DATA, data, { recursive: true, filter: weeksOnly });
  const file = join(data, '2025-W38', 'us-china-trade.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.setIn(['bluf', 'text'], `${p.bluf}. The truce runs to November.`);
  doc.setIn(['title'], `Trade ${p.title}`);
  doc.setIn(['status', 'summary'], `Where things stand: ${p.status}.`);
  doc.setIn(['sticking_points', 0, 'title'], `Tariffs ${p.point}`);
  writeFileSync(file, doc.toString());
  return data;
}

/** Text keys a template prints (test/injection.ts TEXT_KEYS): each gets a phrase of its own. */
const PRINTED = new Set(['title', 'topic', 'summary', 'text', 'name', 'label', 'role', 'affiliation', 'view', 'stance', 'statement', 'source_summary', 'note', 'notes_text']);

/** A copy of the sample week with a phrase added to every printed text field of one sheet, in turn. */
function everyField(run: number, phrases: string[]): string {
  const data = join(tmp.dir, `data-all-${run}`);
  cpSync(DATA, data, { recursive: true, filter: weeksOnly });
  const file = join(data, '2025-W38', 'us-china-trade.yaml');
  let n = 0;
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string' && key !== undefined && PRINTED.has(key)) return `${v} ${phrases[n++ % phrases.length]}`;
    return v;
  };
  writeFileSync(file, stringify(walk(parse(readFileSync(file, 'utf8')))));
  return data;
}

/** The fonts a PDF embeds, by pdffonts, without subset prefixes. */
const embedded = (path: string) => execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));

describe.skipIf(!hasTool('pdffonts'))('every script, every audience (property)', () => {
  it('every printed field of a sheet: every block in the PDF, only brief\'s fonts, the same bytes alone as in a shuffled batch', async () => {
    let run = 0;
    const audiences = ['analyst', 'executive', 'public'];
    await fc.assert(fc.asyncProperty(fc.array(phrase, { minLength: 3, maxLength: 8 }), fc.shuffledSubarray(audiences, { minLength: 3, maxLength: 3 }), async (phrases, order) => {
      const data = everyField(++run, phrases);
      const batch = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, `all-${run}`), week: '2025-W38', audiences: order, session, verify: true });
      expect(batch.documents.map((d) => d.audience).sort()).toEqual(audiences);
      for (const doc of batch.documents) {
        expect(embedded(doc.path).filter((f) => !/^(Noto|BriefLastResort)/.test(f)), doc.path).toEqual([]);
        const alone = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, `alone-${run}-${doc.audience}`), week: '2025-W38', audiences: [doc.audience] });
        expect(Buffer.compare(readFileSync(alone.documents[0]!.path), readFileSync(doc.path)), `${doc.audience} alone`).toBe(0);
      }
      rmSync(data, { recursive: true, force: true });
    }), { numRuns: 3, seed: SEED ?? 25 });
  }, 300_000);


  it('every block of text is in the PDF, with only the package fonts (and brief\'s last-resort font)', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.record({ bluf: phrase, title: phrase, status: phrase, point: phrase }), async (p) => {
      const data = weekWith(++run, p);
      const outDir = join(tmp.dir, `out-${run}`);
      const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir, week: '2025-W38', session, verify: true });
      expect(result.documents.map((d) => d.audience).sort()).toEqual(['analyst', 'executive', 'public']);
      for (const doc of result.documents) {
        const fonts = execFileSync('pdffonts', [doc.path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
          .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
        expect(fonts.filter((f) => !/^(Noto|BriefLastResort)/.test(f)), doc.path).toEqual([]);
        const { text } = await readPdf(doc.path);
        expect(text).not.toContain('\u25a1');
        const flat = text.replace(/\s+/g, '');
        // The BLUF is in every audience; its left-to-right words are in the text as written.
        for (const word of LTR.filter((w) => p.bluf.normalize('NFC').includes(w))) expect(flat, `${doc.audience}: ${word}`).toContain(word.normalize('NFC').replace(/\s+/g, ''));
      }
      rmSync(outDir, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }), { numRuns: 8, seed: SEED ?? 18, examples: [[{ bluf: '⚠️', title: '⚠️', status: '中文测试', point: 'العربية للاستثمار' }]] });
  }, 300_000);
});
