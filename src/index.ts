/**
 * The library API: what the CLI (src/cli/) is a thin layer over. Kept small on purpose; the names
 * are pinned by test/unit/api.test.ts and documented in README.md ("Library API").
 */
export { build, renderBriefing, type BuildOptions, type BuildResult, type DocumentResult } from './app/build.js';
export { watch, type WatchOptions, type Watcher } from './app/watch.js';
export { validate, type ValidateOptions } from './app/validate.js';
export type { SheetsResult } from './validate/sheets.js';
export { weeklyDiff, type WeeklyDiff, type WeeklyDiffOptions, type TopicDiff } from './app/weekly-diff.js';
export { newWeek, type NewWeekOptions, type NewWeekResult } from './app/new-week.js';
export { loadAudiences, type Audience } from './load/audience.js';
export { Printer, type PrinterOptions, type PrinterStats, type PrintResult } from './print/printer.js';
export { Session, type SessionOptions } from './app/session.js';
export { formatHuman } from './report/human.js';
export { formatJson } from './report/json.js';
export { formatGithub } from './report/github.js';
export { formatSarif } from './report/sarif.js';
export { RULES, type Rule } from './validate/rules.js';
export { BriefError, ExitCode, type Problem, type Severity } from './errors.js';
export type { FactSheet, Source, KeyJudgment, StickingPoint, ExpertView, Tlp } from './schema/index.js';
