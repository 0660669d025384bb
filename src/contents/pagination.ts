import { PdfLite } from '../pdf/pdf-lite.js';

/**
 * pagination: which blocks of a briefing open a new page. The blocks are the cover, the contents and
 * each topic, in order; a block opens a page unless the page before it would be left less than half
 * filled, in which case it continues the run of pages of the block before it (view.joins; the run's
 * named page carries its topics' titles in the running head: render.ts).
 *
 * The blocks are compose/pages.ts pageBlocks. The decision is made from measuring prints. Every
 * block has markers at its start and end (named destinations, with their heights), so every print
 * says where each block ended. Where a block ends
 * depends only on the blocks since the last one that opened a page (a run starts on a fresh page):
 * a print gives exactly where every run it contains ends, and every prefix of those runs. The
 * decision is taken block by block from what is known exactly, and estimated (from block lengths)
 * where it is not; an estimated decision is printed and measured, and decided again, until every
 * decision rests on a measurement (`Pagination.decide` says when). A print whose layout is already
 * the decided one is the final layout.
 */

/** A page filled less than this before a block would be left "mostly empty": the block follows on. */
export const JOIN_BELOW = 0.5;
/** The top and bottom page margins the layouts use (base style.css: 20 mm), in PDF points. */
const MARGIN = (20 / 25.4) * 72;

export const endAnchor = (anchor: string) => `${anchor}-end`;

/** Block anchor → the anchor of the first block of the run it continues (blocks that open a page are not in it). */
export type Joins = Record<string, string>;

/** Where a run's block ends: whole pages after the run's first page, and the fill of its last page (0–1]. */
interface End { pages: number; fill: number }

export function sameJoins(a: Joins, b: Joins): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** What measuring prints of one briefing have shown, and the decision they support. */
export class Pagination {
  /** `r:k` (blocks r..k one run, r opening a page) → where block k ends. */
  private readonly runs = new Map<string, End>();
  /** Each block's length in pages, when any print measured it. */
  private readonly lengths: (number | undefined)[];
  /** Whether each block has markers at all (a project's own partial may have none: it always opens a page). */
  private readonly marked: boolean[];
  /** The page each block started on in the last print recorded. */
  private starts: (number | undefined)[] = [];

  /** `opens`: blocks that always open a page (an audience's topic_break: page). */
  constructor(readonly blocks: readonly string[], private readonly opens: ReadonlySet<string> = new Set()) {
    this.lengths = blocks.map(() => undefined);
    this.marked = blocks.map(() => true);
  }

  /** Learn from a print of the layout `joins`. False when the print cannot be read (nothing learnt). */
  record(pdf: Uint8Array, joins: Joins): boolean {
    let points: Map<string, { page: number; y: number }>;
    let pageHeight: number;
    try {
      const lite = PdfLite.of(pdf);
      points = lite.destinationPoints();
      pageHeight = lite.pageHeight();
    } catch {
      return false;
    }
    return this.recordPoints(points, pageHeight, joins);
  }

  /** Learn from the named destinations (page, height in points) of a print of the layout `joins`. */
  recordPoints(points: ReadonlyMap<string, { page: number; y: number }>, pageHeight: number, joins: Joins): boolean {
    // Chromium gives a destination's height as if the top of the page area (inside the margins)
    // were the top of the sheet: a block at the top of a page is at the page's height.
    const top = pageHeight;
    const height = pageHeight - 2 * MARGIN;
    if (!(height > 0)) return false;
    const fillAt = (y: number) => Math.min(1, Math.max(0, (top - y) / height));
    let runStart: { index: number; page: number } | undefined;
    this.starts = this.blocks.map((anchor) => points.get(anchor)?.page);
    this.blocks.forEach((anchor, k) => {
      const start = points.get(anchor);
      const end = points.get(endAnchor(anchor));
      if (!start || !end || Number.isNaN(start.y) || Number.isNaN(end.y)) {
        this.marked[k] = false;
        runStart = undefined;
        return;
      }
      const opens = joins[anchor] === undefined;
      if (opens) runStart = { index: k, page: start.page };
      const fill = fillAt(end.y) || 1;
      if (runStart) this.runs.set(`${runStart.index}:${k}`, { pages: end.page - runStart.page, fill });
      // A block's length: exact when it opened a page, else from where it started.
      if (opens) this.lengths[k] = end.page - start.page + fill;
      else this.lengths[k] ??= Math.max(0, end.page + fill - (start.page + fillAt(start.y)));
    });
    return true;
  }

  /** Where block k ends in a run from block r: measured, or estimated from the longest measured prefix. */
  private end(r: number, k: number): End & { exact: boolean } {
    const known = this.runs.get(`${r}:${k}`);
    if (known) return { ...known, exact: true };
    let j = k - 1;
    while (j >= r && !this.runs.has(`${r}:${j}`)) j--;
    const from = j >= r ? this.runs.get(`${r}:${j}`)! : { pages: 0, fill: 0 };
    let at = from.pages + (j >= r ? from.fill : 0);
    for (let b = j + 1; b <= k; b++) at += this.lengths[b] ?? 1;
    const pages = Math.max(0, Math.ceil(at) - 1);
    return { pages, fill: at - pages, exact: false };
  }

  /**
   * The layout the measurements so far support, block by block, and whether every decision in it
   * rests on a measurement (then it is the layout to print, and printing it confirms it).
   */
  decide(): { joins: Joins; exact: boolean } {
    const joins: Joins = {};
    let exact = true;
    if (this.blocks.length === 0) return { joins, exact };
    let r = 0;
    let last = this.end(0, 0);
    for (let k = 1; k < this.blocks.length; k++) {
      if (this.marked[k] && this.marked[k - 1] && !this.opens.has(this.blocks[k]!)) {
        exact &&= last.exact;
        if (last.fill < JOIN_BELOW) {
          joins[this.blocks[k]!] = this.blocks[r]!;
          last = this.end(r, k);
          continue;
        }
      }
      r = k;
      last = this.end(k, k);
    }
    return { joins, exact };
  }

  /**
   * Pages measured in the last print (anchor → page; an anchor belongs to the block whose anchor it
   * is or starts with followed by `-`), moved with their blocks to where `joins` would start them:
   * an estimate for the next print, which measures them again.
   */
  movePages<T extends { anchor: string; page?: number | undefined }>(entries: readonly T[], joins: Joins): T[] {
    const first = this.starts[0];
    if (first === undefined) return [...entries];
    const starts: number[] = [first];
    let r = 0;
    let runPage = first;
    for (let k = 1; k < this.blocks.length; k++) {
      const before = this.end(r, k - 1);
      if (joins[this.blocks[k]!] !== undefined) {
        starts[k] = runPage + before.pages + (before.fill > 0.95 ? 1 : 0);
      } else {
        runPage += before.pages + 1;
        r = k;
        starts[k] = runPage;
      }
    }
    const blockOf = (anchor: string) => {
      let found = -1;
      this.blocks.forEach((b, k) => { if ((anchor === b || anchor.startsWith(`${b}-`)) && (found < 0 || b.length > this.blocks[found]!.length)) found = k; });
      return found;
    };
    return entries.map((e) => {
      const k = blockOf(e.anchor);
      const was = k < 0 ? undefined : this.starts[k];
      return e.page === undefined || was === undefined ? e : { ...e, page: e.page + starts[k]! - was };
    });
  }
}
