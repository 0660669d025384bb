import type { Problem } from '../validate/problems.js';
import { oneLine } from '../util/printable.js';

/**
 * GitHub Actions workflow commands: one `::error …::message` (or `::warning`) line per problem,
 * so problems show up as annotations on the pull request's diff.
 * Escaping follows the runner's rules: the message escapes % CR LF; property values also : and ,.
 */
export const escapeData = (s: string): string => oneLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(problems: readonly Problem[]): string {
  return problems.map((p) => {
    const line = Math.max(1, p.line);
    const col = Math.max(1, p.col);
    const props = [
      `file=${escapeProperty(p.file.replace(/\\/g, '/'))}`, `line=${line}`, `col=${col}`,
      `endLine=${Math.max(line, p.endLine ?? line)}`, `endColumn=${Math.max(1, p.endCol ?? col)}`,
      `title=${escapeProperty(p.rule)}`,
    ];
    return `::${p.severity} ${props.join(',')}::${escapeData(`${p.rule}: ${p.message}`)}\n`;
  }).join('');
}
