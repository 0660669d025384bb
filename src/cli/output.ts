import { isBriefError, ValidationFailed } from '../errors.js';
import type { Config } from '../config.js';
import type { Problem } from '../validate/problems.js';
import type { Printer } from '../print/printer.js';
import { installSignalHandlers, onShutdown } from '../util/shutdown.js';
import { abortWrites } from '../app/write.js';
import type { CliIO } from './io.js';
import { existsSync, watch } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { PACKAGED_TEMPLATES } from '../load/templates.js';
import { oneLine } from '../util/printable.js';

/**
 * The human report (it loads js-yaml for code frames): loaded when something is reported, not
 * before `brief build` has started the browser.
 */
export const human = (): Promise<typeof import('../report/human.js')> => import('../report/human.js');

/**
 * Warnings after a build: a previous edition that could not be compared is shown in full (it says
 * why a chapter has no changes); the fact sheets' own warnings in one line, `brief validate` has them.
 */
export async function buildWarnings(problems: readonly Problem[]): Promise<string> {
  const previous = problems.filter((p) => p.rule === 'previous-edition-invalid');
  const own = problems.length - previous.length;
  const files = new Set(problems.filter((p) => p.rule !== 'previous-edition-invalid').map((p) => p.file)).size;
  return [
    ...(previous.length > 0 ? [(await human()).formatHuman(previous)] : []),
    ...(own > 0 ? [`brief: ${own} warning${own === 1 ? '' : 's'} in ${files} fact sheet${files === 1 ? '' : 's'} (not errors; \`brief validate\` lists them)`] : []),
  ].map((s) => `${s}\n`).join('');
}

/**
 * Fact sheets a build refused: every error (file:line:col, with its fix), then the warnings in one
 * line as after a build that succeeds (buildWarnings), so that the errors are not lost among them;
 * `brief validate` lists everything.
 */
export async function invalidSheets(problems: readonly Problem[], color = false): Promise<string> {
  const errors = problems.filter((p) => p.severity === 'error');
  return `${(await human()).formatHuman(errors, { color })}\n${await buildWarnings(problems.filter((p) => p.severity !== 'error'))}`;
}

/** One line (or a problem list) for an error during watch; watching goes on. */
export async function describeError(e: unknown, debug: boolean): Promise<string> {
  if (e instanceof ValidationFailed) return `${await invalidSheets(e.problems)}brief: ${e.message}`;
  if (isBriefError(e)) return `brief: ${e.message}`;
  return `brief: internal error: ${(e as Error).message}${debug ? `\n${(e as Error).stack ?? ''}` : ''}`;
}

/**
 * Ctrl-C / SIGTERM while `fn` runs: close the browser, let no write complete and remove the temp
 * files, then exit 130 / 143.
 */
export async function withCleanShutdown<T>(printer: Printer, io: CliIO, fn: () => Promise<T>): Promise<T> {
  const uninstall = installSignalHandlers((signal) => io.stderr(`brief: ${signal}: stopping; closing the browser and removing temp files\n`));
  // On a signal the documents in flight are abandoned: the browser's process group is killed at
  // once (no teardown to wait for, which a loaded machine can stretch past the cleanup limit).
  const unregister = [onShutdown(() => abortWrites()), onShutdown(() => { printer.kill(); return printer.close(); })];
  try {
    return await fn();
  } finally {
    // The documents are written (or failed): the browser is killed, not shut down, off the path to exit.
    if (!printer.kill()) await printer.close();
    for (const u of unregister) u();
    uninstall();
  }
}

/**
 * The files that started a rebuild (watch, preview), each said changed or removed ("changed
 * data/a.yaml, removed data/b.yaml: "), relative to the working folder and safe for a terminal;
 * nothing for a first build.
 */
export function changedFiles(files: readonly string[]): string {
  if (files.length === 0) return '';
  const named = (list: string[]) => list.map((f) => oneLine(relative(process.cwd(), f) || f)).join(', ');
  const removed = files.filter((f) => !existsSync(f));
  const changed = files.filter((f) => !removed.includes(f));
  return `${[changed.length > 0 ? `changed ${named(changed)}` : '', removed.length > 0 ? `removed ${named(removed)}` : ''].filter(Boolean).join(', ')}: `;
}

/**
 * While watch or preview runs: the configuration it read is not read again, and a project
 * `templates/` folder made after it started is not used. Say so when either happens, rather than go
 * on with the old ones in silence. Watches the project folder itself (one level: its direct
 * entries); returns the function that stops watching.
 */
export function noticeProjectChanges(cfg: Readonly<Config>, say: (line: string) => void): () => void {
  const project = cfg.file ? dirname(cfg.file) : process.cwd();
  const shown = (p: string) => { const r = relative(process.cwd(), p); return r && !r.startsWith('..') ? r : p; };
  const packaged = resolve(cfg.templatesDir) === resolve(PACKAGED_TEMPLATES);
  const said = new Set<string>();
  const once = (key: string, line: string) => { if (!said.has(key)) { said.add(key); say(line); } };
  try {
    const watcher = watch(project, { persistent: false }, (_event, name) => {
      if (cfg.file && name === basename(cfg.file)) once('config', `${shown(cfg.file)} changed: restart to use it (this run goes on with the configuration it started with)`);
      else if (packaged && name === 'templates' && existsSync(resolve(project, 'templates'))) once('templates', `a templates/ folder appeared${project === process.cwd() ? '' : ` in ${project}`}: restart to use it (this run goes on with brief's own templates)`);
    });
    watcher.on('error', () => {});
    return () => watcher.close();
  } catch {
    return () => {}; // (a folder that cannot be watched: nothing to notice)
  }
}
