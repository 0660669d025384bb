import { dirname, join, relative } from 'node:path';
import { fileVersion, loadQuickParser, loadYamlFileSync, parseYaml, type FileVersion } from '../load/yaml.js';
import { findFactSheetFiles } from '../load/data.js';
import { capProblems, count, detach, detachedProblem, lineStarts, MAX_PROBLEMS_PER_RUN, sortProblems, type Problem } from './problems.js';
import { quoted } from './schema-messages.js';
import type { FactSheet } from '../schema/index.js';
import { validateLoaded, type ValidationResult } from './validate.js';
import { isWeek } from '../util/week.js';
import { setBounded } from '../util/bounded.js';
import { compareNatural } from '../util/compare.js';
import { holdArchives } from './archive.js';

/** Validation results of unchanged files, by path (see loadSheets). */
const validated = new Map<string, { id: string; result: LoadedSheet }>();

export interface SheetsResult {
  sheets: FactSheet[];
  files: string[];
  problems: Problem[];
  /** The text of every file read, by display name, for code frames (reportOnly: the lines its problems point at, at their numbers). */
  texts: Map<string, string>;
}

/** The week a file is filed under, from its folder name, if any. */
export const weekOfPath = (file: string): string | undefined => file.split(/[\\/]/).reverse().find(isWeek);

/** One file loaded and validated, with its text and parsed data (cached while the file is unchanged). */
export type LoadedSheet = ValidationResult & { text: string; data: unknown };

export async function loadValidated(f: string, cwd = process.cwd()): Promise<LoadedSheet> {
  await loadQuickParser();
  return loadValidatedSync(f, cwd);
}

/**
 * One file, validated, from the cache when it is unchanged since it was last validated in this
 * process (same size, mtime, inode): a batch of weeks reads each sheet as this week's and as next
 * week's previous edition, and watch mode re-reads every sheet on each save.
 */
function loadValidatedSync(f: string, cwd: string): LoadedSheet {
  const version = fileVersion(f);
  const display = displayName(f, cwd);
  const key = `${f}\0${display}\0${cwd}`;
  const hit = validated.get(key);
  if (hit && hit.id === version.stamp) return hit.result;
  const result = validateFile(f, display, version);
  setBounded(validated, key, { id: version.stamp, result }, 2048);
  return result;
}

const displayName = (f: string, cwd: string): string => relative(cwd, f) || f;

/**
 * Whether the quick parse notes positions as it goes: when the sheet before had problems. Sheets of
 * one folder tend to be alike: a folder of clean sheets is parsed without notes, one whose sheets
 * all have warnings with them, and a sheet that breaks the pattern is parsed again for its positions.
 */
let recordPositions = true;

/** Read, parse and validate one file (`display`: its path as shown in problems). */
function validateFile(f: string, display: string, version?: FileVersion): LoadedSheet {
  const name = display.startsWith('..') ? f : display;
  const week = weekOfPath(f);
  let loaded = loadYamlFileSync(f, { quick: true, record: recordPositions, version });
  loaded.file = name;
  for (const p of loaded.problems) p.file = name; // parse problems were made before the rename
  const options = { path: f, ...(week ? { week } : {}) };
  // A quick-parsed sheet's positions come from the quick parser's position index (positions.ts),
  // made when the first problem asks for one: a clean sheet never pays for it, and a sheet with
  // problems is checked once. Where the index cannot be made, the problems are found again with
  // the full parse's positions.
  let checked = validateLoaded(loaded, options);
  if (loaded.quick && checked.problems.length > 0 && !loaded.lazyIndex?.()) {
    loaded = parseYaml(name, loaded.text);
    checked = validateLoaded(loaded, options);
  }
  recordPositions = checked.problems.length > 0;
  return { ...checked, text: loaded.text, data: loaded.data };
}

export interface LoadSheetsOptions {
  /**
   * For a check whose report is all that is used (`brief validate`): no sheet and no parsed data is
   * kept, nothing goes into the cache of unchanged files, and of a file's text only the lines its
   * problems point at (for the report's code frames; `texts` holds those lines at their numbers).
   * A run over many sheets then keeps next to nothing alive, which the garbage collector would
   * otherwise copy again and again. Each archive is looked at once in the run (archive.ts
   * holdArchives).
   */
  reportOnly?: boolean;
  /** Sheets a build never reads, with why (load/data.ts misplacedSheets): each gets a `week-folder` warning. */
  misplaced?: ReadonlyMap<string, string>;
}

/**
 * Load and validate files; every problem of every file is returned, in file order and, within a
 * file, by position.
 */
