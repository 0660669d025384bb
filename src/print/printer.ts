import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { claimProfile, removeStaleProfiles, throwawayProfile, type Profile } from './browser-profile.js';
import { findBrowser, launchArgs } from './browser.js';
import { connectChrome, isRunning, killGroup, startChrome } from './chrome.js';
import { takeEarly } from './early.js';
import type { Browser, Page } from './devtools.js';
import { blockRequests, bodyNodeAhead, collectGarbage, fontsConfirmed, loadDocument, noteShell, printPdf, replaceBody, textBlocks, type Answer, type TextBlock } from './cdp.js';
import { Limit } from '../util/limit.js';
import { checkOptions, PRINTER_OPTIONS } from '../util/options.js';
import { BriefError, ExitCode } from '../errors.js';
import { MAX_TIMEOUT_MS } from './limits.js';

/**
 * print: the Printer owns Chrome, and knows nothing of briefings. One browser per run, launched on
 * first use; documents print in parallel on a pool of reused pages (bounded by `concurrency`), each
 * within a timeout, and a document that meets a crashed page or browser is tried once more. JavaScript
 * is off and every request is refused but inline data: URLs and the resources a job hands in (brief's
 * fonts by reference), which it answers. A caller that prints a document more than once on the same
 * page (the contents pass: contents/passes.ts) does so in a `job`. `close()` (also
 * `Symbol.asyncDispose`) ends the browser.
 */
export interface PrinterOptions {
  /** Browser executable; otherwise found by findBrowser(). */
  executablePath?: string;
  /** Documents printed at once (default: the number of CPU cores). */
  concurrency?: number;
  /** Per-document timeout in ms (default 60 000). */
  timeoutMs?: number;
}

/**
 * Resources a document refers to by URL under `origin`, answered by the printer from memory (every
 * other request is refused). A face whose source is under `origin` is the document's own: it must
 * load before the print (a face from anywhere else is refused by design).
 */
export interface Resources {
  /** scheme://host, with no trailing slash. */
  readonly origin: string;
  /** The answer for a URL under `origin`, or undefined (refused). */
  answer(url: string): Answer | undefined;
}

export interface JobOptions {
  /** Name used in errors, e.g. the output path; a page that last showed this name is preferred. */
  name: string;
  pageSize?: 'A4' | 'Letter';
  /** What the document may load besides inline data: URLs. */
  resources?: Resources;
}

export interface PrintOptions extends JobOptions {
  /** Also read the blocks of text the document shows (for `--verify`: pdf/fidelity.ts). */
  textBlocks?: boolean;
}

/** What a job may do with the page it was given (Printer.job). */
export interface PrintJob {
  /** The page, for edits through DevTools (no script runs in it); after one, say what it shows (`shows`). */
  readonly page: Page;
  /** Show `html` (its body only, when it is the same document again with the same shell). */
  load(html: string): Promise<void>;
  /** The page now shows `html`'s shell, after an edit of its head in place. */
  shows(html: string): void;
  /** Print what the page shows, once every font face it declares has loaded. A draft has no tags or outline. */
  print(options?: { draft?: boolean }): Promise<Uint8Array>;
  /** The blocks of text the page shows, in print media. */
  textBlocks(): Promise<TextBlock[]>;
}

export interface PrintResult { pdf: Uint8Array; ms: number; blocks?: TextBlock[] }

/**
 * Documents one page prints before it is closed and a fresh one opened (a bound on what a renderer
 * may keep per document it has shown). A fresh page costs ~130 ms and loads the fonts again, so
 * pages retire rarely: a renderer's own garbage collections keep it from growing with them.
 */
export const PAGE_USES = 100;
/** How long the printer must have had nothing to print before its pages' garbage is collected (ms). */
export const IDLE_COLLECT_MS = 100;

