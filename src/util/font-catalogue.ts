import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { intersectRanges, mergeRanges, rangesHave, woff2Coverage, woff2GlyphAliases } from './woff2-cmap.js';
import { setBounded } from './bounded.js';
import { isMark, LETTER_WITH_MARKS } from './marks.js';

/**
 * font-catalogue: the fonts brief prints with (npm packages, never the machine's) and which
 * characters each face really has: its font file's character map within the unicode-range its
 * package declares (a declared range is only a promise: Noto Serif's math subset declares all of
 * U+2200-22FF and has no ≤ or √, which Chromium then took from the machine). render/fonts.ts makes
 * the document's @font-face rules from it, with those real ranges; validate (glyph-missing) asks it
 * what no font covers.
 *
 * Reading ~600 font files' maps takes ~0.3 s, so scripts/gen-dist.mjs does it once at build time
 * (dist/font-coverage.json, see coverageTable); a package whose installed version the table does not
 * name (updated, or added by the user) is read at run time instead.
 */
const require = createRequire(import.meta.url);

export interface FontFamilySpec {
  /** npm package, e.g. '@fontsource/noto-serif'. */
  pkg: string;
  /** CSS files of the package to read, e.g. ['400.css', '400-italic.css', '700.css']. */
  files: string[]; // (the per-subset files, e.g. arabic-400.css, have no unicode-range)
  /**
   * A fallback family (another script, CJK, symbols, emoji) is only embedded for characters no
   * primary family covers (its chunks often list Latin punctuation too, which the primary families
   * print anyway). Its faces are declared under each primary family's name, behind the primary's
   * own faces (see fontFaceCss), so any template that names a primary family gets every script.
   */
  fallback?: boolean;
  /**
   * The characters to take from the package instead of the unicode-range its CSS declares, for a
   * package whose file holds more than it declares (@fontsource/noto-sans-math declares only Latin
   * but ships the whole font).
   */
  unicodeRange?: string;
}

/**
 * The fonts of a briefing: the primary families the templates name, then the fallbacks in order
 * of preference (docs/fonts-and-scripts.md lists the scripts and says how to add one). Japanese
 * and Traditional Chinese are set in Noto Sans SC (Simplified Chinese forms) unless their optional
 * fonts are installed (LANG_FONTS).
 */
export const DEFAULT_FONTS: FontFamilySpec[] = [
  { pkg: '@fontsource/noto-serif', files: ['400.css', '400-italic.css', '700.css', '700-italic.css'] },
  { pkg: '@fontsource/noto-sans', files: ['400.css', '400-italic.css', '600.css', '700.css'] },
  // Mathematical operators, arrows, technical symbols and math letters only: the font also has
  // Latin, Greek, Cyrillic and Arabic letters, drawn for formulas.
  {
    pkg: '@fontsource/noto-sans-math', files: ['400.css'], fallback: true,
    unicodeRange: 'U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+27C0-27FF,U+2900-2AFF,U+2B00-2BFF,U+1D400-1D7FF',
  },
  { pkg: '@fontsource/noto-sans-arabic', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-hebrew', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-devanagari', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-bengali', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-thai', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-sc', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-kr', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-symbols', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-symbols-2', files: ['400.css'], fallback: true },
  // The other scripts of Noto Sans, after the symbols: each package also has Latin subsets (and
  // Georgian's and Gujarati's math and symbols), which a font earlier in this list should draw.
  ...['gurmukhi', 'gujarati', 'oriya', 'tamil', 'telugu', 'kannada', 'malayalam', 'sinhala', 'lao', 'khmer', 'myanmar', 'armenian', 'georgian', 'ethiopic', 'thaana']
    .map((script) => ({ pkg: `@fontsource/noto-sans-${script}`, files: ['400.css', '700.css'], fallback: true })),
  // Tibetan (in Noto's serif: there is no Noto Sans Tibetan), Syriac, Cherokee, Canadian syllabics
  // (Inuktitut, Cree); and in one weight only, bold then drawn by Chromium: Mongolian, Yi, N'Ko, Tifinagh.
  ...['serif-tibetan', 'sans-syriac', 'sans-cherokee', 'sans-canadian-aboriginal']
    .map((name) => ({ pkg: `@fontsource/noto-${name}`, files: ['400.css', '700.css'], fallback: true })),
  ...['mongolian', 'yi', 'nko', 'tifinagh'].map((script) => ({ pkg: `@fontsource/noto-sans-${script}`, files: ['400.css'], fallback: true })),
  // Monochrome: outlines print small and sharp, copy as their characters, and suit black-and-white
  // print; @fontsource/noto-color-emoji is an OpenType-SVG font, which Chromium prints as nothing.
  { pkg: '@fontsource/noto-emoji', files: ['400.css', '700.css'], fallback: true },
];

