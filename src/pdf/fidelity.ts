import { clip } from '../util/text.js';
import { dictionaryAround, PdfLite, withoutStrings } from './pdf-lite.js';
import { glyphAliases } from '../util/font-catalogue.js';
/**
 * fidelity: does a PDF hold the text its HTML showed? Each block of text the page showed (a
 * paragraph, list item, cell, heading: see cdp.ts textBlocks) is looked for in the PDF's text.
 *
 * What a PDF's text can be trusted to give back decides how: Chromium writes each glyph's text from
 * the font's character map, so
 * - spaces and line breaks are not reliable (lines are joined with none): whitespace is ignored;
 * - ligatures and Arabic contextual forms come back as compatibility characters (ﬁ, ﻻ): both sides
 *   are compared in NFKC, which folds them;
 * - variation selectors, joiners and skin-tone modifiers may come back as nothing (or U+0000), and
 *   so may a subdivision flag (🏴 and its tag characters: one glyph whose text pdf.js drops);
 * - scripts whose glyphs are reordered or made by shaping (Arabic, Syriac, Thaana, Indic, Thai,
 *   Khmer, …) come back in visual order, with glyphs that have no character of their own missing
 *   (a Devanagari vowel sign before its consonant, an Arabic medial form the font does not map).
 * - Arabic fonts that draw letters as a dotless skeleton plus dots (Noto Sans Arabic) map many
 *   glyphs back to the skeleton letter (ٮ for ب ت ث ن ي, ٯ for ف ق) or to nothing: Arabic letters
 *   are compared by their skeleton (RASM).
 * So a block's letters of those scripts are only required as letters the page must contain, not as
 * a sequence; every other character of the block is looked for in order. A block shown blank (the
 * fault this guards against: a face not loaded when printing) loses all of its text, which this finds.
 */
export interface TextBlock {
  text: string;
  /** The topic the block is in (its article's heading), if any. */
  topic?: string;
  /** The section the block is in (its id or class), if any. */
  section?: string;
}

export interface MissingText {
  block: TextBlock;
  /** The first words of the block that the PDF does not hold. */
  missing: string;
}

/** Characters not compared at all: controls, joiners, direction marks, variation selectors, modifiers, tags, hyphens. */
const IGNORED = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u200b-\u200f\u2010\u2011\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff\u20e3-]|\u{1f3fb}|\u{1f3fc}|\u{1f3fd}|\u{1f3fe}|\u{1f3ff}|[\u{e0000}-\u{e007f}]|[\u{e0100}-\u{e01ef}]/gu;

/** Scripts whose text a PDF gives back out of order or in part: their letters are checked as a set. */
const SHAPED = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}\p{M}]/u;

const SUBDIVISION_FLAG = /\u{1f3f4}[\u{e0020}-\u{e007f}]+/gu;

/**
 * Both sides of a comparison as a PDF's text layer can give them back: in NFKC; an accented i or j
 * that the font drew as a dotless one and the accent ("ī" comes back as "ı" U+0304) as the letter
 * and accent; a character drawn with the glyph of a lower one (U+30FB KATAKANA MIDDLE DOT with
 * U+00B7's) as that one (the text layer maps a glyph to one character: font-catalogue glyphAliases).
 */
const fold = (s: string): string => unalias(s.replace(DOTLESS, (c) => (c === 'ı' ? 'i' : 'j')).normalize('NFKC')).replace(SUBDIVISION_FLAG, '').replace(IGNORED, '');
const DOTLESS = /[ıȷ](?=[\u0300-\u036f])/g;

let aliases: Map<number, number> | undefined;
function unalias(s: string): string {
  if (!/[^\u0000-\u007f]/.test(s)) return s;
  aliases ??= glyphAliases();
  let out = '';
  for (const ch of s) {
    const to = aliases.get(ch.codePointAt(0)!);
    out += to === undefined ? ch : String.fromCodePoint(to);
  }
  return out;
}

