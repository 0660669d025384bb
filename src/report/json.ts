import { tally, type Problem } from '../validate/problems.js';
import { jsonSafe } from '../util/printable.js';

/** Machine-readable output for scripts: the files checked, every problem, and the counts. */
export function formatJson(problems: readonly Problem[], files: readonly string[]): string {
  const { errors, warnings } = tally(problems);
  return `${jsonSafe(JSON.stringify({ files, errors, warnings, problems }, null, 2))}\n`;
}
