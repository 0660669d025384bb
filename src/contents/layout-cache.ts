import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setBounded } from '../util/bounded.js';

/**
 * layout-cache: the contents page numbers last measured for each document, the guess its next print
 * starts from (print-briefing.ts). A guess is only a guess: every print is measured and a wrong one
 * is printed again, so a stale or lost entry costs a print, never a wrong page number.
 *
 * Kept in memory by the store's owner (a Session: one per run, or per watch) and on disk between runs
 * (layouts.json in the cache folder), by audience and output file. Also in memory only: the last layout of each
 * kind of document (audience, topics and contents anchors), for another week of the same topics.
 */
export interface Layout {
  /** The contents anchors, in order. */
  anchors: string[];
  /** The page each anchor was printed on (null: not found in the print). */
  pages: (number | null)[];
  /** Which blocks continued the pages of the block before them (pagination.ts), when decided. */
  joins?: Record<string, string> | undefined;
}

const MAX = 256;

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const documentKey = (audience: string, output: string) => `${audience}\0${resolve(output)}`;
/** A document's fit step, apart from the kinds' (`audience\0topics`). */
const fitKey = (audience: string, output: string) => `document\0${documentKey(audience, output)}`;

/** The contents layouts of one session, backed by a file (`file`: e.g. <cache folder>/layouts.json). */
export class LayoutStore {
  private documents: Map<string, Layout> | undefined;
  private readonly kinds = new Map<string, { layout: Layout; missed: boolean }>();
  /** Entries measured since the last save. */
  private readonly changed = new Map<string, Layout>();
  /**
   * The fit step (compose/fit.ts) a page-budget briefing last needed: by document (audience and
   * output file) and by kind (audience and number of topics, for another week).
   */
  private readonly fits = new Map<string, number>();
  private fitsChanged = false;
  /** Builds running now (see hold). */
  private holders = 0;

  constructor(readonly file: string) {}

  /** The layouts and fit steps on disk (none when there is no file or it cannot be read). */
  private readSaved(): Map<string, Layout> {
    const out = new Map<string, Layout>();
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as { documents?: Record<string, Layout>; fits?: Record<string, number> };
      for (const [k, v] of Object.entries(saved.documents ?? {})) {
        if (Array.isArray(v?.anchors) && Array.isArray(v?.pages) && v.anchors.length === v.pages.length) out.set(k, v);
      }
      for (const [k, v] of Object.entries(saved.fits ?? {})) {
        if (Number.isInteger(v) && v >= 0 && !this.fits.has(k)) this.fits.set(k, v);
      }
    } catch {
      // no cache yet, or an unreadable one
    }
    return out;
  }

  private loaded(): Map<string, Layout> {
    this.documents ??= this.readSaved();
    return this.documents;
  }

  /** The best guess for a document's layout: its own last one, else (unless that missed last time) its kind's. */
  guess(audience: string, output: string, kind: string): Layout | undefined {
    const sibling = this.kinds.get(kind);
    return this.loaded().get(documentKey(audience, output)) ?? (sibling && !sibling.missed ? sibling.layout : undefined);
  }

  /** Remember a measured layout; `missed`: the print started from a guess that was wrong. */
  remember(audience: string, output: string, kind: string, layout: Layout, missed: boolean | undefined): void {
    const key = documentKey(audience, output);
    const before = this.loaded().get(key);
    if (!before || !same(before.anchors, layout.anchors) || !same(before.pages, layout.pages) || JSON.stringify(before.joins) !== JSON.stringify(layout.joins)) {
      setBounded(this.loaded(), key, layout, MAX);
      this.changed.set(key, layout);
    }
    if (missed !== undefined) setBounded(this.kinds, kind, { layout, missed }, MAX);
  }

  /**
   * The fit step this document needed last, else the last one a briefing of its kind needed (weeks
   * differ: one may need a step more than the next); a guess print-briefing.ts confirms.
   */
  fitGuess(audience: string, output: string, kind: string): number | undefined {
    this.loaded();
    return this.fits.get(fitKey(audience, output)) ?? this.fits.get(kind);
  }

  rememberFit(audience: string, output: string, kind: string, step: number): void {
    this.loaded();
    for (const key of [fitKey(audience, output), kind]) {
      if (this.fits.get(key) === step) continue;
      setBounded(this.fits, key, step, MAX);
      this.fitsChanged = true;
    }
  }

  /**
   * A build holds the layouts while it runs; when the last of the builds running at once lets go
   * (release, idempotent), the layouts are written: one write for a batch of weeks, not one per week
   * (each a synchronous read, merge and write of the whole file).
   */
  hold(): () => void {
    this.holders++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.holders === 0) this.save();
    };
  }

  /**
   * Write the layouts measured since the last save, over what is on disk now (another run may have
   * saved meanwhile); a failure only loses the guesses.
   */
  save(): void {
    if (this.changed.size === 0 && !this.fitsChanged) return;
    const merged = this.readSaved();
    for (const [k, v] of this.changed) setBounded(merged, k, v, MAX);
    this.changed.clear();
    this.fitsChanged = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, JSON.stringify({ documents: Object.fromEntries(merged), fits: Object.fromEntries(this.fits) }));
      renameSync(tmp, this.file);
    } catch {
      // a read-only install: the next run measures again
    }
  }
}
