import type { BriefingView } from './compose.js';

/**
 * pages: pure. The named page of each topic (its running head): its own, or that of the run of
 * topics it continues (view.joins, decided from a measuring print: contents/pagination.ts).
 */
export function pageNames(view: BriefingView): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of view.topics) out.set(t.anchor, `topic-${view.joins?.[t.anchor] ?? t.anchor}`);
  return out;
}
