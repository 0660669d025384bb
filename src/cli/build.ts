import { existsSync, readdirSync } from 'node:fs';
import type { DocumentResult } from '../app/build.js';
import { join } from 'node:path';
import { projectHere } from './project.js';
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { addBuildOptions, configFlags, type RawOptions } from './options.js';
import { buildWarnings, withCleanShutdown } from './output.js';
import { endOnceWritten, plural } from './io.js';
import { watchAction } from './watch.js';

interface BuildOptions extends RawOptions { watch?: boolean; force?: boolean; shard?: string; verify?: boolean }

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  addBuildOptions(program.command('build').description('build the weekly briefing PDFs (several weeks: one browser)'))
    .option('--watch', 'build, then rebuild on every save (writes the HTML too); Ctrl-C stops')
    .option('--verify', 'check every block of text the HTML shows is in the PDF; a block missing fails the build, naming it')
    .option('--force', 'print every document again, even those whose inputs are unchanged since they were written')
    .option('--shard <i/n>', 'build only the i-th of n equal parts of the documents (a CI matrix: docs/examples/sharded-workflow.yml)')
    .addHelpText('after', '\nExamples:\n  brief build                          the latest week, every audience\n  brief build --week all --audience executive,public\n  brief build --watch --audience analyst')
    .action(async (o: BuildOptions) => done(o.watch ? await watchAction(o, ctx) : await buildAction(o, ctx)));
}

/** Whether an earlier incremental build wrote manifests into some week folder of `out` (app/incremental.ts). */
function hasManifests(out: string): boolean {
  try {
    return readdirSync(out).some((w) => existsSync(join(out, w, '.brief')));
  } catch {
    return false;
  }
}

export async function buildAction(o: BuildOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const started = Date.now();
  const shard = o.shard === undefined ? undefined : (await import('../app/shard.js')).parseShard(o.shard);
  const [cfg, { Printer }] = await Promise.all([ctx.config(configFlags(o)), import('../print/printer.js')]);
  projectHere(cfg, o.data);
  const printer = new Printer({ executablePath: cfg.browser, concurrency: cfg.concurrency, timeoutMs: cfg.timeoutMs });
  // Launch now, while the rest loads (errors surface in build()), unless an earlier build left
  // manifests (incremental builds): then documents may be up to date, and a build starts the browser
  // when one needs printing.
  if (o.force || !hasManifests(cfg.outDir)) printer.warmUp().catch(() => {});
  // One failed document or week does not stop the others (build-summary.ts): all are settled.
  const written: DocumentResult[] = [];
  let jobWeeks: (string | undefined)[] = [];
  const settled = await withCleanShutdown(printer, io, async () => {
    const [{ build }, { listWeeks, resolveWeek }, { listAudienceNames }, { Session }] = await Promise.all([import('../app/build.js'), import('../load/data.js'), import('../load/audience.js'), import('../app/session.js')]);
    const session = new Session({ printer }); // one browser and one set of contents layouts for every week
    // Several weeks (comma-separated, or 'all') are built in one run, on one browser.
    const asked = (o.week ?? '').split(',').map((w) => w.trim()).filter(Boolean);
    const weeks: (string | undefined)[] = asked.includes('all') ? await listWeeks(cfg.dataDir) : asked.length > 0 ? [...new Set(asked)] : [undefined];
    // A shard builds its part of the documents: the audiences it has for each week.
    let jobs: { week: string | undefined; audiences: readonly string[] | undefined }[] = weeks.map((week) => ({ week, audiences: cfg.audiences }));
    if (shard) {
      const { shardDocuments } = await import('../app/shard.js');
      const resolved = await Promise.all(weeks.map((w) => resolveWeek(cfg.dataDir, w)));
      const names = cfg.audiences ?? await listAudienceNames(cfg.templatesDir);
      jobs = [...shardDocuments(resolved, names, shard)].map(([week, audiences]) => ({ week, audiences }));
    }
    // n/N progress: N is every week's audiences (a usage error, if any, is reported by build()).
    const perWeek = cfg.audiences?.length ?? (await listAudienceNames(cfg.templatesDir).catch(() => [])).length;
    const total = jobs.reduce((sum, j) => sum + (j.audiences?.length ?? perWeek), 0);
    let n = 0;
    const width = String(total).length;
    jobWeeks = jobs.map((j) => j.week);
    return Promise.allSettled(jobs.map(({ week, audiences }) => build({
      dataDir: cfg.dataDir, templatesDir: cfg.templatesDir, outDir: cfg.outDir, week, audiences,
      writeHtml: cfg.html, verify: o.verify, session, incremental: true, force: o.force,
      onDocument: (d) => { written.push(d); io.stdout(`[${String(++n).padStart(width)}/${total}] ${d.path}  ${plural(d.pages, 'page')}  ${d.marking}  ${d.skipped ? 'unchanged' : `${d.ms} ms`}\n`); },
    }))).finally(() => session.close());
  });
  // The documents are written and the browser's group is killed (withCleanShutdown): the process
  // ends once its report is out, without waiting for the killed browser to be reaped.
  endOnceWritten();
  const { settleWeeks, failureSummary } = await import('./build-summary.js'); // loads the report formatter: only now
  const { results, failed } = settleWeeks(jobWeeks, settled);
  io.stderr(await buildWarnings(results.flatMap((r) => r.problems)));
  for (const d of written.filter((w) => w.topics === 0)) {
    io.stderr(`brief: ${d.path}: no topic of the week may be shown to the ${d.audience} audience (each is marked above its handling level); the briefing says so and shows nothing else\n`);
  }
  const retried = printer.stats.crashes;
  if (retried > 0) io.stderr(`brief: the browser or a page crashed; ${retried} briefing${retried === 1 ? ' was' : 's were'} printed again on a fresh page\n`);
  if (printer.stats.hangs > 0) io.stderr(`brief: ${plural(printer.stats.hangs, 'briefing')} timed out and ${printer.stats.hangs === 1 ? 'was' : 'were'} printed again on a fresh page\n`);
  if (failed.length > 0) {
    const summary = await failureSummary(failed, written);
    io.stderr(summary.text);
    return summary.exitCode;
  }
  const count = results.reduce((sum, r) => sum + r.documents.length, 0);
  const unchanged = results.reduce((sum, r) => sum + r.documents.filter((d) => d.skipped).length, 0);
  const which = results.length === 0 ? 'no week' : results.length === 1 ? results[0]!.week : `${results.length} weeks (${results.map((r) => r.week).join(', ')})`;
  io.stdout(`built ${plural(count, 'briefing')}${unchanged > 0 ? ` (${unchanged} unchanged, not printed again; --force prints them)` : ''} for ${which}${shard ? ` (shard ${o.shard})` : ''} in ${Date.now() - started} ms\n`);
  return ExitCode.ok;
}
