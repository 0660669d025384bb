import { locate, pointerToPath, type LoadedYaml } from '../load/yaml.js';
import { compareText } from '../util/compare.js';

/** A problem found in a fact sheet, at a position. Validation returns these; it never throws for bad data. */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  /** 1-based line and column of the offending node (0 when the whole file is at fault). */
  line: number;
  col: number;
  /** Where the problem ends (same line/col when unknown), for carets and SARIF regions. */
  endLine?: number;
  endCol?: number;
  severity: Severity;
  /** Stable rule id, e.g. `schema-enum`, `source-unknown`. */
  rule: string;
  message: string;
  /** JSON pointer of the offending value inside the fact sheet. */
  pointer: string;
}

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
export function lineOf(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const eol = text.indexOf('\n', start);
    if (eol < 0) return undefined;
    start = eol + 1;
  }
  const eol = text.indexOf('\n', start);
  return text.slice(start, eol < 0 ? text.length : eol).replace(/\r$/, '');
}
