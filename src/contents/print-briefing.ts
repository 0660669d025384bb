import type { BriefingView } from '../compose/compose.js';
import { withPageNumbers } from './draft.js';
import { formatDate } from '../util/dates.js';
import { applyPdfMetadata, type PdfMetadata } from '../pdf/pdf-meta.js';
import type { Printer } from '../print/printer.js';
import type { TemplateSet } from '../render/render.js';
import type { TextBlock } from '../pdf/fidelity.js';
import { destinationPages, tocEntries, withPages, type TocEntry } from './toc.js';
import type { LayoutStore } from './layout-cache.js';
import { decideJoins } from './pagination.js';
import { fitPage, fitSteps } from '../compose/fit.js';
import { fontResources } from '../render/fonts.js';
import { printInPasses } from './passes.js';
import { countPages } from '../pdf/pdf-info.js';

/**
 * print-briefing: one briefing from view to finished PDF bytes. A briefing with a contents page is
 * printed with guessed page numbers and printed again when the print shows them wrong (or, with no
 * guess, measured by a draft first); then the document metadata is set from the data (pdf-meta), so
 * the same inputs give the same bytes.
 */
export interface BriefingPrintResult {
  pdf: Uint8Array;
  /** The HTML of the final print. */
  html: string;
  ms: number;
  /** With `verify`: the blocks of text the final document showed (pdf/fidelity.ts). */
  blocks?: TextBlock[];
}

