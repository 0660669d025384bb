import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setBounded } from './bounded.js';

/**
 * Fonts come from npm (@fontsource), never from the machine. Each face is inlined into the HTML as
 * a data: URL, so the page needs no file or network access; a face is only included when the
 * document uses a character in its unicode-range (CJK costs only the chunks the text needs).
 */
const require = createRequire(import.meta.url);

export interface FontFamilySpec {
  /** npm package, e.g. '@fontsource/noto-serif'. */
  pkg: string;
  /** CSS files of the package to read, e.g. ['400.css', '400-italic.css', '700.css']. */
  files: string[];
  /**
   * A fallback family (CJK, emoji) is only embedded for characters no primary family covers: its
   * chunks also list Latin punctuation, which the primary families print anyway.
   */
  fallback?: boolean;
}

export const DEFAULT_FONTS: FontFamilySpec[] = [
  { pkg: '@fontsource/noto-serif', files: ['400.css', '400-italic.css', '700.css', '700-italic.css'] },
  { pkg: '@fontsource/noto-sans', files: ['400.css', '400-italic.css', '600.css', '700.css'] },
  { pkg: '@fontsource/noto-sans-sc', files: ['400.css', '700.css'], fallback: true },
  { pkg: '@fontsource/noto-emoji', files: ['400.css'], fallback: true },
];

interface Face {
  css: string; // the @font-face block without src
  file: string; // absolute path of the woff2
  ranges: [number, number][];
}

const faceCache = new Map<string, Face[]>();
const dataCache = new Map<string, string>();

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

function dataUrl(file: string): string {
  let url = dataCache.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
    dataCache.set(file, url);
  }
  return url;
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

/** The @font-face CSS by the extra code points it was made for (a batch repeats the same few). */
const cssCache = new Map<string, string>();

/** @font-face rules (with inlined fonts) for the faces the given text needs. */
export function fontFaceCss(text: string, specs: FontFamilySpec[] = DEFAULT_FONTS): string {
  const extra = extraCodePoints(text);
  const key = specs === DEFAULT_FONTS ? String.fromCodePoint(...extra) : undefined;
  const cached = key === undefined ? undefined : cssCache.get(key);
  if (cached !== undefined) return cached;
  const used = [...PRINTABLE_ASCII, ...extra];
  const inRanges = (cp: number, ranges: [number, number][]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  const primaryRanges = specs.filter((s) => !s.fallback).flatMap((s) => facesOf(s).flatMap((f) => f.ranges));
  const uncovered = used.filter((cp) => !inRanges(cp, primaryRanges));
  const rules: string[] = [];
  for (const spec of specs) {
    const wanted = spec.fallback ? uncovered : used;
    for (const face of facesOf(spec)) {
      if (!wanted.some((cp) => inRanges(cp, face.ranges))) continue;
      rules.push(face.css.replace(/}\s*$/, `  src: url(${dataUrl(face.file)}) format('woff2');\n}`));
    }
  }
  const css = rules.join('\n');
  if (key !== undefined) setBounded(cssCache, key, css, 64);
  return css;
}
