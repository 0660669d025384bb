import { ExitCode, isBriefError } from '../errors.js';
import { terminalSafe } from '../util/printable.js';

/** The CLI's terminal: where output goes, and whether it may be coloured. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (colour, progress). */
  isTTY: boolean;
}

/** A reader that goes away (`brief build | head`) ends our output, not the build. */
let stdoutGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutGone = true;
  else throw e;
});

// Nothing reaches the terminal raw: a control character from a fact sheet or a file name is
// written out visibly (util/printable.ts), whatever path it took.
export const defaultIO = (): CliIO => ({
  stdout: (s) => { if (!stdoutGone) process.stdout.write(terminalSafe(s)); },
  stderr: (s) => process.stderr.write(terminalSafe(s)),
  env: process.env,
  isTTY: !!process.stderr.isTTY,
});

/** Set by a command that leaves nothing running once its output is written (see exitWith). */
let endWhenWritten = false;
export const endOnceWritten = (): void => { endWhenWritten = true; };

/**
 * bin/brief.js's last step: the exit code; after a command that asked for it (endOnceWritten), the
 * process ends as soon as stdout and stderr are written out, pipes included. Node's own exit would
 * first wait for V8's background compiler to finish optimising functions that will not run again
 * (tens of milliseconds after a validation of many sheets).
 */
export async function exitWith(code: number): Promise<void> {
  process.exitCode = code;
  if (!endWhenWritten) return;
  // A write's callback comes after every earlier write's; an empty write is one more in the queue.
  const written = (s: NodeJS.WriteStream) => new Promise<void>((r) => (s.writableLength === 0 ? r() : s.write('', () => r())));
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit(code);
}

/**
 * Colour, by the usual conventions: NO_COLOR (any non-empty value) turns it off; FORCE_COLOR turns
 * it on (off for 0 or false), even when piped; TERM=dumb turns it off; otherwise on a terminal only.
 */
export function useColor(io: Pick<CliIO, 'env' | 'isTTY'>): boolean {
  const { NO_COLOR, FORCE_COLOR, TERM } = io.env;
  if (NO_COLOR) return false;
  if (FORCE_COLOR !== undefined) return !['0', 'false'].includes(FORCE_COLOR.toLowerCase());
  if (TERM === 'dumb') return false;
  return io.isTTY;
}

export { plural } from '../util/text.js';

/**
 * The last word on a command that threw: a user's mistake (a BriefError) as one line and its exit
 * code, anything else as an internal error (its stack with --debug).
 */
export function reportFailure(e: unknown, io: CliIO, debug: boolean): number {
  if (isBriefError(e)) {
    io.stderr(`brief: ${e.message}\n`);
    if (debug && e.cause instanceof Error) io.stderr(`${e.cause.stack ?? ''}\n`);
    return e.exitCode;
  }
  io.stderr(`brief: internal error: ${(e as Error).message}\n${debug ? `${(e as Error).stack ?? ''}\n` : 'Run again with --debug for details, and please report it.\n'}`);
  return ExitCode.render;
}
