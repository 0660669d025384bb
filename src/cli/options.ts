import { Option, type Command } from './commander.js';
import { MAX_TIMEOUT_MS } from '../print/limits.js';
import { BriefError } from '../errors.js';
import type { ConfigFlags } from '../config.js';

/**
 * Options shared by several commands, each declared once and added to the commands that take it
 * (commander then rejects an option a command does not take, and suggests the nearest one).
 */
export const options = {
  // (an empty value, as a shell variable that was not set gives, is a mistake, not the default)
  week: (what = 'ISO week folder under the data folder (default: the latest)') => new Option('--week <week>', what).argParser(notEmpty('--week', 'a week, e.g. 2025-W38')),
  audience: () => new Option('--audience <names>', "audience name(s), comma-separated or repeated, or 'all' (default: the config's audiences, else all)")
    .argParser((v: string, prev: string[] | undefined) => {
      const names = v.split(',').map((a) => a.trim()).filter(Boolean);
      if (names.length === 0) throw new BriefError('usage', `--audience takes one or more audience names (or 'all'); got '${v}'`);
      return [...(prev ?? []), ...names];
    }),
  data: () => new Option('--data <dir>', 'fact sheets folder (default: data, or the config file\'s)'),
  templates: () => new Option('--templates <dir>', 'project templates, layered over the packaged ones (default: templates)'),
  out: () => new Option('--out <dir>', 'output folder (default: out)'),
  html: () => new Option('--html', "also write each briefing's HTML beside its PDF"),
  browser: () => new Option('--browser <path>', 'Chrome/Chromium to use (or PUPPETEER_EXECUTABLE_PATH; default: a headless shell if installed)'),
  concurrency: () => new Option('--concurrency <n>', 'documents printed at once (default: the number of CPU cores)'),
  timeout: () => new Option('--timeout <ms>', 'per-document render timeout (default: 60000)'),
};

function notEmpty(flag: string, what: string): (v: string) => string {
  return (v) => {
    if (v.trim() === '') throw new BriefError('usage', `${flag} takes ${what}; got an empty value`);
    return v;
  };
}

/** The options of build and watch (what goes to the printer and the layout of the output). */
export function addBuildOptions(cmd: Command): Command {
  for (const o of [options.week("ISO week(s) under the data folder: 2025-W38, comma-separated, or 'all' (default: the latest)"), options.audience(), options.data(), options.templates(), options.out(), options.html(), options.browser(), options.concurrency(), options.timeout()]) cmd.addOption(o);
  return cmd;
}

export function positiveInt(name: string, v: string | undefined, max?: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new BriefError('usage', `--${name} takes a whole number ≥ 1; got '${v}'`);
  if (max !== undefined && n > max) throw new BriefError('usage', `--${name} may be at most ${max.toLocaleString('en-US')}; got '${v}'`);
  return n;
}

/** The parsed options a command may have, as commander gives them. */
export interface RawOptions {
  week?: string; audience?: string[]; data?: string; templates?: string; out?: string; html?: boolean;
  browser?: string; concurrency?: string; timeout?: string;
}

/** A command's options → the flags half of the configuration (`all` audiences means none named). */
export function configFlags(o: RawOptions): ConfigFlags {
  const names = o.audience ?? [];
  return {
    data: o.data, templates: o.templates, out: o.out, browser: o.browser, html: o.html,
    audiences: names.includes('all') ? 'all' : names,
    concurrency: positiveInt('concurrency', o.concurrency), timeout: positiveInt('timeout', o.timeout, MAX_TIMEOUT_MS),
  };
}
