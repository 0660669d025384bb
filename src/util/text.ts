/** "red_line" → "red line"; "official_statement" → "official statement". */
export const words = (s: unknown): string => (typeof s === 'string' ? s.replace(/_/g, ' ') : '');


/**
 * At most `max` characters, "…" in place of the rest; cut between code points, never inside a
 * surrogate pair (a cut emoji or CJK Extension B character would print as a broken character).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** How often: "once", "twice", "3 times". */
/** "1 topic", "3 topics". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** Each opening quotation mark and the closing marks that end a quotation it opens. */
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '"': '"', '«': '»', '»': '«', '„': '“”', '「': '」', '『': '』', '‘': '’' };

/**
 * A quotation as written with its own marks (`view: "“We will decide.”"`) without them, for a
 * template that prints the marks itself (`<q>`): otherwise the reader sees ““We will decide.””.
 * Only when one pair of marks encloses the whole text and neither mark occurs inside it: “A” and
 * “B” are two quotations and stay as written.
 */
export function unquoted(text: string): string {
  const t = text.trim();
  const closers = QUOTE_PAIRS[t[0] ?? ''];
  if (!closers || t.length < 3 || !closers.includes(t.at(-1)!)) return text;
  const inner = t.slice(1, -1);
  if (!inner.trim() || inner.includes(t[0]!) || [...closers].some((c) => inner.includes(c))) return text;
  return inner.trim();
}
