import { projectHere } from './project.js';
import { Option, type Command } from './commander.js';
import { BriefError, ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { configFlags, options, type RawOptions } from './options.js';
import { changedFiles, noticeProjectChanges } from './output.js';

interface PreviewOptions extends RawOptions { port?: string; open?: boolean }

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  const cmd = program.command('preview').description('serve the briefings on 127.0.0.1, rebuilt and reloaded on every save');
  for (const o of [options.week('the week to open on (default: the latest)'), new Option('--audience <name>', 'the audience to open on (default: the first)'),
    options.data(), options.templates(), options.out(), options.browser(), options.concurrency(), options.timeout(),
    new Option('--port <n>', 'the port (default: a free one)'), new Option('--open', 'open it in the default browser')]) cmd.addOption(o);
  cmd.action(async (o: PreviewOptions) => done(await previewAction(o, ctx)));
}

async function previewAction(o: PreviewOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const port = o.port === undefined ? undefined : Number(o.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new BriefError('usage', `--port takes a port number (0-65535); got '${o.port}'`);
  const audience = o.audience as unknown as string | undefined;
  const cfg = await ctx.config(configFlags({ ...o, audience: undefined }));
  projectHere(cfg, o.data);
  const [{ startPreview }, { formatFailure }] = await Promise.all([import('../app/preview/server.js'), import('../app/preview/failure.js')]);
  const stamp = () => new Date().toISOString().slice(11, 19);
  const preview = await startPreview({
    dataDir: cfg.dataDir, templatesDir: cfg.templatesDir, outDir: cfg.outDir, week: o.week, audience: audience ?? cfg.audiences?.[0], port,
    printerOptions: { executablePath: cfg.browser, concurrency: cfg.concurrency, timeoutMs: cfg.timeoutMs },
    onStart: (job) => io.stdout(`${stamp()} ${changedFiles(job.files)}building ${job.week} ${job.audiences.join(', ')}\n`),
    onBuilt: (t, unchanged) => io.stdout(`  ${t.week}/${t.audience}: ${t.printed!.pages} page${t.printed!.pages === 1 ? '' : 's'}  ${t.printed!.marking}  ${unchanged ? 'unchanged: its inputs are as when it was printed' : `${t.printed!.ms} ms`}\n`),
    onFailed: (report) => io.stderr(`${formatFailure(report)}\n  (still previewing: the last good briefing stays on the page)\n`),
  });
  io.stdout(`preview: ${preview.url}  (index: http://127.0.0.1:${preview.port}/) — Ctrl-C to stop\n`);
  if (o.open) openInBrowser(preview.url, ctx);
  const unnotice = noticeProjectChanges(cfg, (line) => io.stderr(`${stamp()} ${line}\n`));
  const { untilStopped } = await import('../util/shutdown.js');
  await untilStopped(() => { unnotice(); return preview.close(); }, () => io.stdout('stopping…\n'));
  return ExitCode.ok;
}

/** The system's way to open a URL; a failure only says so. */
function openInBrowser(url: string, ctx: Context): void {
  const [cmd, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  void import('node:child_process').then(({ spawn }) => {
    const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => ctx.io.stderr(`brief: could not open a browser (${cmd}); open ${url} yourself\n`));
    child.unref();
  });
}
