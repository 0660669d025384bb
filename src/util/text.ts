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
export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
