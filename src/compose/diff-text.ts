import { moved, type Change, type ChangeKind, type TopicChanges } from './diff.js';
import { formatDate } from '../util/dates.js';
import { times, words } from '../util/text.js';
import { likelihoodRange, STAGE_LABELS } from './labels.js';
import { LIKELIHOOD } from '../schema/index.js';

const CONFIDENCE = ['low', 'moderate', 'high'];
const likelihoodIndex = (term: string) => LIKELIHOOD.findIndex((l) => l.term === term);

/**
 * diff-text: pure. Change records → one sentence each for people, used by the briefing template
 * and by `brief diff`. Several new sources are folded into one line.
 */

export interface ChangeLine {
  kind: ChangeKind;
  /** The change, in one sentence. */
  text: string;
  /** A second line when there is more to say (a judgment's recorded reason). */
  detail?: string | undefined;
}

export interface ChangeGroup { label: string; items: ChangeLine[] }

const GROUPS: [string, (k: ChangeKind) => boolean][] = [
  ['Bottom line', (k) => k === 'bluf-revised'],
  ['Status', (k) => k === 'stage' || k.startsWith('milestone') || k.startsWith('deadline')],
  ['Sticking points', (k) => k.startsWith('sticking-point') || k.startsWith('position')],
  ['Expert views', (k) => k.startsWith('expert-view')],
  ['Key judgments', (k) => k.startsWith('judgment')],
  ['Sources', (k) => k.startsWith('source')],
  ['Other', (k) => k === 'revised'],
];

/** The lines under headings (status, sticking points, expert views, key judgments, sources); empty groups left out. */
export function groupLines(lines: readonly ChangeLine[]): ChangeGroup[] {
  return GROUPS.map(([label, test]) => ({ label, items: lines.filter((l) => test(l.kind)) })).filter((g) => g.items.length > 0);
}

const stage = (s: string) => STAGE_LABELS[s] ?? words(s);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const stripStop = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/[.。]$/, '');

