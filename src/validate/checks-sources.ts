import type { LoadedYaml } from '../load/yaml.js';
import { isRealDate } from '../util/dates.js';
import { problemAt, type Problem, type Severity } from './problems.js';
import { weekRange } from '../util/week.js';
import { setBounded } from '../util/bounded.js';
import { TLP_LEVELS, type Tlp } from '../schema/index.js';

/**
 * Meaning checks about the evidence behind the claims (source grades, independence, verification)
 * and about the sheet's date against the week it is filed under. Like checks.ts they run on data
 * that may still have schema errors, so every access is defensive.
 *
 * "Independent": a source with `derived_from` is a rewrite of another one and counts as that one
 * (chains are followed), so CNN and a rewrite of CNN are one independent source.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface SourceInfo { index: number; reliability?: string; credibility?: number; derivedFrom?: string; handling?: string }

/**
 * A place in the sheet whose `sources` list carries a claim. Its pointer and name are made only
 * for a claim that is reported (most are not, and a sheet has many).
 */
interface Claim { at: () => { pointer: string; what: string }; analytic: boolean; ids: string[]; /** Its TLP level: its own, or its parent's when more restrictive. */ level: number }

/** A TLP level's rank (CLEAR 0 … RED 4) or its parent's, the more restrictive; an unknown or missing one: -1 (the schema reports it). */
const rankOf = (v: unknown, parent: number): number => Math.max(parent, typeof v === 'string' ? TLP_LEVELS.indexOf(v as Tlp) : -1);

/** Every claim-bearing item with a `sources` list. Expert views and notes are not claims of ours. */
function claims(data: Obj): Claim[] {
  const out: Claim[] = [];
  const sheet = rankOf(data.handling, -1);
  const add = (at: () => { pointer: string; what: string }, item: unknown, analytic: boolean, parent: number) => {
    if (isObj(item) && Array.isArray(item.sources)) out.push({ at, analytic, ids: item.sources.filter((s): s is string => typeof s === 'string'), level: rankOf(item.handling, parent) });
  };
  add(() => ({ pointer: '/bluf', what: 'the BLUF' }), data.bluf, true, sheet);
  const status = isObj(data.status) ? data.status : undefined;
  add(() => ({ pointer: '/status', what: 'the status' }), status, false, sheet);
  if (status) {
    const level = rankOf(status.handling, sheet);
    list(status.characterisations).forEach((c, i) => add(() => ({ pointer: `/status/characterisations/${i}`, what: `characterisation ${i + 1}` }), c, false, level));
    list(status.deadlines).forEach((d, i) => add(() => ({ pointer: `/status/deadlines/${i}`, what: `deadline '${String(isObj(d) ? d.id : i)}'` }), d, false, level));
    list(status.milestones).forEach((m, i) => add(() => ({ pointer: `/status/milestones/${i}`, what: `milestone '${String(isObj(m) ? m.id : i)}'` }), m, false, level));
  }
  list(data.sticking_points).forEach((sp, i) => {
    add(() => ({ pointer: `/sticking_points/${i}`, what: `sticking point '${String(isObj(sp) ? sp.id : i)}'` }), sp, false, sheet);
    if (isObj(sp)) {
      const level = rankOf(sp.handling, sheet);
      list(sp.positions).forEach((p, j) => add(() => ({ pointer: `/sticking_points/${i}/positions/${j}`, what: `the position of '${String(isObj(p) ? p.party : j)}' on '${String(sp.id)}'` }), p, false, level));
    }
  });
  list(data.key_judgments).forEach((k, i) => add(() => ({ pointer: `/key_judgments/${i}`, what: `key judgment '${String(isObj(k) ? k.id : i)}'` }), k, true, sheet));
  list(data.watch_next).forEach((w, i) => add(() => ({ pointer: `/watch_next/${i}`, what: `watch item ${i + 1}` }), w, false, sheet));
  return out;
}

