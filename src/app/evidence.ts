import { join } from 'node:path';
import { BriefError, ExitCode, ValidationFailed } from '../errors.js';
import { findFactSheetFiles, resolveWeek } from '../load/data.js';
import { loadSheets } from '../validate/sheets.js';
import { hasErrors, type Problem } from '../validate/problems.js';
import { checkQuotes, type QuoteCheck } from '../validate/quotes.js';
import { singleSource, sourceWarnings } from '../compose/warnings.js';
import { compareNatural } from '../util/compare.js';
import type { FactSheet } from '../schema/index.js';

/**
 * evidence: the audit trail a reviewer checks before a briefing goes out (`brief evidence`): each
 * claim of a week's sheets with the sources it cites and their grades, whether it rests on one
 * independent source, and for every quote the archived passage it was found in (or the closest
 * one). Returns data; the CLI prints it.
 */
export interface EvidenceOptions {
  dataDir: string;
  /** Default: the latest week. */
  week?: string | undefined;
  /** Only this topic id. */
  topic?: string | undefined;
}

export interface QuoteEvidence {
  text: string;
  /** Sources whose archive it was checked against; empty when none of its sources has an archive. */
  checked: string[];
  /** Where it was found: the source, the archive's passage and a little text either side. */
  found?: { source: string; passage: string; context: string } | undefined;
  /** When not found: the closest passage and how many characters differ. */
  closest?: { source: string; passage: string; distance: number } | undefined;
}

export interface ClaimEvidence {
  /** JSON pointer of the item in the sheet. */
  pointer: string;
  /** What it is, for people ("key judgment 'kj-x'"). */
  what: string;
  text: string;
  sources: { id: string; grade: string }[];
  /** True when every source it cites is one independent source (rewrites count as their original). */
  singleSource: boolean;
  quotes: QuoteEvidence[];
}

export interface SourceEvidence {
  id: string;
  publisher: string;
  title: string;
  grade: string;
  date?: string | undefined;
  dateNote?: string | undefined;
  derivedFrom?: string | undefined;
  /** The archive as the sheet names it, and whether it could be read. */
  archive?: { path: string; readable: boolean; error?: string | undefined } | undefined;
  /** The reader-safe warnings every audience prints beside it. */
  warnings: string[];
  /** Quotes in its grading notes. */
  quotes: QuoteEvidence[];
  /** How many claims cite it. */
  citedBy: number;
}

export interface TopicEvidence {
  id: string;
  title: string;
  file: string;
  asOf: string;
  reconstructed?: string | undefined;
  claims: ClaimEvidence[];
  sources: SourceEvidence[];
}

export interface EvidenceReport {
  week: string;
  topics: TopicEvidence[];
  /** The week's warnings (errors stop the report). */
  problems: Problem[];
}

export async function evidence(options: EvidenceOptions): Promise<EvidenceReport> {
  const week = await resolveWeek(options.dataDir, options.week);
  const files = await findFactSheetFiles([join(options.dataDir, week)]);
  const loaded = await loadSheets(files);
  if (hasErrors(loaded.problems)) throw new ValidationFailed(loaded.problems, 'nothing was listed');
  const topics: TopicEvidence[] = [];
  for (const [i, file] of files.entries()) {
    const sheet = (await loadSheets([file])).sheets[0];
    if (!sheet || (options.topic !== undefined && sheet.id !== options.topic)) continue;
    topics.push(topicEvidence(sheet, file, loaded.files[i] ?? file));
  }
  if (options.topic !== undefined && topics.length === 0) {
    throw new BriefError('topic-unknown', `no topic '${options.topic}' in ${week} (topics: ${loaded.sheets.map((s) => s.id).join(', ') || 'none'})`, { exitCode: ExitCode.usage });
  }
  topics.sort((a, b) => compareNatural(a.id, b.id));
  const shown = new Set(topics.map((t) => t.file));
  return { week, topics, problems: loaded.problems.filter((p) => shown.has(p.file)) };
}

const CONTEXT = 60;

function quoteEvidence(q: QuoteCheck, texts: Map<string, string>): QuoteEvidence {
  const out: QuoteEvidence = { text: q.text, checked: q.checked };
  if (q.found) {
    const all = texts.get(q.found.source) ?? q.found.text;
    const from = Math.max(0, q.found.start - CONTEXT);
    const to = Math.min(all.length, q.found.end + CONTEXT);
    out.found = { source: q.found.source, passage: q.found.text, context: `${from > 0 ? '…' : ''}${all.slice(from, to)}${to < all.length ? '…' : ''}` };
  } else if (q.closest) {
    out.closest = { source: q.closest.source, passage: q.closest.text, distance: q.closest.distance };
  }
  return out;
}