/** What a printer has done so far (tests and the CLI's summary read it). */
export interface PrinterStats {
  /** How many times a browser was launched (one per run, unless one crashed). */
  readonly launches: number;
  /** How many prints (a document with a contents page may take two: see contents/passes.ts). */
  readonly prints: number;
  /** How many documents went onto a page by replacing only the body (cdp.ts replaceBody). */
  readonly bodyReplacements: number;
  /** How many prints asked first whether every font face of the document had loaded (cdp.ts printPdf; a body replaced under a checked head is not asked again). */
  readonly fontChecks: number;
  /** How many documents met a crashed browser or page and were retried. */
  readonly crashes: number;
  /** How many documents timed out (a hung page) and were retried on a fresh page. */
  readonly hangs: number;
  /** How many requests were answered from a job's resources (brief's fonts by reference: a page asks for each once). */
  readonly resourcesAnswered: number;
  /** How many times a page's garbage was collected on request (when the printer was idle: collectWhenIdle). */
  readonly collections: number;
}

export class Printer implements AsyncDisposable {
  readonly concurrency: number;
  readonly timeoutMs: number;
  private readonly counts: { -readonly [K in keyof PrinterStats]: number } = {
    launches: 0, prints: 0, bodyReplacements: 0, fontChecks: 0, crashes: 0, hangs: 0, resourcesAnswered: 0, collections: 0,
  };
  private browser: Promise<Browser> | undefined;
  /** The page opened with the browser, for the first document. */
  private firstPage: Promise<Page | undefined> | undefined;
  private current: Browser | undefined;
  private closed = false;
  /** Set by kill(): done when the killed browser has exited and its kept profile is given back. */
  private killed: Promise<void> | undefined;
  private profiles = new WeakMap<Browser, Profile>();
  private processes = new WeakMap<Browser, ChildProcess>();
  private releases = new WeakMap<Browser, Promise<void>>();
  private errorBrowsers = new WeakMap<object, Browser>();
  private idle: Page[] = [];
  /** Pages printing at once (the concurrency). */
  private readonly pages: Limit;
  /** The resources each page's current job may load (blockRequests asks). */
  private resources = new WeakMap<Page, Resources>();
  private uses = new WeakMap<Page, number>();
  /** The document (PrintOptions.name) each page last loaded. */
  private shown = new WeakMap<Page, string>();
  /** Idle pages holding documents they have replaced, not yet collected. */
  private garbage = new Set<Page>();
  private collectTimer: NodeJS.Timeout | undefined;
  private readonly options: PrinterOptions;

