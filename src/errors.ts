import type { Problem } from './validate/problems.js';

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
  constructor(problems: Problem[]) {
    const n = problems.filter((p) => p.severity === 'error').length;
    super('invalid-data', `${n} error${n === 1 ? '' : 's'} in the fact sheets; nothing was built`, { exitCode: ExitCode.invalidData });
    this.problems = problems;
  }
}
