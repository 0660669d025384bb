import { join, relative } from 'node:path';
import { fileVersion, loadYamlFileSync, parseYaml, type FileVersion } from '../load/yaml.js';
import { indexPositions } from '../load/positions.js';
import { findFactSheetFiles } from '../load/data.js';
import type { Problem } from './problems.js';
import type { FactSheet } from '../schema/index.js';
import { validateLoaded, type ValidationResult } from './validate.js';
import { isWeek } from '../util/week.js';
import { setBounded } from '../util/bounded.js';
import { compareText } from '../util/compare.js';

/** Validation results of unchanged files, by path (see loadSheets). */
const validated = new Map<string, { id: string; result: LoadedSheet }>();

export interface SheetsResult {
  sheets: FactSheet[];
  files: string[];
  problems: Problem[];
  /** The text of every file read, by display name (for code frames). */
  texts: Map<string, string>;
}

/** The week a file is filed under, from its folder name, if any. */
export const weekOfPath = (file: string): string | undefined => file.split(/[\\/]/).reverse().find(isWeek);

/** One file loaded and validated, with its text and parsed data (cached while the file is unchanged). */
export type LoadedSheet = ValidationResult & { text: string; data: unknown };

export async function loadValidated(f: string, cwd = process.cwd()): Promise<LoadedSheet> {
  return loadValidatedSync(f, cwd);
}

/**
 * One file, validated, from the cache when it is unchanged since it was last validated in this
 * process (same size, mtime, inode): a batch of weeks reads each sheet as this week's and as next
 * week's previous edition, and watch mode re-reads every sheet on each save.
 */
function loadValidatedSync(f: string, cwd: string): LoadedSheet {
  const version = fileVersion(f);
  const display = relative(cwd, f) || f;
  const key = `${f}\0${display}\0${cwd}`;
  const hit = validated.get(key);
  if (hit && hit.id === version.stamp) return hit.result;
  const result = validateFile(f, display, version);
  setBounded(validated, key, { id: version.stamp, result }, 2048);
  return result;
}

/** Read, parse and validate one file (`display`: its path as shown in problems). */
function validateFile(f: string, display: string, version: FileVersion): LoadedSheet {
  const name = display.startsWith('..') ? f : display;
  const week = weekOfPath(f);
  let loaded = loadYamlFileSync(f, { quick: true, version });
  loaded.file = name;
  for (const p of loaded.problems) p.file = name; // parse problems were made before the rename
  const options = { path: f, ...(week ? { week } : {}) };
  let checked = validateLoaded(loaded, options);
  if (loaded.quick && checked.problems.length > 0) {
    // The quick parse has no positions: the problems are found again with them, from the quick
    // parser's position index (positions.ts), or from the full parse where the index cannot be made.
    const index = indexPositions(loaded.text);
    loaded = index ? { ...loaded, index } : parseYaml(name, loaded.text);
    checked = validateLoaded(loaded, options);
  }
  return { ...checked, text: loaded.text, data: loaded.data };
}

/**
 * Load and validate files; every problem of every file is returned, in file order and, within a
 * file, by position.
 */
export async function loadSheets(files: readonly string[], cwd = process.cwd()): Promise<SheetsResult> {
  // One file after another, synchronously: validation is CPU work (a worker thread per core did
  // not help on 2 cores, whose second one V8's own compiler and GC threads already keep busy).
  const results = files.map((f) => loadValidatedSync(f, cwd));
  return {
    sheets: results.flatMap((r) => (r.sheet ? [r.sheet] : [])),
    files: results.map((r) => r.file),
    problems: results.flatMap((r) => r.problems),
    texts: new Map(results.map((r) => [r.file, r.text])),
  };
}

/** The validated fact sheets of one week, sorted by topic id. */
export async function loadWeek(dataDir: string, week: string): Promise<SheetsResult> {
  const files = await findFactSheetFiles([join(dataDir, week)]);
  const result = await loadSheets(files, process.cwd());
  result.sheets.sort((a, b) => compareText(a.id, b.id));
  return result;
}
