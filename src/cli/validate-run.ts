import { readFileSync } from 'node:fs';
import { projectHere } from './project.js';
import { BriefError, ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { defaultIO, endOnceWritten, reportFailure, useColor, type CliIO } from './io.js';

export const FORMATS = ['human', 'json', 'github', 'sarif'];

interface PackageJson { version: string; repository?: string | { url?: string } }
const packageJson = (): PackageJson => JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;
export const packageVersion = (): string => packageJson().version;

/** package.json's repository as a web address (https://github.com/owner/name), for SARIF's links. */
export function repositoryUrl(): string | undefined {
  const repo = packageJson().repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^github:/, 'https://github.com/');
}

export interface ValidateOptions { data?: string; format?: string; strict?: boolean }

/**
 * `brief validate`'s arguments when they are paths and its own options only (`--format X`,
 * `--format=X`, `--data D`, `--data=D`, `--strict`, each at most once), read without commander,
 * whose loading and set-up are a noticeable part of a validation's start-up. Anything else (help,
 * a global option, an unknown, repeated or odd option, a value that starts with `-`) is undefined:
 * commander then reads the arguments, with its messages.
 */
export function plainValidateArgs(args: readonly string[]): { paths: string[]; options: ValidateOptions } | undefined {
  const paths: string[] = [];
  const options: ValidateOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) { paths.push(a); continue; }
    if (a === '--strict') {
      if (options.strict) return undefined;
      options.strict = true;
      continue;
    }
    const m = /^--(format|data)(?:=(.*))?$/s.exec(a);
    if (!m) return undefined;
    const key = m[1] as 'format' | 'data';
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '' || value.startsWith('-') || options[key] !== undefined) return undefined;
    options[key] = value;
  }
  return { paths, options: { format: 'human', ...options } };
}

export async function validateAction(paths: string[], o: ValidateOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = o.format ?? 'human';
  if (!FORMATS.includes(format)) throw new BriefError('usage', `--format must be one of ${FORMATS.join(', ')}; got '${format}'`);
  const cfg = paths.length > 0 && o.data === undefined ? undefined : await ctx.config({ data: o.data });
  const [{ findFactSheetFiles, misplacedSheets }, { loadSheets }, { formatHuman, summaryLine }] = await Promise.all([import('../load/data.js'), import('../validate/sheets.js'), import('../report/human.js')]);
  const where = paths.length > 0 ? paths : [cfg!.dataDir];
  if (cfg) projectHere(cfg, o.data);
  const files = await findFactSheetFiles(where);
  if (files.length === 0) throw new BriefError('usage', `no .yaml files found in ${where.join(', ')}`);
  const result = await loadSheets(files, undefined, { reportOnly: true, misplaced: misplacedSheets(where, files) });
  const problems = o.strict ? result.problems.map((p) => ({ ...p, severity: 'error' as const })) : result.problems;
  if (format === 'json') io.stdout((await import('../report/json.js')).formatJson(problems, result.files));
  else if (format === 'github') {
    // (in a workflow, paths are the repository's: the job may run in a folder of it)
    io.stdout((await import('../report/github.js')).formatGithub(problems, { root: io.env.GITHUB_WORKSPACE }));
    io.stderr(`${summaryLine(problems, files.length)}\n`); // for the job log
  } else if (format === 'sarif') io.stdout((await import('../report/sarif.js')).formatSarif(problems, { version: packageVersion(), informationUri: repositoryUrl(), ...(io.env.GITHUB_WORKSPACE ? { root: io.env.GITHUB_WORKSPACE } : {}) }));
  else {
    if (problems.length > 0) io.stderr(`${formatHuman(problems, { texts: result.texts, color: ctx.color })}\n`);
    io.stderr(`${summaryLine(problems, files.length)}\n`);
  }
  endOnceWritten(); // nothing is left running
  return problems.some((p) => p.severity === 'error') ? ExitCode.invalidData : ExitCode.ok;
}

/**
 * `brief validate PATHS… [--format F] [--data D] [--strict]` without commander (plainValidateArgs),
 * its exit code; undefined when the arguments are commander's to read. The command line's most
 * frequent run (editors, hooks, CI) and the one whose start-up is most of its time: bin/brief.js
 * loads this module and what it needs as one bundled file (dist/bundle/validate.cjs, made by
 * scripts/gen-dist.mjs): Node's ES module loader takes ~30 ms longer over the same code as ~40
 * files. main.ts runs it the same way from the modules (commander's forms, the tests).
 */
export async function plainValidate(argv: readonly string[], io: CliIO = defaultIO()): Promise<number | undefined> {
  const args = argv[0] === 'validate' ? plainValidateArgs(argv.slice(1)) : undefined;
  if (!args) return undefined;
  const ctx: Context = {
    io,
    color: useColor(io),
    debug: () => false, // --debug is a global option: commander's path
    config: async (flags) => (await import('../config.js')).loadConfig(flags, { env: io.env }),
  };
  try {
    return await validateAction(args.paths, args.options, ctx);
  } catch (e) {
    return reportFailure(e, io, false);
  }
}

export { exitWith } from './io.js';
