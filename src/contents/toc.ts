import type { BriefingView, TocEntry, TopicView } from '../compose/compose.js';

export type { TocEntry };
import { PdfLite } from '../pdf/pdf-lite.js';
import { SECTION_TITLES } from '../compose/labels.js';
import { isolate } from '../render/bidi.js';

/**
 * toc: the table of contents and its page numbers. Chromium has no target-counter(), so the
 * contents is printed twice: the first print (numbers blank, their space reserved) shows on which
 * page each anchor landed — Chromium writes a named destination for every id a link points at —
 * and the second print fills the numbers in. The layout does not move between the passes.
 */

/** Whether a topic's section prints anything (mirrors the `{{#if}}` around each section partial). */
function sectionPresent(t: TopicView, section: string): boolean {
  switch (section) {
    case 'bluf': return !!t.bluf;
    case 'changes': return !!t.changes;
    case 'status': return !!t.status;
    case 'timeline': return !!t.status && t.status.milestones.length + t.status.deadlines.length > 0;
    case 'sticking_points': return t.stickingPoints.length > 0;
    case 'key_judgments': return t.keyJudgments.length > 0;
    case 'expert_views': return t.expertViews.length > 0;
    case 'watch_next': return t.watchNext.length > 0;
    case 'notes': return t.notes.length > 0;
    case 'source_summary': return !!t.sourceSummary;
    case 'sources': return t.sources.length > 0;
    default: return false;
  }
}

/** The contents of a briefing: each topic, then its sections in the audience's order. */
export function tocEntries(view: BriefingView): TocEntry[] {
  const many = view.topics.length > 1;
  const out: TocEntry[] = [];
  for (const t of view.topics) {
    // The title isolated on its own: its number stays to its left, whatever its direction.
    out.push({ anchor: t.anchor, title: many ? `${t.n}. ${isolate(t.title)}` : t.title, level: 1 });
    for (const s of view.audience.sections) {
      if (SECTION_TITLES[s] && sectionPresent(t, s)) out.push({ anchor: `${t.anchor}-${s.replace(/_/g, '-')}`, title: SECTION_TITLES[s]!, level: 2 });
    }
  }
  return out;
}

/** Named destinations of a PDF → 1-based page numbers (both the /Dests dictionary and the name tree). */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  try {
    return PdfLite.of(pdf).destinations(); // Chromium's own output: a fast look-up
  } catch {
    const { destinationPagesFull } = await import('../pdf/pdf-full.js'); // anything unexpected: the full parse
    return destinationPagesFull(pdf);
  }
}

/** The entries with their page numbers filled in from a first print. */
export function withPages(entries: readonly TocEntry[], pages: ReadonlyMap<string, number>): TocEntry[] {
  return entries.map((e) => ({ ...e, page: pages.get(e.anchor) }));
}
