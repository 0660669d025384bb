import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setBounded } from '../util/bounded.js';
import { cacheDir } from '../util/cache-dir.js';

/**
 * layout-cache: the contents page numbers last measured for each document, the guess its next print
 * starts from (print-briefing.ts). A guess is only a guess: every print is measured and a wrong one
 * is printed again, so a stale or lost entry costs a print, never a wrong page number.
 *
 * Kept in memory for the run and on disk between runs (layouts.json in the cache folder, beside the
 * compiled templates: see cacheDir), by audience and output file. Also in memory only: the last layout of each
 * kind of document (audience, topics and contents anchors), for another week of the same topics.
 */
export interface Layout {
  /** The contents anchors, in order. */
  anchors: string[];
  /** The page each anchor was printed on (null: not found in the print). */
  pages: (number | null)[];
}

const FILE = join(cacheDir(), 'layouts.json');
const MAX = 256;

let documents: Map<string, Layout> | undefined;
const kinds = new Map<string, { layout: Layout; missed: boolean }>();
/** Entries measured by this process since the last save. */
const changed = new Map<string, Layout>();

/** The layouts on disk (none when there is no file or it cannot be read). */
function readSaved(): Map<string, Layout> {
  const out = new Map<string, Layout>();
  try {
    const saved = JSON.parse(readFileSync(FILE, 'utf8')) as { documents?: Record<string, Layout> };
    for (const [k, v] of Object.entries(saved.documents ?? {})) {
      if (Array.isArray(v?.anchors) && Array.isArray(v?.pages) && v.anchors.length === v.pages.length) out.set(k, v);
    }
  } catch {
    // no cache yet, or an unreadable one
  }
  return out;
}

function loaded(): Map<string, Layout> {
  documents ??= readSaved();
  return documents;
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const documentKey = (audience: string, output: string) => `${audience}\0${resolve(output)}`;

/** The best guess for a document's layout: its own last one, else (unless that missed last time) its kind's. */
export function guessLayout(audience: string, output: string, kind: string): Layout | undefined {
  const sibling = kinds.get(kind);
  return loaded().get(documentKey(audience, output)) ?? (sibling && !sibling.missed ? sibling.layout : undefined);
}

/** Remember a measured layout; `missed`: the print started from a guess that was wrong. */
export function rememberLayout(audience: string, output: string, kind: string, layout: Layout, missed: boolean | undefined): void {
  const key = documentKey(audience, output);
  const before = loaded().get(key);
  if (!before || !same(before.anchors, layout.anchors) || !same(before.pages, layout.pages)) {
    setBounded(loaded(), key, layout, MAX);
    changed.set(key, layout);
  }
  if (missed !== undefined) setBounded(kinds, kind, { layout, missed }, MAX);
}

/** Builds running now (see holdLayouts). */
let holders = 0;

/**
 * A build holds the layouts while it runs; when the last of the builds running at once lets go
 * (release, idempotent), the layouts are written: one write for a batch of weeks, not one per week
 * (each a synchronous read, merge and write of the whole file).
 */
export function holdLayouts(): () => void {
  holders++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders === 0) saveLayouts();
  };
}

/**
 * Write the layouts this process measured to disk (at the end of a build), over what is there now
 * (another run may have saved meanwhile); a failure only loses the guesses.
 */
export function saveLayouts(): void {
  if (changed.size === 0) return;
  const merged = readSaved();
  for (const [k, v] of changed) setBounded(merged, k, v, MAX);
  changed.clear();
  try {
    mkdirSync(dirname(FILE), { recursive: true });
    const tmp = `${FILE}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ documents: Object.fromEntries(merged) }));
    renameSync(tmp, FILE);
  } catch {
    // a read-only install: the next run measures again
  }
}