/**
 * Fonts for a language whose letters another bundled font draws in other forms: Japanese and
 * Traditional Chinese get Simplified Chinese glyph shapes from Noto Sans SC. They are not bundled
 * (~80 and ~70 MB installed); when the user installs one (`npm i @fontsource/noto-sans-jp`), brief
 * uses it for text whose `lang` matches (render/fonts.ts, by :lang()), and `brief validate` warns
 * of a sheet declaring such a language while the font is missing (font-lang-missing).
 */
export interface LangFont extends FontFamilySpec {
  /** The BCP 47 tags (by prefix, as CSS :lang() matches) the font is for. */
  langs: string[];
  /** What the language is called in a message. */
  language: string;
}

export const LANG_FONTS: LangFont[] = [
  { pkg: '@fontsource/noto-sans-jp', files: ['400.css', '700.css'], fallback: true, langs: ['ja'], language: 'Japanese' },
  { pkg: '@fontsource/noto-sans-tc', files: ['400.css', '700.css'], fallback: true, langs: ['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO'], language: 'Traditional Chinese' },
];

/** Whether a language tag is one of a font's (`zh-Hant-TW` is `zh-Hant`'s, as with :lang()). */
export const langMatches = (tag: string, font: LangFont): boolean =>
  font.langs.some((l) => tag.toLowerCase() === l.toLowerCase() || tag.toLowerCase().startsWith(`${l.toLowerCase()}-`));

/** Whether a font package is installed where brief can load it. */
export function installed(pkg: string): boolean {
  try {
    packageDir(pkg);
    return true;
  } catch {
    return false;
  }
}

export interface Face {
  css: string; // the @font-face block without src, its unicode-range the real one
  file: string; // absolute path of the woff2
  ranges: [number, number][]; // the characters the font has, within its declared range
}


const faceCache = new Map<string, Face[]>();
/** The font files whose real coverage is not the range declared (dropped when empty). */
const changed = new Set<string>();

/**
 * A package's faces whose real coverage differs from the range declared, by file name, for one
 * version of it; its faces as facesOf gives them (files relative to the package; JSON, parsed only
 * when a run asks for that package's faces) and the characters they cover, merged: a run takes them
 * as they are instead of parsing the package's CSS and every range in it (~30 ms at each start).
 */
interface PackageCoverage { version: string; unicodeRange: string | null; differs: Record<string, string>; files?: string[]; faces?: string; coverage?: [number, number][]; aliases?: [number, number][]; families?: string[] }
export const COVERAGE_FILE = 'font-coverage.json';
let table: Record<string, PackageCoverage> | null | undefined;

function coverageTableOnDisk(): Record<string, PackageCoverage> | null {
  if (table === undefined) {
    try {
      table = JSON.parse(readFileSync(new URL(`../${COVERAGE_FILE}`, import.meta.url), 'utf8')) as Record<string, PackageCoverage>;
    } catch {
      table = null; // not built (run from the sources): every package is read at run time
    }
  }
  return table;
}

/** The unicode-range descriptor of sorted ranges. */
export function rangeDescriptor(ranges: [number, number][]): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return ranges.map(([lo, hi]) => (lo === hi ? `U+${hex(lo)}` : `U+${hex(lo)}-${hex(hi)}`)).join(',');
}

function parseRanges(range: string | undefined): [number, number][] {
  if (!range) return [[0, 0x10ffff]];
  return range.split(',').map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    if (a!.includes('?')) return [parseInt(a!.replace(/\?/g, '0'), 16), parseInt(a!.replace(/\?/g, 'f'), 16)] as [number, number];
    const lo = parseInt(a!, 16);
    return [lo, b ? parseInt(b, 16) : lo] as [number, number];
  });
}

const dirs = new Map<string, string>();
/** Where a font package is installed (found once: each look-up walks node_modules). */
function packageDir(pkg: string): string {
  let dir = dirs.get(pkg);
  if (dir === undefined) dirs.set(pkg, dir = dirname(require.resolve(`${pkg}/package.json`)));
  return dir;
}

