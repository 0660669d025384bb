import { tlpRank, type FactSheet, type Tlp } from '../schema/index.js';
import { redactSheet } from './handling.js';

/**
 * diff: pure. Compares one topic's fact sheet with its previous edition and returns typed change
 * records, matching items by id (positions by sticking point and party). Nothing here knows about
 * wording for people: see diff-text.ts.
 */

type Milestone = FactSheet['status']['milestones'][number];
type Deadline = NonNullable<FactSheet['status']['deadlines']>[number];
type StickingPoint = FactSheet['sticking_points'][number];
type Position = StickingPoint['positions'][number];
type Judgment = FactSheet['key_judgments'][number];
type ExpertView = FactSheet['expert_views'][number];
type Source = FactSheet['sources'][number];

export type Change =
  | { kind: 'stage'; from: string; to: string; since: string }
  | { kind: 'milestone-added'; id: string; title: string; date: string; dateText?: string | undefined; state: Milestone['state'] }
  | { kind: 'milestone-occurred'; id: string; title: string; date: string; from: Milestone['state'] }
  | { kind: 'milestone-changed'; id: string; title: string; fromDate: string; toDate: string; fromState: Milestone['state']; toState: Milestone['state'] }
  | { kind: 'milestone-removed'; id: string; title: string }
  | { kind: 'deadline-added'; id: string; label: string; date?: string | undefined; extensions: number }
  | { kind: 'deadline-extended'; id: string; label: string; fromDate?: string | undefined; toDate?: string | undefined; fromExtensions: number; extensions: number }
  | { kind: 'deadline-moved'; id: string; label: string; fromDate?: string | undefined; toDate?: string | undefined }
  | { kind: 'deadline-removed'; id: string; label: string }
  | { kind: 'sticking-point-opened'; id: string; title: string; status: StickingPoint['status']; significance: StickingPoint['significance'] }
  | { kind: 'sticking-point-status'; id: string; title: string; from: StickingPoint['status']; to: StickingPoint['status'] }
  | { kind: 'sticking-point-resolved'; id: string; title: string; from: StickingPoint['status'] }
  | { kind: 'sticking-point-dropped'; id: string; title: string }
  | { kind: 'sticking-point-significance'; id: string; title: string; from: StickingPoint['significance']; to: StickingPoint['significance'] }
  | { kind: 'position-added'; stickingPoint: string; stickingPointTitle: string; party: string; partyName: string; flexibility: Position['flexibility'] }
  | { kind: 'position-changed'; stickingPoint: string; stickingPointTitle: string; party: string; partyName: string; from: Position['flexibility']; to: Position['flexibility']; reworded: boolean }
  | { kind: 'position-dropped'; stickingPoint: string; stickingPointTitle: string; party: string; partyName: string }
  | { kind: 'expert-view-added'; id: string; name: string; affiliation: string; stance: string }
  | { kind: 'expert-view-changed'; id: string; name: string; affiliation: string; stance: string; fromStance: string }
  | { kind: 'expert-view-dropped'; id: string; name: string; affiliation: string }
  | { kind: 'judgment-added'; id: string; statement: string; likelihood: Judgment['likelihood']; confidence: Judgment['confidence'] }
  | { kind: 'judgment-changed'; id: string; statement: string; likelihood: { from: Judgment['likelihood']; to: Judgment['likelihood'] }; confidence: { from: Judgment['confidence']; to: Judgment['confidence'] }; reason?: string | undefined; reasonUnchanged: boolean }
  | { kind: 'judgment-reworded'; id: string; statement: string; from: string }
  | { kind: 'judgment-dropped'; id: string; statement: string }
  | { kind: 'source-added'; id: string; publisher: string; title: string; date?: string | undefined }
  | { kind: 'source-dropped'; id: string; publisher: string; title: string; date?: string | undefined }
  | { kind: 'bluf-revised' }
  /** Nothing of the kinds above changed, yet the edition differs (watch items, notes, characterisations, details). */
  | { kind: 'revised' };

