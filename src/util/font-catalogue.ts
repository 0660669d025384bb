import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * font-catalogue: the fonts brief prints with (npm packages, never the machine's) and which
 * characters each face has, by the unicode-range of its @font-face rule. render/fonts.ts makes the
 * document's @font-face rules from it; validate (glyph-missing) asks it what no font covers.
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
}

/**
 * The fonts of a briefing: the primary families the templates name, then the fallbacks in order
 * of preference (docs/fonts-and-scripts.md lists the scripts and says how to add one). Japanese
 * and Traditional Chinese are set in Noto Sans SC, which covers their characters (with Simplified
 * Chinese glyph forms): the JP and TC packages would add ~150 MB to an install.
 */
export const DEFAULT_FONTS: FontFamilySpec[] = [
  { pkg: '@fontsource/noto-serif', files: ['400.css', '400-italic.css', '700.css', '700-italic.css'] },
  { pkg: '@fontsource/noto-sans', files: ['400.css', '400-italic.css', '600.css', '700.css'] },
  { pkg: '@fontsource/noto-sans-arabic', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-hebrew', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-devanagari', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-bengali', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-thai', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-sc', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-kr', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-symbols', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-sans-symbols-2', files: ['400.css'], fallback: true },
  // Monochrome: outlines print small and sharp, copy as their characters, and suit black-and-white
  // print; a colour emoji font reaches a PDF as bitmaps or Type 3 glyphs, megabytes per briefing.
  { pkg: '@fontsource/noto-emoji', files: ['400.css', '700.css'], fallback: true },
];

export interface Face {
  css: string; // the @font-face block without src
  file: string; // absolute path of the woff2
  ranges: [number, number][];
}


const faceCache = new Map<string, Face[]>();

function parseRanges(range: string | undefined): [number, number][] {
  if (!range) return [[0, 0x10ffff]];
  return range.split(',').map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    if (a!.includes('?')) return [parseInt(a!.replace(/\?/g, '0'), 16), parseInt(a!.replace(/\?/g, 'f'), 16)] as [number, number];
    const lo = parseInt(a!, 16);
    return [lo, b ? parseInt(b, 16) : lo] as [number, number];
  });
}

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

export function facesOf(spec: FontFamilySpec): Face[] {
  const key = `${spec.pkg}:${spec.files.join(',')}`;
  const cached = faceCache.get(key);
  if (cached) return cached;
  const dir = packageDir(spec.pkg);
  const faces: Face[] = [];
  for (const f of spec.files) {
    const css = readFileSync(join(dir, f), 'utf8');
    for (const block of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const src = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block);
      if (!src) continue;
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      faces.push({
        css: block.replace(/\s*src:[^;]+;/, '').replace(/\s*font-display:[^;]+;/, ''),
        file: join(dir, src[1]!),
        ranges: parseRanges(range),
      });
    }
  }
  faceCache.set(key, faces);
  return faces;
}

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
  return extraCodePoints(text).filter((cp) => !INVISIBLE(cp) && !inRanges(cp, ranges));
}

const rangesCache = new WeakMap<FontFamilySpec[], [number, number][]>();
function allRanges(specs: FontFamilySpec[]): [number, number][] {
  let r = rangesCache.get(specs);
  if (!r) rangesCache.set(specs, r = specs.flatMap((s) => facesOf(s).flatMap((f) => f.ranges)));
  return r;
}

/** Format characters that print no glyph: joiners, direction marks and isolates, variation selectors, tags, line breaks. */
const INVISIBLE = (cp: number): boolean => cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad
  || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)
  || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xe0100 && cp <= 0xe01ef);