/**
 * Arabic letters by their dotless skeleton: letters that differ only by dots, rings, small letters or
 * hamza compare equal. The letters of Urdu, Pashto, Sindhi, Kurdish, Uyghur and the other languages
 * written in Arabic script (the Arabic blocks' "ARABIC LETTER <base> WITH …", by their base letter's
 * skeleton) come back from Noto Sans Arabic's PDF text the same way (Pashto ښ as س, ې as ى).
 */
const RASM: Record<string, string> = Object.fromEntries([
  ['ٮ', 'بتثنيئىیںپٹؠؽؾؿٸٺټٽٿڀڹڻڼڽۍێېۑݐݑݒݓݔݕݖݧݨݩݵݶݷࢠࢡࢨࢩࢶࢷࢸࢺࢾࢿࣀ'], ['ٯ', 'فقڡڤڢڣڥڦڧڨݠݡࢤࢥࢵࢻࢼࣄ'],
  ['ح', 'جخچځڂڃڄڅڇڿݗݘݮݯݲݼࢢࣁࣅࣆ'], ['د', 'ذڈډڊڋڌڍڎڏڐۮݙݚࢮ'], ['ر', 'زژڑڒړڔڕږڗڙۯݛݫݬݱࢪࢲࢹ'], ['س', 'شښڛڜۺݜݭݰݽݾ'],
  ['ص', 'ضڝڞۻࢯ'], ['ط', 'ظڟࢣ'], ['ع', 'غڠۼݝݞݟࢳࣃ'], ['ه', 'ةەۀہۂۃۿ'], ['ا', 'أإآٱٲٳٵݳݴ'], ['و', 'ؤٶٷۄۅۆۇۈۉۊۋۏݸݹࢫ'],
  ['ک', 'كگػؼڪګڬڭڮڰڱڲڳڴݢݣݤݿࢰࢴࣂ'], ['ل', 'ڵڶڷڸݪࢦࣇ'], ['م', 'ݥݦࢧ'],
].flatMap(([skeleton, letters]) => [...letters!].map((l) => [l, skeleton!])));

/** The ordered part of a text (its characters outside SHAPED scripts) and its shaped letters. */
function split(s: string): { ordered: string; shaped: Set<string>; gaps: string } {
  let ordered = '';
  let gaps = '';
  const shaped = new Set<string>();
  // (U+0000 before a mark, a letter's glyph with no character, is kept apart: see withGaps)
  const nul = s.includes('\u0000');
  for (const ch of fold(nul ? s.replace(/\u0000(?=\p{M})/gu, GAP) : s)) {
    if (ch === GAP) gaps += '\u0000';
    else if (SHAPED.test(ch)) { if (!/\p{M}/u.test(ch)) shaped.add(RASM[ch] ?? ch); } else { ordered += ch; gaps += ch; }
  }
  return { ordered, shaped, gaps: nul ? gaps : ordered };
}
/** U+0000 through fold (which drops controls): a noncharacter no text holds. */
const GAP = '\ufdd0';

/** Whether the PDF's text holds most of a set of shaped letters. */
function mostOf(pdf: { shaped: Set<string> }, shaped: Set<string>): boolean {
  let found = 0;
  for (const c of shaped) if (pdf.shaped.has(c)) found++;
  return found * 2 >= shaped.size;
}

/** Whether the PDF's text holds a text: its ordered part as one run, and most of its shaped letters. */
function holds(pdf: { ordered: string; shaped: Set<string>; gaps: string }, text: string): boolean {
  const { ordered, shaped } = split(text);
  return (pdf.ordered.includes(ordered) || withGaps(pdf.gaps, ordered)) && mostOf(pdf, shaped);
}

