import { projectHere } from './project.js';
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { addBuildOptions, configFlags, type RawOptions } from './options.js';
import { buildWarnings, changedFiles, describeError, noticeProjectChanges } from './output.js';

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  addBuildOptions(program.command('watch').description('build, then rebuild on every save (same as build --watch)'))
    .option('--force', 'print every document at the start, even those whose inputs are unchanged since they were written')
    .action(async (o: RawOptions & { force?: boolean }) => done(await watchAction(o, ctx)));
}

export async function watchAction(o: RawOptions & { force?: boolean }, ctx: Context): Promise<number> {
  const { io } = ctx;
  const cfg = await ctx.config(configFlags(o));
  projectHere(cfg, o.data);
  const printerOptions = { executablePath: cfg.browser, concurrency: cfg.concurrency, timeoutMs: cfg.timeoutMs };
  const data = cfg.dataDir;
  const templates = cfg.templatesDir;
  const stamp = () => new Date().toISOString().slice(11, 19);
  // A mistyped audience or week is a usage error now, not something to watch.
  const [{ loadAudiences }, { resolveWeek }, { watch }] = await Promise.all([import('../load/audience.js'), import('../load/data.js'), import('../app/watch.js')]);
  await Promise.all([loadAudiences(templates, cfg.audiences), resolveWeek(data, o.week)]);
  const watcher = watch({
    dataDir: data, templatesDir: templates, outDir: cfg.outDir, week: o.week, audiences: cfg.audiences, printerOptions, force: o.force,
    onStart: (ev) => io.stdout(`${stamp()} ${changedFiles(ev.files)}building ${ev.audiences?.join(', ') ?? 'every audience'}\n`),
    onBuild: (r, ev) => {
      r.documents.forEach((d, i) => io.stdout(`  [${i + 1}/${r.documents.length}] ${d.path}  ${d.pages} page${d.pages === 1 ? '' : 's'}  ${d.marking}  ${d.skipped ? 'unchanged: its inputs are as when it was written' : `(+ ${d.htmlPath ?? 'no HTML'})`}\n`));
      // (the warnings of a save that changed nothing were said at the build before)
      if (ev.files.length === 0 || r.documents.some((d) => !d.skipped)) void buildWarnings(r.problems).then(io.stderr);
    },
    onError: (e) => void describeError(e, ctx.debug()).then((s) => io.stderr(`${s}\n  (still watching)\n`)),
  });
  await watcher.ready;
  io.stdout(`watching ${data}/ and ${templates}/ — Ctrl-C to stop\n`);
  const unnotice = noticeProjectChanges(cfg, (line) => io.stderr(`${stamp()} ${line}\n`));
  const { untilStopped } = await import('../util/shutdown.js');
  await untilStopped(() => { unnotice(); return watcher.close(); }, () => io.stdout('stopping…\n'));
  return ExitCode.ok;
}
