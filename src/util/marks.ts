/**
 * marks: letters written decomposed — a base letter and combining marks ("g" + U+0306 for "ğ", as
 * macOS, some keyboards and text copied from PDFs give them; Vietnamese typed with combining tones;
 * Hangul as conjoining jamo) — are printed composed (Unicode NFC, the same text by Unicode's
 * definition). The bundled fonts hold the composed letters, but their combining marks are in other
 * subsets or in none, and Chromium sets a letter and its marks from one font: it took "ğ", "ş", "ř"
 * and decomposed Vietnamese from a font of the machine, and printed decomposed Hangul as boxes.
 * Only the clusters that hold a mark or a jamo are composed; anything else NFC would change (CJK
 * compatibility ideographs, the ohm and angstrom signs) is left as written.
 *
 * printText is a text as it prints: its marks composed and its explicit bidirectional formatting
 * characters left out (below).
 */

/** A combining mark, or a Hangul vowel or final jamo (which compose with the jamo before them). */
const DECOMPOSED = /[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u;
/**
 * Where DECOMPOSED can match: at U+0300 or above, outside U+2000–U+20CF (dashes, quotes, bullets,
 * currency). A plain class of code units (astral text included, by its surrogates) is ~6× quicker to
 * look through than the Unicode property, and English with its punctuation never gets past it.
 */
const MAYBE_DECOMPOSED = /[\u0300-\u1fff\u20d0-\uffff]/;
const decomposed = (text: string): boolean => MAYBE_DECOMPOSED.test(text) && DECOMPOSED.test(text);
/** A base (or none) and its marks; a leading jamo and the vowel and final jamo after it; a syllable and a final jamo. */
const CLUSTER = /[^\p{M}]?\p{M}+|[\u1100-\u115f\ua960-\ua97f][\u1160-\u11ff\ud7b0-\ud7ff]+|[\uac00-\ud7a3][\u11a8-\u11ff\ud7cb-\ud7fb]+/gu;

/** `text` with each letter written as a base and combining marks (or as jamo) composed (NFC). */
export function composeMarks(text: string): string {
  // (text already in NFC, as Thai, Devanagari or Arabic mostly is, has no cluster to compose)
  if (!decomposed(text) || text.normalize('NFC') === text) return text;
  return text.replace(CLUSTER, (cluster) => cluster.normalize('NFC'));
}

/** Whether a code point is a combining mark (Unicode's category M: accents, vowel signs, selectors). */
export const isMark = (cp: number): boolean => MARK.test(String.fromCodePoint(cp));
const MARK = /\p{M}/u;

/** A letter (any character but a mark or a space) and the combining marks after it: what one font must set. */
export const LETTER_WITH_MARKS = /[^\p{M}\s]\p{M}+/gu;

/** Whether a text holds anything composeMarks may change. */
export const hasMarks = decomposed;

/**
 * The explicit bidirectional formatting characters: embeddings and overrides (U+202A–U+202E) and
 * isolates (U+2066–U+2069). An override prints the text after it in the order it forces ("\u202Eevil"
 * shows "live"), an unclosed embedding reorders the rest of its line, template text included. brief
 * sets each text's direction itself (render/bidi.ts), so a sheet's own are left out of the print
 * (and reported: text-bidi-control). The marks (U+200E, U+200F, U+061C) are kept: they reorder nothing.
 */
const BIDI_FORMATTING = /[\u202a-\u202e\u2066-\u2069]/g;
/** The same class without the global flag: test() and search() keep no lastIndex between calls. */
const HAS_BIDI_FORMATTING = new RegExp(BIDI_FORMATTING.source);
/** The index of the first explicit bidirectional formatting character in `text`, or -1. */
export const firstBidiFormatting = (text: string): number => text.search(HAS_BIDI_FORMATTING);

/** A text as it prints: without explicit bidirectional formatting characters, its marks composed. */
export function printText(text: string): string {
  return composeMarks(HAS_BIDI_FORMATTING.test(text) ? text.replace(BIDI_FORMATTING, '') : text);
}

/** Whether a sheet's text holds anything printText may change (or an escape that may write it). */
export const mayChangeForPrint = (text: string): boolean => decomposed(text) || HAS_BIDI_FORMATTING.test(text) || text.includes('\\');

/**
 * A parsed value (a fact sheet) with every string, at any depth, passed through printText; the
 * same value when nothing changes. Keys are left as they are (the schema's, ASCII).
 */
export function printStrings<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return printText(v);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      v.forEach((x, i) => {
        const y = walk(x);
        if (y !== x) (out ??= [...v])[i] = y;
      });
      return out ?? v;
    }
    if (v !== null && typeof v === 'object') {
      let out: Record<string, unknown> | undefined;
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x);
        // (defined, not assigned: a key named __proto__ stays a key)
        if (y !== x) Object.defineProperty((out ??= { ...(v as Record<string, unknown>) }), k, { value: y, enumerable: true, writable: true, configurable: true });
      }
      return out ?? v;
    }
    return v;
  };
  return walk(value) as T;
}
