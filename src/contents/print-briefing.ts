import type { BriefingView } from '../compose/compose.js';
import { withDraftStyleInBody, withPageNumbers } from './draft.js';
import { formatDate } from '../util/dates.js';
import { applyPdfMetadata, type PdfMetadata } from '../pdf/pdf-meta.js';
import type { Printer } from '../print/printer.js';
import type { TemplateSet } from '../render/render.js';
import { foreignFonts, type TextBlock } from '../pdf/fidelity.js';
import { destinationPages, tocEntries, withPages, type TocEntry } from './toc.js';
import type { LayoutStore } from './layout-cache.js';
import { Pagination, sameJoins } from './pagination.js';
import { pageBlocks, pageOpeners } from '../compose/pages.js';
import { fitPage, fitSteps } from '../compose/fit.js';
import { fontResources, isPackageFont } from '../render/fonts.js';
import { MAX_PASSES, printInPasses } from './passes.js';
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
  /** The fonts the PDF embeds that are not brief's (pdf/fidelity.ts foreignFonts): none, or the build fails. */
  foreign: string[];
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

export interface PrintBriefingOptions {
  verify?: boolean;
  /**
   * A page-budget document: called with the first print known to fit, before the draft that
   * confirms no fewer fit steps would (watch and preview write it at once: the reader sees it
   * sooner). The draft then runs after the print, not beside it. Should fewer steps fit, the
   * result returned is another print; the promise is awaited before anything is returned.
   */
  onFits?: (fitted: BriefingPrintResult) => Promise<void>;
}

export async function printBriefing(printer: Printer, layouts: LayoutStore, set: TemplateSet, view: BriefingView, name: string, options: PrintBriefingOptions = {}): Promise<BriefingPrintResult> {
  const budget = view.audience.pageBudget;
  if (budget === undefined) return printComposed(printer, layouts, set, view, name, options);
  // A page budget: the fewest fit steps (fit.ts) that keep the page within it. The step this
  // document, or another briefing of the same audience and number of topics (the next week, the
  // next save), last needed is most often right: start there, and confirm with a draft (same
  // layout, nothing painted) that one step fewer would overflow. A wrong guess costs prints, never
  // the result, and bounds the search below.
  const audience = set.audience.name;
  const kind = `${audience}\0${view.topics.length}`;
  const guess = layouts.fitGuess(audience, name, kind);
  const steps = fitSteps(view);
  // Each step shrinks the page, so a step that fits means every later one does too: the fewest
  // that fit are in (lo, hi], step lo known to overflow (-1: nothing known), step hi assumed to fit.
  let lo = -1;
  let hi = steps;
  // The time the document took, start to finish: the print and the draft below run at once, so
  // their times do not add up.
  const started = Date.now();
  const took = () => Date.now() - started;
  let early: Promise<void> | undefined;
  try {
    if (guess !== undefined && guess > 0 && guess <= steps) {
      let tried: BriefingPrintResult;
      let below: { pages: number };
      if (options.onFits) {
        // The print first, handed on as soon as it fits, then the draft: beside the print (two
        // renderers on two cores) the draft held the print back by about its own time.
        tried = await printComposed(printer, layouts, set, fitPage(view, guess), name, options);
        if (countPages(tried.pdf) <= budget) {
          // Written before the draft starts: the draft's rendering would hold the write's callbacks back.
          early = options.onFits({ ...tried, ms: took() });
          await early.catch(() => {}); // (its failure is thrown below, in `finally`)
          below = await draftPages(printer, set, fitPage(view, guess - 1), name);
        } else below = { pages: budget + 1 }; // (no draft: a step fewer than one that overflows overflows too)
      } else {
        // The print and the draft at once, on two pages of the printer (neither depends on the other).
        [tried, below] = await Promise.all([
          printComposed(printer, layouts, set, fitPage(view, guess), name, options),
          draftPages(printer, set, fitPage(view, guess - 1), name),
        ]);
      }
      const triedFits = countPages(tried.pdf) <= budget;
      if (triedFits && below.pages > budget) return { ...tried, ms: took() };
      if (triedFits) hi = guess - 1; // one step fewer fits too (the draft): the answer is below
      else if (guess === steps) return { ...tried, ms: took() }; // no step left to take (the caller enforces the budget)
      else lo = guess;
    }
    if (lo < 0) {
      const first = await printComposed(printer, layouts, set, view, name, options);
      if (countPages(first.pdf) <= budget) {
        layouts.rememberFit(audience, name, kind, 0);
        return { ...first, ms: took() };
      }
      lo = 0;
    }
    // Over the budget: the fewest steps that fit, found by halving with drafts (the same layout,
    // nothing painted, no tags: cheaper than a print), then that step printed once. If even the last
    // step overflows, the caller enforces the budget and says so.
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((await draftPages(printer, set, fitPage(view, mid), name)).pages <= budget) hi = mid; else lo = mid;
    }
    let fits = await printComposed(printer, layouts, set, fitPage(view, hi), name, options);
    // A draft has the print's layout; should a print ever disagree, the next steps are printed.
    while (countPages(fits.pdf) > budget && hi < steps) fits = await printComposed(printer, layouts, set, fitPage(view, ++hi), name, options);
    if (countPages(fits.pdf) <= budget) layouts.rememberFit(audience, name, kind, hi);
    return { ...fits, ms: took() };
  } finally {
    // Whatever the outcome, the handed-on print is written (or has failed) before this returns:
    // the caller's writes stay in the order of the prints, and its failure is the build's.
    await early;
  }
}

