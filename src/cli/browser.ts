import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  const browser = program.command('browser').description('the browser brief prints with');
  browser.command('install').description("download Chrome's headless shell into Puppeteer's cache (needs network; a system Chromium needs none)")
    .action(async () => {
      const { installBrowser } = await import('../app/browser-install.js');
      let last = -1;
      const r = await installBrowser({
        env: ctx.io.env,
        onProgress: (got, total) => {
          const pct = total > 0 ? Math.floor((got / total) * 10) * 10 : 0;
          if (pct !== last) ctx.io.stderr(`downloading chrome-headless-shell: ${(last = pct)}%\n`);
        },
      });
      ctx.io.stdout(`chrome-headless-shell ${r.buildId}: ${r.path}\n`);
      done(ExitCode.ok);
    });
  browser.command('path').description('print the browser brief would use, and how it was found')
    .option('--browser <path>', 'Chrome/Chromium to use')
    .action(async (o: { browser?: string }) => {
      const cfg = await ctx.config({ browser: o.browser });
      const { findBrowser } = await import('../print/browser.js');
      const b = await findBrowser(cfg.browser, ctx.io.env);
      ctx.io.stdout(`${b.path}  (${b.how}${b.shell ? ', headless shell' : ''})\n`);
      done(ExitCode.ok);
    });
}
