import { lineText, type Problem } from '../validate/problems.js';

/** Formats problems for people: `file:line:col: severity rule: message`, the line and a caret. */
export interface HumanOptions {
  /** File texts by file name, for the code frame. */
  texts?: ReadonlyMap<string, string>;
  color?: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function formatProblem(p: Problem, options: HumanOptions = {}): string {
  const c = options.color ?? false;
  const sev = p.severity === 'error' ? paint(c, '1;31', 'error') : paint(c, '1;33', 'warning');
  const head = `${paint(c, '1', `${p.file}:${p.line}:${p.col}:`)} ${sev} ${paint(c, '2', `${p.rule}:`)} ${p.message}`;
  const text = options.texts?.get(p.file);
  if (!text || p.line < 1) return head;
  const line = lineText(text, p.line);
  if (line === undefined) return head;
  const gutter = String(p.line).padStart(4);
  const shown = line.length > 160 ? `${line.slice(0, 157)}...` : line;
  const width = p.endLine === p.line && p.endCol !== undefined && p.endCol > p.col ? Math.min(p.endCol - p.col, Math.max(1, shown.length - p.col + 1)) : 1;
  const caret = `${' '.repeat(Math.min(p.col - 1, shown.length))}${'^'.repeat(Math.max(1, width))}`;
  return `${head}\n${gutter} | ${shown.replace(/\t/g, ' ')}\n${' '.repeat(4)} | ${paint(c, p.severity === 'error' ? '1;31' : '1;33', caret)}`;
}

export function formatHuman(problems: readonly Problem[], options: HumanOptions = {}): string {
  return problems.map((p) => formatProblem(p, options)).join('\n');
}

export function summaryLine(problems: readonly Problem[], files: number): string {
  const e = problems.filter((p) => p.severity === 'error').length;
  const w = problems.length - e;
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${s(files, 'file')} checked: ${s(e, 'error')}, ${s(w, 'warning')}`;
}
