import { BriefError, ExitCode } from '../errors.js';

/** One document of a batch that failed: its name (the output path) and why. */
export interface DocumentFailure { name: string; error: unknown }

/**
 * Some documents of a batch failed (the others were written and kept): every failure, by name. With
 * one failure it says what that failure says, with its code and exit code.
 */
export class DocumentsFailed extends BriefError {
  readonly failures: DocumentFailure[];
  readonly written: number;
  constructor(failures: DocumentFailure[], total: number) {
    const first = failures[0]!;
    const done = total - failures.length;
    const line = (f: DocumentFailure) => {
      // A brief error's details (the lines after its first: e.g. the text a PDF lost) stay with it,
      // indented under it; a bug's stack does not.
      const [message = '', ...details] = f.error instanceof Error ? f.error.message.split('\n') : [String(f.error)];
      // A message that names the document (or its HTML) already is not prefixed with its name again.
      const named = [f.name, f.name.replace(/\.pdf$/, '.html')].some((n) => message.startsWith(`${n}:`));
      const said = named ? message : `${f.name}: ${f.error instanceof BriefError ? '' : 'internal error: '}${message}`;
      return f.error instanceof BriefError ? [said, ...details.map((d) => `    ${d.trim()}`)].join('\n') : said;
    };
    // Not every failure is a BriefError (a bug is one): the batch error carries the first such cause.
    const exitCode = Math.max(...failures.map((f) => (f.error instanceof BriefError ? f.error.exitCode : ExitCode.render))) as ExitCode;
    super(failures.length === 1 && first.error instanceof BriefError ? first.error.code : 'batch-failed',
      failures.length === 1 ? line(first)
        : `${failures.length} of ${total} briefings failed${done === 1 ? ' (the other one was written)' : done > 1 ? ` (the other ${done} were written)` : ''}:\n${failures.map((f) => `  ${line(f)}`).join('\n')}`,
      { exitCode, cause: failures.find((f) => !(f.error instanceof BriefError))?.error ?? first.error });
    this.failures = failures;
    this.written = done;
  }
}

/**
 * Wait for every document of a batch, even when some fail: the ones that succeed are written and
 * kept. Any failure becomes a DocumentsFailed naming each document that failed.
 */
export async function allDocuments<T>(names: readonly string[], jobs: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(jobs);
  const failures = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ name: names[i] ?? `#${i + 1}`, error: r.reason as unknown }] : []));
  if (failures.length === 0) return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  // One cause every document met (the very same error: a browser that is not there or will not
  // start) is the batch's own error, said once, not once a document.
  if (failures.length === settled.length && failures.length > 1 && failures.every((f) => f.error === failures[0]!.error)) throw failures[0]!.error;
  throw new DocumentsFailed(failures, settled.length);
}
