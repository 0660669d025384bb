/**
 * Issue 18: every word, every script. A week whose sheets hold text in many scripts and emoji
 * sequences is built: every audience at once, then each alone and in another order on one page,
 * with --verify on. The PDFs hold every block of text (missingText), no missing-glyph box, only
 * the package's fonts, and the same bytes however they were batched.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { foreignFonts, missingText } from '../../src/pdf/fidelity.js';
import { isPackageFont } from '../../src/render/fonts.js';
import { pdfPageTexts } from '../../src/pdf/pdf-text.js';
import { DATA, weeksOnly, TEMPLATES, tempDir } from '../helpers.js';

const SCRIPTS = [
  '⚠️ ❤️ ✔️ 1️⃣ 👨‍👩‍👧 👍🏽 🇺🇸', 'Tiếng Việt Nguyễn', 'Ελληνικά', 'Русский', 'العربية للاستثمار', 'עברית', 'فارسی',
  'हिन्दी परीक्षण', 'বাংলা', 'ไทย', '中文测试', '繁體中文', '日本語テスト', '한국어 테스트', '↔ →', 'e\u0301',
  '≤ √ ∑ → ↔ ≠ ± × ≥ ∞ ⇒', 'Հայերեն', 'ქართული', 'ግዕዝ', 'தமிழ் நாடு', 'తెలుగు', 'ಕನ್ನಡ', 'മലയാളം', 'ગુજરાતી', 'ਪੰਜਾਬੀ',
  'ଓଡ଼ିଆ', 'සිංහල', 'ខ្មែរ', 'ລາວ', 'မြန်မာ', 'ދިވެހި',
  'བོད་ཡིག', 'ܐܪܡܝܐ', 'ᏣᎳᎩ', 'ᐃᓄᒃᑎᑐᑦ', 'ᠮᠣᠩᠭᠣᠯ', 'ꆈꌠꁱꂷ', 'ߒߞߏ', 'ⵜⴰⵎⴰⵣⵉⵖⵜ',
];
const LINE = SCRIPTS.join(' · ');

const tmp = tempDir('brief-fidelity-');
afterAll(() => tmp.cleanup());

function week(): string {
  const data = join(tmp.dir, 'data');
  cpSync(DATA, data, { recursive: true, filter: weeksOnly });
  const file = join(data, '2025-W38', 'us-china-trade.yaml');
  let text = readFileSync(file, 'utf8');
  text = text.replace('    The tariff truce now runs to November', '    ⚠️ ❤️ 한국어 العربية 中文. The tariff truce now runs to November');
  text = text.replace('The stage date is the earliest dated point in the sources.', `The stage date is the earliest dated point in the sources. ${LINE}.`);
  text = text.replace('text: "reducing investment barriers and advancing relevant economic and trade cooperation"', 'text: "خفض حواجز الاستثمار · 中文 · 한국어 ⚠️"');
  writeFileSync(file, text);
  return data;
}

/** The BaseFont names of a PDF's fonts, without their subset prefix. */
async function fontNames(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/Font') {
      const base = obj.get(PDFName.of('BaseFont'))?.toString();
      // A Type 3 font (glyphs drawn as PDF procedures: a bitmap or colour font) names no BaseFont.
      names.add(base ? base.replace(/^\/([A-Z]{6}\+)?/, '') : `(${obj.get(PDFName.of('Subtype'))?.toString()})`);
    }
  }
  return [...names].sort();
}

