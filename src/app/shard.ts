import { BriefError, ExitCode } from '../errors.js';

/**
 * shard: one part of a build's documents, for a CI matrix (`--shard i/n`, i from 1 to n). The
 * documents (every week × every audience, weeks oldest first, audiences by name) are dealt out in
 * turn, so each shard gets nearly as many as the others and every document is in exactly one shard.
 * The split depends only on the weeks and audiences asked for, never on the machine or on timing:
 * every job of a matrix computes the same one.
 */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new BriefError('usage', `--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4); got '${text}'`, { exitCode: ExitCode.usage });
  }
  return { index, count };
}

/** The documents of this shard, as the audiences to build for each week (weeks with none left out). */
export function shardDocuments(weeks: readonly string[], audiences: readonly string[], shard: Shard): Map<string, string[]> {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sortedAudiences = [...new Set(audiences)].sort(byName);
  const out = new Map<string, string[]>();
  let i = 0;
  for (const week of [...new Set(weeks)].sort(byName)) {
    for (const audience of sortedAudiences) {
      if (i++ % shard.count !== shard.index - 1) continue;
      const list = out.get(week) ?? [];
      list.push(audience);
      out.set(week, list);
    }
  }
  return out;
}
