import { readFile } from 'node:fs/promises';
import { build } from '../build.js';
import { BuildLoop, type BuildJob } from '../build-loop.js';
import { watchFiles, type FileWatcher } from '../file-watcher.js';
import { audienceOf } from '../watch.js';
import { DEFAULTS } from '../../config.js';
import { destinationPages } from '../../contents/toc.js';
import type { Printer, PrinterOptions } from '../../print/printer.js';
import { Session } from '../session.js';
import { failureReport, type FailureReport } from './failure.js';

/**
 * session: the builds behind `brief preview`. The same pieces as watch (one file watcher, one build
 * loop, one warm Printer, build() itself, so the PDFs are the ones `brief build` writes, handling
 * levels and all), but only what someone is looking at is built: a (week, audience) pair is built
 * when a page subscribes to it and rebuilt on each save while one does; the others are only marked
 * out of date, and built when opened. The last good briefing is kept when a build fails.
 */
export interface PreviewSessionOptions {
  dataDir?: string;
  templatesDir?: string;
  outDir?: string;
  /** The session (printer, contents layouts) to use; it stays open. Otherwise one is made and closed by close(). */
  session?: Session;
  /** A printer to use (not closed by close()), when no session is given. */
  printer?: Printer;
  printerOptions?: PrinterOptions;
  /** The project folder, for file names in reports (default: the working folder). */
  root?: string;
  /** A build starts: the week, its audiences and the files that changed (none at first). */
  onStart?: (job: { week: string; audiences: string[]; files: string[] }) => void;
  /** A briefing was built (`unchanged`: its inputs were as when it was last printed, so it was not printed again). */
  onBuilt?: (target: TargetState, unchanged: boolean) => void;
  /** A build failed (not when a newer save already superseded it). */
  onFailed?: (report: FailureReport, job: { week: string; audiences: string[] }) => void;
}

/** A printed briefing, as the preview serves it. */
export interface Printed {
  /** Counts successful builds of this target, from 1. */
  version: number;
  pdf: Uint8Array;
  html: string;
  pages: number;
  marking: string;
  /** ISO time of the build. */
  builtAt: string;
  ms: number;
  /** The PDF's named destinations (the briefing's anchors) → 1-based pages. */
  anchors: Record<string, number>;
}

export interface TargetState {
  week: string;
  audience: string;
  status: 'waiting' | 'building' | 'ok' | 'failed';
  /** The last good print, kept under a failure. */
  printed?: Printed;
  failure?: FailureReport;
}

interface Target extends TargetState {
  /** Whether `printed` reflects the files as they are (no change since its build started). */
  fresh: boolean;
  listeners: Set<(state: TargetState) => void>;
}

const key = (week: string, audience: string) => `${week}/${audience}`;

export class PreviewSession implements AsyncDisposable {
  readonly dataDir: string;
  readonly templatesDir: string;
  /** Settles when the file watcher is ready. */
  readonly ready: Promise<void>;
  private readonly options: PreviewSessionOptions;
  private readonly session: Session;
  private readonly targets = new Map<string, Target>();
  private readonly loop: BuildLoop;
  private readonly files: FileWatcher;

  constructor(options: PreviewSessionOptions = {}) {
    this.options = options;
    this.dataDir = options.dataDir ?? DEFAULTS.dataDir;
    this.templatesDir = options.templatesDir ?? DEFAULTS.templatesDir;
    this.session = options.session ?? new Session({ printer: options.printer, printerOptions: options.printerOptions });
    this.loop = new BuildLoop((job) => this.run(job));
    this.files = watchFiles([this.dataDir, this.templatesDir], { onChange: (file) => this.changed(file) });
    this.ready = this.files.ready;
  }

  /** The state of one briefing (made on first use). */
  state(week: string, audience: string): TargetState {
    const t = this.target(week, audience);
    return { week: t.week, audience: t.audience, status: t.status, printed: t.printed, failure: t.failure };
  }

  /**
   * Follow a briefing: `listener` gets its state now and after every change; it is built now if it
   * is not up to date. Returns the function that stops following.
   */
  follow(week: string, audience: string, listener: (state: TargetState) => void): () => void {
    const t = this.target(week, audience);
    t.listeners.add(listener);
    listener(this.state(week, audience));
    this.request(week, audience);
    return () => t.listeners.delete(listener);
  }

  /** Build a briefing now unless it is up to date (e.g. the one the preview opens on, to be ready). */
  request(week: string, audience: string): void {
    const t = this.target(week, audience);
    if (t.fresh && t.status !== 'waiting') return;
    this.loop.add(week, [audience]);
  }

  async close(): Promise<void> {
    await this.files.close();
    await this.loop.close();
    for (const t of this.targets.values()) t.listeners.clear();
    if (!this.options.session) await this.session.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private target(week: string, audience: string): Target {
    let t = this.targets.get(key(week, audience));
    if (!t) {
      t = { week, audience, status: 'waiting', fresh: false, listeners: new Set() };
      this.targets.set(key(week, audience), t);
    }
    return t;
  }

  private notify(t: Target): void {
    const state = this.state(t.week, t.audience);
    for (const l of t.listeners) l(state);
  }

  /** A file changed: what it may affect is out of date; what someone follows is rebuilt. */
  private changed(file: string): void {
    // A fact sheet changes its week and the weeks after (their "changes since" compare with it);
    // a file under templates/audiences/<name>/ only that audience; anything else, everything.
    const only = audienceOf(this.templatesDir, file);
    for (const t of this.targets.values()) {
      if (only !== undefined && t.audience !== only) continue;
      t.fresh = false;
      if (t.listeners.size > 0) this.loop.add(t.week, [t.audience], [file]);
    }
  }

  private async run(job: BuildJob): Promise<void> {
    const week = job.week!;
    const audiences = job.audiences ?? [];
    const targets = audiences.map((a) => this.target(week, a));
    for (const t of targets) {
      t.fresh = true; // a change from now on marks it again
      t.status = 'building';
      this.notify(t);
    }
    this.options.onStart?.({ week, audiences, files: job.files });
    try {
      // Incremental: a save that changes none of a briefing's inputs (an editor's truncate-then-write
      // reported twice, a file saved as it was) prints nothing; the page shown stays as it is.
      const result = await build({ dataDir: this.dataDir, templatesDir: this.templatesDir, outDir: this.options.outDir, week, audiences, session: this.session, writeHtml: true, writeEarly: true, incremental: true });
      for (const doc of result.documents) {
        const t = this.target(week, doc.audience);
        if (doc.skipped && t.printed && t.status !== 'failed') {
          t.status = 'ok';
          this.notify(t);
          this.options.onBuilt?.(this.state(week, doc.audience), true);
          continue;
        }
        const [pdf, html] = await Promise.all([readFile(doc.path), readFile(doc.htmlPath!, 'utf8')]);
        const bytes = new Uint8Array(pdf);
        t.printed = {
          version: (t.printed?.version ?? 0) + 1, pdf: bytes, html, pages: doc.pages, marking: doc.marking,
          builtAt: new Date().toISOString(), ms: doc.ms, anchors: Object.fromEntries(await destinationPages(bytes)),
        };
        t.status = 'ok';
        t.failure = undefined;
        this.notify(t);
        this.options.onBuilt?.(this.state(week, doc.audience), false);
      }
    } catch (e) {
      if (job.superseded()) return; // a newer save is already queued: its build will tell
      const report = await failureReport(e, this.options.root);
      for (const t of targets) {
        t.status = 'failed';
        t.failure = report;
        this.notify(t);
      }
      this.options.onFailed?.(report, { week, audiences });
    }
  }
}
