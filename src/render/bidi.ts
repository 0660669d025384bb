import type Handlebars from 'handlebars';

/**
 * bidi: right-to-left text in a left-to-right briefing. Every fact-sheet string reaches the page
 * through Handlebars' escaping (`{{…}}`, and the helpers' escaped parts), so it is isolated there:
 * a string holding a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, …) is wrapped in
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069), which is what `<bdi>` and
 * `dir="auto"` do, as characters: the string takes its direction from its first strong letter,
 * and neither it nor the template text around it (a date after an Arabic title, citation markers,
 * quotation marks) reorders the other. It works in any template, element or attribute without a
 * template edit. Strings without a right-to-left letter are left as they are: in a left-to-right
 * page they cannot reorder, and the sample's bytes stay the same. The attributes templates fill
 * from data (ids, anchors, classes from enums) are ASCII, which is never wrapped; links keep the
 * plain escape (helpers.ts) so that an address is never changed.
 *
 * BIDI_CSS (added before the templates' styles, which may override it) makes each block of text a
 * paragraph of its own direction (unicode-bidi: plaintext, as dir="auto" on the block): an
 * all-Arabic cell, paragraph or quote runs right to left and is aligned to its start, the right.
 */
export const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** `escaped`, isolated when it holds a right-to-left letter. */
export const isolate = (escaped: string): string => (RTL.test(escaped) ? `${FSI}${escaped}${PDI}` : escaped);

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
p, li, td, dd, dt, blockquote, figcaption, caption, h1, h2, h3, h4 { unicode-bidi: plaintext; }`;