/** The PDF document information of a briefing, all from the data. */
/** The text of every h1–h6 in the HTML, as a reader sees it written (tags dropped, entities and spaces resolved). */
export function headingTexts(html: string): string[] {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`', nbsp: ' ' };
  return [...html.matchAll(/<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/gi)].map((m) => m[1]!
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (e, n: string) => entities[n] ?? (n.startsWith('#x') ? String.fromCodePoint(parseInt(n.slice(2), 16)) : n.startsWith('#') ? String.fromCodePoint(Number(n.slice(1))) : e))
    .replace(/\s+/g, ' ').trim());
}

export function briefingMetadata(view: BriefingView, fingerprint: string): PdfMetadata {
  const topics = view.topics.map((t) => t.title);
  return {
    title: `${view.title} · ${view.audience.title}`,
    author: 'brief',
    subject: `${view.audience.title} for ${formatDate(view.weekStart)} – ${formatDate(view.weekEnd)}, information as of ${formatDate(view.asOf)}: ${topics.join('; ')}. Handling: ${view.marking}.`,
    keywords: [view.marking, view.week, ...view.topics.flatMap((t) => [t.title, t.topic, t.id])].filter((k, i, all) => all.indexOf(k) === i),
    language: 'en',
    date: view.asOf,
    fingerprint,
    headings: headingTexts(fingerprint),
  };
}

export async function printBriefing(printer: Printer, layouts: LayoutStore, set: TemplateSet, view: BriefingView, name: string, options: { verify?: boolean } = {}): Promise<BriefingPrintResult> {
  const budget = view.audience.pageBudget;
  const first = await printComposed(printer, layouts, set, view, name, options);
  if (budget === undefined || countPages(first.pdf) <= budget) return first;
  // Over the budget: the page gives way step by step (fit.ts), the fewest steps that fit found by
  // halving (each step shrinks the page, so a step that fits means every later one does too).
  let ms = first.ms;
  let lo = 0;
  let hi = fitSteps(view.topics.length);
  let fits: BriefingPrintResult | undefined;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const tried = await printComposed(printer, layouts, set, fitPage(view, mid), name, options);
    ms += tried.ms;
    if (countPages(tried.pdf) <= budget) { hi = mid; fits = tried; } else lo = mid;
  }
  // Every step tried overflowed: the last step (the caller enforces the budget and says so).
  fits ??= await printComposed(printer, layouts, set, fitPage(view, hi), name, options);
  return { ...fits, ms: ms + fits.ms };
}

/** One composed view printed: its topics paginated (pagination.ts), its contents numbered. */
async function printComposed(printer: Printer, layouts: LayoutStore, set: TemplateSet, composed: BriefingView, name: string, options: { verify?: boolean }): Promise<BriefingPrintResult> {
  const fresh = composed.audience.has.contents ? tocEntries(composed) : undefined;
  // The contents needs page numbers that only a print can measure. Rather than a measuring draft
  // first, print with a guess when there is a good one (layout-cache.ts: this document's last
  // layout, or the last of another week of the same topics); the measurement after the print
  // confirms it (one print) or corrects it (a second, in place). The guess carries the pagination
  // decided with it.
  const audience = set.audience.name;
  const kind = fresh ? [audience, ...composed.topics.map((t) => t.id), '', ...fresh.map((e) => e.anchor)].join('\0') : '';
  const last = fresh ? layouts.guess(audience, name, kind) : undefined;
  const guessed = fresh && last && last.anchors.length === fresh.length && last.anchors.every((a, i) => a === fresh[i]!.anchor)
    ? fresh.map((e, i) => ({ ...e, page: last.pages[i] ?? undefined }))
    : undefined;
  const guessedJoins = guessed && composed.joins === undefined ? last?.joins : undefined;
  // Topics that might share pages are measured first, in a draft in which each opens a page.
  const paginate = composed.audience.pageBudget === undefined && composed.topics.length > 1 && composed.joins === undefined && !guessedJoins;
  let view: BriefingView = paginate ? { ...composed, measure: true } : guessedJoins ? { ...composed, joins: guessedJoins } : composed;
  const toc = guessed ?? fresh;
  let html = set.render(toc ? { ...view, toc } : view);
  let printed: TocEntry[] | undefined = toc;
  let first = true;
  let measuring = paginate;
  /** The loaded page has the measuring markers: a revision loads the HTML whole. */
  let reload = false;
  const numbered = toc && toc.length > 0;
  const revise = paginate || numbered
    ? async (pdf: Uint8Array) => {
      if (measuring) {
        measuring = false;
        const joins = decideJoins(pdf, view);
        view = { ...composed, joins };
        html = set.render(printed ? { ...view, toc: printed } : view);
        // Joined topics move: print again. Otherwise the draft has the final layout (the markers
        // take no room) and its contents pages are measured as they are; the page is loaded
        // again either way, without the markers' links.
        if (Object.keys(joins).length > 0 || !numbered) return { html };
        reload = true;
      }
      if (!numbered) return undefined;
      const measured = withPages(toc, await destinationPages(pdf));
      const held = !!printed && measured.every((e, i) => e.page === printed![i]!.page);
      layouts.remember(audience, name, kind, { anchors: measured.map((e) => e.anchor), pages: measured.map((e) => e.page ?? null), joins: view.joins }, first ? !!guessed && !held : undefined);
      first = false;
      const whole = reload;
      reload = false;
      if (held) return whole ? { html } : undefined;
      printed = measured;
      if (whole) {
        html = set.render({ ...view, toc: measured });
        return { html };
      }
      const pageNumbers = new Map(measured.map((e) => [e.anchor, e.page]));
      // The numbers written into the HTML as the printer writes them into the page; a contents
      // partial without data-page-of holders is rendered again with them.
      html = withPageNumbers(html, pageNumbers) ?? set.render({ ...view, toc: measured });
      return { html, pageNumbers };
    }
    : undefined;
  const { pdf, ms, blocks } = await printInPasses(printer, html, { name, pageSize: view.audience.pageSize, resources: fontResources, textBlocks: options.verify, ...(revise ? { revise, draftFirst: paginate || !guessed } : {}) });
  const started = Date.now();
  const finished = await applyPdfMetadata(pdf, briefingMetadata(view, html));
  return { pdf: finished, html, ms: ms + Date.now() - started, ...(blocks ? { blocks } : {}) };
}
