import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setBounded } from '../util/bounded.js';

/**
 * Fonts come from npm (@fontsource), never from the machine or the network. A face is only included
 * when the document uses a character in its unicode-range (CJK costs only the chunks the text needs).
 *
 * A face's source is either inline (a data: URL, for HTML that must stand alone: the HTML files
 * brief writes) or by reference: a URL under FONT_ORIGIN, which names no host (.invalid never
 * resolves) and which the printer answers itself from these files (fontResponse; print.ts refuses
 * every other request). By reference, a page's renderer keeps each font it has decoded in its memory
 * cache for the next documents it prints, instead of decoding ~115 kB of fonts for every document,
 * and the HTML sent to the page is ~150 kB smaller (printed by DevTools directly, 102 documents took
 * 6-17 % less time; brief's batch ~6 % less CPU).
 */
export const FONT_ORIGIN = 'https://fonts.brief.invalid';
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

interface Face {
  css: string; // the @font-face block without src
  file: string; // absolute path of the woff2
  ranges: [number, number][];
}

const faceCache = new Map<string, Face[]>();
/** A font file's bytes as base64, and its URL under FONT_ORIGIN, by file path. */
const fileCache = new Map<string, { base64: string; url: string }>();
/** The font files by their URL under FONT_ORIGIN: what the printer may answer with. */
const byUrl = new Map<string, string>();

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

function facesOf(spec: FontFamilySpec): Face[] {
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

function fontFile(file: string): { base64: string; url: string } {
  let cached = fileCache.get(file);
  if (!cached) {
    const bytes = readFileSync(file);
    // The URL names the content: a font package updated in place gives another URL (and the PDF's
    // file ID, a hash of the HTML, changes with it).
    const url = `${FONT_ORIGIN}/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}/${basename(file)}`;
    cached = { base64: bytes.toString('base64'), url };
    fileCache.set(file, cached);
    byUrl.set(url, file);
  }
  return cached;
}

const dataUrl = (file: string): string => `data:font/woff2;base64,${fontFile(file).base64}`;

/**
 * The body (base64) of a font the HTML refers to under FONT_ORIGIN, or undefined for any other URL:
 * only the font files fontFaceCss has named are answered.
 */
export function fontResponse(url: string): string | undefined {
  const file = byUrl.get(url);
  return file === undefined ? undefined : fontFile(file).base64;
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

const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

/**
 * The @font-face CSS by how its fonts are given ('i' inline, 'r' by reference) and the extra code
 * points it was made for (a batch repeats the same few).
 */
const cssCache = new Map<string, string>();

/**
 * @font-face rules for the faces the given text needs: with the fonts inline (data: URLs), or by
 * reference (URLs under FONT_ORIGIN, which only brief's printer answers: see the top of this file).
 */
export function fontFaceCss(text: string, specs: FontFamilySpec[] = DEFAULT_FONTS, inline = true): string {
  const extra = extraCodePoints(text);
  const key = specs === DEFAULT_FONTS ? `${inline ? 'i' : 'r'}${String.fromCodePoint(...extra)}` : undefined;
  const cached = key === undefined ? undefined : cssCache.get(key);
  if (cached !== undefined) return cached;
  const used = [...PRINTABLE_ASCII, ...extra];
  const primaries = specs.filter((s) => !s.fallback);
  const src = (face: Face) => `src: url(${inline ? dataUrl(face.file) : fontFile(face.file).url}) format('woff2');`;
  // Each (family, weight, style) the primaries declare: a fallback face joins one only with the very
  // same descriptors (faces with others are another font to CSS matching, not tried for a missing
  // character).
  const slots = new Map<string, { family: string; weight: number; style: string }>();
  // A character is a fallback's for a family that does not cover it (Noto Sans has Devanagari, Noto Serif has not).
  const familyRanges = new Map<string, [number, number][]>();
  for (const spec of primaries) {
    for (const face of facesOf(spec)) {
      const family = descriptor(face.css, 'font-family') ?? '';
      familyRanges.set(family, [...(familyRanges.get(family) ?? []), ...face.ranges]);
      const slot = { family: descriptor(face.css, 'font-family') ?? '', weight: Number(descriptor(face.css, 'font-weight') ?? 400), style: descriptor(face.css, 'font-style') ?? 'normal' };
      slots.set(`${slot.family}|${slot.weight}|${slot.style}`, slot);
    }
  }
  // Within one such font, the face declared last is tried first for a character (CSS Fonts 4,
  // unicode-range): the fallbacks come first, least preferred first, then the primary's own faces.
  const rules: string[] = [];
  const uncovered = new Map([...familyRanges].map(([family, ranges]) => [family, used.filter((cp) => !inRanges(cp, ranges))]));
  for (const spec of specs.filter((s) => s.fallback).reverse()) {
    for (const { family, weight, style } of slots.values()) {
      const faces = facesOf(spec).filter((face) => uncovered.get(family)!.some((cp) => inRanges(cp, face.ranges)));
      // The package's nearest weight; its upright faces are declared italic too, so scripts without
      // an italic (CJK, Arabic, Indic, emoji) are never given a synthetic slant.
      const weights = [...new Set(faces.map((f) => Number(descriptor(f.css, 'font-weight') ?? 400)))];
      const nearest = weights.sort((a, b) => Math.abs(a - weight) - Math.abs(b - weight) || b - a)[0];
      for (const face of faces) {
        if (Number(descriptor(face.css, 'font-weight') ?? 400) !== nearest) continue;
        const range = descriptor(face.css, 'unicode-range');
        rules.push(`@font-face {\n  font-family: ${family};\n  font-style: ${style};\n  font-weight: ${weight};\n${range ? `  unicode-range: ${range};\n` : ''}  ${src(face)}\n}`);
      }
    }
  }
  for (const spec of primaries) {
    for (const face of facesOf(spec)) {
      if (!used.some((cp) => inRanges(cp, face.ranges))) continue;
      rules.push(face.css.replace(/}\s*$/, `  ${src(face)}\n}`));
    }
  }
  const css = rules.join('\n');
  if (key !== undefined) setBounded(cssCache, key, css, 64);
  return css;
}

const descriptor = (css: string, name: string): string | undefined => new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();

const inRanges = (cp: number, ranges: [number, number][]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

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

/**
 * `html` as a file that stands alone: the @font-face rules fontFaceCss gave by reference replaced by
 * the same rules with the fonts inline (an HTML file opened elsewhere has no printer to answer).
 * Only those rules, found whole, are replaced: fact-sheet text that merely looks like them is not.
 */
export function inlineFonts(html: string): string {
  // The longest rules found: those for fewer faces can be the start of those for more.
  let found: { at: number; css: string } | undefined;
  for (const [key, css] of cssCache) {
    if (!key.startsWith('r') || (found && css.length <= found.css.length)) continue;
    const at = html.indexOf(css);
    if (at >= 0) found = { at, css };
  }
  if (!found) return html;
  const inline = found.css.replace(/url\((https:[^)]+)\)/g, (m, url: string) => (byUrl.has(url) ? `url(${dataUrl(byUrl.get(url)!)})` : m));
  return html.slice(0, found.at) + inline + html.slice(found.at + found.css.length);
}
