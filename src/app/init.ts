import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BriefError, ExitCode } from '../errors.js';
import { isoWeekOf } from '../util/week.js';

/**
 * init: a ready project in `dir` — brief.config.yaml, data/<this ISO week>/example.yaml, a CI
 * workflow, a .gitignore for out/ (and a package.json naming brief, when there is none) — after
 * which `brief validate` and `brief build` work with no flags. Existing files are kept.
 */
export interface InitOptions {
  dir: string;
  /** Today (tests): the example's week and as_of. */
  today?: Date;
  /**
   * How a package.json made here names brief (npm's `brief` is an unrelated package): e.g.
   * `github:owner/brief`; without it the package.json lists no brief and init says so.
   */
  packageSpec?: string;
}

export interface InitResult {
  written: string[];
  kept: string[];
  week: string;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const starter = (name: string) => readFile(join(PACKAGE_ROOT, 'starter', name), 'utf8');

/**
 * Where a file in `fromDir` finds the package's schema: a relative path when the package is
 * installed inside the project (node_modules/brief/schema/…), else a copy made in the project's
 * schema/ folder (returned in `copy`).
 */
function schemaRef(project: string, fromDir: string, name: string): { ref: string; copy?: string } {
  const packaged = join(PACKAGE_ROOT, 'schema', name);
  const inside = !relative(project, packaged).startsWith('..');
  const target = inside ? packaged : join(project, 'schema', name);
  return { ref: relative(fromDir, target).split(sep).join('/'), ...(inside ? {} : { copy: target }) };
}

export async function init(options: InitOptions): Promise<InitResult> {
  const project = resolve(options.dir);
  const today = options.today ?? new Date();
  const { year, week: w } = isoWeekOf(today);
  const week = `${year}-W${String(w).padStart(2, '0')}`;
  const asOf = today.toISOString().slice(0, 10);
  const weekDir = join(project, 'data', week);
  const sheet = schemaRef(project, weekDir, 'fact-sheet.schema.json');
  const config = schemaRef(project, project, 'config.schema.json');
  const files: [string, () => Promise<string>][] = [
    ['brief.config.yaml', async () => (await starter('brief.config.yaml')).replace('__CONFIG_SCHEMA__', config.ref)],
    [join('data', week, 'example.yaml'), async () => (await starter('example.yaml')).replaceAll('__SCHEMA__', sheet.ref).replaceAll('__AS_OF__', asOf).replaceAll('__MONTH__', asOf.slice(0, 7))],
    [join('.github', 'workflows', 'briefing.yml'), () => starter('workflow.yml')],
    ['.gitignore', () => starter('gitignore')],
    ['package.json', async () => `${JSON.stringify({ private: true, scripts: { validate: 'brief validate', build: 'brief build' }, ...(options.packageSpec ? { devDependencies: { brief: options.packageSpec } } : {}) }, null, 2)}\n`],
  ];
  for (const c of [sheet.copy, config.copy]) {
    if (c) files.push([relative(project, c), () => readFile(join(PACKAGE_ROOT, 'schema', c.split(sep).pop()!), 'utf8')]);
  }
  const written: string[] = [];
  const kept: string[] = [];
  for (const [rel, text] of files) {
    const file = join(project, rel);
    if (existsSync(file)) { kept.push(rel); continue; }
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, await text(), { flag: 'wx' });
    } catch (e) {
      throw new BriefError('io-write', `${file}: cannot write: ${(e as Error).message}`, { exitCode: ExitCode.usage, cause: e });
    }
    written.push(rel);
  }
  return { written, kept, week };
}