/** The claims of a sheet: every item that cites sources, in document order. */
type RawClaim = Omit<ClaimEvidence, 'quotes' | 'singleSource' | 'sources'> & { ids: string[] };

function claimsOf(sheet: FactSheet): RawClaim[] {
  const out: RawClaim[] = [];
  const add = (pointer: string, what: string, text: string, ids: readonly string[] | undefined) => out.push({ pointer, what, text, ids: [...(ids ?? [])] });
  add('/bluf', 'BLUF', sheet.bluf.text, sheet.bluf.sources);
  add('/status', 'status', sheet.status.summary, sheet.status.sources);
  sheet.status.characterisations?.forEach((c, i) => add(`/status/characterisations/${i}`, `characterisation (${c.kind}) by '${c.party}'`, c.text, c.sources));
  sheet.status.deadlines?.forEach((d, i) => add(`/status/deadlines/${i}`, `deadline '${d.id}'`, `${d.label}${d.date ? ` (${d.date})` : ''}${d.outcome ? `; outcome: ${d.outcome}` : ''}`, d.sources));
  sheet.status.milestones?.forEach((m, i) => add(`/status/milestones/${i}`, `milestone '${m.id}'`, `${m.date} ${m.title}`, m.sources));
  sheet.sticking_points.forEach((sp, i) => {
    add(`/sticking_points/${i}`, `sticking point '${sp.id}'`, sp.title, sp.sources);
    sp.positions.forEach((p, j) => add(`/sticking_points/${i}/positions/${j}`, `position of '${p.party}' on '${sp.id}'`, p.text, p.sources));
  });
  sheet.expert_views.forEach((e, i) => add(`/expert_views/${i}`, `expert view (${e.kind}) of ${e.name}${e.verified ? '' : ', unverified'}`, e.view, e.sources));
  sheet.key_judgments.forEach((k, i) => add(`/key_judgments/${i}`, `key judgment '${k.id}' (${k.likelihood}, ${k.confidence} confidence)`, k.statement, k.sources));
  sheet.watch_next?.forEach((w, i) => add(`/watch_next/${i}`, `watch item ${i + 1}`, w.text, w.sources));
  sheet.notes?.forEach((n, i) => add(`/notes/${i}`, `note ${i + 1} (${n.handling ?? sheet.handling})`, n.text, n.sources));
  return out;
}

function topicEvidence(sheet: FactSheet, path: string, display: string): TopicEvidence {
  const report = checkQuotes(sheet, path);
  const fullTexts = new Map([...report.archives].map(([id, a]) => [id, a.text]));
  const grade = (id: string) => { const s = sheet.sources.find((x) => x.id === id); return s ? `${s.reliability}${s.credibility}` : '?'; };
  const claims = claimsOf(sheet);
  // Each quote belongs to the claim whose pointer is its longest prefix.
  const owner = (pointer: string) => claims.filter((c) => pointer.startsWith(`${c.pointer}/`)).sort((a, b) => b.pointer.length - a.pointer.length)[0];
  const quotesBy = new Map<string, QuoteCheck[]>();
  const sourceQuotes = new Map<string, QuoteCheck[]>();
  for (const q of report.quotes) {
    const m = /^\/sources\/(\d+)\//.exec(q.pointer);
    const key = m ? sheet.sources[Number(m[1])]?.id : owner(q.pointer)?.pointer;
    if (!key) continue;
    const map = m ? sourceQuotes : quotesBy;
    map.set(key, [...(map.get(key) ?? []), q]);
  }
  return {
    id: sheet.id, title: sheet.title, file: display, asOf: sheet.as_of, reconstructed: sheet.reconstructed?.basis,
    claims: claims.map(({ ids, ...c }) => ({
      ...c,
      sources: ids.map((id) => ({ id, grade: grade(id) })),
      singleSource: singleSource(sheet, ids) !== undefined,
      quotes: (quotesBy.get(c.pointer) ?? []).map((q) => quoteEvidence(q, fullTexts)),
    })),
    sources: sheet.sources.map((s) => {
      const unreadable = report.unreadable.find((u) => u.source === s.id);
      return {
        id: s.id, publisher: s.publisher, title: s.title, grade: `${s.reliability}${s.credibility}`,
        date: s.date, dateNote: s.date_note, derivedFrom: s.derived_from,
        archive: s.archive ? { path: s.archive, readable: !unreadable, error: unreadable?.error } : undefined,
        warnings: sourceWarnings(s, (id) => sheet.sources.find((x) => x.id === id)?.publisher),
        quotes: (sourceQuotes.get(s.id) ?? []).map((q) => quoteEvidence(q, fullTexts)),
        citedBy: claims.filter((c) => c.ids.includes(s.id)).length,
      };
    }),
  };
}
