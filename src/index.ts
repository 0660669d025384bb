/** The library API. The CLI (cli.ts) is a thin layer over it; tests call it directly. */
export { loadYamlFile, parseYaml, locate, type LoadedYaml } from './load/yaml.js';
export { validateLoaded, schemaValidator, type ValidationResult } from './validate/validate.js';
export { listWeeks, resolveWeek, findFactSheetFiles } from './load/data.js';
export { loadSheets, loadWeek, type SheetsResult } from './validate/sheets.js';
export { loadAudience, loadAudiences, listAudienceNames, type Audience } from './load/audience.js';
export { composeBriefing, composeTopic, type BriefingView, type TopicView } from './compose/compose.js';
export { redactSheet, allowedFor, maxTlp, levelOf, type RedactedSheet } from './compose/handling.js';
export { loadTemplateSet, renderHtml, type TemplateSet } from './render/render.js';
export { inlineFonts, FONT_ORIGIN } from './render/fonts.js';
export { Printer, type PrinterOptions, type PrintResult } from './print/printer.js';
export { findBrowser, isHeadlessShell, SYSTEM_BROWSERS } from './print/browser.js';
export type { BrowserChoice } from './print/browser.js';
export { build, renderBriefing, ValidationFailed, type BuildOptions, type BuildResult, type DocumentResult } from './app/build.js';
export { writeAtomic } from './app/write.js';
export { watch, audienceOf, type Watcher, type WatchOptions } from './app/watch.js';
export { diffSheets, diffForLevel, restrictSheet, type Change, type ChangeKind, type TopicChanges } from './compose/diff.js';
export { changeLines, groupLines, changesView, formatChangesText, type ChangeLine, type ChangeGroup, type ChangesView } from './compose/diff-text.js';
export { loadPreviousEditions, type PreviousEdition, type PreviousEditions } from './validate/previous.js';
export { weeklyDiff, type WeeklyDiff, type TopicDiff, type WeeklyDiffOptions } from './app/weekly-diff.js';
export { newWeek, carryForward, type NewWeekOptions, type NewWeekResult } from './app/new-week.js';
export { formatHuman, formatProblem } from './report/human.js';
export { formatJson } from './report/json.js';
export { formatGithub } from './report/github.js';
export { formatSarif, toSarif } from './report/sarif.js';
export { RULES, ruleOf, type Rule } from './validate/rules.js';
export { BriefError, ExitCode } from './errors.js';
export type { Problem, Severity } from './validate/problems.js';
export * from './schema/index.js';
import { loadYamlFile } from './load/yaml.js';
import { validateLoaded } from './validate/validate.js';

/** Load and validate one fact sheet file. */
export async function loadFactSheet(file: string) {
  return validateLoaded(await loadYamlFile(file));
}
/** Validate one fact sheet file (same as loadFactSheet; named for the pipeline stage). */
export const validate = loadFactSheet;
/** Print HTML to a PDF with a (reusable) printer. */
export async function renderPdf(printer: import('./print/printer.js').Printer, html: string, options: import('./print/printer.js').PrintOptions) {
  return printer.pdf(html, options);
}