export async function loadSheets(files: readonly string[], cwd = process.cwd(), options: LoadSheetsOptions = {}): Promise<SheetsResult> {
  // One file after another: validation is CPU work (a worker thread per core did not help on 2
  // cores, whose second one V8's own compiler and GC threads already keep busy). Every ~50 ms the
  // event loop gets a turn, so a signal (Ctrl-C, SIGTERM) is handled during a long validation.
  await loadQuickParser();
  const results: LoadedSheet[] = [];
  const duplicate = duplicateTopics();
  let turn = Date.now();
  if (options.reportOnly) holdArchives(true);
  try {
    for (const f of files) {
      // (reportOnly: nothing is cached, so no version stamp; the read's own stat checks the file)
      let r = options.reportOnly ? validateFile(f, displayName(f, cwd)) : loadValidatedSync(f, cwd);
      const why = options.misplaced?.get(f);
      if (why) r = { ...r, problems: sortProblems([...r.problems, { file: r.file, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'warning', rule: 'week-folder', pointer: '', message: why }]) };
      const extra = duplicate(r);
      // (a cached result is shared: a copy carries the extra problem)
      if (extra) r = { ...r, sheet: undefined, problems: sortProblems([...r.problems, extra]) };
      if (options.reportOnly) r = { file: r.file, sheet: undefined, problems: r.problems.map(detachedProblem), text: framedLines(r.text, r.problems), data: undefined };
      results.push(r);
      if (Date.now() - turn > 50) {
        await new Promise((r) => setImmediate(r));
        turn = Date.now();
      }
    }
  } finally {
    if (options.reportOnly) holdArchives(false);
  }
  // At most MAX_PROBLEMS_PER_RUN problems are listed; a file past the limit gets its count only.
  let budget = MAX_PROBLEMS_PER_RUN;
  const problems: Problem[] = [];
  for (const r of results) {
    const listed = r.problems.filter((p) => !p.omitted).length;
    problems.push(...(listed <= budget ? r.problems : capProblems(r.problems, budget, `at most ${count(MAX_PROBLEMS_PER_RUN)} are listed per run`)));
    budget = Math.max(0, budget - listed);
  }
  return {
    sheets: results.flatMap((r) => (r.sheet ? [r.sheet] : [])),
    files: results.map((r) => r.file),
    problems,
    texts: new Map(results.map((r) => [r.file, r.text])),
  };
}

/**
 * The lines of a text that problems point at, each at its own line number, the others empty: all
 * a report's code frames read (problems.ts lineText), in a small part of the memory.
 */
function framedLines(text: string, problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const starts = lineStarts(text);
  const lines = new Array<string>(starts.length).fill('');
  for (const p of problems) {
    if (p.line < 1 || p.line > starts.length) continue;
    const next = starts[p.line];
    lines[p.line - 1] = text.slice(starts[p.line - 1], next === undefined ? text.length : next - 1);
  }
  return lines.join('\n');
}

/**
 * Two files of one week folder with the same topic id: the second (in file order) is an error
 * (`topic-duplicate`), at its `id:` line; a week's briefing would print the topic twice. The
 * returned function is given the files in order and answers the problem for a duplicate.
 */
function duplicateTopics(): (r: LoadedSheet) => Problem | undefined {
  const first = new Map<string, string>();
  return (r) => {
    const id = (r.data as { id?: unknown } | undefined)?.id;
    const week = weekOfPath(r.file);
    if (typeof id !== 'string' || !week) return undefined;
    const key = detach(`${dirname(r.file)}\0${id}`); // (kept for the run: see detach)
    const earlier = first.get(key);
    if (earlier === undefined) { first.set(key, r.file); return undefined; }
    const m = /^id:[ \t]*/m.exec(r.text);
    const line = m ? r.text.slice(0, m.index).split('\n').length : 1;
    const col = m ? m[0].length + 1 : 1;
    return {
      file: r.file, line, col, endLine: line, endCol: col + id.length, severity: 'error', rule: 'topic-duplicate', pointer: '/id',
      message: `topic id ${quoted(id)} is also the id of ${earlier} in the same week; each topic has one fact sheet a week (rename one id, or remove the copy)`,
    };
  };
}

/** The validated fact sheets of one week, in the order of their topic ids (numbers as numbers: topic-2 before topic-10). */
export async function loadWeek(dataDir: string, week: string): Promise<SheetsResult> {
  const files = await findFactSheetFiles([join(dataDir, week)], { within: dataDir });
  const result = await loadSheets(files, process.cwd());
  result.sheets.sort((a, b) => compareNatural(a.id, b.id));
  return result;
}
