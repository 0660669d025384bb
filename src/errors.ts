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
  /**
   * Only on a `problems-not-listed` entry (validate/problems.ts capProblems): how many problems of
   * the file were counted but not listed, by severity. The summary line counts them.
   */
  omitted?: { errors: number; warnings: number };
}

/** Exit codes, in one table: the CLI maps every outcome through it. */
export const ExitCode = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  render: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

/**
 * The one error class of the project. `code` is a stable id, `exitCode` says how the CLI ends,
 * `location` points at the file (and line) at fault. User mistakes are BriefErrors; anything
 * else reaching the CLI is a bug and is shown with its stack.
 */
export class BriefError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly location: SourceLocation | undefined;

  constructor(
    code: string,
    message: string,
    options: { exitCode?: ExitCode; location?: SourceLocation; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BriefError';
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.location = options.location;
  }
}

export const isBriefError = (e: unknown): e is BriefError => e instanceof BriefError;

/** Thrown when fact sheets have errors: carries every problem. */
export class ValidationFailed extends BriefError {
  readonly problems: Problem[];
  /** `outcome`: what the command did not do ('nothing was compared' for `brief diff`). */
  constructor(problems: Problem[], outcome = 'nothing was built') {
    const n = problems.filter((p) => p.severity === 'error').length;
    super('invalid-data', `${n} error${n === 1 ? '' : 's'} in the fact sheets; ${outcome}`, { exitCode: ExitCode.invalidData });
    this.problems = problems;
  }
}