  constructor(options: PrinterOptions = {}) {
    checkOptions('new Printer', options, PRINTER_OPTIONS);
    this.options = options;
    this.concurrency = Math.max(1, options.concurrency ?? availableParallelism());
    this.timeoutMs = options.timeoutMs ?? 60_000;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs < 1 || this.timeoutMs > MAX_TIMEOUT_MS) {
      throw new BriefError('usage', `the render timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS.toLocaleString('en-US')}; got ${this.timeoutMs}`);
    }
    this.pages = new Limit(this.concurrency);
  }

  private chosen: Promise<{ path: string; shell?: boolean }> | undefined;

  /** The browser executable this printer launches (found once). */
  browserPath(): Promise<string> {
    return this.choose().then((c) => c.path);
  }

  private choose(): Promise<{ path: string; shell?: boolean }> {
    this.chosen ??= findBrowser(this.options.executablePath);
    const chosen = this.chosen;
    chosen.catch(() => { if (this.chosen === chosen) this.chosen = undefined; }); // asked again next time
    return chosen;
  }

  /** A snapshot of the counters. */
  get stats(): PrinterStats {
    return Object.freeze({ ...this.counts });
  }

  /** Whether the browser was started (warmUp or a print), so starting it early gains nothing. */
  get launched(): boolean {
    return this.browser !== undefined;
  }

  /** Start the browser now (e.g. while fact sheets are still being validated). */
  warmUp(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BriefError('printer-closed', 'the printer was closed (interrupted?)', { exitCode: ExitCode.render }));
    if (!this.browser) {
      this.browser = this.launch();
      // Open the first page while the caller is still parsing and validating: a new page costs
      // ~130 ms, which would otherwise come after the launch, on the critical path.
      // Chromium starts with one blank tab: that is the first page (another would be one more
      // renderer process, ~30 MB, for as long as the browser runs).
      this.firstPage = this.browser.then(async (b) => {
        const tab = await this.inTime(b.firstTab().then((t) => t && this.configure(t, b)), b);
        return tab ?? this.openPage(b);
      }).catch(() => undefined);
    }
    return this.browser;
  }

  /** A configured page: JavaScript off, every request refused but inline data: and its job's resources. */
  private async openPage(browser: Browser): Promise<Page> {
    const opening = (async () => {
      const page = await browser.newPage().catch((e: unknown) => { throw this.blame(e, browser); });
      return this.configure(page, browser);
    })();
    return this.inTime(opening, browser);
  }

  /**
   * A page that does not open within the timeout (its renderer killed as it started) is a crash:
   * the document is tried again; the page, should it open after all, is closed.
   */
  private inTime<P extends Page | undefined>(opening: Promise<P>, browser: Browser): Promise<P> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        opening.then((p) => p?.close().catch(() => {}), () => {});
        reject(this.blame(new Error('Target closed: a new page did not open in time (its renderer crashed?)'), browser));
      }, Math.max(this.timeoutMs, 10_000)); // a page opens in ~130 ms
      timer.unref();
    });
    return Promise.race([opening, late]).finally(() => clearTimeout(timer));
  }

  private async configure(page: Page, browser: Browser): Promise<Page> {
    if (page.browser() !== browser) throw new Error('page of another browser');
    const answer = (url: string) => {
      const found = this.resources.get(page)?.answer(url);
      if (found) this.counts.resourcesAnswered++;
      return found;
    };
    // Print media from the start: the document is styled once, as it prints. A page in screen
    // media restyles the whole document when printing switches it to print (and back) wherever a
    // stylesheet has an `@media print` rule (the base style has one): ~100 ms for the analyst
    // briefing, on every print.
    await Promise.all([
      page.send('Emulation.setScriptExecutionDisabled', { value: true }),
      page.send('Emulation.setEmulatedMedia', { media: 'print' }),
      blockRequests(page, answer),
    ]);
    return page;
  }

  /**
   * Chrome talks to us over a pipe (chrome.ts): when this process dies, even by `kill -9`, the
   * pipe closes and Chrome exits with it. If the browser dies first, the next page launches a new one.
   */
  private async launch(): Promise<Browser> {
    const { path, shell } = await this.choose();
    this.counts.launches++;
    // The Chrome bin/brief.js started for this run, if it runs this executable (early.ts); else the
    // kept profile when it is free (browser-profile.ts); should Chrome refuse it (another Chrome
    // runs on it: it exits at start), a throwaway one.
    let early = await takeEarly(path);
    let profile = early?.profile ?? await claimProfile(path);
    for (;;) {
      try {
        const started = early ? connectChrome(early.spawned, 30_000) : startChrome({ path, shell: !!shell, args: launchArgs(), profile: profile.dir, timeoutMs: 30_000 });
        early = undefined;
        const { browser, process: proc } = await started;
        this.profiles.set(browser, profile);
        this.processes.set(browser, proc);
        this.current = browser;
        void removeStaleProfiles(); // after the start, which it would slow down (a read of the temp folder)
        browser.once('disconnected', () => {
          this.forget(browser);
          void this.releaseProfile(browser);
        });
        return browser;
      } catch (e) {
        await profile.release();
        // Chrome refusing a profile exits at once (code 21); a browser that hangs is not tried twice.
        if (profile.kept && !this.closed && /exited at start/.test((e as Error).message)) {
          profile = await throwawayProfile();
          continue;
        }
        this.browser = undefined;
        throw new BriefError('browser-launch', `could not start the browser at ${path}: ${(e as Error).message.split('\n')[0]}`, { exitCode: ExitCode.render, cause: e });
      }
    }
  }

  /** Give up a browser's profile once its process has exited (once per browser): see browser-profile.ts. */
  private releaseProfile(browser: Browser): Promise<void> {
    let release = this.releases.get(browser);
    const profile = this.profiles.get(browser);
    if (!release && profile) {
      const proc = this.processes.get(browser);
      release = (async () => {
        if (proc && isRunning(proc)) await new Promise((r) => proc.once('exit', r));
        await profile.release();
      })();
      this.releases.set(browser, release);
    }
    return release ?? Promise.resolve();
  }

  /** Drop a dead browser (crashed or killed), so the next document starts a fresh one. */
  private forget(browser: Browser): void {
    if (this.current !== browser) return;
    this.current = undefined;
    this.browser = undefined;
    this.idle = [];
    this.garbage.clear();
  }

  /** The browser's process id, while one runs (tests use it to simulate a crash). */
  browserPid(): number | undefined {
    return this.current ? this.processes.get(this.current)?.pid : undefined;
  }

  /** A page from the pool (preferring the one that last printed the document `name`), or a new one. */
  private async acquire(name?: string): Promise<Page> {
    await this.pages.acquire();
    try {
      const same = name === undefined ? -1 : this.idle.findIndex((p) => this.shown.get(p) === name);
      const pooled = same >= 0 ? this.idle.splice(same, 1)[0] : this.idle.pop();
      if (pooled && !pooled.isClosed()) return pooled;
      const browser = await this.warmUp(); // launch() made it the current one
      const first = this.firstPage;
      this.firstPage = undefined;
      const opened = first ? await first : undefined;
      if (opened && !opened.isClosed() && opened.browser() === browser) return opened;
      return await this.openPage(browser);
    } catch (e) {
      this.release(undefined);
      throw e;
    }
  }

  private release(page: Page | undefined): void {
    // A page is reused for many documents (a new one costs ~130 ms) but not forever: a page retires
    // after PAGE_USES documents.
    const uses = page ? (this.uses.get(page) ?? 0) + 1 : 0;
    if (page && !page.isClosed() && uses >= PAGE_USES) {
      this.uses.delete(page);
      this.garbage.delete(page);
      void page.close().catch(() => {});
    } else if (page && !page.isClosed()) {
      this.uses.set(page, uses);
      this.garbage.add(page); // the document it just replaced
      this.idle.push(page);
    }
    this.pages.release();
    this.collectWhenIdle();
  }

  /**
   * Free the documents the pages have replaced once the printer has had nothing to print for a
   * moment (as in watch mode, between saves). Their memory goes at the renderer's next garbage
   * collection, which a page without JavaScript seldom triggers, so the printer asks for one
   * (cdp.ts collectGarbage). Not while a batch prints: a forced collection is a full one, and the
   * next print is slower after it (one every 8 documents made 204 briefings take 36–43 s instead of
   * 30–31), while the renderer's own collections keep it as small without them (its largest
   * 182–188 MB over those 204 against 185–233 with them), and a page retires after PAGE_USES.
   */
  private collectWhenIdle(): void {
    clearTimeout(this.collectTimer);
    this.collectTimer = setTimeout(() => {
      if (this.closed || this.pages.held > 0) return; // printing: a later release tries again
      for (const page of this.idle) if (this.garbage.has(page) && !page.isClosed()) this.collect(page);
    }, IDLE_COLLECT_MS);
    this.collectTimer.unref();
  }

  private collect(page: Page): void {
    this.garbage.delete(page);
    this.counts.collections++;
    collectGarbage(page);
  }

  /**
   * Run `fn` with a page from the pool; the page returns to the pool afterwards (or is dropped on
   * error). With `name`, the page that last printed that document is taken if it is idle.
   */
  async withPage<T>(fn: (page: Page) => Promise<T>, name?: string): Promise<T> {
    const page = await this.acquire(name);
    let ok = false;
    try {
      const result = await fn(page);
      ok = true;
      return result;
    } catch (e) {
      throw this.blame(e, page.browser());
    } finally {
      // A hung or crashed page may never answer: do not wait for it more than a moment.
      if (!ok) await Promise.race([page.close().catch(() => {}), new Promise((r) => setTimeout(r, 2000).unref())]);
      this.release(ok ? page : undefined);
    }
  }

  /** Print one HTML document to PDF (a job that loads it and prints it once). */
  async pdf(html: string, options: PrintOptions): Promise<PrintResult> {
    const { value, ms } = await this.job(options, async (job) => {
      await job.load(html);
      const pdf = await job.print();
      return { pdf, blocks: options.textBlocks ? await job.textBlocks() : undefined };
    });
    return { pdf: value.pdf, ms, ...(value.blocks ? { blocks: value.blocks } : {}) };
  }

  /**
   * Run `fn` with a page of its own, within the timeout, and return what it returns with the time it
   * took. If the browser or the page crashes, or the page hangs, `fn` is run once more from the start
   * on a fresh page (and, if the browser died, a fresh browser); a second failure is an error naming
   * the document (`browser-crashed`, `page-crashed`, `render-timeout`).
   */
  async job<T>(options: JobOptions, fn: (job: PrintJob) => Promise<T>): Promise<{ value: T; ms: number }> {
    try {
      return await this.jobOnce(options, fn);
    } catch (e) {
      // A crash (of the browser or of the page's renderer) or a hang is tried once more, on a
      // fresh page (the failed one was closed) and, if the browser died, a fresh browser.
      const hung = e instanceof BriefError && e.code === 'render-timeout' && !this.closed;
      if (!hung && !this.isCrash(e)) throw e;
      if (hung) this.counts.hangs++; else this.counts.crashes++;
      try {
        return await this.jobOnce(options, fn);
      } catch (again) {
        if (again instanceof BriefError && again.code === 'render-timeout') {
          throw new BriefError('render-timeout', `${again.message} (twice: the second time on a fresh page)`, { exitCode: ExitCode.render, cause: again });
        }
        if (!this.isCrash(again)) throw again;
        const page = /page crashed/i.test((again as Error)?.message ?? '');
        throw new BriefError(page ? 'page-crashed' : 'browser-crashed', `${options.name}: the ${page ? 'page' : 'browser'} crashed twice while printing it (${(again as Error).message.split('\n')[0]})`, { exitCode: ExitCode.render, cause: again });
      }
    }
  }

  /** Remember which browser an error came from (another document may have started a new one since). */
  private blame(e: unknown, browser: Browser): unknown {
    if (e !== null && typeof e === 'object') this.errorBrowsers.set(e, browser);
    return e;
  }

  /** Whether an error means the browser (not the document) failed: it disconnected or the page's target closed. */
  private isCrash(e: unknown): boolean {
    if (e instanceof BriefError || this.closed) return false;
    const browser = (e !== null && typeof e === 'object' ? this.errorBrowsers.get(e) : undefined) ?? this.current;
    if (browser && !browser.connected) this.forget(browser);
    return !browser || !browser.connected || /Target closed|Session closed|Connection closed|crashed/i.test((e as Error)?.message ?? '');
  }

  private async jobOnce<T>(options: JobOptions, fn: (job: PrintJob) => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    return this.withPage(async (page) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BriefError('render-timeout', `${options.name}: rendering took longer than ${this.timeoutMs} ms`, { exitCode: ExitCode.render })), this.timeoutMs);
      });
      // A page or browser that dies while we wait for an event (a load that never comes) ends the
      // wait at once, as a crash (the document is printed again on a fresh browser).
      const browser = page.browser();
      let onGone: (() => void) | undefined;
      let onCrash: (() => void) | undefined;
      const gone = new Promise<never>((_, reject) => {
        onGone = () => reject(new Error('Target closed: the page or its browser went away'));
        // The page's renderer died (killed, out of memory): devtools.ts says so by the page's 'crashed' event.
        onCrash = () => reject(new Error('Page crashed: its renderer process ended'));
        page.on('close', onGone);
        page.on('crashed', onCrash);
        browser.on('disconnected', onGone);
        if (page.isClosed() || !browser.connected) onGone();
      });
      gone.catch(() => {});
      if (options.resources) this.resources.set(page, options.resources); else this.resources.delete(page);
      try {
        // The same document again (watch mode: its briefing after a save), when its shell is
        // unchanged, gets only its body replaced. Not another document with the same shell, as
        // in a batch: there it saved nothing and cost a DOM edit per document. A body replaced
        // once most likely will be again (the next save): its node is asked for after each print
        // (cdp.ts bodyNodeAhead).
        let replaced = false;
        const job: PrintJob = {
          page,
          load: async (content) => {
            const again = this.shown.get(page) === options.name;
            this.shown.delete(page);
            replaced = again && await replaceBody(page, content);
            if (replaced) this.counts.bodyReplacements++;
            else await loadDocument(page, content);
            this.shown.set(page, options.name);
          },
          shows: (content) => noteShell(page, content),
          print: async ({ draft = false } = {}) => {
            this.counts.prints++;
            if (!fontsConfirmed(page)) this.counts.fontChecks++;
            const pdf = await printPdf(page, { paper: options.pageSize ?? 'A4', tagged: !draft, outline: !draft, origin: options.resources?.origin });
            if (replaced) bodyNodeAhead(page);
            return pdf;
          },
          textBlocks: () => textBlocks(page),
        };
        // A renderer killed while it prints fails the print ("Printing failed") a moment before
        // the page says it crashed: a protocol error waits that moment for the crash to be known.
        const settled = fn(job).catch(async (e: unknown) => {
          if (/Protocol error/i.test((e as Error)?.message ?? '')) await Promise.race([gone, new Promise((r) => setTimeout(r, 1000).unref())]);
          throw e;
        });
        const value = await Promise.race([settled, timeout, gone]);
        return { value, ms: Date.now() - started };
      } finally {
        clearTimeout(timer);
        page.off('close', onGone!);
        page.off('crashed', onCrash!);
        browser.off('disconnected', onGone!);
      }
    }, options.name);
  }

  /** End the browser. The printer cannot be used afterwards (documents in flight fail, none is retried). */
  async close(): Promise<void> {
    if (this.killed) return this.killed; // kill() has ended it: wait for that to finish
    this.closed = true;
    clearTimeout(this.collectTimer);
    this.garbage.clear();
    const browser = this.browser;
    this.browser = undefined;
    this.current = undefined;
    this.idle = [];
    if (!browser) return;
    const b = await browser.catch(() => undefined);
    if (!b) return;
    // The browser has nothing to save (see browser-profile.ts): SIGTERM ends it (and its renderers)
    // in ~30 ms where Browser.close takes ~100 ms; if it does not exit, its process group is killed.
    if (!(await terminate(this.processes.get(b)))) await b.close().catch(() => {});
    await this.releaseProfile(b);
  }

  /**
   * End the browser at once, for a process about to exit with its documents written: its whole
   * process group is killed (no renderer is left behind, and no teardown is waited for; the browser
   * has nothing to save: see browser-profile.ts). A kept profile is unlocked now; a throwaway one,
   * which would take time to remove, is removed by the next run (its name says its run is gone).
   * Returns false when that cannot be done here (no process to signal: Windows): close() instead.
   */
  kill(): boolean {
    const b = this.current;
    const proc = b ? this.processes.get(b) : undefined;
    // Nothing launched: nothing to end. A launch in flight, or no process to signal (Windows): close().
    if (!this.browser) return true;
    if (!b || !proc?.pid || process.platform === 'win32') return false;
    this.closed = true;
    clearTimeout(this.collectTimer);
    this.browser = undefined;
    this.current = undefined;
    this.idle = [];
    this.garbage.clear();
    const running = isRunning(proc);
    const exited = running ? new Promise<void>((r) => proc.once('exit', () => r())) : Promise.resolve();
    if (running) killGroup(proc);
    const profile = this.profiles.get(b);
    // Nobody need wait for this (a process about to exit); close() does, for a caller that must
    // know the browser is gone (a signal's cleanup).
    this.killed = Promise.all([
      Promise.race([exited, new Promise<void>((r) => setTimeout(r, 2000).unref())]),
      profile?.kept ? profile.release() : undefined,
    ]).then(() => {});
    return true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** End a browser process by signal: SIGTERM, then SIGKILL to its process group after 2 s. False when it cannot be signalled. */
async function terminate(proc: ChildProcess | undefined): Promise<boolean> {
  if (!proc?.pid || !isRunning(proc) || process.platform === 'win32') return false;
  const exited = new Promise((r) => proc.once('exit', r));
  if (!proc.kill('SIGTERM')) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), 2000); });
  if ((await Promise.race([exited, late])) === 'late') {
    killGroup(proc);
    await exited;
  }
  clearTimeout(timer);
  // A helper (a renderer busy printing) may outlive the browser by a moment: its group goes too.
  killGroup(proc);
  return true;
}
