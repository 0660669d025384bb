import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, readPdf, tempDir } from '../helpers.js';
import { writeOfflineProject } from './offline-lock.js';

const exec = promisify(execFile);

/**
 * The packed package, installed as a user would into an empty folder, with no network: npm's
 * `--offline` refuses any request, so Puppeteer's browser download (or anything else fetched at
 * install time) would fail the install. Then the installed `brief` runs there on its own files.
 */
describe('the packed package, installed offline into an empty folder', () => {
  const tmp = tempDir('brief-pack-');
  const project = join(tmp.dir, 'project');
  let files: string[] = [];
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const npx = (args: string[], extra: NodeJS.ProcessEnv = {}) => exec('npx', ['--no-install', 'brief', ...args], { cwd: project, env: { ...env, ...extra }, maxBuffer: 1 << 24 });

  beforeAll(async () => {
    // dist/ is built by `npm test` before the tests; --ignore-scripts packs it as it is.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir], { cwd: ROOT, env, maxBuffer: 1 << 24 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    mkdirSync(project);
    writeOfflineProject(project, ROOT, join(tmp.dir, packed!.filename));
    await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env, maxBuffer: 1 << 24 });
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('ships what runs and nothing else', () => {
    for (const f of ['bin/brief.js', 'dist/cli/main.js', 'dist/index.js', 'dist/schema/fact-sheet.validator.cjs', 'dist/bundle/validate.cjs', 'schema/fact-sheet.schema.json', 'templates/base/layout.hbs', 'templates/audiences/executive/audience.yaml', 'starter/example.yaml', 'schema/config.schema.json', 'README.md', 'LICENSE', 'package.json']) {
      expect(files, f).toContain(f);
    }
    for (const f of files) expect(f).not.toMatch(/^(test|bench|src|scripts|data|out|\.ci|\.github)\/|\.map$/);
    expect(existsSync(join(project, 'node_modules', 'puppeteer'))).toBe(false); // no download at install
  });

  it('a strict TypeScript project compiles the documented example against the installed declarations (no skipLibCheck, no @types of brief\'s dependencies), and finds the schemas by package name', async () => {
    const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(doc)![1]!;
    writeFileSync(join(project, 'example.mts'), `${example}\nexport {};\n`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
        // Node's types from the repository (the project has none installed); nothing else of @types
        typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'],
      },
      files: ['example.mts'],
    }));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(() => '', (e: { stdout: string }) => e.stdout);
    expect(compiled).toBe('');
    const { stdout } = await exec(process.execPath, ['-e', "console.log(require.resolve('brief/schema/fact-sheet.schema.json'), require('brief/package.json').version)"], { cwd: project });
    expect(stdout).toMatch(/node_modules[\\/]brief[\\/]schema[\\/]fact-sheet\.schema\.json \d+\.\d+\.\d+/);
  }, 120_000);

  it('init → validate → build with no flags, on the packaged templates, the $schema lines pointing into node_modules', async () => {
    const init = await npx(['init']);
    expect(init.stdout).toMatch(/wrote brief\.config\.yaml/);
    expect(init.stdout).toMatch(/kept  package\.json/);
    const [week] = readdirSync(join(project, 'data'));
    // what it says to run next runs as written in a project with brief installed locally
    expect(init.stdout).toContain(`Next: npx brief validate && npx brief build   (the PDFs go to out/${week}/)`);
    const example = readFileSync(join(project, 'data', week!, 'example.yaml'), 'utf8');
    const ref = /\$schema=(\S+)/.exec(example)![1]!;
    expect(ref).toBe('../../node_modules/brief/schema/fact-sheet.schema.json');
    expect(existsSync(join(project, 'data', week!, ref))).toBe(true);
    expect(existsSync(join(project, 'schema'))).toBe(false); // no copy needed
    const validate = await npx(['validate']);
    expect(validate.stderr).toMatch(/1 file checked: 0 errors, 0 warnings/);
    // from its bundle, as packed (npm does not keep the files' times: bin/brief.js must not take them for staleness)
    const traced = await npx(['validate'], { NODE_DEBUG: 'module' });
    expect(traced.stderr).toMatch(/load "[^"]*node_modules[\\/]brief[\\/]dist[\\/]bundle[\\/]validate\.cjs"/);
    const build = await npx(['build']);
    expect(build.stdout).toMatch(new RegExp(`built 3 briefings for ${week}`));
    expect(readdirSync(join(project, 'out', week!)).filter((f) => !f.startsWith('.')).sort()).toEqual(['analyst.pdf', 'executive.pdf', 'public.pdf']);
    const pdf = await readPdf(join(project, 'out', week!, 'analyst.pdf'));
    expect(pdf.text).toContain('Example talks between two parties');
    expect(pdf.text).toContain('Who runs the border crossings');
  }, 120_000);
});
