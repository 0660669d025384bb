import { createRequire } from 'node:module';

/**
 * The code points a WOFF2 font really has a glyph for, from its character map (cmap), as sorted
 * [lo, hi] ranges. A font's @font-face unicode-range only declares what it may have: Noto Serif's
 * declares the whole mathematical-operators block but the font has no ≤ or √, and Chromium then
 * takes those from the machine. WOFF2 never transforms the cmap table, so reading it takes only
 * the table directory and Node's own Brotli (no font library: this runs over ~1,000 files each time
 * scripts/gen-dist.mjs makes dist/font-coverage.json, in well under a second).
 */
export function woff2Coverage(bytes: Uint8Array): [number, number][] {
  const cmap = woff2Cmap(bytes);
  return cmap ? cmapRanges(cmap) : [];
}

/** A WOFF2 font's cmap table (never transformed in WOFF2), or undefined when it has none. */
function woff2Cmap(bytes: Uint8Array): DataView | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 font');
  if (view.getUint32(4) === 0x74746366) throw new Error('WOFF2 font collections are not supported');
  const numTables = view.getUint16(12);
  const compressedLength = view.getUint32(20);
  let p = 48;
  const base128 = (): number => {
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const b = bytes[p++]!;
      n = n * 128 + (b & 0x7f);
      if (!(b & 0x80)) return n;
    }
    throw new Error('bad UIntBase128 in a WOFF2 table directory');
  };
  // Each table's place in the decompressed stream follows from the lengths before it.
  let offset = 0;
  let cmap: { offset: number; length: number } | undefined;
  for (let t = 0; t < numTables; t++) {
    const flags = bytes[p++]!;
    const known = flags & 0x3f; // index into the spec's table of known tags: 0 cmap, 10 glyf, 11 loca
    if (known === 0x3f) p += 4;
    const origLength = base128();
    const version = flags >> 6;
    const transformed = known === 10 || known === 11 ? version === 0 : version !== 0;
    const length = transformed ? base128() : origLength;
    if (known === 0) cmap = { offset, length };
    offset += length;
  }
  if (!cmap) return undefined;
  // (node:zlib is loaded on first use, not at start: ~5 ms, and most runs read no font file)
  const { brotliDecompressSync } = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  const data = brotliDecompressSync(bytes.subarray(p, p + compressedLength));
  return new DataView(data.buffer, data.byteOffset + cmap.offset, cmap.length);
}

/**
 * The code points of a WOFF2 font that share their glyph with a lower code point, each with the
 * lowest one (U+30FB KATAKANA MIDDLE DOT → U+00B7 where both are drawn by one glyph): a PDF's text
 * layer maps a glyph back to one character, the lowest (Skia's ToUnicode), so text printed with the
 * higher one reads back as the lower (build --verify folds both: pdf/fidelity.ts).
 */
export function woff2GlyphAliases(bytes: Uint8Array): [number, number][] {
  const cmap = woff2Cmap(bytes);
  if (!cmap) return [];
  const byGlyph = new Map<number, number[]>();
  cmapEntries(cmap, (cp, glyph) => {
    const cps = byGlyph.get(glyph);
    if (cps) cps.push(cp); else byGlyph.set(glyph, [cp]);
  });
  const out: [number, number][] = [];
  for (const cps of byGlyph.values()) {
    if (cps.length < 2) continue;
    const lowest = Math.min(...cps);
    for (const cp of cps) if (cp !== lowest) out.push([cp, lowest]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The code points a TrueType/OpenType font's character map has (an uncompressed font file). */
export function sfntCoverage(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  for (let t = 0; t < numTables; t++) {
    const at = 12 + t * 16;
    if (view.getUint32(at) !== 0x636d6170) continue; // 'cmap'
    return cmapRanges(new DataView(bytes.buffer, bytes.byteOffset + view.getUint32(at + 8), view.getUint32(at + 12)));
  }
  return [];
}

/** The mapped code points of a cmap table (its Unicode subtables of formats 4 and 12). */
function cmapRanges(cmap: DataView): [number, number][] {
  const cps: [number, number][] = [];
  cmapEntries(cmap, (cp) => cps.push([cp, cp]), (lo, hi) => cps.push([lo, hi]));
  return mergeRanges(cps);
}

/**
 * Each code point of a cmap's Unicode subtables (formats 4 and 12) with its glyph; `group`, when
 * given, takes a format-12 group whole instead (its glyphs are consecutive, so none shared within).
 */
function cmapEntries(cmap: DataView, entry: (cp: number, glyph: number) => void, group?: (lo: number, hi: number) => void): void {
  const n = cmap.getUint16(2);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const at = cmap.getUint32(8 + i * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) || seen.has(at)) continue;
    seen.add(at);
    const format = cmap.getUint16(at);
    if (format === 4) {
      const segX2 = cmap.getUint16(at + 6);
      const ends = at + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const rangeOffsets = deltas + segX2;
      for (let s = 0; s < segX2; s += 2) {
        const end = cmap.getUint16(ends + s);
        const start = cmap.getUint16(starts + s);
        const delta = cmap.getUint16(deltas + s);
        const ro = cmap.getUint16(rangeOffsets + s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph = ro === 0 ? (c + delta) & 0xffff : glyphAt(cmap, rangeOffsets + s + ro + (c - start) * 2, delta);
          if (glyph !== 0) entry(c, glyph);
        }
      }
    } else if (format === 12) {
      const groups = cmap.getUint32(at + 12);
      for (let g = 0; g < groups; g++) {
        const lo = cmap.getUint32(at + 16 + g * 12);
        const hi = cmap.getUint32(at + 20 + g * 12);
        const glyph = cmap.getUint32(at + 24 + g * 12);
        const first = glyph === 0 ? lo + 1 : lo;
        if (group) { if (first <= hi) group(first, hi); continue; }
        for (let c = first; c <= hi; c++) entry(c, glyph + (c - lo));
      }
    }
  }
}

function glyphAt(cmap: DataView, at: number, delta: number): number {
  const g = cmap.getUint16(at);
  return g === 0 ? 0 : (g + delta) & 0xffff;
}

/** Sorted, non-overlapping, adjacent ranges joined. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The code points in both sets of sorted, merged ranges. */
export function intersectRanges(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** Whether sorted, merged ranges hold a code point (a binary search). */
export function rangesHave(ranges: [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Whether a range holds any of the sorted code points (a binary search). */
export function rangeHasAny(lo: number, hi: number, sorted: number[]): boolean {
  let i = 0;
  let j = sorted.length;
  while (i < j) {
    const mid = (i + j) >> 1;
    if (sorted[mid]! < lo) i = mid + 1;
    else j = mid;
  }
  return i < sorted.length && sorted[i]! <= hi;
}
