import { basename, join } from 'node:path';
import { findFactSheetFiles, listWeeks } from '../load/data.js';
import { loadValidated } from './sheets.js';
import type { Problem } from '../validate/problems.js';
import type { FactSheet } from '../schema/index.js';
import { compareNatural } from '../util/compare.js';

/**
 * previous: finds each topic's previous edition, the fact sheet with the same topic id in the
 * nearest earlier week folder that has one (not necessarily the week before).
 *
 * A previous edition with errors cannot be compared: its errors come back as warnings (the current
 * week still builds) and the topic is marked `unreadable`, so the briefing says the changes could
 * not be computed rather than pretending it is first coverage or comparing with an older week.
 */
export interface PreviousEdition {
  week: string;
  file: string;
  /** Undefined when the file has errors. */
  sheet: FactSheet | undefined;
  /** The handling the file declares, even when it has errors (an audience below it is not told of the edition). */
  handling?: string | undefined;
  /** The file's text (what an incremental build hashes). */
  text?: string;
}

/** A topic of the week before that this week has no sheet for (coverage ended, or moved). */
export interface DroppedTopic {
  id: string;
  title: string;
  week: string;
  /** The sheet's handling: the level of its title (an audience below it is not told of it). */
  handling: FactSheet['handling'];
  /** The file's text (what an incremental build hashes). */
  text: string;
  /** The file, as problems name it (relative to the working folder). */
  file: string;
}

export interface PreviousEditions {
  byTopic: Map<string, PreviousEdition>;
  /**
   * The topics of the nearest earlier week with sheets that this week has none for, in topic order
   * (valid sheets only: an invalid one's title is not known to be printable).
   */
  dropped: DroppedTopic[];
  /** Errors in previous editions, downgraded to warnings. */
  problems: Problem[];
}

/** The topic id a file declares, even when the file is otherwise invalid; else its file name. */
function declaredHandling(data: unknown): string | undefined {
  const h = data && typeof data === 'object' && !Array.isArray(data) ? (data as { handling?: unknown }).handling : undefined;
  return typeof h === 'string' ? h : undefined;
}

function declaredId(data: unknown, file: string): string {
  const id = data && typeof data === 'object' && !Array.isArray(data) ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : basename(file).replace(/\.ya?ml$/i, '');
}

/**
 * The previous editions of this week's topics. `topicIds` may be a promise (the ids of sheets still
 * being validated): the nearest earlier week is read meanwhile, and the ids are waited for only then.
 */
export async function loadPreviousEditions(dataDir: string, week: string, topicIds: readonly string[] | PromiseLike<readonly string[]>, cwd = process.cwd()): Promise<PreviousEditions> {
  let wanted: Set<string> | undefined;
  const byTopic = new Map<string, PreviousEdition>();
  const problems: Problem[] = [];
  const dropped: DroppedTopic[] = [];
  const earlier = (await listWeeks(dataDir)).filter((w) => w < week).reverse();
  for (const w of earlier) {
    if (wanted && wanted.size === 0) break;
    const files = await findFactSheetFiles([join(dataDir, w)], { within: dataDir });
    if (files.length === 0) continue;
    const found = await Promise.all(files.map(async (f) => {
      const result = await loadValidated(f, cwd); // validated as filed under week w (its folder)
      return { result, id: declaredId(result.data, f) };
    }));
    if (!wanted) {
      // The nearest week with sheets: the topics it had that this week has not are dropped.
      const current = new Set(await topicIds);
      wanted = new Set(current);
      for (const { result, id } of found) {
        if (!current.has(id) && result.sheet) dropped.push({ id, title: result.sheet.title, week: w, handling: result.sheet.handling, text: result.text, file: result.file });
      }
      dropped.sort((a, b) => compareNatural(a.id, b.id));
    }
    for (const { result, id } of found) {
      if (!wanted.has(id)) continue;
      wanted.delete(id);
      byTopic.set(id, { week: w, file: result.file, sheet: result.sheet, handling: declaredHandling(result.data), text: result.text });
      if (!result.sheet) {
        problems.push(...result.problems.filter((p) => p.severity === 'error').map((p) => ({
          ...p, severity: 'warning' as const, rule: 'previous-edition-invalid',
          message: `previous edition of '${id}' (${w}) cannot be compared: ${p.rule}: ${p.message}`,
        })));
      }
    }
  }
  return { byTopic, dropped, problems };
}
