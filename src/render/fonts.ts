import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { coverageOf, DEFAULT_FONTS, descriptor, extraClusters, extraCodePoints, facesOf, familiesOf, installed, INVISIBLE, LANG_FONTS, langMatches, markedCluster, oneFaceHas, rangeDescriptor, type Face, type FontFamilySpec, type LangFont } from '../util/font-catalogue.js';
import { setBounded } from '../util/bounded.js';
import { mergeRanges, rangeHasAny, rangesHave } from '../util/woff2-cmap.js';
import { LAST_RESORT_FAMILY, lastResortFont } from './last-resort.js';

/**
 * Fonts come from npm (@fontsource), never from the machine or the network. A face is only included
 * when the document uses a character in its unicode-range (CJK costs only the chunks the text needs).
 *
 * A face's source is either inline (a data: URL, for HTML that must stand alone: the HTML files
 * brief writes) or by reference: a URL under FONT_ORIGIN, which names no host (.invalid never
 * resolves) and which the printer answers itself from these files (fontResources, handed to the
 * printer with each document; it refuses every other request). By reference, a page's renderer
 * keeps each font it has decoded in its memory cache for the next documents it prints, instead of
 * decoding ~115 kB of fonts for every document, and the HTML sent to the page is ~150 kB smaller.
 */
export const FONT_ORIGIN = 'https://fonts.brief.invalid';

/** A font file's bytes as base64, and its URL under FONT_ORIGIN, by file path. */
const fileCache = new Map<string, { base64: string; url: string }>();
/** The font files by their URL under FONT_ORIGIN: what the printer may answer with. */
const byUrl = new Map<string, string>();

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

/** The fonts by reference as the printer takes them (print/printer.ts Resources): what a briefing may load. */
export const fontResources = {
  origin: FONT_ORIGIN,
  answer(url: string): { body: string; type: string } | undefined {
    const body = fontResponse(url);
    return body === undefined ? undefined : { body, type: 'font/woff2' };
  },
} as const;


const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

/**
 * The @font-face CSS by how its fonts are given ('i' inline, 'r' by reference) and the clusters
 * beyond ASCII it was made for (a batch repeats the same few).
 */
const cssCache = new Map<string, string>();

/**
 * @font-face rules for the faces the given text needs: with the fonts inline (data: URLs), or by
 * reference (URLs under FONT_ORIGIN, which only brief's printer answers: see the top of this file).
 */
export function fontFaceCss(text: string, specs: FontFamilySpec[] = DEFAULT_FONTS, inline = true, langFonts: LangFont[] = LANG_FONTS): string {
  // CSS text-transform prints letters the text does not hold (a label in capitals: Armenian Հ for հ),
  // so the faces are chosen for the text in both cases too.
  const cased = withCases(text);
  const clusters = extraClusters(cased);
  const tags = [...new Set([...text.matchAll(/\slang="([A-Za-z0-9-]+)"/g)].map((m) => m[1]!))];
  const forLangs = langFonts.filter((f) => tags.some((t) => langMatches(t, f)) && installed(f.pkg));
  const key = specs === DEFAULT_FONTS && langFonts === LANG_FONTS ? `${inline ? 'i' : 'r'}${forLangs.map((f) => f.pkg).join(',')}|${clusters.join('\u0000')}` : undefined;
  const cached = key === undefined ? undefined : cssCache.get(key);
  if (cached !== undefined) return cached;
  const used = [...PRINTABLE_ASCII, ...extraCodePoints(cased)].sort((a, b) => a - b);
  const src = (face: Face) => `src: url(${inline ? dataUrl(face.file) : fontFile(face.file).url}) format('woff2');`;
  const rules = faceRules(specs, clusters, used, src);
  // A language's own font: every family again under a name of the language's (its font first among
  // the fallbacks), which the base templates' --serif and --sans name within text of that language
  // (a template that names its fonts otherwise keeps Noto Sans SC's forms there).
  for (const font of forLangs) {
    const suffix = font.langs[0]!;
    const renamed = (family: string) => `'${family.replace(/^['"]|['"]$/g, '')} ${suffix}'`;
    const primaries = specs.filter((s) => !s.fallback);
    rules.push(...faceRules([...primaries, font, ...specs.filter((s) => s.fallback)], clusters, used, src, renamed));
    const vars = primaries.flatMap((s) => facesOf(s).slice(0, 1)).map((face) => descriptor(face.css, 'font-family') ?? '')
      .flatMap((family) => (TEMPLATE_VARS[family] ? [`${TEMPLATE_VARS[family]![0]}: ${renamed(family)}, ${family}, ${TEMPLATE_VARS[family]![1]};`] : []));
    // The element that declares the language (an article, a quote) is set in the serif, as the body
    // is; within it, headings and labels keep naming --sans (an attribute selector: :lang() would
    // match them too and outrank their own font-family).
    if (vars.length > 0) rules.push(`${font.langs.map((l) => `[lang|="${l}" i]`).join(', ')} { ${vars.join(' ')} font-family: var(--serif); }`);
  }
  const css = rules.join('\n');
  if (key !== undefined) setBounded(cssCache, key, css, 64);
  return css;
}

