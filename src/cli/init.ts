import { join } from 'node:path';
import type { Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { Context } from './context.js';
import { repositoryUrl } from './validate-run.js';

export function register(program: Command, ctx: Context, done: (code: number) => void): void {
  program.command('init').description('make a project: brief.config.yaml, an example fact sheet for this week, a CI workflow, a .gitignore')
    .argument('[dir]', 'the project folder (made if missing)', '.')
    .action(async (dir: string) => {
      const { init } = await import('../app/init.js');
      // The package.json made here (when there is none) installs brief from its repository: npm's
      // own `brief` is an unrelated package.
      const repo = repositoryUrl()?.match(/^https:\/\/github\.com\/([^/]+\/[^/]+)$/)?.[1];
      const r = await init({ dir, ...(repo ? { packageSpec: `github:${repo}` } : {}) });
      for (const f of r.written) ctx.io.stdout(`wrote ${f}\n`);
      for (const f of r.kept) ctx.io.stdout(`kept  ${f} (already there)\n`);
      const cd = dir === '.' ? '' : `cd ${dir} && `;
      // (npx finds brief installed in the project or globally; a plain `brief` only the latter.) A
      // build makes the latest week, which in a project that was already there may not be this one.
      const { listWeeks } = await import('../load/data.js');
      const latest = r.kept.includes('brief.config.yaml') ? undefined : (await listWeeks(join(dir, 'data')).catch(() => [])).at(-1);
      ctx.io.stdout(`\nNext: ${cd}npx brief validate && npx brief build${latest ? `   (the PDFs go to out/${latest}/)` : ''}\n`);
      done(ExitCode.ok);
    });
}
