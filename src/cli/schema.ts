import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BriefError, ExitCode } from '../errors.js';
import type { Context } from './context.js';

const SCHEMAS = ['fact-sheet', 'audience', 'config'];

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('schema').description('print a JSON Schema: the fact sheet\'s (default), an audience config\'s or brief.config.yaml\'s')
    .argument('[name]', SCHEMAS.join(', '), 'fact-sheet')
    .action((name: string) => {
      if (!SCHEMAS.includes(name)) throw new BriefError('usage', `schema: one of ${SCHEMAS.join(', ')}; got '${name}'`);
      ctx.io.stdout(readFileSync(new URL(`../../schema/${name}.schema.json`, import.meta.url), 'utf8'));
      done(ExitCode.ok);
    });
}
