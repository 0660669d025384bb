import { run, type CliIO } from '../src/cli/main.js';
import { ROOT } from './helpers.js';

/**
 * `brief <args>` run in this process from the repository's folder, its output collected: what the
 * CLI prints and its exit code, without a process of its own.
 */
export async function runInProcess(args: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: opts.env ?? { NO_COLOR: '1' }, isTTY: opts.tty ?? false };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return { code: await run(args, io), stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}
