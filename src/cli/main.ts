import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BriefError, DEFAULTS, ExitCode, isBriefError, ValidationFailed } from '../errors.js';
import type { Problem } from '../validate/problems.js';

const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
import { formatHuman, summaryLine } from '../report/human.js';
import { schemaUrl } from '../schema/index.js';
import { Printer } from '../print/printer.js';

// Each command loads only the modules it needs (YAML, ajv, Handlebars, pdf-lib cost hundreds of
// milliseconds to import): `brief build` starts the browser before any of them is loaded.
const audienceModule = () => import('../load/audience.js');
const dataModule = () => import('../load/data.js');
import { installSignalHandlers, isShuttingDown, onShutdown } from '../util/shutdown.js';
import { abortWrites, removePendingTempFiles } from '../app/write.js';

/** The CLI: argv → command → exit code. The only module that knows about stdout and the terminal. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout/stderr is a terminal (colour, progress). */
  isTTY: boolean;
}

/** A reader that goes away (`brief build | head`) ends our output, not the build. */
let stdoutGone = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') stdoutGone = true;
  else throw e;
});

const defaultIO = (): CliIO => ({
  stdout: (s) => { if (!stdoutGone) process.stdout.write(s); },
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: !!process.stderr.isTTY,
});

const HELP = `brief — YAML fact sheets to policy-briefing PDFs

Usage:
  brief build [--week 2025-W38|W,W|all] [--audience NAME|all]     build the weekly briefing PDFs (several weeks: one browser)
  brief watch [--week W] [--audience NAME|all] [options]           rebuild on every save (also: build --watch)
  brief validate [FILES or FOLDERS…]                               check fact sheets (default: data/)
  brief diff [--week W] [--topic ID] [--audience A] [--json]       what changed since each topic's previous edition
  brief new-week [W]                                               scaffold week W (default: the next) from the latest week
  brief audiences                                                  list the audiences
  brief schema                                                     print the fact-sheet JSON Schema

Options:
  --week W            ISO week folder under data/ (default: the latest); build also takes
                      several, comma-separated, or 'all'
  --audience A        audience name, or 'all' (default); may be repeated or comma-separated
  --data DIR          fact sheets folder (default: data)
  --templates DIR     templates folder (default: templates)
  --out DIR           output folder (default: out)
  --html              also write each briefing's HTML beside its PDF
  --watch             build, then rebuild on every save (writes the HTML too); Ctrl-C stops
  --browser PATH      Chrome/Chromium to use (or set PUPPETEER_EXECUTABLE_PATH; default: a headless shell if installed)
  --concurrency N     documents printed at once (default: the number of CPU cores)
  --timeout MS        per-document render timeout (default: 60000)
  --format F          validate output: human (default), json, github (Actions annotations)
                      or sarif (SARIF 2.1.0 for code scanning)
  --strict            validate: treat warnings as errors (exit 1 on any warning)
  --topic ID          diff: only this topic
  --json              diff: print JSON
  --debug             show stack traces for internal errors
  -h, --help          this help
  -v, --version       the version

Environment: PUPPETEER_EXECUTABLE_PATH (the browser), BRIEF_CACHE_DIR (where compiled templates, the
last contents layouts and the browser profile are kept; default: node_modules/.cache/brief), NO_COLOR.

Exit codes: 0 ok, 1 invalid fact sheets, 2 usage or I/O error, 3 render failure.
`;

const OPTIONS = {
  week: { type: 'string' }, audience: { type: 'string', multiple: true }, data: { type: 'string' },
  templates: { type: 'string' }, out: { type: 'string' }, html: { type: 'boolean' }, watch: { type: 'boolean' }, browser: { type: 'string' },
  concurrency: { type: 'string' }, topic: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' }, format: { type: 'string' }, strict: { type: 'boolean' },
  debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new BriefError('usage', `--${name} takes a whole number ≥ 1; got '${v}'`);
  return n;
}

