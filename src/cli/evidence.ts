import { projectHere } from './project.js';
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { configFlags, options } from './options.js';
import { buildWarnings } from './output.js';

interface EvidenceOptions { week?: string; topic?: string; data?: string; json?: boolean }

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('evidence').description('each claim with its sources, grades and the archived passages of its quotes (docs/evidence.md)')
    .addOption(options.week()).option('--topic <id>', 'only this topic')
    .addOption(options.data())
    .option('--json', 'print JSON')
    .action(async (o: EvidenceOptions) => done(await evidenceAction(o, ctx)));
}

async function evidenceAction(o: EvidenceOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const cfg = await ctx.config(configFlags({ data: o.data }));
  projectHere(cfg, o.data);
  const [{ evidence }, { formatEvidence }] = await Promise.all([import('../app/evidence.js'), import('./evidence-text.js')]);
  const report = await evidence({ dataDir: cfg.dataDir, week: o.week, topic: o.topic });
  // The warnings in one line, as build and diff give them: the trail itself shows what concerns the
  // evidence (an archive unreadable, a quote not checked), and `brief validate` lists them all.
  io.stderr(await buildWarnings(report.problems));
  io.stdout(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvidence(report));
  return ExitCode.ok;
}
