import { ValidationFailed } from '../errors.js';
import { resolveWeek } from '../load/data.js';
import { loadWeek } from '../validate/sheets.js';
import { diffForLevel, type TopicChanges } from '../compose/diff.js';
import { changeLines, type ChangeLine } from '../compose/diff-text.js';
import { BriefError, ExitCode } from '../errors.js';
import { loadPreviousEditions } from '../validate/previous.js';
import { hasErrors, type Problem } from '../validate/problems.js';
import { TLP_LEVELS, type Tlp } from '../schema/index.js';
import { allowedFor } from '../compose/handling.js';
import { shownChanges, visibleEdition } from '../compose/changes.js';
import type { AudienceShow } from '../load/audience.js';
import { DEFAULTS } from '../config.js';
import { checkOptions } from './options.js';

/** weekly-diff: the changes of a week's topics against their previous editions, for `brief diff`. */
export interface WeeklyDiffOptions {
  /** Default: `data`. */
  dataDir?: string;
  /** Default: the latest week. */
  week?: string | undefined;
  /** Only this topic id. */
  topic?: string | undefined;
  /** Only what an audience cleared up to this level may see; default: everything. */
  maxHandling?: Tlp | undefined;
  /** Only what an audience's `show` switches let into its briefing (position changes, judgments' reasons); default: everything. */
  show?: AudienceShow | undefined;
}

export interface TopicDiff {
  id: string;
  title: string;
  previousWeek?: string | undefined;
  /** The previous edition's basis when it was reconstructed (the changes are measured against a reconstruction). */
  previousReconstructed?: string | undefined;
  /** The previous edition has errors: nothing could be compared. */
  unavailable: boolean;
  changes: TopicChanges | undefined;
  lines: ChangeLine[];
}

export interface WeeklyDiff {
  week: string;
  topics: TopicDiff[];
  /** The previous week's topics this week has no sheet for (none when one topic was asked for). */
  dropped: { id: string; title: string; week: string }[];
  /** Warnings of the week and errors of previous editions (as warnings). */
  problems: Problem[];
}

export async function weeklyDiff(options: WeeklyDiffOptions = {}): Promise<WeeklyDiff> {
  checkOptions('weeklyDiff', options, { dataDir: 'string', week: 'string', topic: 'string', maxHandling: { oneOf: TLP_LEVELS }, show: 'object' });
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const week = await resolveWeek(dataDir, options.week);
  const loaded = await loadWeek(dataDir, week);
  if (hasErrors(loaded.problems)) throw new ValidationFailed(loaded.problems, 'nothing was compared');
  const max: Tlp = options.maxHandling ?? 'TLP:RED';
  const allowed = allowedFor(max);
  // A topic wholly above the level is, for this audience, not in the week: not listed, not named
  // in a message, and asked for by id it is as unknown as an id no sheet has.
  let sheets = loaded.sheets.filter((s) => allowed(s.handling));
  if (options.topic !== undefined) {
    const visible = sheets;
    sheets = sheets.filter((s) => s.id === options.topic);
    if (sheets.length === 0) {
      throw new BriefError('topic-unknown', `no topic '${options.topic}' in ${week} (topics: ${visible.map((s) => s.id).join(', ') || 'none'})`, { exitCode: ExitCode.usage });
    }
  }
  const previous = await loadPreviousEditions(dataDir, week, sheets.map((s) => s.id));
  // (with one topic asked for, the week's others would count as dropped: none are reported)
  const dropped = options.topic !== undefined ? [] : previous.dropped.filter((d) => allowed(d.handling)).map(({ id, title, week: w }) => ({ id, title, week: w }));
  const topics: TopicDiff[] = [];
  for (const sheet of sheets) {
    const edition = visibleEdition(previous, sheet.id, max);
    const unavailable = !!edition && !edition.sheet;
    const diffed = unavailable ? undefined : diffForLevel(edition?.sheet, sheet, max);
    if (!unavailable && !diffed) continue; // the whole topic is above the level
    const shown = diffed && options.show ? shownChanges(diffed.changes, options.show) : undefined;
    const changes = diffed && shown ? { ...diffed, changes: shown.changes } : diffed;
    topics.push({ id: sheet.id, title: sheet.title, previousWeek: edition?.week, previousReconstructed: edition?.sheet?.reconstructed?.basis, unavailable, changes, lines: shown?.lines ?? (changes ? changeLines(changes.changes) : []) });
  }
  return { week, topics, dropped, problems: [...loaded.problems, ...previous.problems] };
}
