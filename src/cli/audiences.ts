import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { options } from './options.js';

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('audiences').description('list the audiences (the packaged ones and the project\'s)')
    .addOption(options.templates())
    .action(async (o: { templates?: string }) => {
      const { io } = ctx;
      const cfg = await ctx.config({ templates: o.templates });
      const { loadAudiences, listAudienceNames } = await import('../load/audience.js');
      const audiences = await loadAudiences(cfg.templatesDir, await listAudienceNames(cfg.templatesDir));
      if (audiences.length === 0) {
        io.stderr(`brief: no audiences in ${cfg.templatesDir}/audiences/ (each is a folder with an audience.yaml)\n`);
        return done(ExitCode.usage);
      }
      const rows = [['AUDIENCE', 'PAGE', 'MAX MARKING', 'BUDGET', 'DESCRIPTION'], ...audiences.map((a) => [
        a.name, a.page_size, a.max_handling, a.page_budget ? `${a.page_budget} page${a.page_budget === 1 ? '' : 's'}` : '-', a.description,
      ])];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows) io.stdout(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
      done(ExitCode.ok);
    });
}
