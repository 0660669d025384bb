import { dirname, resolve } from 'node:path';
import { fold, normalise, readArchive, type Archive } from './archive.js';
import { setBounded } from '../util/bounded.js';

/**
 * Quotes checked against the archived copies of the sources (a source's `archive:`, relative to
 * the sheet). A quote is a `kind: quote` characterisation or expert view (its whole text), or any
 * passage in double quotation marks (“…” or "…") in the text of an item that cites sources. Single
 * quotation marks are left alone: they mark nicknames (‘Linchpin’) and quotes inside quotes.
 *
 * A quote is found when the archive of at least one source its item cites contains it, both
 * normalised (archive.ts: whitespace, quote and dash styles, capitals), an ellipsis (… or ...) in
 * the quote standing for any gap in the archive and outer punctuation ignored. An item without a
 * sources list (the sheet's summary and source summary) is checked against every source of the
 * sheet; a source's grading notes against that source and the others.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface Quote {
  /** JSON pointer of the text that holds the quote. */
  pointer: string;
  /** The quote as written in the sheet (without its quotation marks). */
  text: string;
  /** True when the whole field is the quote (kind: quote); false for a passage in quotation marks. */
  whole: boolean;
  /** The sources the item cites (against whose archives the quote is checked). */
  sources: string[];
}

/** A passage in quotation marks, curly or straight; a quote has at least one letter. */
const QUOTED = /“([^“”]+)”|"([^"]+)"/g;
const LETTER = /\p{L}/u;

/** Every quote of a sheet, in document order. */
export function quotesOf(data: unknown): Quote[] {
  if (!isObj(data)) return [];
  const out: Quote[] = [];
  const allSources = list(data.sources).flatMap((s) => (isObj(s) && typeof s.id === 'string' ? [s.id] : []));
  const idsOf = (item: Obj): string[] | undefined =>
    Array.isArray(item.sources) ? item.sources.filter((s): s is string => typeof s === 'string') : undefined;

  const passages = (pointer: string, text: unknown, sources: string[]) => {
    const t = str(text);
    if (!t || (!t.includes('“') && !t.includes('"'))) return;
    for (const m of t.matchAll(QUOTED)) {
      const q = m[1] ?? m[2]!;
      if (LETTER.test(q)) out.push({ pointer, text: q, whole: false, sources });
    }
  };
  const item = (pointer: string, v: unknown, fields: string[], quoteField?: string) => {
    if (!isObj(v)) return;
    const sources = idsOf(v) ?? allSources;
    for (const f of fields) {
      const val = v[f];
      if (Array.isArray(val)) val.forEach((x, i) => passages(`${pointer}/${f}/${i}`, x, sources));
      else if (f === quoteField && v.kind === 'quote' && typeof val === 'string') out.push({ pointer: `${pointer}/${f}`, text: val, whole: true, sources });
      else passages(`${pointer}/${f}`, val, sources);
    }
  };

  passages('/summary', data.summary, allSources);
  item('/bluf', data.bluf, ['text']);
  const status = isObj(data.status) ? data.status : undefined;
  if (status) {
    item('/status', status, ['summary']);
    list(status.characterisations).forEach((c, i) => item(`/status/characterisations/${i}`, c, ['text'], 'text'));
    list(status.deadlines).forEach((d, i) => item(`/status/deadlines/${i}`, d, ['label', 'note', 'outcome']));
    list(status.milestones).forEach((m, i) => item(`/status/milestones/${i}`, m, ['date_text', 'title', 'detail']));
  }
  list(data.sticking_points).forEach((sp, i) => {
    item(`/sticking_points/${i}`, sp, ['title', 'summary']);
    if (isObj(sp)) list(sp.positions).forEach((p, j) => item(`/sticking_points/${i}/positions/${j}`, p, ['text']));
  });
  list(data.expert_views).forEach((e, i) => item(`/expert_views/${i}`, e, ['view'], 'view'));
  list(data.key_judgments).forEach((k, i) => item(`/key_judgments/${i}`, k, ['statement', 'basis', 'assumptions', 'indicators', 'change_reason']));
  list(data.watch_next).forEach((w, i) => item(`/watch_next/${i}`, w, ['text']));
  list(data.notes).forEach((n, i) => item(`/notes/${i}`, n, ['text']));
  passages('/source_summary', data.source_summary, allSources);
  list(data.sources).forEach((s, i) => {
    // Grading notes quote the source itself or the others it is compared with.
    if (isObj(s) && typeof s.id === 'string') passages(`/sources/${i}/notes`, s.notes, [s.id, ...allSources.filter((id) => id !== s.id)]);
  });
  return out;
}

