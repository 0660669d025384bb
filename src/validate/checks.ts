import type { LoadedYaml } from '../load/yaml.js';
import type { Problem } from './problems.js';
import { problemAt } from './problems.js';
import { closest, quoted, someOf } from './schema-messages.js';
import { distance, nearest } from '../util/nearest.js';
import { earliestDay, isPartialDate, isRealDate } from '../util/dates.js';
import { LIKELIHOOD } from '../schema/index.js';

/**
 * Meaning checks the schema cannot express. They run on data that may still have schema errors,
 * so every access is defensive: a check skips what it cannot read rather than throwing.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Collections whose items carry ids that must be unique: where (as keys from the root), and what. */
const ID_COLLECTIONS: [string[], string][] = [
  [['sources'], 'source'], [['sticking_points'], 'sticking point'], [['expert_views'], 'expert view'],
  [['key_judgments'], 'key judgment'], [['status', 'milestones'], 'milestone'], [['status', 'deadlines'], 'deadline'],
  [['status', 'parties'], 'party'], [['status', 'characterisations'], 'characterisation'],
];

/** The fields the schema types as partialDate, with their JSON pointers (made when asked for: few are reported). */
function partialDates(data: Obj): [() => string, string][] {
  const out: [() => string, string][] = [];
  const one = (pointer: () => string, v: unknown) => { if (typeof v === 'string') out.push([pointer, v]); };
  const status = isObj(data.status) ? data.status : {};
  one(() => '/status/since', status.since);
  for (const key of ['characterisations', 'deadlines', 'milestones']) list(status[key]).forEach((x, i) => isObj(x) && one(() => `/status/${key}/${i}/date`, x.date));
  for (const key of ['expert_views', 'watch_next', 'sources']) list(data[key]).forEach((x, i) => isObj(x) && one(() => `/${key}/${i}/date`, x.date));
  return out;
}

function at(data: unknown, keys: string[]): unknown {
  let node = data;
  for (const k of keys) node = isObj(node) ? node[k] : undefined;
  return node;
}

/**
 * Every `sources:` id and `derived_from:` id below the root (not the top-level source list) that
 * `ok` refuses, with its JSON pointer. The walk keeps the path as a list and makes a pointer only
 * for what it reports (a sheet has hundreds of values and seldom a bad citation).
 */
function badCitations(root: unknown, ok: (id: string) => boolean): { pointer: string; id: string }[] {
  const out: { pointer: string; id: string }[] = [];
  const path: (string | number)[] = [];
  const report = (id: string, ...last: (string | number)[]) => out.push({ pointer: `/${[...path, ...last].join('/')}`, id });
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) { path.push(i); walk(node[i]); path.pop(); }
      return;
    }
    if (!isObj(node)) return;
    const top = path.length === 0;
    for (const k in node) {
      const v = node[k];
      if (k === 'sources' && !top && Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string' && !ok(v[i] as string)) report(v[i] as string, k, i);
      } else if (k === 'derived_from' && typeof v === 'string') {
        if (!ok(v)) report(v, k);
      } else if (k !== 'sources' || !top) {
        if (typeof v === 'object' && v !== null) { path.push(k); walk(v); path.pop(); }
      }
    }
  };
  walk(root);
  return out;
}

type Add = (pointer: string, rule: string, message: string) => void;

/**
 * The cross-reference checks, one function for each kind: small functions are optimised by V8
 * quickly and each when it is hot, where one large one was optimised only near the end of a run of
 * a few hundred sheets, taking tens of milliseconds on the second core that the process then waited
 * for at its exit.
 */
export function crossReferenceProblems(loaded: LoadedYaml, _options: { week?: string } = {}): Problem[] {
  const data = loaded.data;
  if (!isObj(data)) return [];
  const out: Problem[] = [];
  const add: Add = (pointer, rule, message) => { out.push(problemAt(loaded, pointer, rule, message)); };
  const warn: Add = (pointer, rule, message) => { out.push(problemAt(loaded, pointer, rule, message, 'warning')); };
  blufLikelihood(data, warn);
  uniqueIds(data, add);
  citedSources(data, add);
  namedParties(data, add);
  realDates(data, add);
  datesInOrder(data, add);
  return out;
}

