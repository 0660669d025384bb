import type { BriefingView } from '../compose/compose.js';
import { PdfLite } from '../pdf/pdf-lite.js';

/**
 * pagination: which topics open a new page. Each topic is its own named page (its title in the
 * running head), and a change of named page is a page break; a topic that would leave the page
 * before it mostly empty continues the run of pages of the topic before it instead (the running
 * head then names both). Decided from a measuring print in which every topic opens a page: markers
 * at each topic's start and end (named destinations, with their heights) give each topic's length.
 */

/** A page filled less than this before a topic would be left "mostly empty": the topic follows on. */
export const JOIN_BELOW = 0.5;
/** The top and bottom page margins the layouts use (base style.css: 20 mm), in PDF points. */
const MARGIN = (20 / 25.4) * 72;

export const endAnchor = (topicAnchor: string) => `${topicAnchor}-end`;

/**
 * The joins for `view` from its measuring print: topic anchor → the anchor of the first topic of the
 * run it continues. Empty when the print cannot be read or every topic fills its last page enough.
 */
export function decideJoins(pdf: Uint8Array, view: BriefingView): Record<string, string> {
  let points: Map<string, { page: number; y: number }>;
  let pageHeight: number;
  try {
    const lite = new PdfLite(pdf);
    points = lite.destinationPoints();
    pageHeight = lite.pageHeight();
  } catch {
    return {};
  }
  const marks = view.topics.map((t) => ({ anchor: t.anchor, start: points.get(t.anchor), end: points.get(endAnchor(t.anchor)) }));
  if (marks.some((m) => !m.start || !m.end || Number.isNaN(m.start.y) || Number.isNaN(m.end.y))) return {};
  const top = pageHeight - MARGIN;
  const height = top - MARGIN;
  if (!(height > 0)) return {};
  /** Each topic's length in pages (whole pages and the fill of its last). */
  const lengths = marks.map((m) => m.end!.page - m.start!.page + Math.min(1, Math.max(0, (top - m.end!.y) / height)));
  const joins: Record<string, string> = {};
  let run = marks[0]!.anchor;
  let fill = lengths[0]! % 1 || 1;
  for (let i = 1; i < marks.length; i++) {
    if (fill < JOIN_BELOW) {
      joins[marks[i]!.anchor] = run;
      fill = (fill + lengths[i]!) % 1 || 1;
    } else {
      run = marks[i]!.anchor;
      fill = lengths[i]! % 1 || 1;
    }
  }
  return joins;
}