export interface Passage { source: string; text: string; start: number; end: number; distance: number }

export interface QuoteCheck extends Quote {
  /** The archived sources it was checked against (cited, with a readable archive). */
  checked: string[];
  /** Where it was found (distance 0), or undefined. */
  found?: Passage;
  /** When not found: the closest passage over the archives checked. */
  closest?: Passage;
}

export interface ArchiveProblem { source: string; index: number; path: string; error: string }

export interface QuoteReport {
  quotes: QuoteCheck[];
  unreadable: ArchiveProblem[];
  /** The readable archives by source id: their absolute paths and normalised texts. */
  archived: Map<string, string>;
  archives: Map<string, Archive>;
}

/**
 * Check every quote of a sheet (at `sheetPath` on disk) against its sources' archives. Quotes whose
 * item cites no source with an archive are returned unchecked (checked: []), or, with
 * `checkedOnly`, may be left out.
 */
export function checkQuotes(data: unknown, sheetPath: string, options: { checkedOnly?: boolean } = {}): QuoteReport {
  const archives = new Map<string, Archive>();
  const archived = new Map<string, string>();
  const unreadable: ArchiveProblem[] = [];
  if (!isObj(data)) return { quotes: [], unreadable, archived, archives };
  const base = dirname(resolve(sheetPath));
  list(data.sources).forEach((s, index) => {
    if (!isObj(s) || typeof s.id !== 'string' || typeof s.archive !== 'string' || !s.archive.trim()) return;
    const path = resolve(base, s.archive);
    const read = readArchive(path);
    if ('archive' in read) {
      archives.set(s.id, read.archive);
      archived.set(s.id, path);
    } else unreadable.push({ source: s.id, index, path: s.archive, error: read.error });
  });
  // `checkedOnly`: the caller wants only quotes that can be checked, and none can without an archive.
  if (options.checkedOnly && archives.size === 0) return { quotes: [], unreadable, archived, archives };
  // The archived sources of each list of sources (many quotes share one: the sheet's whole list).
  const checkedBy = new Map<string[], string[]>();
  const quotes = quotesOf(data).map((q): QuoteCheck => {
    let checked = checkedBy.get(q.sources);
    if (!checked) checkedBy.set(q.sources, (checked = [...new Set(q.sources)].filter((id) => archives.has(id))));
    let found: Passage | undefined;
    for (const id of checked) {
      found = answer(archives.get(id)!, q.text, id, 'found');
      if (found) break;
    }
    if (found || checked.length === 0) return { ...q, checked, ...(found ? { found } : {}) };
    let closest: Passage | undefined;
    for (const id of checked) {
      const c = answer(archives.get(id)!, q.text, id, 'closest');
      if (c && (!closest || c.distance < closest.distance)) closest = c;
    }
    return { ...q, checked, ...(closest ? { closest } : {}) };
  });
  return { quotes, unreadable, archived, archives };
}

/**
 * Where a quote is in an archive, and its closest passage, found once per archive and quote: the
 * sheets of week after week carry the same quotes forward against the same articles, and a search
 * costs a scan of the article. Kept with the archive itself (archive.ts keeps an archive while its
 * file is unchanged), so an edited article is searched afresh.
 */
const answers = new WeakMap<Archive, Record<'found' | 'closest', Map<string, Passage | null>>>();

