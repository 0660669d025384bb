/**
 * Issue 18: a face's coverage is what its font file has (its character map within the declared
 * unicode-range), not what its CSS declares; the table gen-dist writes gives the same as reading
 * the files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFaceCss } from '../../../src/render/fonts.js';
import { lastResortFont } from '../../../src/render/last-resort.js';
import { coverageOf, DEFAULT_FONTS, descriptor, facesOf, familiesOf, inRanges, uncoveredCharacters } from '../../../src/util/font-catalogue.js';
import { sfntCoverage, woff2Coverage } from '../../../src/util/woff2-cmap.js';

const MATH = '≤ √ ∑ → ↔ ≠ ± × ≥ ∞ ⇒ ← ≈';
const cps = (s: string) => [...s.replace(/ /g, '')].map((c) => c.codePointAt(0)!);

describe('real font coverage', () => {
  it('reads a WOFF2 character map: Noto Serif has A and ±, not ≤ or √', () => {
    const math = facesOf(DEFAULT_FONTS[0]!).find((f) => f.file.endsWith('noto-serif-math-400-normal.woff2'))!;
    const latin = facesOf(DEFAULT_FONTS[0]!).find((f) => f.file.endsWith('noto-serif-latin-400-normal.woff2'))!;
    const real = woff2Coverage(readFileSync(latin.file));
    expect(inRanges(0x41, real) && inRanges(0xb1, real)).toBe(true);
    expect(inRanges(0x2264, woff2Coverage(readFileSync(math.file)))).toBe(false);
    // The face's range written in the CSS is the real one: its package declares all of U+2200-22FF.
    expect(descriptor(math.css, 'unicode-range')).not.toContain('U+2200-22FF');
    expect(inRanges(0x2264, math.ranges) || inRanges(0x221a, math.ranges)).toBe(false);
  });

  it('the table built with dist gives what reading every font file gives', async () => {
    // dist's module reads dist/font-coverage.json (the sources have no table: they read the files)
    const dist = await import(new URL('../../../dist/util/font-catalogue.js', import.meta.url).href) as typeof import('../../../src/util/font-catalogue.js');
    const table = JSON.parse(readFileSync(new URL('../../../dist/font-coverage.json', import.meta.url), 'utf8')) as Record<string, { faces?: string; coverage?: unknown[] }>;
    for (const spec of DEFAULT_FONTS) {
      const fromFiles = facesOf(spec, false);
      expect(fromFiles.length, spec.pkg).toBeGreaterThan(0);
      expect((JSON.parse(table[spec.pkg]?.faces ?? '[]') as unknown[]).length, spec.pkg).toBe(fromFiles.length); // the faces are in the table
      expect(table[spec.pkg]?.coverage?.length, spec.pkg).toBeGreaterThan(0); // and their coverage
      expect(dist.facesOf(spec, true), spec.pkg).toEqual(fromFiles);
      expect(dist.coverageOf(spec, true), spec.pkg).toEqual(coverageOf(spec, false));
      expect((table[spec.pkg] as { families?: string[] } | undefined)?.families, spec.pkg).toBeDefined(); // the family names too
      expect(dist.familiesOf(spec, true), spec.pkg).toEqual(familiesOf(spec, false));
      expect(familiesOf(spec, false).length, spec.pkg).toBe(1); // a package is one family
      expect(facesOf(spec, true), spec.pkg).toEqual(fromFiles);
    }
  });

  it('math, arrows and symbols are covered by a package font; a script none has is not', () => {
    expect(uncoveredCharacters(MATH)).toEqual([]);
    expect(uncoveredCharacters('ꕙ 𓀀')).toEqual([0xa559, 0x13000]);
    // For the body's family, the face declared last for each of them (the one Chromium tries first)
    // is Noto Sans Math's; no face of Noto Serif itself claims them.
    const css = fontFaceCss(MATH, DEFAULT_FONTS, false);
    const rules = css.split('@font-face').filter((r) => r.includes('Noto Serif') && r.includes('font-weight: 400;') && r.includes('font-style: normal;'));
    for (const cp of cps(MATH).filter((c) => c > 0xff)) {
      const faces = rules.filter((r) => inRanges(cp, parse(descriptor(r, 'unicode-range')!)));
      expect(faces.at(-1), cp.toString(16)).toContain('noto-sans-math');
      expect(faces.some((r) => r.includes('noto-serif')), cp.toString(16)).toBe(false);
    }
  });
});

describe('the faces a document declares', () => {
  it('only the faces its text needs: another fallback that has an arrow is not declared beside Noto Sans Math', () => {
    const text = 'Trade → 中文 ⚠️ 1️⃣';
    const css = fontFaceCss(text, DEFAULT_FONTS, true);
    const rules = css.split('@font-face').slice(1);
    const ranges = rules.map((r) => parse(descriptor(r, 'unicode-range') ?? 'U+0-10FFFF'));
    const needed = cps('→中文⚠');
    // Every face declared holds a character of the text beyond Latin (or Latin, for the primaries).
    for (const [i, r] of ranges.entries()) {
      expect(needed.some((cp) => inRanges(cp, r)) || inRanges(0x41, r) || inRanges(0x31, r), rules[i]!.slice(0, 80)).toBe(true);
    }
    // → is Noto Sans Math's only (the CJK and emoji fonts have it too, but Math comes first).
    const arrowFaces = rules.filter((r, i) => inRanges(0x2192, ranges[i]!) && !inRanges(0x4e2d, ranges[i]!) && !inRanges(0x26a0, ranges[i]!));
    expect(arrowFaces.length).toBeGreaterThan(0);
    for (const r of arrowFaces) expect(fontOf(r)).toBe('noto-sans-math');
    // The keycap is the emoji font's, digit and all.
    expect(rules.some((r, i) => inRanges(0x20e3, ranges[i]!) && inRanges(0x31, ranges[i]!) && fontOf(r) === 'noto-emoji')).toBe(true);
    // Each font file is written once per (family, weight, style) it may serve: 8 at most.
    const files = css.match(/base64,[A-Za-z0-9+/=]{64}/g)!;
    const counts = new Map<string, number>();
    for (const f of files) counts.set(f, (counts.get(f) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(8);
  });
});

describe('the last-resort font: what no bundled font has', () => {
  // Vai, Runic, Ol Chiki, Gothic (beyond the BMP) and a private-use character.
  const text = 'Trade ꕙꔤ ᚠᚢ ᱥᱟ 𐌰 \ue000 中文';
  const missing = uncoveredCharacters(text);

  it('is declared under every family, weight and style the text is set in, for exactly the missing characters, tried last', () => {
    expect(missing).toContain(0x10330);
    expect(missing).toContain(0xe000);
    expect(missing).not.toContain(0x4e2d);
    const rules = fontFaceCss(text, DEFAULT_FONTS, true).split('@font-face').slice(1);
    const last = rules.filter((r) => r.includes('font/ttf'));
    // Noto Serif and Noto Sans, each in the four (weight, style) the packages declare.
    expect(last.length).toBe(8);
    expect(new Set(last.map((r) => `${descriptor(r, 'font-family')} ${descriptor(r, 'font-weight')} ${descriptor(r, 'font-style')}`)).size).toBe(8);
    for (const r of last) {
      const range = parse(descriptor(r, 'unicode-range')!);
      expect(missing.every((cp) => inRanges(cp, range))).toBe(true);
      // (and the capitals of those that have them)
      expect(range.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i))).toEqual(uncoveredCharacters(`${text} ${text.toUpperCase()}`));
    }
    // Declared before any other face (the face declared first is tried last).
    expect(rules[0]).toContain('font/ttf');
    expect(rules.slice(last.length).some((r) => r.includes('font/ttf'))).toBe(false);
  });

  it('is not used for a character another primary family has: ℀ in Noto Sans text is Noto Serif\'s', () => {
    expect(uncoveredCharacters('℀')).toEqual([]);
    const rules = fontFaceCss('Trade ℀', DEFAULT_FONTS, false).split('@font-face').slice(1);
    expect(rules.some((r) => r.includes('font/ttf'))).toBe(false);
    const sans = rules.filter((r) => descriptor(r, 'font-family') === "'Noto Sans'" && inRanges(0x2100, parse(descriptor(r, 'unicode-range') ?? 'U+0-10FFFF')));
    expect(sans.length).toBeGreaterThan(0);
    for (const r of sans) expect(r).toContain('noto-serif-math');
    // Each (weight, style) of Noto Sans borrows Noto Serif's face of the same style.
    expect(sans.filter((r) => descriptor(r, 'font-style') === 'italic').every((r) => r.includes('italic.woff2'))).toBe(true);
  });

  it('covers the letters CSS capitals print, which the text does not hold (Glagolitic Ⰰ for ⰰ)', () => {
    const rules = fontFaceCss('Trade ⰰⰱⰲ', DEFAULT_FONTS, true).split('@font-face').slice(1).filter((r) => r.includes('font/ttf'));
    expect(rules.length).toBe(8);
    for (const cp of [0x2c30, 0x2c00, 0x2c31, 0x2c01]) expect(inRanges(cp, parse(descriptor(rules[0]!, 'unicode-range')!)), cp.toString(16)).toBe(true);
  });

  it('is not declared for text every bundled font set covers', () => {
    expect(fontFaceCss('Trade → 中文 ⚠️ العربية हिन्दी', DEFAULT_FONTS, true)).not.toContain('font/ttf');
  });

  it('maps each missing character to a glyph of its own, the same bytes for the same characters', () => {
    const font = lastResortFont(missing);
    expect(sfntCoverage(font)).toEqual(missing.map((cp) => [cp, cp]).reduce<[number, number][]>((acc, [lo, hi]) => {
      const prev = acc.at(-1);
      if (prev && lo === prev[1] + 1) prev[1] = hi; else acc.push([lo, hi]);
      return acc;
    }, []));
    expect(Buffer.compare(lastResortFont([...missing].reverse()), font)).toBe(0);
    // Thousands of missing characters (hostile text) still give one bounded font, every character mapped.
    const many = Array.from({ length: 5000 }, (_, i) => 0x10000 + i * 3);
    const big = lastResortFont(many);
    expect(sfntCoverage(big).reduce((n, [lo, hi]) => n + hi - lo + 1, 0)).toBe(5000);
    expect(big.length).toBeLessThan(600_000);
    // A glyph of its own for each (one glyph for many characters would give the text layer one of them).
    expect(numGlyphs(big)).toBeGreaterThan(5000);
    expect(font.includes(Buffer.from('BriefLastResort', 'latin1')) || font.includes(Buffer.from('B\0r\0i\0e\0f', 'latin1'))).toBe(true);
  });
});

describe('a language font (Japanese, Traditional Chinese) when installed', () => {
  // A stand-in for @fontsource/noto-sans-jp, which this project does not install: any installed package will do.
  const standIn = [{ pkg: '@fontsource/noto-sans-kr', files: ['400.css', '700.css'], fallback: true, langs: ['ja'], language: 'Japanese' }];

  it('sets the text of that language in it, under families of its own that the templates\' --serif and --sans name', () => {
    const css = fontFaceCss('<article lang="ja"><h1>日本語</h1></article>', DEFAULT_FONTS, false, standIn);
    const rules = css.split('@font-face').slice(1);
    const serifJa = rules.filter((r) => r.includes("font-family: 'Noto Serif ja';") && r.includes('font-weight: 400;') && r.includes('font-style: normal;'));
    // For 日, the stand-in is tried first (declared last among the faces that have it).
    const han = serifJa.filter((r) => inRanges(0x65e5, parse(descriptor(r, 'unicode-range') ?? 'U+0-10FFFF')));
    expect(han.at(-1)).toMatch(/fonts\.brief\.invalid\/[0-9a-f]+\/noto-sans-kr-/);
    expect(han.some((r) => r.includes('noto-sans-sc-'))).toBe(false); // it has them all: SC is not needed there
    expect(rules.some((r) => r.includes("font-family: 'Noto Serif';") && r.includes('noto-sans-sc-'))).toBe(true); // but still is outside
    // The Latin of the language's text is still Noto Serif's own.
    expect(serifJa.some((r) => r.includes('noto-serif-latin-400-normal'))).toBe(true);
    expect(css).toContain(`[lang|="ja" i] { --serif: 'Noto Serif ja', 'Noto Serif', serif; --sans: 'Noto Sans ja', 'Noto Sans', sans-serif; font-family: var(--serif); }`);
    // The families everyone else uses do not get it.
    expect(rules.filter((r) => r.includes("font-family: 'Noto Serif';")).some((r) => r.includes('noto-sans-kr-'))).toBe(false);
  });

  it('is not declared for a document with no text in that language', () => {
    const css = fontFaceCss('<article lang="zh-Hans">日本語</article>', DEFAULT_FONTS, false, standIn);
    expect(css).not.toContain(' ja\'');
    expect(css).not.toContain('noto-sans-kr-');
  });
});

/** The package a rule's font file comes from, by its name in the catalogue's faces. */
function fontOf(rule: string): string {
  const b64 = /base64,([A-Za-z0-9+/=]+)/.exec(rule)![1]!;
  for (const spec of DEFAULT_FONTS) {
    for (const face of facesOf(spec)) if (readFileSync(face.file).toString('base64') === b64) return spec.pkg.replace('@fontsource/', '');
  }
  return '?';
}

/** maxp.numGlyphs of a TrueType font. */
function numGlyphs(font: Buffer): number {
  for (let t = 0; t < font.readUInt16BE(4); t++) {
    if (font.toString('latin1', 12 + t * 16, 16 + t * 16) === 'maxp') return font.readUInt16BE(font.readUInt32BE(12 + t * 16 + 8) + 4);
  }
  return 0;
}

function parse(range: string): [number, number][] {
  return range.split(',').map((r) => {
    const [a, b] = r.trim().slice(2).split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  });
}