const versions = new Map<string, string>();
/** The installed version of a font package. */
function packageVersion(pkg: string): string {
  let version = versions.get(pkg);
  if (version === undefined) versions.set(pkg, version = (JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version);
  return version;
}

/**
 * The table's entry for a package when it was made for the installed version and the same declared
 * range (its `differs` hold); `sameFiles`: and from the same CSS files (its faces and coverage hold
 * as they are).
 */
function tableEntry(spec: FontFamilySpec): { known: PackageCoverage; sameFiles: boolean } | undefined {
  const known = coverageTableOnDisk()?.[spec.pkg];
  if (known === undefined || known.version !== packageVersion(spec.pkg) || known.unicodeRange !== (spec.unicodeRange ?? null)) return undefined;
  return { known, sameFiles: known.files?.join('\0') === spec.files.join('\0') };
}

/**
 * The faces of a font package, each with the characters its file really has. `tableFirst: false`
 * reads every file's character map (scripts/gen-dist.mjs, and the test that the table is right).
 */
export function facesOf(spec: FontFamilySpec, tableFirst = true): Face[] {
  const key = `${spec.pkg}:${spec.files.join(',')}:${spec.unicodeRange ?? ''}:${tableFirst}`;
  const cached = faceCache.get(key);
  if (cached) return cached;
  const dir = packageDir(spec.pkg);
  const entry = tableFirst ? tableEntry(spec) : undefined;
  const fromTable = entry?.known.differs;
  if (entry?.sameFiles && entry.known.faces !== undefined) {
    const faces = (JSON.parse(entry.known.faces) as Face[]).map((face) => ({ css: face.css, file: join(dir, face.file), ranges: face.ranges }));
    faceCache.set(key, faces);
    return faces;
  }
  const faces: Face[] = [];
  for (const f of spec.files) {
    const css = readFileSync(join(dir, f), 'utf8');
    for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const src = /url\(['"]?\.\/(files\/[^)'"]+\.woff2)['"]?\)/.exec(block);
      if (!src) continue;
      const file = join(dir, src[1]!);
      const declared = spec.unicodeRange ?? /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      let range = declared;
      if (fromTable) range = fromTable[basename(file)] ?? declared;
      else {
        const real = rangeDescriptor(intersectRanges(mergeRanges(parseRanges(declared)), mergeRanges([...woff2Coverage(readFileSync(file)), ...INVISIBLE_RANGES.map(([lo, hi]) => [lo, hi] as [number, number])])));
        if (real !== rangeDescriptor(mergeRanges(parseRanges(declared)))) range = real;
      }
      if (range === '') { changed.add(file); continue; } // none of its characters: never needed
      let css = block.replace(/\s*src:[^;]+;/, '').replace(/\s*font-display:[^;]+;/, '');
      if (range !== declared) {
        changed.add(file);
        css = /unicode-range:/.test(css) ? css.replace(/unicode-range:\s*[^;]+;/, `unicode-range: ${range};`) : css.replace(/}\s*$/, `  unicode-range: ${range};\n}`);
      }
      faces.push({ css, file, ranges: parseRanges(range) });
    }
  }
  faceCache.set(key, faces);
  return faces;
}

/**
 * The font-family names a package's faces declare, unquoted, each once. From the table when it is
 * current: a PDF's fonts are checked against every package's families after each print, and
 * parsing every package's faces for their names took ~25 ms of a cold build (the CJK packages
 * have hundreds).
 */
