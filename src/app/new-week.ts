import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { findFactSheetFiles, listWeeks } from '../load/data.js';
import { parseYaml } from '../load/yaml.js';
import { loadWeek } from '../validate/sheets.js';
import { loadPreviousEditions } from '../validate/previous.js';
import { BriefError, ExitCode } from '../errors.js';
import { isWeek, nextWeek, notAWeek, weekRange } from '../util/week.js';
import { DEFAULTS } from '../config.js';
import { checkOptions } from './options.js';

/**
 * new-week: scaffolds a week folder by carrying every topic of the latest earlier week forward.
 * Each file is copied as text (comments and formatting kept) with only its top-level `as_of`
 * moved to the new week's Monday (and a `reconstructed:` block and the judgments' `change_reason`s
 * left behind: the new edition is written live, and its moves have reasons of their own), so the
 * weekly edit is a small change. It checks everything
 * before it writes anything and never overwrites a file.
 */
export interface NewWeekOptions {
  /** Default: `data`. */
  dataDir?: string;
  /** The week to create; default: the week after the latest one in dataDir. */
  week?: string | undefined;
}

export interface NewWeekResult {
  week: string;
  /** The week the topics were carried from. */
  from: string;
  asOf: string;
  files: string[];
  /** The new files whose `reconstructed:` block was left behind (the new edition is written live, not rebuilt). */
  unreconstructed: string[];
  /** The judgments' `change_reason`s left behind, in all: each said why a judgment moved last week. */
  reasonsCleared: number;
  /** Topics of an earlier week that the week carried from has no sheet for (not carried: a pause, or coverage ended), with the file to resume one from. */
  notCarried: { id: string; week: string; file: string }[];
}

const AS_OF_LINE = /^as_of:([ \t]*)(["']?)(\d{4}-\d{2}-\d{2})\2([ \t]*(?:#[^\r\n]*)?)(\r?)$/m;

/** The text with its top-level as_of set to `asOf` (never moved back), or undefined when it has no such line. */
export function carryForward(text: string, asOf: string): string | undefined {
  const m = AS_OF_LINE.exec(text);
  if (!m) return undefined;
  const date = m[3]! > asOf ? m[3]! : asOf;
  return text.replace(AS_OF_LINE, (_all, sp: string, q: string, _d: string, rest: string, cr: string) => `as_of:${sp || ' '}${q}${date}${q}${rest}${cr}`);
}

/**
 * The text without its top-level `reconstructed:` block (the key's line, and the indented or blank
 * lines under it; the blank lines before the next key stay), or undefined when it has none. A
 * reconstructed edition was rebuilt later from sources; the week carried forward from it is not.
 */
export function withoutReconstructed(text: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^reconstructed[ \t]*:/.test(l));
  if (at < 0) return undefined;
  let end = at + 1;
  while (end < lines.length && (/^[ \t]/.test(lines[end]!) || lines[end]!.trim() === '')) end++;
  while (end > at + 1 && lines[end - 1]!.trim() === '') end--; // keep the blank lines before the next key
  return [...lines.slice(0, at), ...lines.slice(end)].join('\n');
}

/**
 * The text without the `change_reason:` of its judgments (block style: the key's line and the lines
 * indented under it), and how many were taken out. A reason says why a judgment moved since the
 * edition before; carried into the next week it would be printed beside a move it does not explain.
 * Checked by parsing: when the data is not the same but for the reasons (a form this reading does
 * not follow), the text is kept as it was.
 */
export function withoutChangeReasons(text: string): { text: string; cleared: number } {
  const lines = text.split('\n');
  const out: string[] = [];
  let cleared = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^([ \t]+)change_reason[ \t]*:/.exec(lines[i]!);
    if (!m) { out.push(lines[i]!); continue; }
    const indent = m[1]!.length;
    let end = i + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || /^[ \t]*/.exec(lines[end]!)![0].length > indent)) end++;
    while (end > i + 1 && lines[end - 1]!.trim() === '') end--; // keep the blank lines before the next key
    cleared++;
    i = end - 1;
  }
  if (cleared === 0) return { text, cleared };
  const next = out.join('\n');
  try {
    const strip = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(strip);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'change_reason').map(([k, x]) => [k, strip(x)]));
      return v;
    };
    const was = parseYaml('before', text).data;
    const same = was !== undefined && JSON.stringify(strip(was)) === JSON.stringify(parseYaml('after', next).data);
    return same ? { text: next, cleared } : { text, cleared: 0 };
  } catch {
    return { text, cleared: 0 };
  }
}

