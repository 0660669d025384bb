/** The library API. The CLI (cli.ts) is a thin layer over it; tests call it directly. */
export { loadYamlFile, parseYaml, locate, type LoadedYaml } from './load.js';
export { validateLoaded, schemaValidator, type ValidationResult } from './validate.js';
export { loadSheets, loadWeek, listWeeks, resolveWeek, findFactSheetFiles, type SheetsResult } from './data.js';
export { loadAudience, loadAudiences, listAudienceNames, type Audience } from './audience.js';
export { composeBriefing, composeTopic, type BriefingView, type TopicView } from './compose.js';
export { redactSheet, allowedFor, maxTlp, levelOf, type RedactedSheet } from './handling.js';
export { loadTemplateSet, renderHtml, type TemplateSet } from './render.js';
export { inlineFonts, FONT_ORIGIN } from './fonts.js';
export { Printer, type PrinterOptions, type PrintResult } from './print.js';
export { findBrowser, isHeadlessShell, SYSTEM_BROWSERS } from './browser.js';
export type { BrowserChoice } from './browser.js';
export { build, renderBriefing, ValidationFailed, type BuildOptions, type BuildResult, type DocumentResult } from './build.js';
export { writeAtomic } from './write.js';
export { watch, audienceOf, type Watcher, type WatchOptions } from './watch.js';
export { diffSheets, diffForLevel, restrictSheet, type Change, type ChangeKind, type TopicChanges } from './diff.js';
export { changeLines, groupLines, changesView, formatChangesText, type ChangeLine, type ChangeGroup, type ChangesView } from './diff-text.js';
export { loadPreviousEditions, type PreviousEdition, type PreviousEditions } from './previous.js';
export { weeklyDiff, type WeeklyDiff, type TopicDiff, type WeeklyDiffOptions } from './weekly-diff.js';
export { newWeek, carryForward, type NewWeekOptions, type NewWeekResult } from './new-week.js';
export { formatHuman, formatProblem } from './report.js';
export { formatJson } from './formats/json.js';
export { formatGithub } from './formats/github.js';
export { formatSarif, toSarif } from './formats/sarif.js';
export { RULES, ruleOf, type Rule } from './rules.js';
export { BriefError, ExitCode } from './errors.js';
export type { Problem, Severity } from './problems.js';
export * from './schema/index.js';
import { loadYamlFile } from './load.js';
import { validateLoaded } from './validate.js';

/** Load and validate one fact sheet file. */
export async function loadFactSheet(file: string) {
  return validateLoaded(await loadYamlFile(file));
}
/** Validate one fact sheet file (same as loadFactSheet; named for the pipeline stage). */
export const validate = loadFactSheet;
/** Print HTML to a PDF with a (reusable) printer. */
export async function renderPdf(printer: import('./print.js').Printer, html: string, options: import('./print.js').PrintOptions) {
  return printer.pdf(html, options);
}
