import { diffForLevel, type TopicChanges } from './diff.js';
import { maxTlp, redactSheet } from './handling.js';
import { changeLevel } from './marking.js';
import { changesView, groupLines, topChanges, type ChangesView } from './diff-text.js';
import type { AudienceShow } from '../load/audience.js';
import type { PreviousEditions } from '../validate/previous.js';
import type { FactSheet, Tlp } from '../schema/index.js';

/**
 * changes: glue between the week-over-week diff and the briefing view. Each topic gets the changes
 * an audience cleared up to `max` may see (both editions are restricted before they are compared).
 */
export function topicChangesView(sheet: FactSheet, previous: PreviousEditions | undefined, max: Tlp, diffed?: TopicChanges): ChangesView | undefined {
  const edition = previous?.byTopic.get(sheet.id);
  if (edition && !edition.sheet) return { first: false, none: false, unavailable: true, previousWeek: edition.week, items: [], groups: [] };
  const tc = diffed ?? diffForLevel(edition?.sheet, sheet, max);
  if (!tc) return undefined;
  // Changes measured against a reconstructed edition say so, with its basis.
  const basis = edition?.sheet?.reconstructed?.basis;
  return { ...changesView(tc, edition?.week), ...(basis ? { previousReconstructed: basis } : {}) };
}

/**
 * What an audience's `show` switches hide from the changes too: position changes when it hides
 * positions, the recorded reasons of judgment moves when it hides judgment details.
 */
export function applyShow(view: ChangesView, show: AudienceShow): ChangesView {
  const items = view.items
    .filter((l) => show.positions || !l.kind.startsWith('position'))
    .map((l) => (show.judgment_details || !l.kind.startsWith('judgment') ? l : { kind: l.kind, text: l.text }));
  return { ...view, items, groups: groupLines(items), top: topChanges(items), none: view.none || (!view.first && !view.unavailable && items.length === 0) };
}

/**
 * One topic's changes since its previous edition as an audience cleared up to `max` sees them, and
 * the most restrictive level they mention (a dropped item is printed nowhere else, yet counts for
 * the marking). The diff is computed once for both. Undefined when the topic has nothing to show.
 */
export function weekChanges(sheet: FactSheet, previous: PreviousEditions | undefined, max: Tlp, show: AudienceShow): { changes: ChangesView; level: Tlp | undefined } | undefined {
  const prev = previous?.byTopic.get(sheet.id)?.sheet;
  const diff = diffForLevel(prev, sheet, max);
  const changes = topicChangesView(sheet, previous, max, diff);
  if (!changes) return undefined;
  const editions = [redactSheet(sheet, max), prev ? redactSheet(prev, max) : undefined];
  const levels = (diff?.changes ?? []).map((c) => changeLevel(c, editions, max));
  const level = levels.length > 0 ? maxTlp(levels) : undefined;
  return { changes: applyShow(changes, show), level };
}