export function familiesOf(spec: FontFamilySpec, tableFirst = true): string[] {
  const entry = tableFirst ? tableEntry(spec) : undefined;
  if (entry?.sameFiles && entry.known.families !== undefined) return entry.known.families;
  return [...new Set(facesOf(spec, tableFirst).map((face) => (descriptor(face.css, 'font-family') ?? '').replace(/['"]/g, '')).filter((f) => f.length > 0))];
}

/**
 * What dist/font-coverage.json holds: for each package of `specs`, its installed version and the
 * faces whose real coverage differs from the range declared (most do not: CJK chunks declare
 * exactly their characters), read from the font files now.
 */
export function coverageTable(specs: FontFamilySpec[] = [...DEFAULT_FONTS, ...LANG_FONTS.filter((f) => installed(f.pkg))]): Record<string, PackageCoverage> {
  const out: Record<string, PackageCoverage> = {};
  for (const spec of specs) {
    const dir = packageDir(spec.pkg);
    const differs: Record<string, string> = {};
    const faces = new Map(facesOf(spec, false).map((face) => [face.file, face]));
    for (const file of changed) {
      if (!file.startsWith(`${dir}/`)) continue;
      const face = faces.get(file);
      differs[basename(file)] = face ? descriptor(face.css, 'unicode-range') ?? '' : '';
    }
    out[spec.pkg] = {
      version: packageVersion(spec.pkg),
      unicodeRange: spec.unicodeRange ?? null,
      differs,
      files: spec.files,
      faces: JSON.stringify([...faces.values()].map((face) => ({ css: face.css, file: relative(dir, face.file), ranges: face.ranges }))),
      coverage: coverageOf(spec, false),
      aliases: aliasesOf(spec, false),
      families: familiesOf(spec, false),
    };
  }
  return out;
}

/**
 * The grapheme clusters of a text that hold a character beyond ASCII, each once, sorted: a keycap
 * (1 U+FE0F U+20E3), a flag, a ZWJ sequence or a letter with its combining marks is printed from one
 * font, so the font a document needs is chosen for the whole cluster.
 */
export function extraClusters(text: string): string[] {
  const set = new Set<string>();
  let segmenter: Intl.Segmenter | undefined;
  for (const [run] of text.matchAll(/[0-9#*A-Za-z]?[^\u0000-\u007f]+/g)) {
    // A run of Latin-1, Latin Extended, modifier letters, punctuation, invisible format characters
    // (word joiner, bidi isolates) and currency signs, no two of which make one cluster (none is a
    // mark, a joiner, a selector or a modifier): each character is a cluster of its own. The
    // segmenter is made only for other runs (making one loads ICU's break data: ~15 ms).
    if (SINGLES.test(run)) {
      for (const c of run) if (c.charCodeAt(0) > 0x7f) set.add(c);
      continue;
    }
    segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
    for (const { segment } of segmenter.segment(run)) if (/[^\u0000-\u007f]/.test(segment)) set.add(segment);
  }
  return [...set].sort();
}
const SINGLES = /^[0-9#*A-Za-z]?[\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2060-\u206f\u20a0-\u20bf]+$/;

/** The code points a text uses beyond printable ASCII (which page furniture always needs), sorted. */
export function extraCodePoints(text: string): number[] {
  const set = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    set.add(cp);
  }
  return [...set].sort((a, b) => a - b);
}

export const descriptor = (css: string, name: string): string | undefined => new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();

export const inRanges = (cp: number, ranges: [number, number][]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/**
 * The characters of `text` that no font of `specs` covers (by the unicode-range of its faces): the
 * ones Chromium would print from a font of the machine, or as a box. Joiners and variation
 * selectors, which print nothing of their own, are not counted.
 */
export function uncoveredCharacters(text: string, specs: FontFamilySpec[] = DEFAULT_FONTS): number[] {
  const ranges = allRanges(specs);
  return extraCodePoints(text).filter((cp) => !INVISIBLE(cp) && !rangesHave(ranges, cp));
}

const rangesCache = new WeakMap<FontFamilySpec[], [number, number][]>();
function allRanges(specs: FontFamilySpec[]): [number, number][] {
  let r = rangesCache.get(specs);
  if (!r) rangesCache.set(specs, r = mergeRanges(specs.flatMap((s) => coverageOf(s).map(([lo, hi]) => [lo, hi] as [number, number]))));
  return r;
}

const coverageCache = new Map<string, [number, number][]>();
/**
 * Every character a font package has, sorted and merged: from the table when it is the package's
 * (its faces are not parsed), else from its faces. `tableFirst: false`, from the font files.
 */
export function coverageOf(spec: FontFamilySpec, tableFirst = true): [number, number][] {
  const bySpec = tableFirst ? coverageBySpec.get(spec) : undefined;
  if (bySpec) return bySpec;
  const key = `${spec.pkg}:${spec.files.join(',')}:${spec.unicodeRange ?? ''}:${tableFirst}`;
  let ranges = coverageCache.get(key);
  if (!ranges) {
    const entry = tableFirst ? tableEntry(spec) : undefined;
    ranges = entry?.sameFiles && entry.known.coverage !== undefined ? entry.known.coverage : mergeRanges(facesOf(spec, tableFirst).flatMap((face) => face.ranges.map(([lo, hi]) => [lo, hi] as [number, number])));
    coverageCache.set(key, ranges);
  }
  if (tableFirst) coverageBySpec.set(spec, ranges);
  return ranges;
}
/** coverageOf by the spec itself: asked once for each cluster a sheet holds, without making its key. */
const coverageBySpec = new WeakMap<FontFamilySpec, [number, number][]>();

/**
 * Format characters that print no glyph: joiners, direction marks and isolates, variation
 * selectors, tags, line breaks. A face whose declared range holds them answers them without a glyph
 * of its own (the shaper makes them invisible), so they count as covered where declared: taken out,
 * a word joiner sent Chromium to a font of the machine.
 */
const INVISIBLE_RANGES: [number, number][] = [
  [0, 0x1f], [0x7f, 0x9f], [0xad, 0xad], [0x200b, 0x200f], [0x2028, 0x202e], [0x2060, 0x206f],
  [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xe0000, 0xe007f], [0xe0100, 0xe01ef],
];
export const INVISIBLE = (cp: number): boolean => inRanges(cp, INVISIBLE_RANGES);

/** A combining mark that prints (variation selectors and the other invisible marks aside). */
const PRINTING_MARK = (cp: number): boolean => !INVISIBLE(cp) && isMark(cp);

/**
 * The characters of a grapheme cluster that print, when the cluster holds a combining mark that
 * prints: a letter and its marks, which Chromium sets from one font or not at all (then from a font
 * of the machine). Undefined for any other cluster.
 */
export function markedCluster(cluster: string): number[] | undefined {
  const cps = [...cluster].map((c) => c.codePointAt(0)!).filter((cp) => !INVISIBLE(cp));
  return cps.length > 1 && cps.some(PRINTING_MARK) ? cps : undefined;
}

/** Whether one face of `spec` has every character of `cps`: a cluster's font must have all of it. */
export function oneFaceHas(spec: FontFamilySpec, cps: readonly number[]): boolean {
  const ranges = coverageOf(spec);
  if (!cps.every((cp) => rangesHave(ranges, cp))) return false;
  return facesOf(spec).some((face) => cps.every((cp) => rangesHave(face.ranges, cp)));
}

/**
 * The clusters of `text` (composed: util/marks.ts) that hold a letter and combining marks no face
 * of `specs` has together (each once, in order), though some font has each of them ("q" + U+0301: the letter is in the
 * Latin faces, the accent only in the Vietnamese ones). They print from the last-resort font, as
 * boxes (render/fonts.ts). Clusters with a character no font has are uncoveredCharacters' to tell.
 */
export function unsettableClusters(text: string, specs: FontFamilySpec[] = DEFAULT_FONTS): string[] {
  if (!/\p{M}/u.test(text)) return [];
  const ranges = allRanges(specs);
  const out = new Set<string>();
  const known = specs === DEFAULT_FONTS ? settable : undefined;
  // A letter and the marks after it (no grapheme segmenter: ~10 ms for a sheet of Thai or
  // Devanagari; a conjunct is looked at in its parts, each of which its font must have too).
  const seen = new Set<string>();
  for (const [cluster] of text.matchAll(LETTER_WITH_MARKS)) {
    if (seen.has(cluster)) continue;
    seen.add(cluster);
    let ok = known?.get(cluster);
    if (ok === undefined) {
      const cps = markedCluster(cluster);
      ok = !cps || !cps.every((cp) => rangesHave(ranges, cp)) || specs.some((spec) => oneFaceHas(spec, cps));
      if (known) setBounded(known, cluster, ok, 4096);
    }
    if (!ok) out.add(cluster);
  }
  return [...out];
}
/** Whether the default fonts set a cluster (a sheet in Thai or Devanagari repeats the same few hundred). */
const settable = new Map<string, boolean>();

/**
 * The code points a package's faces draw with a glyph they also draw a lower code point with, each
 * with the lowest (woff2-cmap.ts woff2GlyphAliases): what a PDF's text layer gives back for them.
 * From the table when it is the package's, else from its font files.
 */
export function aliasesOf(spec: FontFamilySpec, tableFirst = true): [number, number][] {
  const entry = tableFirst ? tableEntry(spec) : undefined;
  if (entry?.sameFiles && entry.known.aliases !== undefined) return entry.known.aliases;
  const lowest = new Map<number, number>();
  for (const face of facesOf(spec, tableFirst)) {
    for (const [cp, to] of woff2GlyphAliases(readFileSync(face.file))) lowest.set(cp, Math.min(to, lowest.get(cp) ?? to));
  }
  return [...lowest].sort((a, b) => a[0] - b[0]);
}

/**
 * Every bundled (and installed language) font's glyph aliases as one map, each code point to the
 * lowest it shares a glyph with in any of them (followed through: U+2027 → U+00B7).
 */
export function glyphAliases(specs: FontFamilySpec[] = [...DEFAULT_FONTS, ...LANG_FONTS.filter((f) => installed(f.pkg))]): Map<number, number> {
  const map = new Map<number, number>();
  for (const spec of specs) for (const [cp, to] of aliasesOf(spec)) map.set(cp, Math.min(to, map.get(cp) ?? to));
  for (const [cp, to] of map) {
    let end = to;
    for (let hops = 0; map.has(end) && hops < 8; hops++) end = map.get(end)!;
    map.set(cp, end);
  }
  return map;
}