function sentence(c: Change): ChangeLine {
  switch (c.kind) {
    case 'stage':
      return { kind: c.kind, text: `Stage moved from ${stage(c.from)} to ${stage(c.to)} (since ${formatDate(c.since)}).` };
    case 'milestone-added': {
      const when = formatDate(c.date);
      const lead = c.state === 'occurred' ? 'New milestone' : c.state === 'scheduled' ? 'Newly scheduled' : 'Newly planned';
      return { kind: c.kind, text: `${lead}, ${when}: ${stripStop(c.title)}.` };
    }
    case 'milestone-occurred':
      return { kind: c.kind, text: `Took place (was ${c.from}), ${formatDate(c.date)}: ${stripStop(c.title)}.` };
    case 'milestone-changed': {
      const state = c.fromState !== c.toState ? `now ${c.toState} (was ${c.fromState})` : '';
      const date = moved(c.fromDate, c.toDate) ? `${formatDate(c.toDate)} (was ${formatDate(c.fromDate)})` : formatDate(c.toDate);
      return { kind: c.kind, text: `${state ? `${cap(state)}, ` : 'Moved to '}${date}: ${stripStop(c.title)}.` };
    }
    case 'milestone-removed':
      return { kind: c.kind, text: `No longer in the timeline: ${stripStop(c.title)}.` };
    case 'deadline-added':
      return { kind: c.kind, text: `New deadline: ${stripStop(c.label)}${c.date ? `, ${formatDate(c.date)}` : ''}${c.extensions > 0 ? ` (extended ${times(c.extensions)} so far)` : ''}.` };
    case 'deadline-extended': {
      const moved = c.toDate && c.toDate !== c.fromDate ? ` from ${c.fromDate ? formatDate(c.fromDate) : 'no set date'} to ${formatDate(c.toDate)}` : '';
      return { kind: c.kind, text: `Deadline extended${moved}: ${stripStop(c.label)}; now extended ${times(c.extensions)}.` };
    }
    case 'deadline-moved':
      return { kind: c.kind, text: `Deadline brought forward${c.toDate ? ` from ${c.fromDate ? formatDate(c.fromDate) : 'no set date'} to ${formatDate(c.toDate)}` : `: no longer dated (was ${formatDate(c.fromDate!)})`}: ${stripStop(c.label)}.` };
    case 'deadline-removed':
      return { kind: c.kind, text: `No longer among the deadlines: ${stripStop(c.label)}.` };
    case 'sticking-point-opened':
      return { kind: c.kind, text: `New sticking point (${c.status}, ${c.significance} significance): ${stripStop(c.title)}.` };
    case 'sticking-point-status':
      return { kind: c.kind, text: `Sticking point moved from ${c.from} to ${c.to}: ${stripStop(c.title)}.` };
    case 'sticking-point-resolved':
      return { kind: c.kind, text: `Sticking point resolved${c.from === 'resolved' ? '' : ` (was ${c.from})`}: ${stripStop(c.title)}.` };
    case 'sticking-point-dropped':
      return { kind: c.kind, text: `No longer listed as a sticking point: ${stripStop(c.title)}.` };
    case 'sticking-point-significance':
      return { kind: c.kind, text: `Significance now ${c.to} (was ${c.from}): ${stripStop(c.title)}.` };
    case 'position-added':
      return { kind: c.kind, text: `${c.partyName}: new position (${words(c.flexibility)}) on “${stripStop(c.stickingPointTitle)}”.` };
    case 'position-changed': {
      const how = c.from !== c.to
        ? `moved from ${words(c.from)} to ${words(c.to)}${c.reworded ? ' and was reworded' : ''}`
        : `reworded, still ${words(c.to)}`;
      return { kind: c.kind, text: `${c.partyName}: position on “${stripStop(c.stickingPointTitle)}” ${how}.` };
    }
    case 'position-dropped':
      return { kind: c.kind, text: `${c.partyName}: no longer a listed position on “${stripStop(c.stickingPointTitle)}”.` };
    case 'expert-view-added':
      return { kind: c.kind, text: `New expert view: ${c.name}, ${stripStop(c.affiliation)}: ${stripStop(c.stance)}.` };
    case 'expert-view-changed':
      return { kind: c.kind, text: `Expert view changed: ${c.name}, ${stripStop(c.affiliation)}: ${stripStop(c.stance)} (was: ${stripStop(c.fromStance)}).` };
    case 'expert-view-dropped':
      return { kind: c.kind, text: `No longer among the expert views: ${c.name}, ${stripStop(c.affiliation)}.` };
    case 'judgment-added':
      // Likelihood and confidence in sentences of their own (ICD 203 keeps them apart).
      return { kind: c.kind, text: `New judgment: ${stripStop(c.statement)}. Likelihood: ${c.likelihood} (${likelihoodRange(c.likelihood)}). Confidence: ${c.confidence}.` };
    case 'judgment-changed': {
      const l = c.likelihood, k = c.confidence;
      const dir = (from: number, to: number) => (to > from ? 'up' : 'down');
      const likelihoodMoved = l.from !== l.to;
      const confidenceMoved = k.from !== k.to;
      const head = likelihoodMoved
        ? `Likelihood ${dir(likelihoodIndex(l.from), likelihoodIndex(l.to))} from ${l.from} to ${l.to} (${likelihoodRange(l.to)})`
        : `Confidence ${dir(CONFIDENCE.indexOf(k.from), CONFIDENCE.indexOf(k.to))} from ${k.from} to ${k.to}`;
      const other = likelihoodMoved
        ? (confidenceMoved ? `Confidence ${dir(CONFIDENCE.indexOf(k.from), CONFIDENCE.indexOf(k.to))} from ${k.from} to ${k.to}.` : `Confidence: still ${k.to}.`)
        : `Likelihood: still ${l.to} (${likelihoodRange(l.to)}).`;
      const detail = c.reason === undefined
        ? 'No reason for the change is recorded.'
        : `Why: ${stripStop(c.reason)}.${c.reasonUnchanged ? ' (This reason is unchanged from the previous edition.)' : ''}`;
      return { kind: c.kind, text: `${head}: ${stripStop(c.statement)}. ${other}`, detail };
    }
    case 'judgment-reworded':
      // (a statement reworded is a new claim, at the same likelihood and confidence)
      return { kind: c.kind, text: `Judgment reworded, its likelihood and confidence as before: ${stripStop(c.statement)} (was: ${stripStop(c.from)}).` };
    case 'judgment-dropped':
      // (as for a sticking point: true whether it was withdrawn or is now above the reader's level)
      return { kind: c.kind, text: `No longer among the key judgments: ${stripStop(c.statement)}.` };
    case 'source-added':
      return { kind: c.kind, text: `New source: ${sourceLabel(c)}.` };
    case 'source-dropped':
      return { kind: c.kind, text: `No longer cited: ${sourceLabel(c)}.` };
    case 'bluf-revised':
      return { kind: c.kind, text: 'Bottom line revised.' };
    case 'revised':
      return { kind: c.kind, text: 'Revised in details no line above tracks (watch items, notes, characterisations or the like).' };
  }
}

