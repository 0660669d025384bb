import { diffForLevel, type Change, type ChangeKind, type TopicChanges } from './diff.js';
import { allowedFor, maxTlp, redactSheet } from './handling.js';
import { changeLevel } from './marking.js';
import { changeLines, changesView, groupLines, topChanges, type ChangeLine, type ChangesView } from './diff-text.js';
import type { AudienceShow } from '../load/audience.js';
import type { PreviousEdition, PreviousEditions } from '../validate/previous.js';
import { TLP_LEVELS, type FactSheet, type Tlp } from '../schema/index.js';

/**
 * changes: glue between the week-over-week diff and the briefing view. Each topic gets the changes
 * an audience cleared up to `max` may see (both editions are restricted before they are compared).
 */
/**
 * A topic's previous edition as an audience cleared up to `max` may know of it: none when the
 * edition was wholly above the level (its week, its basis, that it existed at all are not said), or
 * when it has errors and declares a level above it.
 */
export function visibleEdition(previous: PreviousEditions | undefined, id: string, max: Tlp): PreviousEdition | undefined {
  const edition = previous?.byTopic.get(id);
  if (!edition) return undefined;
  if (edition.sheet) return redactSheet(edition.sheet, max) ? edition : undefined;
  const declared = TLP_LEVELS.find((t) => t === edition.handling);
  return declared && !allowedFor(max)(declared) ? undefined : edition;
}

export function topicChangesView(sheet: FactSheet, previous: PreviousEditions | undefined, max: Tlp, diffed?: TopicChanges): ChangesView | undefined {
  const edition = visibleEdition(previous, sheet.id, max);
  if (edition && !edition.sheet) return { first: false, none: false, unavailable: true, previousWeek: edition.week, items: [], groups: [] };
  const tc = diffed ?? diffForLevel(edition?.sheet, sheet, max);
  if (!tc) return undefined;
  // Changes measured against a reconstructed edition say so, with its basis.
  const basis = edition?.sheet?.reconstructed?.basis;
  return { ...changesView(tc, edition?.week), ...(basis ? { previousReconstructed: basis } : {}) };
}

/** Whether an audience's `show` switches let a kind of change through: no position changes where it hides positions. */
const kindShown = (kind: ChangeKind, show: AudienceShow): boolean => show.positions || !kind.startsWith('position');
/** A change's line as the audience sees it: a judgment's move without its recorded reason where it hides judgment details. */
const lineShown = (l: ChangeLine, show: AudienceShow): ChangeLine => (show.judgment_details || !l.kind.startsWith('judgment') ? l : { kind: l.kind, text: l.text });

/**
 * The change records and lines an audience's `show` switches let through, as `applyShow` lets them
 * into its briefing (for `brief diff --audience`).
 */
export function shownChanges(changes: readonly Change[], show: AudienceShow): { changes: Change[]; lines: ChangeLine[] } {
  const kept = changes
    .filter((c) => kindShown(c.kind, show))
    .map((c) => (show.judgment_details || c.kind !== 'judgment-changed' ? c : { ...c, reason: undefined, reasonUnchanged: false }));
  return { changes: kept, lines: changeLines(kept).map((l) => lineShown(l, show)) };
}

/** What an audience's `show` switches hide from its briefing's changes too (kindShown, lineShown). */
export function applyShow(view: ChangesView, show: AudienceShow): ChangesView {
  const items = view.items.filter((l) => kindShown(l.kind, show)).map((l) => lineShown(l, show));
  return { ...view, items, groups: groupLines(items), top: topChanges(items), none: view.none || (!view.first && !view.unavailable && items.length === 0) };
}

/**
 * One topic's changes since its previous edition as an audience cleared up to `max` sees them, and
 * the most restrictive level they mention (a dropped item is printed nowhere else, yet counts for
 * the marking). The diff is computed once for both. Undefined when the topic has nothing to show.
 */
export function weekChanges(sheet: FactSheet, previous: PreviousEditions | undefined, max: Tlp, show: AudienceShow): { changes: ChangesView; level: Tlp | undefined } | undefined {
  const prev = visibleEdition(previous, sheet.id, max)?.sheet;
  const diff = diffForLevel(prev, sheet, max);
  const changes = topicChangesView(sheet, previous, max, diff);
  if (!changes) return undefined;
  const editions = [redactSheet(sheet, max), prev ? redactSheet(prev, max) : undefined];
  const levels = (diff?.changes ?? []).map((c) => changeLevel(c, editions, max));
  const level = levels.length > 0 ? maxTlp(levels) : undefined;
  return { changes: applyShow(changes, show), level };
}