/** The ICD 203 terms, longest first: 'very likely' is read as one term, not as 'likely'. */
const TERMS = new RegExp(`\\b(${LIKELIHOOD.map((l) => l.term).sort((a, b) => b.length - a.length).join('|')})\\b`, 'gi');

/**
 * The BLUF says no likelihood its judgments do not: a term in its text that none of the judgments
 * it points at carries (a judgment moved from 'very likely' to 'likely', the BLUF still saying
 * 'very likely', prints the two one under the other).
 */
function blufLikelihood(data: Obj, warn: Add): void {
  const bluf = isObj(data.bluf) ? data.bluf : undefined;
  const text = str(bluf?.text);
  const ids = list(bluf?.judgments).filter((j): j is string => typeof j === 'string');
  if (!text || ids.length === 0) return;
  const judged = new Map(list(data.key_judgments).flatMap((k) => (isObj(k) && typeof k.id === 'string' && typeof k.likelihood === 'string' ? [[k.id, k.likelihood] as const] : [])));
  // (an unknown judgment, or a likelihood that is no term: judgment-unknown or the schema says so)
  if (!ids.every((id) => LIKELIHOOD.some((l) => l.term === judged.get(id)))) return;
  const theirs = new Set(ids.map((id) => judged.get(id)!));
  const stray = [...new Set([...text.matchAll(TERMS)].map((m) => m[1]!.toLowerCase()))].filter((t) => !theirs.has(t));
  if (stray.length === 0) return;
  warn('/bluf/text', 'bluf-likelihood', `the BLUF says ${stray.map((t) => `'${t}'`).join(' and ')}, which none of the key judgments it rests on says (${ids.map((id) => `${id}: ${judged.get(id)}`).join(', ')}); say what the judgments say, or move the judgment`);
}

/** Unique ids in each collection. */
function uniqueIds(data: Obj, add: Add): void {
  for (const [keys, what] of ID_COLLECTIONS) {
    const items = list(at(data, keys));
    if (items.length < 2) continue;
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const id = isObj(item) ? str(item.id) : undefined;
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) add(`/${keys.join('/')}/${i}/id`, 'id-duplicate', `duplicate ${what} id '${id}' (first used at ${keys.join('.')}[${first}])`);
      else seen.set(id, i);
    });
  }
}

/** Every cited source exists. */
function citedSources(data: Obj, add: Add): void {
  const sourceIds = new Set(list(data.sources).map((s) => (isObj(s) ? str(s.id) : undefined)).filter((x): x is string => !!x));
  // Messages name the closest few known ids, not every one (a sheet may list thousands).
  let sortedSources: string[] | undefined;
  for (const c of badCitations(data, (id) => sourceIds.has(id))) {
    sortedSources ??= [...sourceIds].sort();
    const few = sortedSources.length <= 8;
    const guesses = few ? [] : closest(c.id, sortedSources);
    const known = few ? `known: ${someOf([...sourceIds], 8)}`
      : guesses.length > 0 ? `${sortedSources.length.toLocaleString('en-US')} known; the closest: ${guesses.join(', ')}`
      : `${sortedSources.length.toLocaleString('en-US')} known, e.g. ${someOf(sortedSources)}`;
    // (a guess only when one known id is nearer than every other: src-x is as near src-a as src-b)
    const meant = few ? nearest(c.id, sortedSources) : undefined;
    const alone = meant !== undefined && sortedSources.filter((s) => distance(c.id, s) === distance(c.id, meant)).length === 1;
    add(c.pointer, 'source-unknown', `cites source ${quoted(c.id)}, which is not in the sources list${alone ? `; did you mean '${meant}'?` : ''} (${known})`);
  }
}