const exists = (p: string) => access(p).then(() => true, () => false);

export async function newWeek(options: NewWeekOptions = {}): Promise<NewWeekResult> {
  checkOptions('newWeek', options, { dataDir: 'string', week: 'string' });
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const weeks = await listWeeks(dataDir);
  if (weeks.length === 0) throw new BriefError('week-unknown', `no week folders (like 2025-W38) in ${dataDir} to carry forward; new-week copies the latest week, so write the first by hand (\`brief init\` writes an example fact sheet for this week)`, { exitCode: ExitCode.usage });
  const week = options.week ?? nextWeek(weeks.at(-1)!);
  if (!isWeek(week)) throw new BriefError('week-invalid', notAWeek(week), { exitCode: ExitCode.usage });
  const from = weeks.filter((w) => w < week).at(-1);
  if (!from && weeks.includes(week)) throw new BriefError('week-unknown', `${join(dataDir, week)} already exists, and there is no week before it to carry forward; \`brief new-week\` alone makes the next week (${nextWeek(weeks.at(-1)!)})`, { exitCode: ExitCode.usage });
  if (!from) throw new BriefError('week-unknown', `no week before ${week} in ${dataDir} to carry forward (weeks: ${weeks.join(', ')})`, { exitCode: ExitCode.usage });
  const sources = await findFactSheetFiles([join(dataDir, from)], { within: dataDir });
  if (sources.length === 0) throw new BriefError('week-empty', `no fact sheets in ${join(dataDir, from)} to carry forward`, { exitCode: ExitCode.usage });

  const asOf = weekRange(week).start;
  const targets = sources.map((f) => join(dataDir, week, basename(f)));
  const taken = (await Promise.all(targets.map(async (t) => ((await exists(t)) ? t : undefined)))).filter((t): t is string => !!t);
  if (taken.length > 0) {
    throw new BriefError('io-exists', `${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; new-week never overwrites a file (nothing was written)`, { exitCode: ExitCode.usage, location: { file: taken[0]! } });
  }
  const unreconstructed: string[] = [];
  let reasonsCleared = 0;
  const texts = await Promise.all(sources.map(async (f, i) => {
    const moved = carryForward(await readFile(f, 'utf8'), asOf);
    if (moved === undefined) throw new BriefError('as-of-missing', `${f}: no top-level 'as_of: YYYY-MM-DD' line to move forward (nothing was written)`, { exitCode: ExitCode.invalidData, location: { file: f } });
    const { text, cleared } = withoutChangeReasons(moved);
    reasonsCleared += cleared;
    const live = withoutReconstructed(text);
    if (live === undefined) return text;
    unreconstructed.push(targets[i]!);
    return live;
  }));
  await mkdir(join(dataDir, week), { recursive: true });
  for (const [i, t] of targets.entries()) {
    try {
      await writeFile(t, texts[i]!, { flag: 'wx' }); // wx: fail rather than overwrite, even in a race
    } catch (e) {
      throw new BriefError('io-write', `${t}: cannot write: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'already exists; new-week never overwrites a file' : (e as Error).message}`, { exitCode: ExitCode.usage, cause: e });
    }
  }
  // Topics paused in the week carried from (covered the week before it, not in it) are not carried:
  // said, with where to resume one from, so a topic does not drop out of the tooling unnoticed.
  const fromIds = (await loadWeek(dataDir, from)).sheets.map((sh) => sh.id);
  const paused = (await loadPreviousEditions(dataDir, from, fromIds)).dropped;
  const notCarried = paused.map((d) => ({ id: d.id, week: d.week, file: d.file }));
  return { week, from, asOf, files: targets, unreconstructed: targets.filter((t) => unreconstructed.includes(t)), reasonsCleared, notCarried };
}
