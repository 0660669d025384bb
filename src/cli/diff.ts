import { projectHere } from './project.js';
import { Option, type Command } from './commander.js';
import { jsonSafe } from '../util/printable.js';
import { BriefError, ExitCode, ValidationFailed } from '../errors.js';
import type { Problem } from '../validate/problems.js';
import { plural } from './io.js';
import type { Context } from './context.js';
import { configFlags, options } from './options.js';

interface DiffOptions { week?: string; topic?: string; audience?: string; data?: string; templates?: string; json?: boolean }

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('diff').description("what changed since each topic's previous edition")
    .addOption(options.week()).option('--topic <id>', 'only this topic')
    .addOption(new Option('--audience <name>', 'as this audience sees it (what its maximum marking and its show switches let it see)'))
    .addOption(options.data()).addOption(options.templates())
    .option('--json', 'print JSON')
    .action(async (o: DiffOptions) => done(await diffAction(o, ctx)));
}

async function diffAction(o: DiffOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const names = o.audience?.split(',').map((a) => a.trim()).filter(Boolean);
  if (names && names.length > 1) throw new BriefError('usage', `diff takes one --audience; got ${names.join(', ')}`);
  const cfg = await ctx.config({ ...configFlags({ data: o.data, templates: o.templates }), audiences: names });
  projectHere(cfg, o.data);
  const [{ loadAudiences }, { weeklyDiff }, { formatChangesText }] = await Promise.all([
    import('../load/audience.js'), import('../app/weekly-diff.js'), import('../compose/diff-text.js'),
  ]);
  // Only a named audience narrows the diff (the config's default audiences are for building).
  const [audience] = names && names.length > 0 ? await loadAudiences(cfg.templatesDir, names) : [];
  // For an audience, problems are counted, not shown: their messages and code frames quote the
  // sheets, restricted items included (`brief validate` shows them to whoever may see the sheets).
  const { tally } = await import('../validate/problems.js');
  const hidden = (problems: readonly Problem[]) => {
    const { errors, warnings } = tally(problems);
    return `brief: ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the fact sheets, not shown for the ${audience!.name} audience (they may quote restricted items); 'brief validate' lists them`;
  };
  const result = await weeklyDiff({ dataDir: cfg.dataDir, week: o.week, topic: o.topic, maxHandling: audience?.max_handling, show: audience?.show }).catch((e: unknown) => {
    if (audience && e instanceof ValidationFailed) throw new BriefError('invalid-data', `${hidden(e.problems).replace(/^brief: /, '')}; nothing was compared`, { exitCode: e.exitCode });
    throw e;
  });
  // As after a build: the sheets' warnings in one line (`brief validate` lists them), a previous
  // edition that could not be compared in full (it says why a topic is not compared).
  // An audience whose briefing has no changes section reads none of this: said, before the rest.
  if (audience && !audience.sections.includes('changes')) io.stderr(`brief: the ${audience.name} briefing has no "changes" section (its sections: ${audience.sections.join(', ')}); below, what it may see of the changes all the same\n`);
  if (result.problems.length > 0) io.stderr(audience ? `${hidden(result.problems)}\n` : await (await import('./output.js')).buildWarnings(result.problems));
  if (o.json) {
    const topics = result.topics.map((t) => ({
      id: t.id, title: t.title, previousWeek: t.previousWeek ?? null, previousAsOf: t.changes?.previousAsOf ?? null, previousReconstructed: t.previousReconstructed ?? null,
      first: t.changes?.first ?? false, unavailable: t.unavailable,
      changes: (t.changes?.changes ?? []), lines: t.lines,
    }));
    io.stdout(`${jsonSafe(JSON.stringify({ week: result.week, audience: audience?.name ?? null, topics, dropped: result.dropped }, null, 2))}\n`);
    return ExitCode.ok;
  }
  const blocks = result.topics.map((t) => t.unavailable
    ? `${t.title} [${t.id}] — ${result.week}\n  Not compared: the ${t.previousWeek} edition has errors (listed above).`
    : formatChangesText(t.title, t.id, t.changes!, result.week, t.previousWeek, t.lines)
      + (t.previousReconstructed ? `\n  (The ${t.previousWeek} edition was reconstructed later: ${t.previousReconstructed})` : ''));
  if (result.dropped.length > 0) {
    blocks.push(`Not in this edition (covered in ${result.dropped[0]!.week}):\n${result.dropped.map((d) => `  ${d.title} [${d.id}]`).join('\n')}`);
  }
  io.stdout(`${blocks.join('\n\n')}\n`);
  return ExitCode.ok;
}