/** weekRange, remembered: a folder of sheets is one week. */
const ranges = new Map<string, { start: string; end: string }>();
const rangeOf = (week: string) => {
  let r = ranges.get(week);
  if (!r) setBounded(ranges, week, r = weekRange(week), 64);
  return r;
};

type Add = (pointer: string, rule: string, severity: Severity, message: string) => void;

/** The sources of a sheet by id, and what follows from their grades and derived_from. */
interface SourceGraph {
  sources: Map<string, SourceInfo>;
  /** The independent sources among `ids` (rewrites count as their originals). */
  independent(ids: readonly string[]): Set<string>;
  /** Graded E or F. */
  weak(id: string): boolean;
  /** Whether any source has a handling level of its own. */
  handled: boolean;
}

/**
 * The source checks, one function for each kind: small functions are optimised by V8 quickly and
 * each when it is hot, where one large one was optimised only near the end of a run of a few
 * hundred sheets, taking tens of milliseconds on the second core that the process then waited for
 * at its exit.
 */
export function sourceProblems(loaded: LoadedYaml, options: { week?: string } = {}): Problem[] {
  const data = loaded.data;
  if (!isObj(data)) return [];
  const out: Problem[] = [];
  const add: Add = (pointer, rule, severity, message) => { out.push(problemAt(loaded, pointer, rule, message, severity)); };
  const graph = sourceGraph(data);
  const all = claims(data);
  claimProblems(all, graph, add);
  withheldSources(all, graph, rankOf(data.handling, -1), add);
  uncorroborated(all, graph, add);
  unverifiedExperts(data, add);
  asOfInWeek(data, options, add);
  return out;
}

function sourceGraph(data: Obj): SourceGraph {
  const sources = new Map<string, SourceInfo>();
  let handled = false;
  list(data.sources).forEach((s, index) => {
    const id = isObj(s) ? str(s.id) : undefined;
    if (!id || sources.has(id) || !isObj(s)) return;
    if (s.handling !== undefined) handled = true;
    sources.set(id, { index, reliability: str(s.reliability), credibility: typeof s.credibility === 'number' ? s.credibility : undefined, derivedFrom: str(s.derived_from), handling: str(s.handling) });
  });
  /** The original a source rewrites (following derived_from), itself when it is original; remembered (chains may be long). */
  const roots = new Map<string, string>();
  const root = (id: string): string => {
    const known = roots.get(id);
    if (known !== undefined) return known;
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur = id;
    while (!seen.has(cur)) {
      seen.add(cur);
      chain.push(cur);
      const next = sources.get(cur)?.derivedFrom;
      if (!next || !sources.has(next)) break;
      const r = roots.get(next);
      if (r !== undefined) { cur = r; break; }
      cur = next;
    }
    for (const c of chain) roots.set(c, cur);
    return cur;
  };
  const independent = (ids: readonly string[]) => new Set(ids.filter((id) => sources.has(id)).map(root));
  const weak = (id: string) => ['E', 'F'].includes(sources.get(id)?.reliability ?? '');
  return { sources, independent, weak, handled };
}

/**
 * A claim every source of which is more restricted than the claim itself: an audience cleared for
 * the claim but not its sources reads it with no source at all (sources-withheld).
 */
function withheldSources(all: readonly Claim[], { sources, handled }: SourceGraph, sheet: number, add: Add): void {
  if (!handled) return; // (most sheets: no source has a handling of its own)
  for (const c of all) {
    const known = c.ids.filter((id) => sources.has(id));
    if (known.length === 0 || c.level < 0) continue;
    const levels = known.map((id) => rankOf(sources.get(id)!.handling, sheet));
    if (!levels.every((l) => l > c.level)) continue;
    const { pointer, what } = c.at();
    add(`${pointer}/sources`, 'sources-withheld', 'warning', `${what} may be shown at ${TLP_LEVELS[c.level]}, but every source it cites is above that (${known.map((id, i) => `${id}: ${TLP_LEVELS[levels[i]!]}`).join(', ')}): a briefing at ${TLP_LEVELS[c.level]} prints it with no source; mark it ${TLP_LEVELS[Math.min(...levels)]} too, or cite a source that audience may see`);
  }
}

