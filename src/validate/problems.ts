import { locate, pointerToPath, type LoadedYaml } from '../load/yaml.js';
import { compareText } from '../util/compare.js';

export type { Problem, Severity } from '../errors.js';
import type { Problem, Severity } from '../errors.js';

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col || compareText(a.rule, b.rule),
  );
}

/** A problem at a JSON pointer of a loaded file (optionally at a key of the mapping there). */
export function problemAt(
  loaded: LoadedYaml, pointer: string, rule: string, message: string,
  severity: Severity = 'error', key?: string,
): Problem {
  const pos = locate(loaded, pointerToPath(pointer), key);
  return { file: loaded.file, line: pos.line, col: pos.col, endLine: pos.endLine, endCol: pos.endCol, severity, rule, message, pointer: key ? `${pointer}/${key}` : pointer };
}

/** Line `n` (1-based) of a text, without its line break; undefined past the end. Splits nothing. */
export function lineText(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const eol = text.indexOf('\n', start);
    if (eol < 0) return undefined;
    start = eol + 1;
  }
  const eol = text.indexOf('\n', start);
  return text.slice(start, eol < 0 ? text.length : eol).replace(/\r$/, '');
}
