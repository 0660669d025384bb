import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { findBrowser, launchArgs } from './browser.js';
import { BriefError, ExitCode } from './errors.js';

/**
 * print: the Printer owns Chrome. One browser per run, launched on first use; documents print in
 * parallel on a pool of reused pages (bounded by `concurrency`); JavaScript is off and every request
 * but inline data: URLs is refused. `close()` (also `Symbol.asyncDispose`) ends the browser.
 */
export interface PrinterOptions {
  /** Browser executable; otherwise found by findBrowser(). */
  executablePath?: string;
  /** Documents printed at once (default 2). */
  concurrency?: number;
  /** Per-document timeout in ms (default 60 000). */
  timeoutMs?: number;
}

export interface PrintOptions {
  /** Name used in errors, e.g. the output path. */
  name: string;
  pageSize?: 'A4' | 'Letter';
  /**
   * Called with each print; when it returns HTML, that HTML is printed on the same page and replaces
   * the print (e.g. the contents with the page numbers the first print measured). At most
   * MAX_PASSES prints in all.
   */
  revise?: (pdf: Uint8Array) => Promise<string | undefined> | string | undefined;
}

export interface PrintResult { pdf: Uint8Array; ms: number }

/** Most prints of one document when `revise` asks for more. */
export const MAX_PASSES = 3;

export class Printer implements AsyncDisposable {
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** How many times a browser was launched (tests assert one per run). */
  launches = 0;
  private browser: Promise<Browser> | undefined;
  private idle: Page[] = [];
  private active = 0;
  private waiting: (() => void)[] = [];
  private readonly options: PrinterOptions;

  constructor(options: PrinterOptions = {}) {
    this.options = options;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Start the browser now (e.g. while fact sheets are still being validated). */
  warmUp(): Promise<Browser> {
    this.browser ??= this.launch();
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const { path } = await findBrowser(this.options.executablePath);
    const { default: puppeteer } = await import('puppeteer');
    this.launches++;
    try {
      return await puppeteer.launch({ executablePath: path, headless: true, pipe: true, args: launchArgs(), timeout: 30_000 });
    } catch (e) {
      this.browser = undefined;
      throw new BriefError('browser-launch', `could not start the browser at ${path}: ${(e as Error).message.split('\n')[0]}`, { exitCode: ExitCode.render, cause: e });
    }
  }

  private async acquire(): Promise<Page> {
    while (this.active >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      const pooled = this.idle.pop();
      if (pooled && !pooled.isClosed()) return pooled;
      const browser = await this.warmUp();
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req: HTTPRequest) => {
        const url = req.url();
        if (url.startsWith('data:') || url === 'about:blank') void req.continue();
        else void req.abort('blockedbyclient');
      });
      return page;
    } catch (e) {
      this.release(undefined);
      throw e;
    }
  }

  private release(page: Page | undefined): void {
    if (page && !page.isClosed()) this.idle.push(page);
    this.active--;
    this.waiting.shift()?.();
  }

  /** Run `fn` with a page from the pool; the page returns to the pool afterwards (or is dropped on error). */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    let ok = false;
    try {
      const result = await fn(page);
      ok = true;
      return result;
    } finally {
      if (!ok) await page.close().catch(() => {});
      this.release(ok ? page : undefined);
    }
  }

  /** Print one HTML document to PDF. */
  async pdf(html: string, options: PrintOptions): Promise<PrintResult> {
    const started = Date.now();
    return this.withPage(async (page) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BriefError('render-timeout', `${options.name}: rendering took longer than ${this.timeoutMs} ms`, { exitCode: ExitCode.render })), this.timeoutMs);
      });
      try {
        const work = (async () => {
          const print = async (content: string) => {
            await page.setContent(content, { waitUntil: 'load', timeout: this.timeoutMs });
            return page.pdf({
              printBackground: true, preferCSSPageSize: true, tagged: true, outline: true,
              format: options.pageSize === 'Letter' ? 'letter' : 'a4', timeout: this.timeoutMs,
            });
          };
          let pdf = await print(html);
          for (let pass = 1; pass < MAX_PASSES; pass++) {
            const again = await options.revise?.(pdf);
            if (again === undefined) break;
            pdf = await print(again);
          }
          return pdf;
        })();
        const pdf = await Promise.race([work, timeout]);
        return { pdf, ms: Date.now() - started };
      } finally {
        clearTimeout(timer);
      }
    });
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    if (!browser) return;
    const b = await browser.catch(() => undefined);
    await b?.close().catch(() => {});
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