function claimProblems(all: readonly Claim[], { sources, independent, weak }: SourceGraph, add: Add): void {
  for (const c of all) {
    const known = c.ids.filter((id) => sources.has(id));
    if (c.analytic && c.ids.length > 0 && known.length === 0) {
      const { pointer, what } = c.at();
      add(`${pointer}/sources`, 'claim-unsourced', 'error', `${what} has no source behind it: none of the sources it cites (${c.ids.join(', ')}) is in the sources list`);
      continue;
    }
    // A claim citing an id not in the list (source-unknown, an error) is not judged on the rest: the
    // missing one is most likely a typo of a source it means, and the warning would be wrong.
    if (known.length < c.ids.length) continue;
    if (known.length > 0 && known.every(weak)) {
      const { pointer, what } = c.at();
      add(`${pointer}/sources`, 'sources-weak', 'warning', `${what} rests only on sources graded E or F (${known.map((id) => `${id}: ${sources.get(id)!.reliability}`).join(', ')}); add a more reliable source or say so in the text`);
    } else if (c.analytic && known.length > 0 && independent(known).size === 1) {
      const only = [...independent(known)][0]!;
      const rewrites = known.filter((id) => id !== only);
      const { pointer, what } = c.at();
      add(`${pointer}/sources`, 'sources-single', 'warning', `${what} rests on one independent source ('${only}')${rewrites.length ? `; ${rewrites.map((r) => `'${r}'`).join(', ')} ${rewrites.length === 1 ? 'is a rewrite' : 'are rewrites'} of it (derived_from)` : ''}; a judgment needs two independent sources, or a lower confidence and a note on the gap`);
    }
  }
}

function uncorroborated(all: readonly Claim[], { sources, independent }: SourceGraph, add: Add): void {
  // Credibility 1 ("confirmed by other sources") needs a claim that cites it with an independent source.
  const corroborated = new Set<string>();
  for (const c of all) if (c.ids.length >= 2 && independent(c.ids).size >= 2) for (const id of c.ids) corroborated.add(id);
  for (const [id, s] of sources) {
    if (s.credibility !== 1) continue;
    if (!corroborated.has(id)) {
      add(`/sources/${s.index}/credibility`, 'confirmed-uncorroborated', 'warning', `source '${id}' is graded credibility 1 (confirmed by other sources), but no claim cites it together with an independent source (a rewrite, derived_from, does not count); cite the corroborating source or grade it 2`);
    }
  }
}

function unverifiedExperts(data: Obj, add: Add): void {
  // An unverified expert must say so: verified: false needs a verification_note.
  list(data.expert_views).forEach((e, i) => {
    if (isObj(e) && e.verified === false && !(typeof e.verification_note === 'string' && e.verification_note.trim())) {
      add(`/expert_views/${i}/verified`, 'expert-unverified', 'warning', `expert '${String(e.name ?? e.id ?? i)}' is not verified but has no verification_note; say why the person could not be verified (e.g. "Named only by an unsigned web article")`);
    }
  });
}

function asOfInWeek(data: Obj, options: { week?: string }, add: Add): void {
  // as_of against the ISO week the file is filed under (data/<week>/…).
  const asOf = str(data.as_of);
  if (options.week && asOf && isRealDate(asOf)) {
    const { start, end } = rangeOf(options.week);
    if (asOf < start) add('/as_of', 'as-of-stale', 'warning', `as_of ${asOf} is older than the week the sheet is filed under (${options.week} starts on ${start}); update the sheet and its as_of, or file it under its own week`);
    else if (asOf > end) add('/as_of', 'as-of-after-week', 'error', `as_of ${asOf} is after the week the sheet is filed under (${options.week} ends on ${end}); file it under the week of ${asOf} or correct the date`);
  }
}
