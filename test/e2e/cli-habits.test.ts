import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { useColor } from '../../src/cli/io.js';
import { tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env, isTTY });
  return { code, stdout, stderr };
}

/** Options per command, help per command, suggestions, colour conventions, progress. */
describe('a CLI that fits habits', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('brief help build and build --help print the build command\'s own help', async () => {
    for (const args of [['help', 'build'], ['build', '--help']]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: brief build \[options\]/);
      expect(r.stdout).toContain('--concurrency <n>');
      expect(r.stdout).not.toContain('--strict'); // validate's, not build's
    }
    const v = await cli(['validate', '--help']);
    expect(v.stdout).toContain('--strict');
    expect(v.stdout).not.toContain('--concurrency');
  });

  it('did you mean: a mistyped command or option gets the nearest one, exit 2', async () => {
    const opt = await cli(['build', '--wek', '2025-W38']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("brief: unknown option '--wek' (did you mean --week?)");
    expect(opt.stderr).toContain("Run 'brief build --help' for usage.");
    const cmd = await cli(['bulid']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain("brief: unknown command 'bulid' (did you mean build?)");
  });

  it('an option that belongs to another command is refused, not ignored', async () => {
    for (const args of [['build', '--strict'], ['build', '--topic', 'x'], ['validate', '--concurrency', '2'], ['audiences', '--week', '2025-W38']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/unknown option '--(strict|topic|concurrency|week)'/);
    }
    expect((await cli(['schema', 'extra', 'args'])).code).toBe(2); // too many arguments
  });

  it('--version, no command (help, exit 2), and the global options before or after the command', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: brief');
    const r = await cli(['schema', 'audience', '--debug']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toMatch(/audience/i);
  });

  it('colour: NO_COLOR off, FORCE_COLOR on even when piped (0/false off), TERM=dumb off, else a terminal', () => {
    expect(useColor({ env: {}, isTTY: true })).toBe(true);
    expect(useColor({ env: {}, isTTY: false })).toBe(false);
    expect(useColor({ env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(useColor({ env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(useColor({ env: { FORCE_COLOR: '1' }, isTTY: false })).toBe(true);
    expect(useColor({ env: { FORCE_COLOR: '0' }, isTTY: true })).toBe(false);
    expect(useColor({ env: { TERM: 'dumb' }, isTTY: true })).toBe(false);
  });

  it('validate colours its report under FORCE_COLOR and not under TERM=dumb', async () => {
    const sheet = 'test/fixtures/invalid/sources-weak.yaml';
    expect((await cli(['validate', sheet], { FORCE_COLOR: '1' })).stderr).toContain('\x1b[');
    expect((await cli(['validate', sheet], { TERM: 'dumb' }, true)).stderr).not.toContain('\x1b[');
  });

  it('brief browser path names the browser and how it was found; brief config prints the configuration', async () => {
    const r = await cli(['browser', 'path']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\/\S+ {2}\((option|env|puppeteer|system)(, headless shell)?\)\n$/);
    const bad = await cli(['browser', 'path', '--browser', join(tmp.dir, 'no-chrome')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('browser not found');
    expect(JSON.parse((await cli(['config'])).stdout)).toMatchObject({ data: 'data', out: 'out', templates: 'templates', file: null });
    expect((await cli(['config', 'out'])).stdout).toBe('out\n');
    expect((await cli(['config', 'nope'])).code).toBe(2);
  });

  it('brief browser install without a way out fails with exit 2 and says what else to do', async () => {
    // every request through a proxy that is not there: the download fails at once, whatever the network
    const r = await brief(['browser', 'install'], tmp.dir, { PUPPETEER_CACHE_DIR: join(tmp.dir, 'pcache'), HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not download chrome-headless-shell [\d.]+/);
    expect(r.stderr).toContain("Debian's chromium-headless-shell");
  }, 60_000);

  it('a batch prints n/N progress, one line per document', async () => {
    const r = await cli(['build', '--week', 'all', '--audience', 'executive,public', '--out', join(tmp.dir, 'out')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('['));
    expect(lines.map((l) => /^\[(\d)\/(\d)\]/.exec(l)!.slice(1).join('/')).sort()).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });
});
