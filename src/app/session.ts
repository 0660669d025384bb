import { join } from 'node:path';
import { LayoutStore } from '../contents/layout-cache.js';
import { Printer, type PrinterOptions } from '../print/printer.js';
import { cacheDir } from '../util/cache-dir.js';

export interface SessionOptions {
  /** The cache folder (compiled templates, contents layouts, the kept browser profile); default BRIEF_CACHE_DIR or the install's node_modules/.cache/brief. */
  cacheDir?: string;
  /** A printer to use (the caller closes it); otherwise the session makes one and close() ends it. */
  printer?: Printer;
  printerOptions?: PrinterOptions;
}

/**
 * Session: the state that lives longer than one build — the printer (one browser) and the contents
 * layouts measured so far — with one owner. The CLI makes one per command (a batch of weeks, a watch);
 * a library caller may make one and pass it to build() and watch(); build() alone makes a short one.
 */
export class Session {
  readonly cacheDir: string;
  readonly printer: Printer;
  readonly layouts: LayoutStore;
  private readonly ownPrinter: boolean;

  constructor(options: SessionOptions = {}) {
    this.cacheDir = options.cacheDir ?? cacheDir();
    this.ownPrinter = !options.printer;
    this.printer = options.printer ?? new Printer(options.printerOptions);
    this.layouts = new LayoutStore(join(this.cacheDir, 'layouts.json'));
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