export type ChangeKind = Change['kind'];

export interface TopicChanges {
  topic: string;
  /** No previous edition of the topic: first coverage. */
  first: boolean;
  /** The previous edition's as_of (when there is one). */
  previousAsOf?: string | undefined;
  changes: Change[];
}

const byId = <T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> => new Map((items ?? []).map((i) => [i.id, i]));

/** Whether date b is later than a (partial dates; a missing date is earliest). A more precise form of the same date ("2025-09" → "2025-09-17") is not later. */
const later = (a: string | undefined, b: string | undefined): boolean => (b ?? '') > (a ?? '') && !(a && b?.startsWith(a));

export function diffSheets(previous: FactSheet | undefined, current: FactSheet): TopicChanges {
  if (!previous) return { topic: current.id, first: true, changes: [] };
  const out: Change[] = [];
  const prevStatus = previous.status;
  const cur = current.status;

  if (prevStatus.stage !== cur.stage) out.push({ kind: 'stage', from: prevStatus.stage, to: cur.stage, since: cur.since });
  if (norm(previous.bluf.text) !== norm(current.bluf.text)) out.push({ kind: 'bluf-revised' });

  const prevMilestones = byId(prevStatus.milestones);
  for (const m of cur.milestones) {
    const old = prevMilestones.get(m.id);
    if (!old) out.push({ kind: 'milestone-added', id: m.id, title: m.title, date: m.date, dateText: m.date_text, state: m.state });
    else if (old.state !== 'occurred' && m.state === 'occurred') out.push({ kind: 'milestone-occurred', id: m.id, title: m.title, date: m.date, from: old.state });
    else if (old.state !== m.state || moved(old.date, m.date)) out.push({ kind: 'milestone-changed', id: m.id, title: m.title, fromDate: old.date, toDate: m.date, fromState: old.state, toState: m.state });
  }
  const curMilestones = byId(cur.milestones);
  for (const old of prevStatus.milestones) if (!curMilestones.has(old.id)) out.push({ kind: 'milestone-removed', id: old.id, title: old.title });

  const prevDeadlines = byId<Deadline>(prevStatus.deadlines);
  for (const d of cur.deadlines ?? []) {
    const old = prevDeadlines.get(d.id);
    const extensions = d.extensions ?? 0;
    if (!old) {
      out.push({ kind: 'deadline-added', id: d.id, label: d.label, date: d.date, extensions });
      continue;
    }
    const fromExtensions = old.extensions ?? 0;
    if (extensions > fromExtensions || later(old.date, d.date)) {
      out.push({ kind: 'deadline-extended', id: d.id, label: d.label, fromDate: old.date, toDate: d.date, fromExtensions, extensions });
    } else if (moved(old.date, d.date)) {
      out.push({ kind: 'deadline-moved', id: d.id, label: d.label, fromDate: old.date, toDate: d.date });
    }
  }
  const curDeadlines = byId<Deadline>(cur.deadlines);
  for (const old of prevStatus.deadlines ?? []) if (!curDeadlines.has(old.id)) out.push({ kind: 'deadline-removed', id: old.id, label: old.label });

  const partyName = (id: string) => cur.parties.find((p) => p.id === id)?.name ?? prevStatus.parties.find((p) => p.id === id)?.name ?? id;
  const prevPoints = byId(previous.sticking_points);
  for (const sp of current.sticking_points) {
    const old = prevPoints.get(sp.id);
    if (!old) {
      if (sp.status === 'resolved') out.push({ kind: 'sticking-point-resolved', id: sp.id, title: sp.title, from: sp.status });
      else out.push({ kind: 'sticking-point-opened', id: sp.id, title: sp.title, status: sp.status, significance: sp.significance });
      continue;
    }
    if (old.status !== sp.status) {
      if (sp.status === 'resolved') out.push({ kind: 'sticking-point-resolved', id: sp.id, title: sp.title, from: old.status });
      else out.push({ kind: 'sticking-point-status', id: sp.id, title: sp.title, from: old.status, to: sp.status });
    }
    if (old.significance !== sp.significance) out.push({ kind: 'sticking-point-significance', id: sp.id, title: sp.title, from: old.significance, to: sp.significance });
    const oldPositions = new Map(old.positions.map((p) => [p.party, p]));
    for (const p of sp.positions) {
      const was = oldPositions.get(p.party);
      const base = { stickingPoint: sp.id, stickingPointTitle: sp.title, party: p.party, partyName: partyName(p.party) };
      if (!was) out.push({ kind: 'position-added', ...base, flexibility: p.flexibility });
      else if (was.flexibility !== p.flexibility || norm(was.text) !== norm(p.text)) {
        out.push({ kind: 'position-changed', ...base, from: was.flexibility, to: p.flexibility, reworded: norm(was.text) !== norm(p.text) });
      }
    }
    const parties = new Set(sp.positions.map((p) => p.party));
    for (const was of old.positions) {
      if (!parties.has(was.party)) out.push({ kind: 'position-dropped', stickingPoint: sp.id, stickingPointTitle: sp.title, party: was.party, partyName: partyName(was.party) });
    }
  }
  const curPoints = byId(current.sticking_points);
  for (const old of previous.sticking_points) {
    if (!curPoints.has(old.id)) out.push({ kind: 'sticking-point-dropped', id: old.id, title: old.title });
  }

  const prevViews = byId<ExpertView>(previous.expert_views);
  for (const v of current.expert_views) {
    const old = prevViews.get(v.id);
    if (!old) out.push({ kind: 'expert-view-added', id: v.id, name: v.name, affiliation: v.affiliation, stance: v.stance });
    else if (norm(old.stance) !== norm(v.stance)) out.push({ kind: 'expert-view-changed', id: v.id, name: v.name, affiliation: v.affiliation, stance: v.stance, fromStance: old.stance });
  }
  const curViews = byId<ExpertView>(current.expert_views);
  for (const old of previous.expert_views) if (!curViews.has(old.id)) out.push({ kind: 'expert-view-dropped', id: old.id, name: old.name, affiliation: old.affiliation });

  const prevJudgments = byId<Judgment>(previous.key_judgments);
  for (const kj of current.key_judgments) {
    const old = prevJudgments.get(kj.id);
    if (!old) {
      out.push({ kind: 'judgment-added', id: kj.id, statement: kj.statement, likelihood: kj.likelihood, confidence: kj.confidence });
    } else if (old.likelihood !== kj.likelihood || old.confidence !== kj.confidence) {
      out.push({
        kind: 'judgment-changed', id: kj.id, statement: kj.statement,
        likelihood: { from: old.likelihood, to: kj.likelihood }, confidence: { from: old.confidence, to: kj.confidence },
        reason: kj.change_reason, reasonUnchanged: kj.change_reason !== undefined && norm(kj.change_reason) === norm(old.change_reason ?? ''),
      });
    } else if (norm(old.statement) !== norm(kj.statement)) {
      out.push({ kind: 'judgment-reworded', id: kj.id, statement: kj.statement, from: old.statement });
    }
  }
  const curJudgments = byId<Judgment>(current.key_judgments);
  for (const old of previous.key_judgments) {
    if (!curJudgments.has(old.id)) out.push({ kind: 'judgment-dropped', id: old.id, statement: old.statement });
  }

  const prevSources = byId<Source>(previous.sources);
  for (const s of current.sources) {
    if (!prevSources.has(s.id)) out.push({ kind: 'source-added', id: s.id, publisher: s.publisher, title: s.title, date: s.date });
  }
  const curSources = byId<Source>(current.sources);
  for (const s of previous.sources) {
    if (!curSources.has(s.id)) out.push({ kind: 'source-dropped', id: s.id, publisher: s.publisher, title: s.title, date: s.date });
  }

  // "Nothing changed" only when nothing did: an edition that differs in what no kind above tracks
  // (watch items, notes, characterisations, a deadline's note) says it was revised. The cover line
  // and the date of the edition are not counted: they are new every week.
  if (out.length === 0 && !sameContent(withoutWeekly(previous), withoutWeekly(current))) out.push({ kind: 'revised' });

  return { topic: current.id, first: false, previousAsOf: previous.as_of, changes: out };
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Whether a date moved, not only became more precise ("2025-10" → "2025-10-30" is the same date). */
export const moved = (a: string | undefined, b: string | undefined): boolean => (a ?? '') !== (b ?? '') && !(a && b?.startsWith(a));

/** The sheet without what every edition writes anew: its date, its cover line and source summary, the recorded reasons. */
function withoutWeekly(sheet: FactSheet): unknown {
  const { as_of: _a, summary: _s, source_summary: _ss, ...rest } = sheet as FactSheet & { source_summary?: unknown };
  return { ...rest, key_judgments: rest.key_judgments.map(({ change_reason: _r, ...kj }) => kj) };
}

/**
 * Whether two values are the same content: mappings with the same keys (in any order) and the same
 * values, lists of items with ids compared in id order (the diff matches items by id, not by place),
 * other lists in order, text the same once spaces are folded (the same words wrapped anew are the
 * same); other values as JSON writes them (undefined as null). Compared in place, not as two strings
 * of canonical JSON: a batch compares every unchanged topic's two editions for every audience.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const x = idOrder(a);
    const y = idOrder(b);
    for (let i = 0; i < x.length; i++) if (!sameContent(x[i], y[i])) return false;
    return true;
  }
  if (typeof a === 'string' || typeof b === 'string') return typeof a === 'string' && typeof b === 'string' && (a === b || norm(a) === norm(b));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !sameContent(a[ka[i]!], b[kb[i]!])) return false;
    return true;
  }
  return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/** A list whose items all have a text id, in id order (a copy); any other list as it is. */
const idOrder = (v: unknown[]): unknown[] =>
  v.every((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')
    ? [...v].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1)) : v;

/**
 * The fact sheet as an audience cleared up to `max` may see it: every item above the level is
 * removed (items inherit their parent's level, as in compose.ts). Diffing two restricted sheets
 * means a change never mentions something the audience may not see. Undefined when the whole
 * sheet is above the level.
 */
export function restrictSheet(sheet: FactSheet, max: Tlp): FactSheet | undefined {
  // One filter for the whole tool: handling.ts. A hidden status keeps only what the diff needs to
  // know it is hidden: its parties by id alone (their names are the status's, so a position change
  // names the party as the briefing's positions do, by id); diffForLevel also hides its stage.
  const redacted = redactSheet(sheet, max);
  if (!redacted) return undefined;
  const hidden = { ...sheet.status, summary: '', since: '', sources: [], milestones: [], deadlines: [], characterisations: [], parties: sheet.status.parties.map((p) => ({ id: p.id, name: p.id })) };
  return { ...redacted, status: redacted.status ?? hidden } as FactSheet;
}

/** diffSheets on the two editions as an audience cleared up to `max` sees them. */
export function diffForLevel(previous: FactSheet | undefined, current: FactSheet, max: Tlp): TopicChanges | undefined {
  const cur = restrictSheet(current, max);
  if (!cur) return undefined;
  const prev = previous ? restrictSheet(previous, max) : undefined;
  const statusHidden = (s: FactSheet) => tlpRank(s.status.handling ?? s.handling) > tlpRank(max);
  // A status withheld now says nothing of how it changed (not its stage, not its timeline emptied);
  // one withheld before shows its items as new.
  if (prev && statusHidden(current)) prev.status = cur.status;
  else if (prev && statusHidden(previous!)) prev.status = { ...prev.status, stage: cur.status.stage };
  // A previous edition that was wholly above the level is, for this audience, no edition at all.
  return diffSheets(prev, cur);
}
