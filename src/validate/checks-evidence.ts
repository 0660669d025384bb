import type { LoadedYaml } from '../load/yaml.js';
import { earliestDay, isRealDate } from '../util/dates.js';
import { problemAt, type Problem } from './problems.js';
import { checkQuotes, type QuoteCheck } from './quotes.js';
import { fold, normalise } from './archive.js';
import { clip } from '../util/text.js';

/**
 * Meaning checks about the evidence itself: quotes against the archived sources (quotes.ts),
 * undated sources, and deadlines that fell on or before as_of without a recorded outcome.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The last day a (possibly partial) date can mean. */
export function latestDay(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${d}-${String(last).padStart(2, '0')}`;
  }
  return d;
}

export function evidenceProblems(loaded: LoadedYaml, options: { path?: string } = {}): Problem[] {
  const data = loaded.data;
  if (!isObj(data)) return [];
  const out: Problem[] = [];

  // Quotes against the archives.
  const report = checkQuotes(data, options.path ?? loaded.file, { checkedOnly: true });
  for (const u of report.unreadable) {
    out.push(problemAt(loaded, `/sources/${u.index}/archive`, 'archive-unreadable', `the archive of source '${u.source}' (${u.path}) cannot be read: ${u.error}; its quotes are not checked`, 'warning'));
  }
  for (const q of report.quotes) {
    if (q.checked.length === 0 || q.found) continue;
    out.push(quoteProblem(loaded, q));
  }

  // Undated sources, unless the sheet says why.
  list(data.sources).forEach((s, i) => {
    if (!isObj(s) || s.date !== undefined || (typeof s.date_note === 'string' && s.date_note.trim())) return;
    out.push(problemAt(loaded, `/sources/${i}`, 'source-undated', `source '${String(s.id ?? i)}' has no date; give its publication date, or a date_note saying why it has none (e.g. "Undated web article; written after the Madrid talks")`, 'warning', 'id'));
  });

  // Deadlines that fell on or before as_of need a recorded outcome.
  const asOf = str(data.as_of);
  const status = isObj(data.status) ? data.status : undefined;
  if (asOf && isRealDate(asOf) && status) {
    list(status.deadlines).forEach((d, i) => {
      if (!isObj(d) || typeof d.date !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(d.date)) return;
      if (typeof d.outcome === 'string' && d.outcome.trim()) return;
      const id = String(d.id ?? i);
      const fix = `record its outcome (outcome: what happened, or "outcome unreported")`;
      if (latestDay(d.date) <= asOf) {
        out.push(problemAt(loaded, `/status/deadlines/${i}/date`, 'deadline-passed', `deadline '${id}' (${d.date}) is on or before the sheet's as_of (${asOf}) but is shown as open; ${fix}, and do not forecast a decision already taken`, 'warning'));
      } else if (earliestDay(d.date) <= asOf) {
        out.push(problemAt(loaded, `/status/deadlines/${i}/date`, 'deadline-passed', `deadline '${id}' is dated only to ${d.date}, which includes the sheet's as_of (${asOf}): it may already have passed; ${fix}, or say in outcome that it was not yet due`, 'warning'));
      }
    });
  }
  return out;
}

/** The error for a quote not found, at the quote itself when it can be found in the YAML text. */
function quoteProblem(loaded: LoadedYaml, q: QuoteCheck): Problem {
  const where = q.checked.length === 1 ? `the archived text of source '${q.checked[0]}'` : `the archived texts of sources ${q.checked.map((s) => `'${s}'`).join(', ')}`;
  // A long quote is shown from a little before where it and the passage first differ.
  const quote = normalise(q.text);
  const passage = q.closest?.text ?? '';
  let from = 0;
  while (from < quote.length && from < passage.length && fold(quote[from]!) === fold(passage[from]!)) from++;
  from = quote.length > 160 ? Math.max(0, from - 60) : 0;
  const cut = (s: string) => (from > 0 ? `…${clip(s.slice(from), 120)}` : clip(s, 160));
  const closest = q.closest
    ? `; closest passage (${q.checked.length > 1 ? `in '${q.closest.source}', ` : ''}${q.closest.distance} character${q.closest.distance === 1 ? '' : 's'} different): “${cut(passage)}”`
    : '';
  const message = `quote “${cut(quote)}” is not in ${where}${closest}`;
  const p = problemAt(loaded, q.pointer, 'quote-not-in-source', message, 'error');
  return q.whole ? p : { ...p, ...passagePosition(loaded.text, p, q.text) };
}

/** Line and column of a quoted passage inside the YAML text of its field (the field's when not found). */
function passagePosition(text: string, field: Problem, quote: string): Partial<Problem> {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, col: number) => (starts[line - 1] ?? 0) + col - 1;
  const from = offset(field.line, field.col);
  const to = offset(field.endLine ?? field.line, field.endCol ?? field.col);
  const first = quote.trim().split(/\s+/)[0] ?? '';
  if (!first || to <= from) return {};
  const region = text.slice(from, to);
  let at = -1;
  for (const open of ['“', '"']) {
    const i = region.indexOf(open + first);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return {};
  const closeAt = region.slice(at + 1).search(/[”"]/);
  const end = from + (closeAt < 0 ? at + 1 + first.length : at + 1 + closeAt + 1);
  const pos = (o: number) => {
    let line = 1;
    while (line < starts.length && starts[line]! <= o) line++;
    return { line, col: o - starts[line - 1]! + 1 };
  };
  const s = pos(from + at);
  const e = pos(end);
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}