function answer(archive: Archive, quote: string, source: string, kind: 'found' | 'closest'): Passage | undefined {
  let known = answers.get(archive);
  if (!known) answers.set(archive, (known = { found: new Map(), closest: new Map() }));
  // (keyed by the quote itself: its hash is computed once for all the archives it is looked up in)
  let passage = known[kind].get(quote);
  if (passage === undefined) {
    passage = (kind === 'found' ? findQuote(archive, quote) : closestPassage(archive, quote)) ?? null;
    setBounded(known[kind], quote, passage, 4096);
  }
  return passage ? { ...passage, source } : undefined;
}

/** The quote normalised, outer punctuation dropped, split at its ellipses (the gaps). */
export function quoteSegments(quote: string): string[] {
  return normalise(quote)
    .split(/\s*(?:\[\.\.\.\]|\.{3,})\s*/)
    .map((s) => s.replace(/^[\s.,;:!?'"()-]+|[\s.,;:!?'"()-]+$/g, ''))
    .filter((s) => s.length > 0);
}

/** The quote in the archive, segment after segment (an ellipsis is any gap), or undefined. */
export function findQuote(archive: Archive, quote: string, source = ''): Passage | undefined {
  const segs = quoteSegments(quote).map(fold);
  if (segs.length === 0) return undefined;
  // Every place the first segment occurs may start the match.
  for (let first = archive.folded.indexOf(segs[0]!); first >= 0; first = archive.folded.indexOf(segs[0]!, first + 1)) {
    let at = first + segs[0]!.length;
    let ok = true;
    for (const seg of segs.slice(1)) {
      const i = archive.folded.indexOf(seg, at);
      if (i < 0) { ok = false; break; }
      at = i + seg.length;
    }
    if (ok) return { source, text: archive.text.slice(first, at), start: first, end: at, distance: 0 };
    if (segs.length === 1) break;
  }
  return undefined;
}

/** Longest archive searched for a closest passage (a message, not a proof: the rest is skipped). */
const CLOSEST_LIMIT = 400_000;

/**
 * The archive passage with the fewest character edits from the quote (Sellers' approximate
 * substring match; the ellipses of a quote count as spaces), with its distance.
 */
export function closestPassage(archive: Archive, quote: string, source = ''): Passage | undefined {
  const needle = fold(quoteSegments(quote).join(' '));
  const hay = archive.folded.slice(0, CLOSEST_LIMIT);
  const m = needle.length;
  if (m === 0 || hay.length === 0) return undefined;
  let col = new Int32Array(m + 1);
  let colStart = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) col[j] = j;
  let best = { distance: m, start: 0, end: 0 };
  for (let i = 1; i <= hay.length; i++) {
    const h = hay.charCodeAt(i - 1);
    next[0] = 0;
    nextStart[0] = i;
    for (let j = 1; j <= m; j++) {
      let d = col[j - 1]! + (h === needle.charCodeAt(j - 1) ? 0 : 1);
      let s = colStart[j - 1]!;
      if (col[j]! + 1 < d) { d = col[j]! + 1; s = colStart[j]!; }
      if (next[j - 1]! + 1 < d) { d = next[j - 1]! + 1; s = nextStart[j - 1]!; }
      next[j] = d;
      nextStart[j] = s;
    }
    if (next[m]! < best.distance) best = { distance: next[m]!, start: next[m] === m ? i : nextStart[m]!, end: i };
    [col, next] = [next, col];
    [colStart, nextStart] = [nextStart, colStart];
  }
  if (best.end <= best.start) return undefined;
  // Whole words are easier to find in the archive: widen to word boundaries and measure again.
  let { start, end } = best;
  const word = (i: number) => /[\p{L}\p{N}]/u.test(hay[i] ?? '');
  while (start > 0 && word(start - 1) && word(start)) start--;
  while (end < hay.length && word(end) && word(end - 1)) end++;
  while (start < end && hay[start] === ' ') start++;
  while (end > start && hay[end - 1] === ' ') end--;
  return { source, text: archive.text.slice(start, end), start, end, distance: levenshtein(needle, hay.slice(start, end)) };
}

/** Character edits (insert, delete, substitute) from a to b. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