function audienceList(v: Values): string[] | undefined {
  const names = (v.audience ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  return names.length === 0 || names.includes('all') ? undefined : names;
}

const FORMATS = ['human', 'json', 'github', 'sarif'];
const packageVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function cmdValidate(args: string[], v: Values, io: CliIO): Promise<number> {
  const format = v.format ?? 'human';
  if (!FORMATS.includes(format)) throw new BriefError('usage', `--format must be one of ${FORMATS.join(', ')}; got '${format}'`);
  const [{ findFactSheetFiles }, { loadSheets }] = await Promise.all([dataModule(), import('../validate/sheets.js')]);
  const files = await findFactSheetFiles(args.length > 0 ? args : [v.data ?? DEFAULTS.dataDir]);
  if (files.length === 0) throw new BriefError('usage', `no .yaml files found in ${args.join(', ') || DEFAULTS.dataDir}`);
  const result = await loadSheets(files);
  const problems = v.strict ? result.problems.map((p) => ({ ...p, severity: 'error' as const })) : result.problems;
  const { formatJson } = await import('../report/json.js');
  const { formatGithub } = await import('../report/github.js');
  const { formatSarif } = await import('../report/sarif.js');
  if (format === 'json') io.stdout(formatJson(problems, result.files));
  else if (format === 'github') {
    io.stdout(formatGithub(problems));
    io.stderr(`${summaryLine(problems, files.length)}\n`); // for the job log
  }
  else if (format === 'sarif') io.stdout(formatSarif(problems, { version: packageVersion() }));
  else {
    const color = io.isTTY && !io.env.NO_COLOR;
    if (problems.length > 0) io.stderr(`${formatHuman(problems, { texts: result.texts, color })}\n`);
    io.stderr(`${summaryLine(problems, files.length)}\n`);
  }
  return hasErrors(problems) ? ExitCode.invalidData : ExitCode.ok;
}

/**
 * Ctrl-C / SIGTERM while `fn` runs: close the browser, let no write complete and remove the temp
 * files, then exit 130 / 143. (Watch mode can use the same: installSignalHandlers + onShutdown.)
 */
async function withCleanShutdown<T>(printer: Printer, io: CliIO, fn: () => Promise<T>): Promise<T> {
  const uninstall = installSignalHandlers((signal) => io.stderr(`brief: ${signal}: stopping; closing the browser and removing temp files\n`));
  const unregister = [onShutdown(() => abortWrites()), onShutdown(() => printer.close())];
  try {
    return await fn();
  } finally {
    await printer.close();
    for (const u of unregister) u();
    uninstall();
  }
}

async function cmdBuild(v: Values, io: CliIO): Promise<number> {
  const started = Date.now();
  const printer = new Printer({ executablePath: v.browser, concurrency: positiveInt('concurrency', v.concurrency), timeoutMs: positiveInt('timeout', v.timeout) });
  printer.warmUp().catch(() => {}); // launch now, while the rest loads; errors surface in build()
  const [{ build }, { listWeeks }, { Session }] = await Promise.all([import('../app/build.js'), dataModule(), import('../app/session.js')]);
  const session = new Session({ printer }); // one browser and one set of contents layouts for every week
  // Several weeks (comma-separated, or 'all') are built in one run, on one browser.
  const asked = (v.week ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const weeks: (string | undefined)[] = asked.includes('all') ? await listWeeks(v.data ?? DEFAULTS.dataDir) : asked.length > 0 ? [...new Set(asked)] : [undefined];
  const results = await withCleanShutdown(printer, io, () => Promise.all(weeks.map((week) => build({
    dataDir: v.data, templatesDir: v.templates, outDir: v.out, week, audiences: audienceList(v),
    writeHtml: v.html, session,
    onDocument: (d) => io.stdout(`${d.path}  ${d.pages} page${d.pages === 1 ? '' : 's'}  ${d.marking}  ${d.ms} ms\n`),
  }))).finally(() => session.close()));
  io.stderr(buildWarnings(results.flatMap((r) => r.problems)));
  const retried = printer.crashes;
  if (retried > 0) io.stderr(`brief: the browser crashed; ${retried} briefing${retried === 1 ? ' was' : 's were'} printed again on a fresh browser\n`);
  const count = results.reduce((n, r) => n + r.documents.length, 0);
  const which = results.length === 1 ? results[0]!.week : `${results.length} weeks (${results.map((r) => r.week).join(', ')})`;
  io.stdout(`built ${count} briefing${count === 1 ? '' : 's'} for ${which} in ${Date.now() - started} ms\n`);
  return ExitCode.ok;
}

/**
 * Warnings after a build: a previous edition that could not be compared is shown in full (it says
 * why a chapter has no changes); the fact sheets' own warnings in one line, `brief validate` has them.
 */
function buildWarnings(problems: readonly Problem[]): string {
  const previous = problems.filter((p) => p.rule === 'previous-edition-invalid');
  const own = problems.length - previous.length;
  const files = new Set(problems.filter((p) => p.rule !== 'previous-edition-invalid').map((p) => p.file)).size;
  return [
    ...(previous.length > 0 ? [formatHuman(previous)] : []),
    ...(own > 0 ? [`brief: ${own} warning${own === 1 ? '' : 's'} in ${files} fact sheet${files === 1 ? '' : 's'} (not errors; \`brief validate\` lists them)`] : []),
  ].map((s) => `${s}\n`).join('');
}

/** One line (or a problem list) for an error during watch; watching goes on. */
function describeError(e: unknown, debug: boolean): string {
  if (e instanceof ValidationFailed) return `${formatHuman(e.problems)}\nbrief: ${e.message}`;
  if (isBriefError(e)) return `brief: ${e.message}`;
  return `brief: internal error: ${(e as Error).message}${debug ? `\n${(e as Error).stack ?? ''}` : ''}`;
}

async function cmdWatch(v: Values, io: CliIO): Promise<number> {
  const printerOptions = { executablePath: v.browser, concurrency: positiveInt('concurrency', v.concurrency), timeoutMs: positiveInt('timeout', v.timeout) };
  const data = v.data ?? DEFAULTS.dataDir;
  const templates = v.templates ?? DEFAULTS.templatesDir;
  const stamp = () => new Date().toISOString().slice(11, 19);
  // A mistyped audience or week is a usage error now, not something to watch.
  const [{ loadAudiences }, { resolveWeek }, { watch }] = await Promise.all([audienceModule(), dataModule(), import('../app/watch.js')]);
  await Promise.all([loadAudiences(templates, audienceList(v)), resolveWeek(data, v.week)]);
  const watcher = watch({
    dataDir: data, templatesDir: templates, outDir: v.out, week: v.week, audiences: audienceList(v), printerOptions,
    onStart: (ev) => io.stdout(`${stamp()} ${ev.files.length > 0 ? `changed ${ev.files.map((f) => relative(process.cwd(), f)).join(', ')}: ` : ''}building ${ev.audiences?.join(', ') ?? 'every audience'}\n`),
    onBuild: (r) => {
      for (const d of r.documents) io.stdout(`  ${d.path}  ${d.pages} page${d.pages === 1 ? '' : 's'}  ${d.marking}  (+ ${d.htmlPath ?? 'no HTML'})\n`);
      io.stderr(buildWarnings(r.problems));
    },
    onError: (e) => io.stderr(`${describeError(e, !!v.debug)}\n  (still watching)\n`),
  });
  await watcher.ready;
  io.stdout(`watching ${data}/ and ${templates}/ — Ctrl-C to stop\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  io.stdout('stopping…\n');
  await watcher.close();
  return ExitCode.ok;
}

async function cmdDiff(v: Values, io: CliIO): Promise<number> {
  const names = audienceList(v);
  if (names && names.length > 1) throw new BriefError('usage', `diff takes one --audience; got ${names.join(', ')}`);
  const { loadAudiences } = await audienceModule();
  const { weeklyDiff } = await import('../app/weekly-diff.js');
  const { formatChangesText } = await import('../compose/diff-text.js');
  const [audience] = names ? await loadAudiences(v.templates ?? DEFAULTS.templatesDir, names) : [];
  const result = await weeklyDiff({ dataDir: v.data ?? DEFAULTS.dataDir, week: v.week, topic: v.topic, maxHandling: audience?.max_handling });
  if (result.problems.length > 0) io.stderr(`${formatHuman(result.problems)}\n`);
  if (v.json) {
    const topics = result.topics.map((t) => ({
      id: t.id, title: t.title, previousWeek: t.previousWeek ?? null, previousAsOf: t.changes?.previousAsOf ?? null,
      first: t.changes?.first ?? false, unavailable: t.unavailable,
      changes: (t.changes?.changes ?? []), lines: t.lines,
    }));
    io.stdout(`${JSON.stringify({ week: result.week, audience: audience?.name ?? null, topics }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const blocks = result.topics.map((t) => t.unavailable
    ? `${t.title} [${t.id}] — ${result.week}\n  Not compared: the ${t.previousWeek} edition has errors (see the warnings above).`
    : formatChangesText(t.title, t.id, t.changes!, result.week, t.previousWeek));
  io.stdout(`${blocks.join('\n\n')}\n`);
  return ExitCode.ok;
}

async function cmdNewWeek(args: string[], v: Values, io: CliIO): Promise<number> {
  if (args.length > 1) throw new BriefError('usage', `new-week takes at most one week; got ${args.join(' ')}`);
  const { newWeek } = await import('../app/new-week.js');
  const result = await newWeek({ dataDir: v.data ?? DEFAULTS.dataDir, week: args[0] ?? v.week });
  for (const f of result.files) io.stdout(`wrote ${f}\n`);
  io.stdout(`${result.week}: carried ${result.files.length} topic${result.files.length === 1 ? '' : 's'} forward from ${result.from} with as_of ${result.asOf}; edit them, then run 'brief validate' and 'brief diff'\n`);
  return ExitCode.ok;
}

async function cmdAudiences(v: Values, io: CliIO): Promise<number> {
  const dir = v.templates ?? DEFAULTS.templatesDir;
  const { loadAudiences, listAudienceNames } = await audienceModule();
  const audiences = await loadAudiences(dir, await listAudienceNames(dir));
  if (audiences.length === 0) {
    io.stderr(`brief: no audiences in ${dir}/audiences/ (each is a folder with an audience.yaml)\n`);
    return ExitCode.usage;
  }
  const rows = [['AUDIENCE', 'PAGE', 'MAX MARKING', 'BUDGET', 'DESCRIPTION'], ...audiences.map((a) => [
    a.name, a.page_size, a.max_handling, a.page_budget ? `${a.page_budget} page${a.page_budget === 1 ? '' : 's'}` : '-', a.description,
  ])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) io.stdout(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
  return ExitCode.ok;
}

export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    debug = !!values.debug;
    const [command, ...rest] = positionals;
    if (values.version) {
      io.stdout(`${packageVersion()}\n`);
      return ExitCode.ok;
    }
    if (values.help || command === undefined || command === 'help') {
      io.stdout(HELP);
      return command === undefined && !values.help ? ExitCode.usage : ExitCode.ok;
    }
    switch (command) {
      case 'validate': return await cmdValidate(rest, values, io);
      case 'build': return await (values.watch ? cmdWatch(values, io) : cmdBuild(values, io));
      case 'watch': return await cmdWatch(values, io);
      case 'audiences': return await cmdAudiences(values, io);
      case 'diff': return await cmdDiff(values, io);
      case 'new-week': return await cmdNewWeek(rest, values, io);
      case 'schema': io.stdout(readFileSync(schemaUrl, 'utf8')); return ExitCode.ok;
      default: throw new BriefError('usage', `unknown command '${command}' (try: build, watch, validate, diff, new-week, audiences, schema, help)`);
    }
  } catch (e) {
    // Interrupted: the documents in flight failed because we closed the browser; say nothing more.
    if (isShuttingDown()) return ExitCode.render;
    await removePendingTempFiles();
    if (e instanceof ValidationFailed) {
      const color = io.isTTY && !io.env.NO_COLOR;
      io.stderr(`${formatHuman(e.problems, { color })}\nbrief: ${e.message}\n`);
      return e.exitCode;
    }
    if (isBriefError(e)) {
      io.stderr(`brief: ${e.message}\n`);
      if (debug && e.cause instanceof Error) io.stderr(`${e.cause.stack ?? ''}\n`);
      return e.exitCode;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`brief: ${(e as Error).message}\nRun 'brief --help' for usage.\n`);
      return ExitCode.usage;
    }
    io.stderr(`brief: internal error: ${(e as Error).message}\n${debug ? `${(e as Error).stack ?? ''}\n` : 'Run again with --debug for details, and please report it.\n'}`);
    return ExitCode.render;
  }
}