/**
 * Whether `text` is in `pdf` where a U+0000 of the PDF's text may stand for any one character: a
 * letter whose glyph a font substituted to carry a mark has no character of its own (Vietnamese
 * "ị" in Noto Sans comes back as U+0000 and its dot below). Only such a U+0000, before a mark, is
 * kept (split); any other is dropped, as a shaped glyph's is. Looked at only when the plain search fails.
 */
function withGaps(pdf: string, text: string): boolean {
  if (text === '' || !pdf.includes('\u0000')) return false;
  const chars = [...text].map((c) => `[${c.replace(/[\\\]^-]/g, '\\$&')}\u0000]`);
  return new RegExp(chars.join(''), 'u').test(pdf);
}

/** Tokens of a word for the last, loosest look: runs of letters, and each other character apart. */
const tokens = (word: string): string[] => word.match(/[\p{L}\p{M}]+|[^\p{L}\p{M}]/gu) ?? [];

/**
 * The blocks whose text the PDF's pages do not hold, each with its first missing words. A block is
 * looked for whole, then (a block broken across pages has the running head and foot inside it, and
 * the PDF has text the HTML's innerText has not, such as CSS generated content around citation
 * markers) in runs of a few words, then word by word, then by the runs of letters and the other characters of a word.
 */
export function missingText(blocks: readonly TextBlock[], pageTexts: readonly string[]): MissingText[] {
  const pdf = split(pageTexts.join(''));
  const out: MissingText[] = [];
  for (const block of blocks) {
    const whole = split(block.text);
    if (whole.ordered === '' && whole.shaped.size === 0) continue;
    if (holds(pdf, block.text)) continue;
    const words = block.text.split(/\s+/).filter(Boolean);
    // A word of shaped letters only is judged with its block: the PDF may lack a short word's letters.
    const shapedOk = mostOf(pdf, whole.shaped);
    const lost: string[] = [];
    const RUN = 4;
    for (let i = 0; i < words.length; i += RUN) {
      const run = words.slice(i, i + RUN);
      if (holds(pdf, run.join(' '))) continue;
      for (const w of run) {
        if (shapedOk && split(w).ordered === '') continue;
        if (!holds(pdf, w) && !tokens(w).every((t) => holds(pdf, t))) lost.push(w);
      }
    }
    // (A word with no spaces can be a paragraph long.)
    if (lost.length > 0) out.push({ block, missing: clip(lost.slice(0, 8).join(' '), 120) });
  }
  return out;
}

/**
 * The fonts a PDF embeds that `own` does not accept (by PostScript name, the subset tag removed), and
 * "a Type 3 font" for glyphs drawn as PDF procedures (a colour or bitmap font): what Chromium took
 * from the machine because no font of the document had the character, or a template named a font
 * brief does not bundle. Chromium writes font dictionaries as plain objects, so they are found in
 * the bytes: each `/BaseFont` or `/Type3` that is a key of a font dictionary (`/Type /Font`), not
 * text in a string (a heading "/BaseFont /X" is a bookmark's title).
 */
export function foreignFonts(pdf: Uint8Array, own: (name: string) => boolean): string[] {
  const text = latin1(pdf);
  const names = new Set<string>();
  const seen = new Set<number>();
  for (const key of ['/BaseFont', '/Type3']) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
      const m = dictionaryAround(text, at);
      if (!m || seen.has(m.index)) continue;
      seen.add(m.index);
      const dict = withoutStrings(m[2]!);
      if (!/\/Type\s*\/Font(?![A-Za-z0-9])/.test(dict)) continue;
      const base = /\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/.exec(dict)?.[1];
      if (base !== undefined && !own(base)) names.add(base);
      if (/\/Subtype\s*\/Type3(?![A-Za-z0-9])/.test(dict)) names.add('a Type 3 font');
    }
  }
  return [...names].sort();
}

/** A PDF's bytes as text, one byte a character: pdf-lite's reading when it has one (or can make one). */
function latin1(pdf: Uint8Array): string {
  try {
    return PdfLite.of(pdf).text;
  } catch {
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  }
}
