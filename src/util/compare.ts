/**
 * compare: order strings by their UTF-16 code units, the same on every machine and locale. Not
 * `localeCompare`: its first call builds ICU's collator, ~25 ms of every run's start.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * File names in the order people number them: runs of digits compare as numbers ("topic-2" before
 * "topic-10", "02-a" with "2-a" by value, then by the digits as written), the rest by code units.
 */
export function compareNatural(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const digits = /^\d/.test(p) && /^\d/.test(q);
    if (!digits) return compareText(p, q);
    const m = p.replace(/^0+(?=\d)/, '');
    const n = q.replace(/^0+(?=\d)/, '');
    if (m.length !== n.length) return m.length - n.length;
    if (m !== n) return compareText(m, n);
  }
  return x.length - y.length || compareText(a, b);
}
