import { dirname, join } from 'node:path';
import { projectHere } from './project.js';
import type { Command } from 'commander';
import { BriefError, ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { options } from './options.js';
import { plural } from './io.js';

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('new-week').description('scaffold a week (default: the next) from the latest week')
    .argument('[week]', 'the ISO week to make, e.g. 2025-W39')
    .addOption(options.week('the ISO week to make (same as the argument)').hideHelp())
    .addOption(options.data())
    .action(async (week: string | undefined, o: { week?: string; data?: string }) => {
      if (week && o.week && week !== o.week) throw new BriefError('usage', `new-week takes one week; got ${week} and --week ${o.week}`);
      const cfg = await ctx.config({ data: o.data });
      projectHere(cfg, o.data);
      const { newWeek } = await import('../app/new-week.js');
      const result = await newWeek({ dataDir: cfg.dataDir, week: week ?? o.week });
      for (const f of result.files) ctx.io.stdout(`wrote ${f}${result.unreconstructed.includes(f) ? ' (without the reconstructed: block of the edition it came from: this one is written live)' : ''}\n`);
      for (const d of result.notCarried) ctx.io.stdout(`not carried: '${d.id}', last covered in ${d.week} (not in ${result.from}); to resume it: cp ${d.file} ${join(dirname(result.files[0]!), '')}\n`);
      if (result.reasonsCleared > 0) ctx.io.stdout(`left behind ${plural(result.reasonsCleared, 'change_reason')} of last week's judgment moves: give a judgment you move this week a reason of its own\n`);
      ctx.io.stdout(`${result.week}: carried ${plural(result.files.length, 'topic')} forward from ${result.from} with as_of ${result.asOf}; update what moved this week (the bottom line, the summary, the items), then run 'brief validate' and 'brief diff'\n`);
      done(ExitCode.ok);
    });
}