describe('every word, every script', () => {
  const data = week();
  const out = (name: string) => join(tmp.dir, name);

  it('prints every block in every audience, only with the package fonts, the same bytes alone and in any batch', async () => {
    const all = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: out('all'), week: '2025-W38', verify: true });
    expect(all.documents.map((d) => d.audience).sort()).toEqual(['analyst', 'executive', 'public']);
    const reversed = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: out('reversed'), week: '2025-W38', audiences: ['public', 'executive', 'analyst'], printerOptions: { concurrency: 1 } });
    for (const d of all.documents) {
      const alone = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: out(`alone-${d.audience}`), week: '2025-W38', audiences: [d.audience] });
      const bytes = readFileSync(d.path);
      expect(Buffer.compare(readFileSync(alone.documents[0]!.path), bytes), `${d.audience} alone`).toBe(0);
      expect(Buffer.compare(readFileSync(reversed.documents.find((r) => r.audience === d.audience)!.path), bytes), `${d.audience} reversed`).toBe(0);
      const text = (await pdfPageTexts(new Uint8Array(bytes))).join('');
      expect(text).not.toContain('\u25a1');
      // The executive page shows the BLUF, not the status summary that holds the long line.
      const expected = d.audience === 'executive' ? ['한국어', '中文'] : ['Tiếng Việt', 'Ελληνικά', 'Русский', '中文测试', '한국어', '日本語テスト', '繁體中文', '≤ √ ∑ → ↔ ≠ ± ×', 'Հայերեն', 'ქართული', 'ግዕዝ'];
      for (const s of expected) expect(text, `${d.audience}: ${s}`).toContain(s);
      // A topic's number and title read apart (the executive sets the number in a box of its own).
      expect(text, d.audience).toMatch(/2\.\s+US–China trade/);
      const fonts = await fontNames(new Uint8Array(bytes));
      expect(fonts.filter((f) => !/^Noto(Serif|Sans|Emoji)/.test(f)), `${d.audience}: ${fonts.join(', ')}`).toEqual([]);
      if (d.audience !== 'executive') {
        for (const f of ['NotoSansMath', 'NotoSansArabic', 'NotoSansHebrew', 'NotoSansDevanagari', 'NotoSansBengali', 'NotoSansThai', 'NotoSansKR', 'NotoSansSC', 'NotoEmoji',
          'NotoSansArmenian', 'NotoSansGeorgian', 'NotoSansEthiopic', 'NotoSansTamil', 'NotoSansTelugu', 'NotoSansKannada', 'NotoSansMalayalam', 'NotoSansGujarati',
          'NotoSansGurmukhi', 'NotoSansOriya', 'NotoSansSinhala', 'NotoSansKhmer', 'NotoSansLao', 'NotoSansMyanmar', 'NotoSansThaana',
          'NotoSerifTibetan', 'NotoSansSyriac', 'NotoSansCherokee', 'NotoSansCanadianAboriginal', 'NotoSansMongolian', 'NotoSansYi', 'NotoSansNKo', 'NotoSansTifinagh']) {
          expect(fonts.some((n) => n.startsWith(f)), `${d.audience} embeds ${f}: ${fonts.join(', ')}`).toBe(true);
        }
      }
    }
  }, 240_000);

  it('prints a script no bundled font has as brief\'s own boxes (each its code point), never from a font of the machine', async () => {
    const data2 = join(tmp.dir, 'data-uncovered');
    cpSync(DATA, data2, { recursive: true, filter: weeksOnly });
    const file = join(data2, '2025-W38', 'us-china-trade.yaml');
    const missing = 'ꕙꔤ · ᱥᱟᱱᱛᱟᱲᱤ · ᚠᚢᚦ · ꚠꚡ · 𐌰𐌱';
    writeFileSync(file, readFileSync(file, 'utf8')
      .replace('title: "US–China trade: the tariff truce and the wider deal"', 'title: "US–China trade: ꕙꔤ the tariff truce"')
      .replace('    The tariff truce now runs to November', `    ${missing}. The tariff truce now runs to November`));
    const all = await build({ dataDir: data2, templatesDir: TEMPLATES, outDir: out('uncovered'), week: '2025-W38', verify: true });
    expect(all.documents).toHaveLength(3);
    for (const d of all.documents) {
      const bytes = new Uint8Array(readFileSync(d.path));
      const fonts = await fontNames(bytes);
      expect(fonts.filter((f) => !/^(Noto(Serif|Sans|Emoji)|BriefLastResort)/.test(f)), `${d.audience}: ${fonts.join(', ')}`).toEqual([]);
      expect(fonts, d.audience).toContain('BriefLastResort');
      // Each box is mapped back to its character: the text layer keeps the words.
      const text = (await pdfPageTexts(bytes)).join('');
      for (const s of ['ꕙꔤ', 'ᱥᱟᱱᱛᱟᱲᱤ', 'ᚠᚢᚦ', 'ꚠꚡ', '𐌰𐌱']) expect(text, `${d.audience}: ${s}`).toContain(s);
    }
    const alone = await build({ dataDir: data2, templatesDir: TEMPLATES, outDir: out('uncovered-alone'), week: '2025-W38', audiences: ['executive'] });
    expect(Buffer.compare(readFileSync(alone.documents[0]!.path), readFileSync(all.documents.find((d) => d.audience === 'executive')!.path))).toBe(0);
  }, 240_000);

  it('fails a briefing printed with a font of the machine (a project template naming Georgia), naming the font, with --verify or without', async () => {
    const templates = join(tmp.dir, 'templates-georgia');
    mkdirSync(join(templates, 'audiences', 'executive'), { recursive: true });
    writeFileSync(join(templates, 'audiences', 'executive', 'style.css'), 'p { font-family: Georgia, serif !important; }\n');
    for (const verify of [true, false]) {
      const run = build({ dataDir: DATA, templatesDir: templates, outDir: out(`georgia-${verify}`), week: '2025-W38', audiences: ['executive'], verify });
      await expect(run, `verify: ${verify}`).rejects.toThrow(/printed with fonts? of this machine, not brief's: .*(Serif|Sans|Georgia)/);
      expect(existsSync(join(out(`georgia-${verify}`), '2025-W38', 'executive.pdf')), 'nothing written').toBe(false);
    }
    // Without the template, the same build passes: every font is brief's.
    const plain = await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out('plain'), week: '2025-W38', audiences: ['executive'], verify: true });
    expect(foreignFonts(new Uint8Array(readFileSync(plain.documents[0]!.path)), isPackageFont)).toEqual([]);
  }, 120_000);

  it('prints a sample of every common block of Unicode with brief\'s fonts only, and --verify reads all of it back', async () => {
    // Forty-odd blocks (Latin to emoji, Arabic presentation forms, CJK compatibility, box drawing),
    // up to 40 characters from each, marks on an "o": the characters a pasted text may hold.
    const BLOCKS: [number, number][] = [
      [0xa0, 0xff], [0x100, 0x17f], [0x180, 0x24f], [0x250, 0x2af], [0x2b0, 0x2ff], [0x300, 0x36f], [0x370, 0x3ff], [0x400, 0x4ff],
      [0x500, 0x52f], [0x530, 0x58f], [0x590, 0x5ff], [0x600, 0x6ff], [0x900, 0x97f], [0x980, 0x9ff], [0xe00, 0xe7f], [0x1e00, 0x1eff],
      [0x1f00, 0x1fff], [0x2000, 0x206f], [0x2070, 0x209f], [0x20a0, 0x20c0], [0x2100, 0x214f], [0x2150, 0x218f], [0x2190, 0x21ff],
      [0x2200, 0x22ff], [0x2300, 0x23ff], [0x2460, 0x24ff], [0x2500, 0x257f], [0x2580, 0x259f], [0x25a0, 0x25ff], [0x2600, 0x26ff],
      [0x2700, 0x27bf], [0x2b00, 0x2bff], [0x2f00, 0x2fdf], [0x3000, 0x303f], [0x3040, 0x309f], [0x30a0, 0x30ff], [0x3200, 0x32ff],
      [0x4e00, 0x4fff], [0xac00, 0xad80], [0xf900, 0xfaff], [0xfb00, 0xfb4f], [0xfb50, 0xfdff], [0xfe70, 0xfeff], [0xff00, 0xffef],
      [0x1d400, 0x1d7ff], [0x1f300, 0x1f5ff], [0x1f600, 0x1f6ff], [0x1f900, 0x1f9ff],
    ];
    const sample = ([lo, hi]: [number, number]) => {
      const chars: string[] = [];
      for (let cp = lo; cp <= hi; cp++) {
        const c = String.fromCodePoint(cp);
        if (/[\p{Cn}\p{Cc}\p{Cs}\p{Co}\p{Cf}\p{Z}]/u.test(c)) continue;
        chars.push(/\p{M}/u.test(c) ? `o${c}` : c);
      }
      const step = Math.max(1, Math.floor(chars.length / 40));
      return chars.filter((_, i) => i % step === 0).slice(0, 40).join(' ');
    };
    const data2 = join(tmp.dir, 'data-blocks');
    cpSync(DATA, data2, { recursive: true, filter: weeksOnly });
    const file = join(data2, '2025-W38', 'us-china-trade.yaml');
    const notes = BLOCKS.map((b) => `  - text: ${JSON.stringify(sample(b))}`).join('\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^notes:\n/m, `notes:\n${notes}\n`));
    const result = await build({ dataDir: data2, templatesDir: TEMPLATES, outDir: out('blocks'), week: '2025-W38', audiences: ['analyst'], verify: true });
    const pdf = new Uint8Array(readFileSync(result.documents[0]!.path));
    expect(foreignFonts(pdf, isPackageFont)).toEqual([]);
  }, 120_000);

  it('--verify names a block the PDF lacks, and passes one it holds', () => {
    const blocks = [
      { text: 'The truce holds to November.', topic: 'Trade', section: 't1-bluf' },
      { text: 'Xi asked Washington to refrain.', topic: 'Trade', section: 't1-status' },
    ];
    const missing = missingText(blocks, ['TLP:CLEARThe truce holds toNovember.[1]']);
    expect(missing.map((m) => m.block.section)).toEqual(['t1-status']);
    expect(missing[0]!.missing).toMatch(/^Xi asked Washington/);
    expect(missingText(blocks, ['The truce holds to November. Page 2 Xi asked Washington to refrain.'])).toEqual([]);
    // A block-long word is named by its start, not in full.
    const long = [{ text: '𓀀'.repeat(400), topic: 'Trade', section: 't1-bluf' }];
    expect([...missingText(long, ['nothing'])[0]!.missing].length).toBeLessThanOrEqual(120);
    // A subdivision flag is one glyph whose text pdf.js gives back as nothing; the words around it still count.
    const flag = [{ text: 'Scotland 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} votes.', topic: 'Trade', section: 't1-bluf' }];
    expect(missingText(flag, ['Scotland votes.'])).toEqual([]);
    expect(missingText(flag, ['Scotland'])).toHaveLength(1);
  });

  it('--verify reads Arabic as the PDF gives it back (dotless skeleton letters, glyphs with no character), and still finds it blanked', () => {
    const blocks = [{ text: 'قال الوزير إن المحادثات "بناءة" وستستمر في 14 سبتمبر.', topic: 'Talks', section: 't1-bluf' }];
    // What pdfjs read from such a line printed with Noto Sans Arabic: visual order, ف as ٯ, ي as ی or ں, some glyphs as U+0000.
    const printed = '.14 رٮمٮٮس ی\u0000ٯ رمٮٮسٮسو "هءاٮٮ" ٮاٮداحملا ںا رٮروا لاٯ';
    expect(missingText(blocks, [printed])).toEqual([]);
    expect(missingText(blocks, ['.14']).map((m) => m.block.section)).toEqual(['t1-bluf']);
  });
});
