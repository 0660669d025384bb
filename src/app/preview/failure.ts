import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { isBriefError, ValidationFailed } from '../../errors.js';
import { formatProblem } from '../../report/human.js';
import type { Problem } from '../../validate/problems.js';

/**
 * failure: what went wrong in a preview build, as data the page's overlay and the terminal both show:
 * each problem's file:line:col, rule, message and code frame (the offending line with a caret).
 */
export interface FailureReport {
  /** One line: what failed. */
  message: string;
  problems: ReportedProblem[];
}

export interface ReportedProblem {
  /** The file, relative to the project folder. */
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  /** The offending line and a caret under the column; '' when the file cannot be read. */
  frame: string;
}

async function texts(files: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all([...new Set(files)].map(async (f) => {
    try {
      out.set(f, await readFile(f, 'utf8'));
    } catch {
      // gone since: no code frame
    }
  }));
  return out;
}

/** The code frame of a problem: formatProblem's lines after its head. */
const frameOf = (p: Problem, files: ReadonlyMap<string, string>): string => formatProblem(p, { texts: files }).split('\n').slice(1).join('\n');

export async function failureReport(error: unknown, root: string = process.cwd()): Promise<FailureReport> {
  const rel = (f: string) => relative(root, f) || f;
  if (error instanceof ValidationFailed) {
    const problems = error.problems.filter((p) => p.severity === 'error');
    const files = await texts(problems.map((p) => p.file));
    return {
      message: error.message,
      problems: problems.map((p) => ({ file: rel(p.file), line: p.line, col: p.col, severity: p.severity, rule: p.rule, message: p.message, frame: frameOf(p, files) })),
    };
  }
  if (isBriefError(error) && error.location) {
    const { file, line = 0, col = 1 } = error.location;
    const files = await texts([file]);
    // The message starts with "file:line:" already; the overlay shows the location apart.
    const message = error.message.replace(/^[^\s:]+(?::\d+){1,2}: /, '');
    const problem: Problem = { file, line, col, severity: 'error', rule: error.code, message, pointer: '' };
    return { message: `${rel(file)}: ${error.code}`, problems: [{ file: rel(file), line, col, severity: 'error', rule: error.code, message, frame: frameOf(problem, files) }] };
  }
  if (isBriefError(error)) return { message: error.message, problems: [] };
  return { message: `internal error: ${(error as Error)?.message ?? String(error)}`, problems: [] };
}

/** The report as the terminal shows it: `file:line:col: error rule: message`, the code frame, then the summary. */
export function formatFailure(report: FailureReport): string {
  return [
    ...report.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.severity} ${p.rule}: ${p.message}${p.frame ? `\n${p.frame}` : ''}`),
    `brief: ${report.message}`,
  ].join('\n');
}
