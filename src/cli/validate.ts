import type { Command } from 'commander';
import type { Context } from './context.js';
import { options } from './options.js';
import { FORMATS, validateAction, type ValidateOptions } from './validate-run.js';


export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('validate').description('check fact sheets (default: the data folder)')
    .argument('[paths...]', 'fact sheet files or folders')
    .addOption(options.data())
    .option('--format <format>', `output: ${FORMATS.join(', ')} (github: Actions annotations; sarif: SARIF 2.1.0 for code scanning)`, 'human')
    .option('--strict', 'treat warnings as errors (exit 1 on any warning)')
    .action(async (paths: string[], o: ValidateOptions) => done(await validateAction(paths, o, ctx)));
}