/** How many pages a composed view takes, from a draft print (nothing painted, no tags), for the fit search. */
async function draftPages(printer: Printer, set: TemplateSet, composed: BriefingView, name: string): Promise<{ pages: number; ms: number }> {
  const fresh = composed.audience.has.contents ? tocEntries(composed) : undefined;
  const html = withDraftStyleInBody(set.render(fresh ? { ...composed, toc: fresh } : composed));
  const { value, ms } = await printer.job({ name, pageSize: composed.audience.pageSize, resources: fontResources }, async (job) => {
    await job.load(html);
    return countPages(await job.print({ draft: true }));
  });
  return { pages: value, ms };
}

/** One composed view printed: its blocks paginated (pagination.ts), its contents numbered. */
async function printComposed(printer: Printer, layouts: LayoutStore, set: TemplateSet, composed: BriefingView, name: string, options: { verify?: boolean }): Promise<BriefingPrintResult> {
  const fresh = composed.audience.has.contents ? tocEntries(composed) : undefined;
  const blocks = composed.audience.pageBudget === undefined && composed.joins === undefined ? pageBlocks(composed) : [];
  const pagination = blocks.length > 1 ? new Pagination(blocks, pageOpeners(composed)) : undefined;
  // The contents needs page numbers, and the pagination where blocks end, that only a print can
  // measure. Rather than a measuring draft first, print with a guess when there is a good one
  // (layout-cache.ts: this document's last layout, or the last of another week of the same topics);
  // the measurement after the print confirms it (one print) or corrects it.
  const audience = set.audience.name;
  const kind = fresh || pagination ? [audience, ...composed.topics.map((t) => t.id), '', ...(fresh ?? []).map((e) => e.anchor)].join('\0') : '';
  const last = kind ? layouts.guess(audience, name, kind) : undefined;
  const fits = !!last && last.anchors.length === (fresh?.length ?? 0) && last.anchors.every((a, i) => a === fresh![i]!.anchor);
  const guessed = fresh && fits ? fresh.map((e, i) => ({ ...e, page: last!.pages[i] ?? undefined })) : undefined;
  const guessedJoins = pagination && fits ? last!.joins : undefined;
  const guess = pagination ? guessedJoins !== undefined : guessed !== undefined;
  // Without a guess, the first print is a draft in which every block opens a page.
  let view: BriefingView = pagination ? { ...composed, joins: guessedJoins ?? {} } : composed;
  let printed: TocEntry[] | undefined = guessed ?? fresh;
  let html = set.render(printed ? { ...view, toc: printed } : view);
  let prints = 0;
  /** Whether a measurement changed the layout first printed (from a guess: the guess missed). */
  let moved = false;
  let remembered = false;
  const numbered = !!printed && printed.length > 0;
  const revise = pagination || numbered
    ? async (pdf: Uint8Array) => {
      prints++;
      const measured = numbered ? withPages(printed!, await destinationPages(pdf)) : undefined;
      if (pagination) {
        pagination.record(pdf, view.joins ?? {});
        const next = pagination.decide();
        // The layout decided differs from this print: print it (measured in turn), while a print is
        // left after it for the contents numbers.
        if (!sameJoins(next.joins, view.joins ?? {}) && prints < MAX_PASSES - 1) {
          view = { ...composed, joins: next.joins };
          moved = true;
          printed = measured && pagination.movePages(measured, next.joins);
          html = set.render(printed ? { ...view, toc: printed } : view);
          return { html };
        }
      }
      const held = !measured || measured.every((e, i) => e.page === printed![i]!.page);
      layouts.remember(audience, name, kind, { anchors: (measured ?? []).map((e) => e.anchor), pages: (measured ?? []).map((e) => e.page ?? null), joins: view.joins }, remembered ? undefined : guess && (moved || !held));
      remembered = true;
      // Held: done (a draft whose layout stands is printed again without its draft style, in place).
      if (held) return undefined;
      printed = measured!;
      const pageNumbers = new Map(printed.map((e) => [e.anchor, e.page]));
      // The numbers written into the HTML as the printer writes them into the page; a contents
      // partial without data-page-of holders is rendered again with them.
      html = withPageNumbers(html, pageNumbers) ?? set.render({ ...view, toc: printed });
      return { html, pageNumbers };
    }
    : undefined;
  const { pdf, ms, blocks: shown } = await printInPasses(printer, html, { name, pageSize: view.audience.pageSize, resources: fontResources, textBlocks: options.verify, ...(revise ? { revise, draftFirst: !guess } : {}) });
  const started = Date.now();
  // Read from the print as the metadata step reads it (one reading of the bytes: pdf-lite).
  const foreign = foreignFonts(pdf, isPackageFont);
  const finished = await applyPdfMetadata(pdf, briefingMetadata(view, html));
  return { pdf: finished, html, ms: ms + Date.now() - started, foreign, ...(shown ? { blocks: shown } : {}) };
}
