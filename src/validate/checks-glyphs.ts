import type { LoadedYaml } from '../load/yaml.js';
import { installed, LANG_FONTS, langMatches, uncoveredCharacters } from '../util/font-catalogue.js';
import type { Problem } from './problems.js';

/**
 * glyph-missing: a character in a fact sheet's text that none of brief's fonts has (by the
 * unicode-range of every face in render/fonts.ts). Chromium would print it as a box or, worse, in
 * whatever font the machine has, so the PDF would differ from machine to machine: the sheet is
 * warned instead, at the character itself (file:line:col), naming it and its code point.
 */
export function glyphProblems(loaded: LoadedYaml): Problem[] {
  return [...langFontProblems(loaded), ...missingGlyphs(loaded)];
}

/**
 * font-lang-missing: a `lang:` of Japanese or Traditional Chinese while that language's font (an
 * optional package, font-catalogue LANG_FONTS) is not installed: the text prints, but its Han
 * characters take Simplified Chinese forms. Warned at each such `lang:` value.
 */
function langFontProblems(loaded: LoadedYaml): Problem[] {
  const text = loaded.text;
  // (`includes` first: the multiline pattern tries every line start of a long sheet)
  if (!text.includes('lang:') || !/^[\t -]*lang:/m.test(text)) return [];
  const problems: Problem[] = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const m = /^([\t -]*lang:[ \t]*)(["']?)([A-Za-z0-9-]+)\2/.exec(line);
    if (!m) continue;
    const font = LANG_FONTS.find((f) => langMatches(m[3]!, f));
    if (!font || installed(font.pkg)) continue;
    const col = m[1]!.length + 1;
    problems.push({
      file: loaded.file, line: i + 1, col, endLine: i + 1, endCol: col + m[2]!.length * 2 + m[3]!.length, severity: 'warning', rule: 'font-lang-missing', pointer: '',
      message: `lang ${m[3]} is ${font.language}, but its font is not installed: its Chinese characters would print in Simplified Chinese forms; \`npm i ${font.pkg}\` beside brief (docs/fonts-and-scripts.md)`,
    });
  }
  return problems;
}

function missingGlyphs(loaded: LoadedYaml): Problem[] {
  const text = loaded.text;
  // Latin, its diacritics and punctuation are always covered: most sheets stop here.
  if (!/[^\u0000-\u024f\u2000-\u206f]/.test(text)) return [];
  const printed = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') { for (const cp of uncoveredCharacters(v)) printed.add(cp); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x); return; }
    if (v !== null && typeof v === 'object') for (const k in v) { walk(k); walk((v as Record<string, unknown>)[k]); }
  };
  walk(loaded.data);
  if (printed.size === 0) return [];
  const problems: Problem[] = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; lineStart = i + 1; continue; }
    if (c < 0x80) continue;
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (printed.has(cp)) {
      const col = i - lineStart + 1;
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      problems.push({
        file: loaded.file, line, col, endLine: line, endCol: col + width, severity: 'warning', rule: 'glyph-missing', pointer: '',
        message: `no font brief bundles has the character '${String.fromCodePoint(cp)}' (U+${hex}): it would print as a box or in a font of this machine; see docs/fonts-and-scripts.md to add a font`,
      });
      if (problems.length >= 50) break; // one character can repeat all over a sheet
    }
    i += width - 1;
  }
  return problems;
}
