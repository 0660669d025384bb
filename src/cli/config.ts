import type { Command } from 'commander';
import { BriefError, ExitCode } from '../errors.js';
import type { Context } from './context.js';

const KEYS = { data: 'dataDir', templates: 'templatesDir', out: 'outDir', audiences: 'audiences', concurrency: 'concurrency', timeout: 'timeoutMs', browser: 'browser', html: 'html', file: 'file' } as const;

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('config').description('print the configuration in effect (defaults, brief.config.yaml, environment), or one value')
    .argument('[key]', Object.keys(KEYS).join(', '))
    .action(async (key: string | undefined) => {
      const cfg = await ctx.config({});
      if (key === undefined) {
        ctx.io.stdout(`${JSON.stringify(Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, cfg[v] ?? null])), null, 2)}\n`);
        return done(ExitCode.ok);
      }
      if (!(key in KEYS)) throw new BriefError('usage', `config: no key '${key}' (keys: ${Object.keys(KEYS).join(', ')})`);
      const value = cfg[KEYS[key as keyof typeof KEYS]];
      ctx.io.stdout(`${Array.isArray(value) ? value.join(',') : value ?? ''}\n`);
      done(ExitCode.ok);
    });
}
