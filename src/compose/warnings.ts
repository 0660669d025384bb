import type { FactSheet } from '../schema/index.js';

/**
 * Warnings that travel with what they warn about: a source's weakness is printed beside it in every
 * audience that lists it (public included: the wording is reader-safe, no internal notes), and a
 * claim resting on one independent source says so wherever it is printed. Pure.
 */
type Source = FactSheet['sources'][number];

const RELIABILITY: Record<string, string> = {
  D: 'Not usually reliable.',
  E: 'Judged unreliable.',
  F: 'Reliability cannot be judged.',
};
const CREDIBILITY: Record<number, string> = {
  4: 'What it reports is doubtful.',
  5: 'What it reports is improbable.',
  6: 'What it reports cannot be verified.',
};

/** The reader-safe warnings for a source: its grade's, a rewrite's, and its own reader_warning. */
export function sourceWarnings(source: Source, publisherOf: (id: string) => string | undefined): string[] {
  const out: string[] = [];
  const r = RELIABILITY[source.reliability];
  if (r) out.push(r);
  const c = CREDIBILITY[source.credibility];
  if (c) out.push(c);
  if (source.derived_from) {
    const of = publisherOf(source.derived_from);
    out.push(`A rewrite of ${of ? `another source (${of})` : 'another source'}, not independent of it.`);
  }
  if (source.reader_warning) out.push(source.reader_warning);
  return out;
}

/** The original a source rewrites (following derived_from), itself when it is original. */
function rootOf(sources: readonly Source[], id: string): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const seen = new Set<string>();
  let cur = id;
  while (!seen.has(cur)) {
    seen.add(cur);
    const next = byId.get(cur)?.derived_from;
    if (!next || !byId.has(next)) break;
    cur = next;
  }
  return cur;
}

/**
 * When a claim rests on one independent source (rewrites count as their original), that source;
 * undefined when it rests on two or more, or on none known.
 */
export function singleSource(sheet: FactSheet, ids: readonly string[] | undefined): Source | undefined {
  const known = (ids ?? []).filter((id) => sheet.sources.some((s) => s.id === id));
  const roots = new Set(known.map((id) => rootOf(sheet.sources, id)));
  if (roots.size !== 1) return undefined;
  return sheet.sources.find((s) => s.id === [...roots][0]);
}

/** The reader's sentence for a claim on one independent source (its publisher when the reader may see it). */
export function singleSourceNote(source: Source | undefined, visible: (id: string) => boolean): string | undefined {
  if (!source) return undefined;
  return visible(source.id) ? `Rests on one independent source (${source.publisher}).` : 'Rests on one independent source.';
}
