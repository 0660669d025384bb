import { BriefError, ExitCode } from '../errors.js';

/**
 * Wait for every document of a batch, even when some fail: the ones that succeed are written and
 * kept. One failure is rethrown as it is; several become one error that names each document.
 */
export async function allDocuments<T>(names: readonly string[], jobs: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(jobs);
  const failures = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ name: names[i] ?? `#${i + 1}`, error: r.reason as unknown }] : []));
  if (failures.length === 0) return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  if (failures.length === 1) throw failures[0]!.error;
  const done = settled.length - failures.length;
  // Not every failure is a BriefError (a bug is one): the batch error carries the first such cause.
  const exitCode = Math.max(...failures.map((f) => (f.error instanceof BriefError ? f.error.exitCode : ExitCode.render))) as ExitCode;
  const lines = failures.map((f) => `  ${f.name}: ${f.error instanceof Error ? f.error.message.split('\n')[0] : String(f.error)}`);
  throw new BriefError('batch-failed',
    `${failures.length} of ${settled.length} briefings failed${done === 1 ? ' (the other one was written)' : done > 1 ? ` (the other ${done} were written)` : ''}:\n${lines.join('\n')}`,
    { exitCode, cause: failures.find((f) => !(f.error instanceof BriefError))?.error ?? failures[0]!.error });
}
