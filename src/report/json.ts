import type { Problem } from '../validate/problems.js';

/** Machine-readable output for scripts: the files checked, every problem, and the counts. */
export function formatJson(problems: readonly Problem[], files: readonly string[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${JSON.stringify({ files, errors, warnings: problems.length - errors, problems }, null, 2)}\n`;
}
