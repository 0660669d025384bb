import { join } from 'node:path';
import { LayoutStore } from '../contents/layout-cache.js';
import { Printer, type PrinterOptions } from '../print/printer.js';
import { cacheDir } from '../util/cache-dir.js';
import { Limit } from '../util/limit.js';
import { checkOptions, PRINTER_OPTIONS } from '../util/options.js';

export interface SessionOptions {
  /** The cache folder (compiled templates, contents layouts, the kept browser profile); default BRIEF_CACHE_DIR or the install's node_modules/.cache/brief. */
  cacheDir?: string;
  /** A printer to use (the caller closes it); otherwise the session makes one and close() ends it. */
  printer?: Printer;
  printerOptions?: PrinterOptions;
}

/**
 * Session: the state that lives longer than one build — the printer (one browser), the contents
 * layouts measured so far and the bound on documents in flight — with one owner. The CLI makes one
 * per command (a batch of weeks, a watch); a library caller may make one and pass it to build() and
 * watch(); build() alone makes a short one.
 */
export class Session {
  readonly cacheDir: string;
  readonly printer: Printer;
  readonly layouts: LayoutStore;
  private readonly ownPrinter: boolean;
  /** Documents in flight at once: twice the printer's concurrency (see inFlight). */
  private readonly documents: Limit;

  constructor(options: SessionOptions = {}) {
    checkOptions('new Session', options, { cacheDir: 'string', printer: 'object', printerOptions: PRINTER_OPTIONS });
    this.cacheDir = options.cacheDir ?? cacheDir();
    this.ownPrinter = !options.printer;
    this.printer = options.printer ?? new Printer(options.printerOptions);
    this.layouts = new LayoutStore(join(this.cacheDir, 'layouts.json'));
    this.documents = new Limit(this.printer.concurrency * 2);
  }

  /**
   * Run a document's whole pipeline (compose, render, print, write) with a bounded number of documents
   * in flight: twice the print concurrency, so the next HTML is ready when a page frees up, while a
   * batch of any size holds only a few views, HTML strings and PDFs in memory at once.
   */
  inFlight<T>(fn: () => Promise<T>): Promise<T> {
    return this.documents.run(fn);
  }

  /** Save what is worth keeping and end the printer if the session made it. */
  async close(): Promise<void> {
    this.layouts.save();
    if (this.ownPrinter) await this.printer.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
