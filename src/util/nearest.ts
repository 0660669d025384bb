/** "Did you mean": the nearest of some names to a mistyped one. */

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  const most = Math.max(2, Math.floor(value.length / 3));
  for (const c of candidates) {
    // Lengths further apart than the allowed distance cannot be a typo (and long values cost no time).
    if (Math.abs(c.length - value.length) > most && !(c.length > 0 && value.length > 0 && (c.toLowerCase().startsWith(v) || v.startsWith(c.toLowerCase())))) continue;
    const cl = c.toLowerCase();
    const d = cl.startsWith(v) || v.startsWith(cl) ? Math.min(1, distance(v, cl)) : distance(v, cl);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}
