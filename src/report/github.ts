import type { Problem } from '../validate/problems.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { oneLine } from '../util/printable.js';

/**
 * GitHub Actions workflow commands: one `::error …::message` (or `::warning`) line per problem,
 * so problems show up as annotations on the pull request's diff.
 * Escaping follows the runner's rules: the message escapes % CR LF; property values also : and ,.
 */
export const escapeData = (s: string): string => oneLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub shows at most this many error, and this many warning, annotations of one step. */
export const ANNOTATIONS_SHOWN = 10;

/**
 * `root`: the repository's folder (GITHUB_WORKSPACE), which annotations' paths are relative to;
 * problems name files relative to the working folder, which a job's working-directory may move.
 */
export function formatGithub(problems: readonly Problem[], options: { root?: string | undefined } = {}): string {
  const path = (file: string) => {
    if (!options.root) return file;
    const rel = relative(options.root, resolve(file));
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
  const lines = problems.map((p) => {
    const line = Math.max(1, p.line);
    const col = Math.max(1, p.col);
    const props = [
      `file=${escapeProperty(path(p.file).replace(/\\/g, '/'))}`, `line=${line}`, `col=${col}`,
      `endLine=${Math.max(line, p.endLine ?? line)}`, `endColumn=${Math.max(1, p.endCol ?? col)}`,
      `title=${escapeProperty(p.rule)}`,
    ];
    return `::${p.severity} ${props.join(',')}::${escapeData(`${p.rule}: ${p.message}`)}\n`;
  });
  // Past GitHub's limit the rest are dropped from the diff without a word: say so, once.
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (errors > ANNOTATIONS_SHOWN || warnings > ANNOTATIONS_SHOWN) {
    lines.push(`::notice title=brief validate::${escapeData(`${errors} errors and ${warnings} warnings: GitHub shows at most ${ANNOTATIONS_SHOWN} of each as annotations on the diff; every one is in this step's log (and in code scanning, with --format sarif)`)}\n`);
  }
  return lines.join('');
}
