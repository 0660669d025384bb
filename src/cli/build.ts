import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { addBuildOptions, configFlags, type RawOptions } from './options.js';
import { buildWarnings, withCleanShutdown } from './output.js';
import { plural } from './io.js';
import { watchAction } from './watch.js';

interface BuildOptions extends RawOptions { watch?: boolean }

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  addBuildOptions(program.command('build').description('build the weekly briefing PDFs (several weeks: one browser)'))
    .option('--watch', 'build, then rebuild on every save (writes the HTML too); Ctrl-C stops')
    .addHelpText('after', '\nExamples:\n  brief build                          the latest week, every audience\n  brief build --week all --audience executive,public\n  brief build --watch --audience analyst')
    .action(async (o: BuildOptions) => done(o.watch ? await watchAction(o, ctx) : await buildAction(o, ctx)));
}

export async function buildAction(o: BuildOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const started = Date.now();
  const [cfg, { Printer }] = await Promise.all([ctx.config(configFlags(o)), import('../print/printer.js')]);
  const printer = new Printer({ executablePath: cfg.browser, concurrency: cfg.concurrency, timeoutMs: cfg.timeoutMs });
  printer.warmUp().catch(() => {}); // launch now, while the rest loads; errors surface in build()
  const [{ build }, { listWeeks }, { listAudienceNames }, { Session }] = await Promise.all([import('../app/build.js'), import('../load/data.js'), import('../load/audience.js'), import('../app/session.js')]);
  const session = new Session({ printer }); // one browser and one set of contents layouts for every week
  // Several weeks (comma-separated, or 'all') are built in one run, on one browser.
  const asked = (o.week ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  const weeks: (string | undefined)[] = asked.includes('all') ? await listWeeks(cfg.dataDir) : asked.length > 0 ? [...new Set(asked)] : [undefined];
  // n/N progress: N is every week's audiences (a usage error, if any, is reported by build()).
  const perWeek = cfg.audiences?.length ?? (await listAudienceNames(cfg.templatesDir).catch(() => [])).length;
  const total = weeks.length * perWeek;
  let n = 0;
  const width = String(total).length;
  const results = await withCleanShutdown(printer, io, () => Promise.all(weeks.map((week) => build({
    dataDir: cfg.dataDir, templatesDir: cfg.templatesDir, outDir: cfg.outDir, week, audiences: cfg.audiences,
    writeHtml: cfg.html, session,
    onDocument: (d) => io.stdout(`[${String(++n).padStart(width)}/${total}] ${d.path}  ${plural(d.pages, 'page')}  ${d.marking}  ${d.ms} ms\n`),
  }))).finally(() => session.close()));
  io.stderr(await buildWarnings(results.flatMap((r) => r.problems)));
  const retried = printer.crashes;
  if (retried > 0) io.stderr(`brief: the browser crashed; ${retried} briefing${retried === 1 ? ' was' : 's were'} printed again on a fresh browser\n`);
  const count = results.reduce((sum, r) => sum + r.documents.length, 0);
  const which = results.length === 1 ? results[0]!.week : `${results.length} weeks (${results.map((r) => r.week).join(', ')})`;
  io.stdout(`built ${plural(count, 'briefing')} for ${which} in ${Date.now() - started} ms\n`);
  return ExitCode.ok;
}