/** The custom properties through which the base templates name each primary family, and its generic family. */
const TEMPLATE_VARS: Record<string, [string, string]> = { "'Noto Serif'": ['--serif', 'serif'], "'Noto Sans'": ['--sans', 'sans-serif'] };

/**
 * The text, and its letters beyond ASCII in capitals and in small letters. An ASCII letter just
 * before a character beyond ASCII is kept with it: a letter and a mark no face has together ("b̼")
 * is one cluster, and in capitals ("B̼") another, that brief's boxes must cover as well.
 */
function withCases(text: string): string {
  const extra = text.replace(/[\u0000-\u007f]+(?![^\u0000-\u007f])/g, ' ');
  const upper = extra.toUpperCase();
  const lower = extra.toLowerCase();
  return upper === extra && lower === extra ? text : `${text}\n${upper}\n${lower}`;
}

function faceRules(specs: FontFamilySpec[], clusters: string[], used: number[], src: (face: Face) => string, rename: (family: string) => string = (f) => f): string[] {
  const covers = (spec: FontFamilySpec, cp: number) => rangesHave(coverageOf(spec), cp);
  const primaries = specs.filter((s) => !s.fallback);
  // Each (family, weight, style) the primaries declare: a fallback face joins one only with the very
  // same descriptors (faces with others are another font to CSS matching, not tried for a missing
  // character).
  const slots = new Map<string, { family: string; weight: number; style: string }>();
  // A character is a fallback's for a family that does not cover it (Noto Sans has Devanagari, Noto Serif has not).
  const familyRanges = new Map<string, [number, number][]>();
  const familyFaces = new Map<string, Face[]>();
  for (const spec of primaries) {
    for (const face of facesOf(spec)) {
      const family = descriptor(face.css, 'font-family') ?? '';
      familyRanges.set(family, mergeRanges([...(familyRanges.get(family) ?? []), ...face.ranges]));
      familyFaces.set(family, [...(familyFaces.get(family) ?? []), face]);
      const slot = { family: descriptor(face.css, 'font-family') ?? '', weight: Number(descriptor(face.css, 'font-weight') ?? 400), style: descriptor(face.css, 'font-style') ?? 'normal' };
      slots.set(`${slot.family}|${slot.weight}|${slot.style}`, slot);
    }
  }
  // Within one such font, the face declared last is tried first for a character (CSS Fonts 4,
  // unicode-range): the fallbacks come first, least preferred first, then the primary's own faces.
  // A cluster the family cannot print whole is the first fallback's that has all of it (the emoji
  // font for a keycap: its digit too), else each character the family lacks is the first fallback's
  // that has it. Only those faces are declared: one another font would win is never loaded, nor
  // written into a standalone HTML file. After the fallbacks come the other primaries (Noto Serif's
  // letterlike symbols for text set in Noto Sans), then the last-resort font.
  const fallbacks = [...specs.filter((s) => s.fallback), ...primaries];
  const wanted = new Map<string, Map<FontFamilySpec, number[]>>();
  // The characters of letters with combining marks that no one face has together: the last-resort
  // font's, base letter and marks alike (else Chromium takes the cluster from a font of the machine).
  const unsettable = new Set<number>();
  for (const [family, ranges] of familyRanges) {
    const mine = new Map<FontFamilySpec, number[]>();
    const want = (spec: FontFamilySpec, cps: number[]) => {
      const list = mine.get(spec);
      if (list) list.push(...cps);
      else mine.set(spec, [...cps]);
    };
    for (const cluster of clusters) {
      // A letter and its combining marks print from one face, or the whole cluster goes elsewhere:
      // Noto Serif's Latin faces have "x" and its Vietnamese face has U+0323, so "x̣" came from the
      // machine. (Emoji sequences are the next branch's.)
      const marked = /[\ufe0e\ufe0f\u200d]/.test(cluster) ? undefined : markedCluster(cluster);
      if (marked) {
        if (familyFaces.get(family)!.some((face) => marked.every((cp) => rangesHave(face.ranges, cp)))) continue;
        const whole = fallbacks.find((s) => oneFaceHas(s, marked));
        if (whole) want(whole, marked);
        else for (const cp of marked) unsettable.add(cp);
        continue;
      }
      // Chromium takes a variation sequence or a ZWJ sequence only from a font that has the
      // selector or joiner too (⚠️ from the emoji font, not from Noto Sans Symbols' plain ⚠).
      const cps = [...cluster].map((c) => c.codePointAt(0)!).filter((cp) => !INVISIBLE(cp) || cp === 0xfe0e || cp === 0xfe0f || cp === 0x200d);
      const lacking = cps.filter((cp) => !INVISIBLE(cp) && !rangesHave(ranges, cp));
      if (lacking.length === 0) continue;
      const whole = fallbacks.find((s) => cps.every((cp) => covers(s, cp)));
      // (Faces are chosen by its visible characters: every emoji face declares U+FE0F and U+200D.)
      if (whole) want(whole, cps.filter((cp) => !INVISIBLE(cp)));
      else for (const cp of lacking) { const s = fallbacks.find((f) => covers(f, cp)); if (s) want(s, [cp]); }
    }
    for (const list of mine.values()) list.sort((a, b) => a - b);
    wanted.set(family, mine);
  }
  const rules: string[] = [];
  // What no font has, least preferred of all: the last-resort font's boxes, never a machine's font.
  const missing = [...new Set([...used.filter((cp) => cp > 0x9f && !specs.some((s) => covers(s, cp))), ...unsettable])].sort((a, b) => a - b);
  if (missing.length > 0) {
    const font = `src: url(data:font/ttf;base64,${lastResortFont(missing).toString('base64')}) format('truetype');`;
    const range = rangeDescriptor(mergeRanges(missing.map((cp) => [cp, cp] as [number, number])));
    for (const { family, weight, style } of slots.values()) {
      rules.push(`@font-face {\n  font-family: ${rename(family)};\n  font-style: ${style};\n  font-weight: ${weight};\n  unicode-range: ${range};\n  ${font}\n}`);
    }
  }
  for (const spec of [...fallbacks].reverse()) {
    for (const { family, weight, style } of slots.values()) {
      const mine = wanted.get(family)!.get(spec) ?? [];
      // (none wanted, as for most fallbacks and families: no face is looked through, ~10 ms a document)
      const all = mine.length === 0 ? [] : facesOf(spec).filter((face) => face.ranges.some(([lo, hi]) => rangeHasAny(lo, hi, mine)));
      // A package with faces of this style (a primary's italic) gives those; else its upright faces serve.
      const styled = all.filter((face) => (descriptor(face.css, 'font-style') ?? 'normal') === style);
      const faces = styled.length > 0 ? styled : all;
      // The package's nearest weight; its upright faces are declared italic too, so scripts without
      // an italic (CJK, Arabic, Indic, emoji) are never given a synthetic slant.
      const weights = [...new Set(faces.map((f) => Number(descriptor(f.css, 'font-weight') ?? 400)))];
      const nearest = weights.sort((a, b) => Math.abs(a - weight) - Math.abs(b - weight) || b - a)[0];
      for (const face of faces) {
        if (Number(descriptor(face.css, 'font-weight') ?? 400) !== nearest) continue;
        const range = descriptor(face.css, 'unicode-range');
        rules.push(`@font-face {\n  font-family: ${rename(family)};\n  font-style: ${style};\n  font-weight: ${weight};\n${range ? `  unicode-range: ${range};\n` : ''}  ${src(face)}\n}`);
      }
    }
  }
  for (const spec of primaries) {
    for (const face of facesOf(spec)) {
      if (!face.ranges.some(([lo, hi]) => rangeHasAny(lo, hi, used))) continue;
      rules.push(face.css.replace(/font-family:\s*([^;]+);/, (_, f: string) => `font-family: ${rename(f.trim())};`).replace(/}\s*$/, `  ${src(face)}\n}`));
    }
  }
  return rules;
}

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

/**
 * Whether a font name a PDF gives (PostScript, e.g. NotoSans-Bold, NotoSansSCThin-Regular) is one of
 * brief's: a bundled family's, an installed language font's, or the last-resort font.
 */
export function isPackageFont(name: string): boolean {
  const among = (families: string[]) => families.some((family) => name.startsWith(family));
  // The primary families first: nearly every font of a briefing is theirs, and they are known without
  // finding every other package on disk (~7 ms of a cold build, after its print).
  primaryFamilies ??= familyNames(DEFAULT_FONTS.filter((s) => !s.fallback));
  if (among(primaryFamilies)) return true;
  allFamilies ??= familyNames([...DEFAULT_FONTS, ...LANG_FONTS.filter((f) => installed(f.pkg))]);
  return among(allFamilies);
}
let primaryFamilies: string[] | undefined;
let allFamilies: string[] | undefined;
const familyNames = (specs: FontFamilySpec[]): string[] =>
  [...new Set(specs.flatMap((spec) => familiesOf(spec)).concat(LAST_RESORT_FAMILY).map((f) => f.replace(/['"\s]/g, '')).filter((f) => f.length > 0))];
