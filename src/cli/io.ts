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

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