/** Parties named by positions and characterisations exist; BLUF judgments exist. */
function namedParties(data: Obj, add: Add): void {
  const status = isObj(data.status) ? data.status : {};
  const parties = new Set(list(status.parties).map((p) => (isObj(p) ? str(p.id) : undefined)).filter(Boolean));
  const checkParty = (pointer: () => string, party: unknown) => {
    if (typeof party === 'string' && !parties.has(party)) add(pointer(), 'party-unknown', `party ${quoted(party)} is not one of status.parties (${someOf([...parties] as string[], 8)})`);
  };
  list(status.characterisations).forEach((c, i) => isObj(c) && checkParty(() => `/status/characterisations/${i}/party`, c.party));
  list(data.sticking_points).forEach((sp, i) => isObj(sp) && list(sp.positions).forEach((p, j) => isObj(p) && checkParty(() => `/sticking_points/${i}/positions/${j}/party`, p.party)));
  const judgments = new Set(list(data.key_judgments).map((k) => (isObj(k) ? str(k.id) : undefined)).filter(Boolean));
  if (isObj(data.bluf)) list(data.bluf.judgments).forEach((j, i) => {
    if (typeof j === 'string' && !judgments.has(j)) add(`/bluf/judgments/${i}`, 'judgment-unknown', `BLUF points at key judgment ${quoted(j)}, which does not exist (known: ${someOf([...judgments] as string[], 8)})`);
  });
}

/**
 * Partial dates (YYYY, YYYY-MM, YYYY-MM-DD): the schema's pattern checks the form and the ranges of
 * month and day; a day the month does not have (2025-11-31, 2025-02-29) is caught here.
 */
function realDates(data: Obj, add: Add): void {
  for (const [pointer, d] of partialDates(data)) {
    if (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d) && !isRealDate(d)) {
      const path = pointer();
      add(path, 'schema-date', `'${d}' in ${path.slice(1).replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')} is not a real date (no such day in the calendar); expected YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-09-20`);
    }
  }
}

/** Dates: nothing that has happened may be dated after as_of; milestones in order. */
function datesInOrder(data: Obj, add: Add): void {
  const status = isObj(data.status) ? data.status : {};
  const asOf = str(data.as_of);
  if (asOf && isRealDate(asOf)) {
    const after = (d: unknown) => typeof d === 'string' && isPartialDate(d) && earliestDay(d) > asOf;
    const late = (pointer: () => string, d: unknown) => {
      if (after(d)) add(pointer(), 'date-after-as-of', `date ${String(d)} is after the sheet's as_of (${asOf}); a fact sheet reports only what was known by then`);
    };
    late(() => '/status/since', status.since);
    // A reconstructed edition is written later from later sources (its basis says so): their dates may be after as_of.
    if (!isObj(data.reconstructed)) list(data.sources).forEach((s, i) => isObj(s) && late(() => `/sources/${i}/date`, s.date));
    list(data.expert_views).forEach((e, i) => isObj(e) && late(() => `/expert_views/${i}/date`, e.date));
    list(status.characterisations).forEach((c, i) => isObj(c) && late(() => `/status/characterisations/${i}/date`, c.date));
    list(status.milestones).forEach((m, i) => {
      if (isObj(m) && m.state === 'occurred' && after(m.date)) add(`/status/milestones/${i}/date`, 'milestone-occurred-future', `milestone marked occurred on ${String(m.date)}, after as_of (${asOf}); mark it scheduled or planned, or move as_of`);
    });
  }
  let prev: { date: string; i: number } | undefined;
  list(status.milestones).forEach((m, i) => {
    const d = isObj(m) ? str(m.date) : undefined;
    if (!d || !isPartialDate(d)) return;
    if (prev && earliestDay(d) < earliestDay(prev.date)) add(`/status/milestones/${i}/date`, 'milestone-order', `milestone dated ${d} comes after one dated ${prev.date} (status.milestones[${prev.i}]); list milestones in date order`);
    prev = { date: d, i };
  });
}
