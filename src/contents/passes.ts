import type { Printer, PrintOptions, PrintResult } from '../print/printer.js';
import { reviseInPlace, withDraftStyle } from './draft.js';

/**
 * passes: a document printed more than once on the same page, for a contents page whose numbers only
 * a print can measure. The first print (a draft, unless told it is a guess expected to stand) is
 * measured by `revise`; a revision is written into the loaded page when it can be (draft.ts
 * reviseInPlace: no second parse of the HTML and its fonts) or loaded whole, and printed again; at
 * most MAX_PASSES prints. The printer runs it as one job: one page, one timeout, retried whole after
 * a crash.
 */
export interface PassesOptions extends PrintOptions {
  /** Called with each print; when it returns a Revision, the document is printed again. */
  revise?: (pdf: Uint8Array) => Promise<Revision | undefined> | Revision | undefined;
  /**
   * With `revise`: make the first print a draft (see draft.ts: the same layout, nothing painted)
   * because it will almost surely be revised. Default true; false when the first print is a guess
   * expected to stand.
   */
  draftFirst?: boolean;
}

/** What a revised print shows. */
export interface Revision {
  /** The whole revised document (what is loaded when the page cannot be revised in place). */
  html: string;
  /**
   * The page numbers that changed, by anchor: written into the loaded document's `[data-page-of]`
   * elements (draft.ts) instead of loading `html`, which says the same.
   */
  pageNumbers?: ReadonlyMap<string, number | undefined>;
}

/** Most prints of one document when `revise` asks for more. */
export const MAX_PASSES = 3;

export async function printInPasses(printer: Printer, html: string, options: PassesOptions): Promise<PrintResult> {
  const { revise } = options;
  if (!revise) return printer.pdf(html, options);
  const { value, ms } = await printer.job(options, async (job) => {
    let draft = options.draftFirst !== false;
    await job.load(draft ? withDraftStyle(html) : html);
    let pdf = await job.print({ draft });
    for (let pass = 1; pass < MAX_PASSES; pass++) {
      const revision = await revise(pdf);
      if (revision === undefined && !draft) break;
      // Revise the loaded document in place; when it cannot be, load the revised HTML (or, for an
      // accepted draft, the original).
      const numbers = revision ? revision.pageNumbers : new Map<string, number>();
      if (!numbers || !(await reviseInPlace(job.page, numbers))) await job.load(revision?.html ?? html);
      else if (draft) job.shows(html); // the draft style is gone: the page shows html's shell
      pdf = await job.print();
      draft = false;
      if (revision === undefined) break;
    }
    return { pdf, blocks: options.textBlocks ? await job.textBlocks() : undefined };
  });
  return { pdf: value.pdf, ms, ...(value.blocks ? { blocks: value.blocks } : {}) };
}
