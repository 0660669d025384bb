/**
 * The library API: what the CLI (src/cli/) is a thin layer over. Kept small on purpose; the names
 * are pinned by test/unit/api.test.ts and documented in README.md ("Library API").
 */
export { build, renderBriefing, type BuildOptions, type BuildResult, type DocumentResult } from './app/build.js';
export { watch, type WatchOptions, type Watcher, type WatchEvent } from './app/watch.js';
export { validate, type ValidateOptions } from './app/validate.js';
export type { SheetsResult } from './validate/sheets.js';
export { weeklyDiff, type WeeklyDiff, type WeeklyDiffOptions, type TopicDiff } from './app/weekly-diff.js';
export type { TopicChanges, Change } from './compose/diff.js';
export type { ChangeLine } from './compose/diff-text.js';
export type { BriefingView } from './compose/compose.js';
export type { PreviousEditions, PreviousEdition } from './validate/previous.js';
export { newWeek, type NewWeekOptions, type NewWeekResult } from './app/new-week.js';
export { loadAudiences, type Audience, type AudienceShow, type SectionName } from './load/audience.js';
export { loadTemplateSet, type TemplateSet } from './render/render.js';
export { Printer, type PrinterOptions, type PrinterStats, type PrintResult, type PrintOptions, type JobOptions, type PrintJob, type Resources } from './print/printer.js';
export { Session, type SessionOptions } from './app/session.js';
export { formatHuman } from './report/human.js';
export { formatJson } from './report/json.js';
export { formatGithub } from './report/github.js';
export { formatSarif } from './report/sarif.js';
export { RULES, type Rule } from './validate/rules.js';
export { BriefError, ExitCode, ValidationFailed, type Problem, type Severity } from './errors.js';
export { DocumentsFailed } from './app/batch.js';
export type { FactSheet, Source, KeyJudgment, StickingPoint, ExpertView, Tlp } from './schema/index.js';
