import { count, lineText, tally, type Problem } from '../validate/problems.js';
import { oneLine } from '../util/printable.js';

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
  // Every part from the sheet or the file system is one line of visible characters (printable.ts).
  const head = `${paint(c, '1', `${oneLine(p.file)}:${p.line}:${p.col}:`)} ${sev} ${paint(c, '2', `${oneLine(p.rule)}:`)} ${oneLine(p.message)}`;
  const text = options.texts?.get(p.file);
  if (!text || p.line < 1) return head;
  const line = lineText(text, p.line);
  if (line === undefined) return head;
  const gutter = String(p.line).padStart(4);
  // A long line is shown as a window of 160 characters around the column.
  const from = line.length > 160 && p.col > 120 ? Math.min(p.col - 80, line.length - 157) : 0;
  const cut = line.slice(from, from + 157);
  const shown = `${from > 0 ? '...' : ''}${oneLine(cut.replace(/\t/g, ' '))}${from + 157 < line.length ? '...' : ''}`;
  const before = (from > 0 ? 3 : 0) + oneLine(line.slice(from, Math.max(from, p.col - 1)).replace(/\t/g, ' ')).length;
  const span = p.endLine === p.line && p.endCol !== undefined && p.endCol > p.col ? oneLine(line.slice(p.col - 1, p.endCol - 1).replace(/\t/g, ' ')).length : 1;
  const width = Math.min(span, Math.max(1, shown.length - before));
  const caret = `${' '.repeat(Math.min(before, shown.length))}${'^'.repeat(Math.max(1, width))}`;
  return `${head}\n${gutter} | ${shown}\n${' '.repeat(4)} | ${paint(c, p.severity === 'error' ? '1;31' : '1;33', caret)}`;
}

export function formatHuman(problems: readonly Problem[], options: HumanOptions = {}): string {
  return problems.map((p) => formatProblem(p, options)).join('\n');
}

export function summaryLine(problems: readonly Problem[], files: number): string {
  const { errors: e, warnings: w } = tally(problems);
  const s = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
  return `${s(files, 'file')} checked: ${s(e, 'error')}, ${s(w, 'warning')}`;
}
