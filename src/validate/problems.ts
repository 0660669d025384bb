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

/**
 * Where each line of a text starts, computed once per text: a report asks for a line of the same
 * text for each of its problems (a scan from the start each time made reports quadratic). The last
 * few texts are kept (problems come sorted by file, so one file's are asked for in a row).
 */
const startsCache = new Map<string, number[]>();

export function lineStarts(text: string): number[] {
  let starts = startsCache.get(text);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    if (startsCache.size >= 4) startsCache.delete(startsCache.keys().next().value!);
    startsCache.set(text, starts);
  }
  return starts;
}

/** Line `n` (1-based) of a text, without its line break; undefined past the end. */
export function lineText(text: string, n: number): string | undefined {
  const starts = lineStarts(text);
  if (n < 1 || n > starts.length) return undefined;
  const start = starts[n - 1]!;
  const next = starts[n];
  return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
}

/** Problems listed for one file at most; the rest are counted (`problems-not-listed`). */
export const MAX_PROBLEMS_PER_FILE = 100;
/** Problems listed for one run (all files) at most; the rest are counted, file by file. */
export const MAX_PROBLEMS_PER_RUN = 1000;

/**
 * Thousands separated, for counts in messages ("and 59,000 more"), as toLocaleString('en-US') has
 * whole numbers, without loading the locale data (~10 ms) for it.
 */
export const count = (n: number): string => (Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US'));

/**
 * A file's problems (sorted) cut to `max`: the rest become one `problems-not-listed` entry that
 * counts them by severity (an error when any of them is one, so the exit code stays right).
 */
export function capProblems(problems: Problem[], max: number, why?: string): Problem[] {
  if (problems.length <= max) return problems;
  why ??= `at most ${count(max)} are listed per file`;
  const kept = problems.slice(0, max);
  const rest = problems.slice(max);
  let errors = 0;
  let warnings = 0;
  for (const p of rest) {
    const o = p.omitted ?? (p.severity === 'error' ? { errors: 1, warnings: 0 } : { errors: 0, warnings: 1 });
    errors += o.errors;
    warnings += o.warnings;
  }
  const file = problems[0]!.file;
  kept.push({
    file, line: 0, col: 0, severity: errors > 0 ? 'error' : 'warning', rule: 'problems-not-listed', pointer: '',
    message: `and ${count(errors + warnings)} more problem${errors + warnings === 1 ? '' : 's'} in this file (${count(errors)} error${errors === 1 ? '' : 's'}, ${count(warnings)} warning${warnings === 1 ? '' : 's'}) not listed: ${why}; fix the ones above first`,
    omitted: { errors, warnings },
  });
  return kept;
}

/** How many errors and warnings a list of problems stands for (counted ones included). */
export function tally(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.omitted) { errors += p.omitted.errors; warnings += p.omitted.warnings; }
    else if (p.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/**
 * A copy of a string that shares no memory with the text it was made from. V8 keeps a cut or a
 * join of strings as references to their parts: a message naming an id read from a sheet holds the
 * whole sheet's text alive (a run over 300 sheets with warnings kept 17 MB of them, one over 3,000
 * peaked at 352 MB instead of 166). The JSON round trip writes the characters anew.
 */
export const detach = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** The problem with its strings detached from the sheet's text (see detach), for a result kept past its sheet. */
export function detachedProblem(p: Problem): Problem {
  return { ...p, file: detach(p.file), rule: detach(p.rule), message: detach(p.message), pointer: detach(p.pointer) };
}
