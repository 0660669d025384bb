import type { LoadedYaml } from '../load/yaml.js';
import { firstControl } from '../util/printable.js';
import { firstBidiFormatting } from '../util/marks.js';
import { dottedPath } from './schema-messages.js';
import { problemAt, type Problem } from './problems.js';

/**
 * Clean text: no control character in any value or key of a sheet (C0 but tab and line feed, DEL,
 * C1). They print as nothing on paper, and on a terminal they act (ESC starts a command: a new
 * window title, a cleared screen). Tab and line feed are allowed only in prose fields, where a
 * text may have several lines; a title, id, name or date is one line. An explicit bidirectional
 * control (override, embedding, isolate) is a warning: the print leaves it out (util/marks.ts printText).
 */
const PROSE = new Set(['summary', 'source_summary', 'text', 'note', 'detail', 'view', 'verification_note', 'statement', 'basis', 'change_reason', 'notes']);

const pointerOf = (path: readonly (string | number)[]): string =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'backspace', 9: 'tab', 10: 'line break', 13: 'carriage return', 27: 'ESC', 127: 'DEL' };
const describe = (s: string, at: number): string => {
  const code = s.charCodeAt(at);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `a control character (${NAMES[code] ? `${NAMES[code]}, ` : ''}${hex}) at character ${at + 1}`;
};

/** The explicit bidirectional formatting characters by code point (util/marks.ts). */
const BIDI_NAMES: Record<number, string> = {
  0x202a: 'a LEFT-TO-RIGHT EMBEDDING', 0x202b: 'a RIGHT-TO-LEFT EMBEDDING', 0x202c: 'a POP DIRECTIONAL FORMATTING',
  0x202d: 'a LEFT-TO-RIGHT OVERRIDE', 0x202e: 'a RIGHT-TO-LEFT OVERRIDE', 0x2066: 'a LEFT-TO-RIGHT ISOLATE',
  0x2067: 'a RIGHT-TO-LEFT ISOLATE', 0x2068: 'a FIRST STRONG ISOLATE', 0x2069: 'a POP DIRECTIONAL ISOLATE',
};

/** A character trim() would keep: \S is neither white space nor a line terminator, as trim() has them. */
const NOT_BLANK = /\S/;

export function controlProblems(loaded: LoadedYaml): Problem[] {
  const out: Problem[] = [];
  const path: (string | number)[] = [];
  const walk = (node: unknown, prose: boolean): void => {
    if (typeof node === 'string') {
      if (node.length > 0 && !NOT_BLANK.test(node)) {
        const pointer = pointerOf(path);
        out.push(problemAt(loaded, pointer, 'text-blank', `${dottedPath(pointer)} is only white space; write the text, or leave the field out if it may be left out`));
        return;
      }
      const at = firstControl(node, prose);
      if (at >= 0) {
        const pointer = pointerOf(path);
        out.push(problemAt(loaded, pointer, 'text-control', `${dottedPath(pointer)} contains ${describe(node, at)}; remove it${prose ? '' : ' (this field is one line: no tabs or line breaks)'}`));
      }
      const bidi = firstBidiFormatting(node);
      if (bidi >= 0) {
        const pointer = pointerOf(path);
        const code = node.charCodeAt(bidi);
        const effect = code === 0x202d || code === 0x202e ? 'forces the order of the letters after it (an override shows "evil" as "live")' : 'reorders the rest of its line';
        out.push(problemAt(loaded, pointer, 'text-bidi-control', `${dottedPath(pointer)} contains ${BIDI_NAMES[code]} (U+${code.toString(16).toUpperCase()}) at character ${bidi + 1}, which ${effect}; brief sets each text's direction itself and prints the text without it: remove it`, 'warning'));
      }
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) { path.push(i); walk(node[i], prose); path.pop(); }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const k of Object.keys(node)) {
      const bad = firstControl(k, false);
      if (bad >= 0) {
        const pointer = pointerOf(path);
        out.push({ ...problemAt(loaded, pointer, 'text-control', `a key in ${dottedPath(pointer)} contains ${describe(k, bad)}; keys are plain words`, 'error', k), pointer });
        continue;
      }
      path.push(k);
      walk((node as Record<string, unknown>)[k], PROSE.has(k));
      path.pop();
    }
  };
  walk(loaded.data, false);
  return out;
}
