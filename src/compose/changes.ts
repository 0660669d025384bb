import type { BriefingView } from './compose.js';
import { diffForLevel } from './diff.js';
import { changesView, groupLines, type ChangesView } from './diff-text.js';
import type { AudienceShow } from '../load/audience.js';
import type { PreviousEditions } from '../validate/previous.js';
import type { FactSheet, Tlp } from '../schema/index.js';

/**
 * changes: glue between the week-over-week diff and the briefing view. Each topic gets the changes
 * an audience cleared up to `max` may see (both editions are restricted before they are compared).
 */
export function topicChangesView(sheet: FactSheet, previous: PreviousEditions | undefined, max: Tlp): ChangesView | undefined {
  const edition = previous?.byTopic.get(sheet.id);
  if (edition && !edition.sheet) return { first: false, none: false, unavailable: true, previousWeek: edition.week, items: [], groups: [] };
  const tc = diffForLevel(edition?.sheet, sheet, max);
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
  return { ...view, items, groups: groupLines(items), none: view.none || (!view.first && !view.unavailable && items.length === 0) };
}

/** Attach the changes to every topic of a composed briefing (when the audience shows them). */
export function attachChanges(view: BriefingView, sheets: readonly FactSheet[], previous: PreviousEditions | undefined, max: Tlp): void {
  if (!view.audience.has.changes) return;
  const byId = new Map(sheets.map((s) => [s.id, s]));
  for (const topic of view.topics) {
    const sheet = byId.get(topic.id);
    const changes = sheet ? topicChangesView(sheet, previous, max) : undefined;
    if (changes) topic.changes = applyShow(changes, view.audience.show);
  }
}
