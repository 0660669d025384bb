/**
 * Letters written decomposed (a base letter and combining marks, as macOS and text copied from
 * PDFs give them; Hangul as conjoining jamo) print composed, from the package's fonts: before,
 * "ğ", "ş", "ř" and decomposed Vietnamese came from the machine's Liberation and DejaVu fonts
 * (silently: only --verify looked at the fonts) and decomposed Korean printed as boxes. A letter
 * and marks that no one bundled face has together print as brief's boxes, never from the machine.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { foreignFonts } from '../../src/pdf/fidelity.js';
import { isPackageFont } from '../../src/render/fonts.js';
import { pdfPageTexts } from '../../src/pdf/pdf-text.js';
import { loadSheets } from '../../src/validate/sheets.js';
import { weeklyDiff } from '../../src/app/weekly-diff.js';
import { DATA, TEMPLATES, tempDir } from '../helpers.js';

const tmp = tempDir('brief-decomposed-');
afterAll(() => tmp.cleanup());

/** Words of several languages, as they are usually written (composed). */
const WORDS = ['Kılıçdaroğlu', 'Dvořák', 'Şişli', 'Ålesund', 'Nguyễn Thị Ánh', 'Hà Nội', '협상', '한국'];
const NFD = WORDS.map((w) => w.normalize('NFD')).join(', ');

/** The sample week with `text` in the second topic's title and at the start of its bottom line. */
function weekWith(name: string, title: string, bluf: string): string {
  const data = join(tmp.dir, name);
  cpSync(DATA, data, { recursive: true });
  const file = join(data, '2025-W38', 'us-china-trade.yaml');
  writeFileSync(file, readFileSync(file, 'utf8')
    .replace('title: "US–China trade: the tariff truce and the wider deal"', `title: "US–China trade: ${title}"`)
    .replace('    The tariff truce now runs to November', `    ${bluf}. The tariff truce now runs to November`));
  return data;
}

const boxes = (pdf: Uint8Array) => /\/BaseFont\s*\/(?:[A-Z]{6}\+)?BriefLastResort/.test(Buffer.from(pdf).toString('latin1'));

describe('letters written as a base letter and combining marks', () => {
  it('print composed, from the package fonts only, with no box, in every audience', async () => {
    expect(NFD).not.toBe(NFD.normalize('NFC')); // the test's text really is decomposed
    const data = weekWith('nfd', NFD.split(', ').slice(0, 3).join(' '), NFD);
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out-nfd'), week: '2025-W38', verify: true });
    expect(result.documents).toHaveLength(3);
    for (const d of result.documents) {
      const pdf = new Uint8Array(readFileSync(d.path));
      expect(foreignFonts(pdf, isPackageFont), d.audience).toEqual([]);
      expect(boxes(pdf), `${d.audience}: no last-resort boxes`).toBe(false);
      const text = (await pdfPageTexts(pdf)).join(' ');
      for (const w of WORDS) expect(text, `${d.audience}: ${w}`).toContain(w);
    }
    // validate has nothing to say of them: they print.
    const { problems } = await loadSheets([join(data, '2025-W38', 'us-china-trade.yaml')]);
    expect(problems.filter((p) => p.rule === 'glyph-missing')).toEqual([]);
  }, 120_000);

  it('a letter and marks no one face has together print as brief\'s boxes, never from a font of the machine, and validate says so', async () => {
    // "x" is in the Latin faces, U+0323 only in the Vietnamese ones; "q̆" has no composed form and
    // U+0306 is in no Latin face; "ą́" has no composed form and its accent is in another face; no
    // font has U+0335 at all.
    const odd = ['x\u0323', 'q\u0306', '\u0105\u0301', 'b\u0335'];
    // (the title also reads like a font dictionary: text in a bookmark, which fails no font check)
    const data = weekWith('odd', `${odd.join(' ')} talks /BaseFont /Evil /Type /Font /Subtype /Type3`, `Met in ${odd.join(' ')} and quick xylophones`);
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out-odd'), week: '2025-W38', verify: true });
    for (const d of result.documents) {
      const pdf = new Uint8Array(readFileSync(d.path));
      expect(foreignFonts(pdf, isPackageFont), d.audience).toEqual([]);
      expect(boxes(pdf), d.audience).toBe(true);
      // The boxes are mapped to their characters: the text layer keeps the letters and marks.
      const text = (await pdfPageTexts(pdf)).join(' ').normalize('NFC');
      for (const w of [...odd, 'quick xylophones']) expect(text, `${d.audience}: ${w}`).toContain(w.normalize('NFC'));
    }
    const { problems } = await loadSheets([join(data, '2025-W38', 'us-china-trade.yaml')]);
    const messages = problems.filter((p) => p.rule === 'glyph-missing').map((p) => `${p.line}:${p.col} ${p.message}`);
    expect(messages.some((m) => m.includes("letter 'x̣' (U+0078 U+0323)"))).toBe(true);
    expect(messages.some((m) => m.includes("letter 'ą́' (U+0105 U+0301)"))).toBe(true);
    expect(messages.some((m) => m.includes("letter 'q̆' (U+0071 U+0306)"))).toBe(true);
    expect(messages.some((m) => m.includes('combining mark') && m.includes('U+0335'))).toBe(true);
  }, 120_000);

  it('in capitals too (a label CSS sets in upper case): a letter and a mark no face has together never comes from a font of the machine', async () => {
    // The topic line prints in capitals: "b̼" there is "B̼", a cluster of its own that the boxes must cover as well.
    const odd = ['b\u033c', 'q\u0306', 'x\u0323', '\u0105\u0301'];
    const data = join(tmp.dir, 'capitals');
    cpSync(DATA, data, { recursive: true });
    const file = join(data, '2025-W38', 'us-china-trade.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^topic: "(.*)"$/m, `topic: "$1 ${odd.join(' ')}"`));
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out-capitals'), week: '2025-W38', verify: true });
    expect(result.documents).toHaveLength(3);
    for (const d of result.documents) {
      const pdf = new Uint8Array(readFileSync(d.path));
      expect(foreignFonts(pdf, isPackageFont), d.audience).toEqual([]);
      expect(boxes(pdf), d.audience).toBe(true);
    }
  }, 120_000);

  it('an edition written decomposed is the same text as one written composed: the week-over-week diff finds no change', async () => {
    const data = join(tmp.dir, 'diff');
    cpSync(DATA, data, { recursive: true });
    const w38 = join(data, '2025-W38');
    const w39 = join(data, '2025-W39');
    mkdirSync(w39);
    for (const f of readdirSync(w38)) {
      // (a position's text is compared word for word: a rewording is a change)
      const text = readFileSync(join(w38, f), 'utf8').replace('          Maintains tariffs on Chinese goods', `          ${WORDS.join(', ')}. Maintains tariffs on Chinese goods`);
      writeFileSync(join(w38, f), text);
      writeFileSync(join(w39, f), text.normalize('NFD'));
    }
    expect(readFileSync(join(w38, 'us-china-trade.yaml'), 'utf8')).toContain(WORDS[0]);
    const diff = await weeklyDiff({ dataDir: data, week: '2025-W39' });
    expect(diff.topics.length).toBe(2);
    for (const t of diff.topics) expect(t.lines, t.id).toEqual([]);
  }, 60_000);
});
