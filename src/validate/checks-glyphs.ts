import type { LoadedYaml } from '../load/yaml.js';
import { installed, INVISIBLE, LANG_FONTS, langMatches, uncoveredCharacters, unsettableClusters } from '../util/font-catalogue.js';
import { composeMarks, isMark, LETTER_WITH_MARKS } from '../util/marks.js';
import { lineStarts, type Problem } from './problems.js';

/**
 * glyph-missing: a character in a fact sheet's text that none of brief's fonts has (by the
 * unicode-range of every face in render/fonts.ts). It prints from brief's last-resort font, as a box
 * showing its code point (render/last-resort.ts), never from a font of the machine; the sheet is
 * warned at the characters themselves (file:line:col), each run of them once, with their code points.
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
  // Every string of the sheet as it prints (composed: util/marks.ts), one to a line: looked through once.
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') { strings.push(composeMarks(v)); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x); return; }
    if (v !== null && typeof v === 'object') for (const k in v) { walk(k); walk((v as Record<string, unknown>)[k]); }
  };
  walk(loaded.data);
  const all = strings.join('\n');
  const printed = new Set(uncoveredCharacters(all));
  /** Letters with marks no one face has together. */
  const unsettable = new Set(unsettableClusters(all));
  if (printed.size === 0 && unsettable.size === 0) return [];
  const problems: Problem[] = unsettable.size === 0 ? [] : unsettableProblems(loaded, unsettable);
  let line = 1;
  let lineStart = 0;
  // One warning for each run of such characters (a word of a script no font has), not for each character.
  let run: { line: number; col: number; end: number; cps: number[] } | undefined;
  const flush = () => {
    if (!run) return;
    const shown = run.cps.slice(0, 8).map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(' ') + (run.cps.length > 8 ? ' …' : '');
    const chars = String.fromCodePoint(...run.cps.slice(0, 24));
    // A letter is set with its marks from one font: with a mark no font has, the letter is a box too.
    const marked = run.cps.some(isMark);
    const what = run.cps.length === 1
      ? marked ? `the combining mark '${chars}' (${shown}): it and the letter it is on print as boxes showing their code points` : `the character '${chars}' (${shown}): it prints as a box showing its code point`
      : `the characters '${chars}${run.cps.length > 24 ? '…' : ''}' (${shown}): they${marked ? ', and the letters they mark,' : ''} print as boxes showing their code points`;
    problems.push({
      file: loaded.file, line: run.line, col: run.col, endLine: run.line, endCol: run.end, severity: 'warning', rule: 'glyph-missing', pointer: '',
      message: `no font brief bundles has ${what}; see docs/fonts-and-scripts.md to add a font`,
    });
    run = undefined;
  };
  for (let i = 0; i < text.length && problems.length < 50; i++) { // one word can repeat all over a sheet
    const c = text.charCodeAt(i);
    if (c === 10) { flush(); line++; lineStart = i + 1; continue; }
    if (c < 0x80) { flush(); continue; }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const col = i - lineStart + 1;
    if (printed.has(cp)) {
      if (run) { run.cps.push(cp); run.end = col + width; } else run = { line, col, end: col + width, cps: [cp] };
    } else if (!INVISIBLE(cp)) flush();
    i += width - 1;
  }
  flush();
  return problems;
}

/**
 * A letter and its combining marks that the bundled fonts have, but no one face together ("x̣": the
 * Latin faces have "x", only the Vietnamese face has U+0323): Chromium sets a cluster from one font,
 * so it prints from the last-resort font, as boxes. Warned where the sheet writes it (composed or
 * not), each place once.
 */
function unsettableProblems(loaded: LoadedYaml, clusters: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const starts = lineStarts(loaded.text);
  let line = 0;
  for (const m of loaded.text.matchAll(LETTER_WITH_MARKS)) {
    const cluster = composeMarks(m[0]);
    if (!clusters.has(cluster)) continue;
    while (line + 1 < starts.length && starts[line + 1]! <= m.index) line++;
    const col = m.index - starts[line]! + 1;
    const cps = [...cluster].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    problems.push({
      file: loaded.file, line: line + 1, col, endLine: line + 1, endCol: col + m[0].length, severity: 'warning', rule: 'glyph-missing', pointer: '',
      message: `no font brief bundles has the letter '${cluster}' (${cps}) whole: its fonts have the letter and the marks, but none has them together, so it prints as boxes showing their code points; see docs/fonts-and-scripts.md to add a font`,
    });
    if (problems.length >= 25) break;
  }
  return problems;
}
