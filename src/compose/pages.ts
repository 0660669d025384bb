import type { BriefingView } from './compose.js';

/**
 * pages: pure. The blocks of a briefing that may open a page (the cover, the contents, each topic),
 * and the named page of each (its running head): its own, or that of the run of blocks it continues
 * (view.joins, decided from measuring prints: contents/pagination.ts).
 */

/** The anchors (element ids) of the cover and the contents; topics' anchors are `t<n>`. */
export const COVER = 'cover';
export const CONTENTS = 'contents';

/** The blocks of a view that may open pages, by anchor, in order. */
export function pageBlocks(view: BriefingView): string[] {
  return [
    ...(view.audience.has.cover ? [COVER] : []),
    ...(view.audience.has.contents && view.topics.length > 0 ? [CONTENTS] : []),
    ...view.topics.map((t) => t.anchor),
  ];
}

/** The blocks that always open a page: every topic when the audience's topic_break is `page`. */
export function pageOpeners(view: BriefingView): Set<string> {
  return new Set(view.audience.topicBreak === 'page' ? view.topics.map((t) => t.anchor) : []);
}

/** Each block's named page: `topic-<anchor of the first block of its run>`. */
export function pageNames(view: BriefingView): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of pageBlocks(view)) out.set(b, `topic-${view.joins?.[b] ?? b}`);
  return out;
}
