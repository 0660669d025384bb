import { BriefError, ExitCode, ValidationFailed } from '../errors.js';
import { DocumentsFailed } from '../app/batch.js';
import type { BuildResult, DocumentResult } from '../app/build.js';
import { invalidSheets } from './output.js';

/**
 * After a batch of weeks: one failure (a document, or a whole week whose sheets are invalid) does
 * not stop the others; at the end every failure is named, with what was written beside it, and the
 * exit code is the gravest of the failures'. An error every week met alike (an unknown audience, a
 * missing templates folder) is the run's own error, thrown as it is; so is the error of a run of
 * one week that is not about its documents.
 */
export function settleWeeks(weeks: readonly (string | undefined)[], settled: readonly PromiseSettledResult<BuildResult>[]): { results: BuildResult[]; failed: { week: string; error: unknown }[] } {
  const results = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ week: weeks[i] ?? 'the latest week', error: r.reason as unknown }] : []));
  const first = failed[0]?.error;
  const same = failed.length === settled.length && failed.every((f) => (f.error as Error)?.message === (first as Error)?.message);
  if (first !== undefined && !(first instanceof DocumentsFailed) && (same || settled.length === 1)) throw first;
  return { results, failed };
}

/** The closing report of a batch with failures: every document and week that failed, and what was written. */
export async function failureSummary(failed: readonly { week: string; error: unknown }[], written: readonly DocumentResult[]): Promise<{ text: string; exitCode: ExitCode }> {
  const out: string[] = [];
  const lines: string[] = [];
  let documents = 0;
  let exitCode: ExitCode = ExitCode.ok;
  for (const { week, error } of failed) {
    exitCode = Math.max(exitCode, error instanceof BriefError ? error.exitCode : ExitCode.render) as ExitCode;
    if (error instanceof DocumentsFailed) {
      documents += error.failures.length;
      // Each failure's lines as the batch error indents them (a failure's details under it), two spaces in.
      lines.push(...error.message.split('\n').filter((l) => l.startsWith('  ') || error.failures.length === 1).map((l) => `  ${l.replace(/^ {2}/, '')}`));
    } else if (error instanceof ValidationFailed) {
      out.push((await invalidSheets(error.problems)).trimEnd());
      lines.push(`  ${week}: ${error.message.replace(/; nothing was built$/, '')} (listed above); nothing was built for this week (any briefings of it in the output folder are from an earlier build)`);
    } else {
      lines.push(`  ${week}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  const weeks = failed.length - failed.filter((f) => f.error instanceof DocumentsFailed).length;
  const what = [documents > 0 ? `${documents} briefing${documents === 1 ? '' : 's'}` : '', weeks > 0 ? `${weeks} week${weeks === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  // (an incremental build's unchanged documents were not written: said apart from those printed)
  const printed = written.filter((d) => !d.skipped);
  const kept = written.filter((d) => d.skipped);
  out.push(`brief: ${what} failed; ${printed.length} briefing${printed.length === 1 ? '' : 's'} written${kept.length > 0 ? `, ${kept.length} unchanged` : ''}:`);
  out.push(...lines);
  out.push(printed.length > 0 ? `  written: ${printed.map((d) => d.path).join(', ')}` : '  nothing was written');
  if (kept.length > 0) out.push(`  unchanged (not printed again): ${kept.map((d) => d.path).join(', ')}`);
  return { text: `${out.join('\n')}\n`, exitCode };
}
