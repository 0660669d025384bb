import type Handlebars from 'handlebars';

/**
 * bidi: right-to-left text in a left-to-right briefing. Every fact-sheet string reaches the page
 * through Handlebars' escaping (`{{…}}`, and the helpers' escaped parts), so it is isolated there:
 * a string holding a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) is wrapped in
 * an isolate (U+2066–U+2068 … U+2069 POP DIRECTIONAL ISOLATE), as characters, so that neither it
 * nor the template text around it (a date after an Arabic title, citation markers, quotation marks)
 * reorders the other. It works in any template, element or attribute without a template edit.
 * Strings without a right-to-left letter are left as they are: in a left-to-right page they cannot
 * reorder, and the sample's bytes stay the same. The attributes templates fill from data (ids,
 * anchors, classes from enums) are ASCII, which is never wrapped; links keep the plain escape
 * (helpers.ts) so that an address is never changed.
 *
 * The isolate's direction is that of most of the string's letters (RIGHT-TO-LEFT ISOLATE U+2067 or
 * LEFT-TO-RIGHT ISOLATE U+2066; on a tie, FIRST STRONG ISOLATE U+2068, as `<bdi>`). The first
 * letter alone, as `dir="auto"` has it, reads an English sentence that opens with a Hebrew name as
 * right to left: its words run from the right and its full stop ends up at the far left.
 *
 * A block whose whole text is one right-to-left string (an Arabic summary, cell or quote, its
 * citation markers after it allowed) gets `dir="rtl"` (rtlBlocks): it aligns to the right and a
 * list item's marker goes to its right. A block that mixes template text with the string stays
 * left to right, so a label before it ("Party:") keeps its place.
 */
export const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** U+2066 LEFT-TO-RIGHT, U+2067 RIGHT-TO-LEFT and U+2068 FIRST STRONG ISOLATE; U+2069 POP DIRECTIONAL ISOLATE. */
export const LRI = '\u2066';
export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

/** An isolate with no isolate inside it, to be taken out innermost first. */
const INNER_ISOLATE = /[\u2066-\u2068][^\u2066-\u2069]*\u2069/g;
/** An HTML character reference, as the escape writes them (`&amp;`, `&#x27;`): not letters of the text. */
const REFERENCE = /&(?:[a-z]+|#x?[0-9a-f]+);/gi;
const LETTER = /\p{L}/gu;

/**
 * The direction of most of the letters of an escaped string, leaving out the isolates inside it
 * (as the bidi algorithm skips them when it looks for a direction); undefined on a tie.
 */
export function majorityDirection(escaped: string): 'ltr' | 'rtl' | undefined {
  let own = escaped.replace(REFERENCE, ' ');
  for (let before = ''; before !== own;) { before = own; own = own.replace(INNER_ISOLATE, ' '); }
  let rtl = 0;
  let ltr = 0;
  for (const [letter] of own.matchAll(LETTER)) { if (RTL.test(letter)) rtl++; else ltr++; }
  return rtl > ltr ? 'rtl' : ltr > rtl ? 'ltr' : undefined;
}

/** `escaped`, isolated in the direction of most of its letters when it holds a right-to-left letter. */
export function isolate(escaped: string): string {
  if (!RTL.test(escaped)) return escaped;
  const dir = majorityDirection(escaped);
  return `${dir === 'rtl' ? RLI : dir === 'ltr' ? LRI : FSI}${escaped}${PDI}`;
}

/** The elements rtlBlocks may give `dir="rtl"`: blocks of text and table cells. */
const BLOCKS = ['p', 'li', 'td', 'th', 'dd', 'dt', 'blockquote', 'figcaption', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/**
 * A block whose content is one right-to-left isolate, with white space around it and citation
 * markers (helpers.ts `cite`) after it. Escaped text holds no `<` or `>`, nor does a template's
 * attribute filled from data.
 */
const RTL_BLOCK = new RegExp(`<(${BLOCKS.join('|')})\\b([^<>]*)>(\\s*${RLI}[^<${LRI}-${PDI}]*${PDI}(?:\u2060<sup class="cites"[^<>]*>(?:<a\\b[^<>]*>[^<>]*</a>)*</sup>)?\\s*</\\1>)`, 'g');

/** The rendered HTML with `dir="rtl"` on each block whose whole text is one right-to-left string. */
export function rtlBlocks(html: string): string {
  if (!html.includes(RLI)) return html;
  return html.replace(RTL_BLOCK, (whole, tag: string, attrs: string, rest: string) => (/\sdir\s*=/i.test(attrs) ? whole : `<${tag}${attrs} dir="rtl">${rest}`));
}

let plainEscape: ((s: unknown) => string) | undefined;

/**
 * Make Handlebars' escaping isolate right-to-left strings (once per process; its escape function
 * is one for all environments). Returns the plain escape, for what must not change (link targets).
 */
export function installBidiIsolation(hb: typeof Handlebars): (s: unknown) => string {
  if (plainEscape) return plainEscape;
  const plain = hb.Utils.escapeExpression as (s: unknown) => string;
  plainEscape = plain;
  (hb.Utils as { escapeExpression: (s: unknown) => string }).escapeExpression = (s: unknown) => isolate(plain(s));
  return plain;
}

export const BIDI_CSS = `/* bidi (src/render/bidi.ts) */
p, li, td, dd, dt, blockquote, figcaption, caption, h1, h2, h3, h4 { unicode-bidi: plaintext; }
:is(${BLOCKS.join(', ')})[dir] { unicode-bidi: isolate; }`;