const sourceLabel = (c: Extract<Change, { kind: 'source-added' | 'source-dropped' }>) => `${c.publisher}, “${stripStop(c.title)}”${c.date ? ` (${formatDate(c.date)})` : ''}`;

/**
 * How much a kind of change matters to a reader, most first: the stage, then sticking points moving
 * or resolving, judgments, deadlines and milestones, positions; new sources last.
 */
const WEIGHT: Record<ChangeKind, number> = {
  'stage': 0, 'sticking-point-resolved': 1, 'sticking-point-status': 1, 'sticking-point-opened': 2, 'judgment-changed': 2,
  'judgment-added': 3, 'judgment-dropped': 3, 'judgment-reworded': 3, 'deadline-extended': 3, 'deadline-moved': 3, 'milestone-occurred': 3,
  'milestone-changed': 4, 'position-changed': 4, 'sticking-point-dropped': 4, 'sticking-point-significance': 4, 'deadline-removed': 4,
  'deadline-added': 5, 'milestone-added': 5, 'milestone-removed': 5, 'position-added': 6, 'position-dropped': 6, 'bluf-revised': 6,
  'expert-view-added': 7, 'expert-view-changed': 7, 'expert-view-dropped': 7, 'source-added': 9, 'source-dropped': 9, 'revised': 10,
};

/** The `n` most significant changes, ranked (stable: the order of the records breaks ties). */
export function topChanges(lines: readonly ChangeLine[], n = 3): ChangeLine[] {
  return lines.map((l, i) => ({ l, i })).sort((a, b) => WEIGHT[a.l.kind] - WEIGHT[b.l.kind] || a.i - b.i).slice(0, n).map((x) => x.l);
}

/** One line per change, in the order of the records. */
export function changeLines(changes: readonly Change[]): ChangeLine[] {
  return changes.map(sentence);
}

/** What the changes section of a topic shows (the template reads these fields). */
export interface ChangesView {
  first: boolean;
  none: boolean;
  /** The previous edition exists but has errors, so nothing could be compared. */
  unavailable?: boolean;
  previousAsOf?: string | undefined;
  previousWeek?: string | undefined;
  /** The basis of the previous edition when it was reconstructed (changes are measured against a reconstruction). */
  previousReconstructed?: string | undefined;
  items: ChangeLine[];
  groups: ChangeGroup[];
  /** The most significant changes, ranked (the short box after the BLUF). */
  top?: ChangeLine[];
}

export function changesView(tc: TopicChanges, previousWeek?: string): ChangesView {
  const items = changeLines(tc.changes);
  return { first: tc.first, none: !tc.first && tc.changes.length === 0, previousAsOf: tc.previousAsOf, previousWeek, items, groups: groupLines(items), top: topChanges(items) };
}

/** Plain-text report of one topic's changes for the terminal. */
export function formatChangesText(title: string, id: string, tc: TopicChanges, week: string, previousWeek?: string, lines: readonly ChangeLine[] = changeLines(tc.changes)): string {
  const head = `${title} [${id}] — ${week}${previousWeek ? ` compared with ${previousWeek} (as of ${tc.previousAsOf})` : ''}`;
  if (tc.first) return `${head}\n  First coverage: no earlier edition of this topic.`;
  if (tc.changes.length === 0) return `${head}\n  Nothing changed since the ${formatDate(tc.previousAsOf)} edition.`;
  const body = groupLines(lines).map((g) =>
    [`  ${g.label}`, ...g.items.map((l) => `    - ${l.text}${l.detail ? `\n        ${l.detail}` : ''}`)].join('\n'));
  return `${head}\n${body.join('\n')}`;
}
