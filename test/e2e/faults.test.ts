/**
 * Faults: the browser crashes or is killed, a render hangs, the run is interrupted (Ctrl-C,
 * SIGTERM, kill -9), two builds write to the same out/. Afterwards no Chrome process of the run is
 * left (found through /proc: the browser by the run's own --user-data-dir, its helpers by its process
 * group) and no partial or temp file is.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BriefError } from '../../src/errors.js';
import { Printer } from '../../src/print/printer.js';
import { FIXTURES, readPdf, TEMPLATES, tempDir } from '../helpers.js';
import { brief, browserPidOf, browserProfileOf, isAlive, leftovers, processesUsing, rendererPidsOf, spawnBrief, waitFor } from '../process-helpers.js';

const tmp = tempDir('brief-faults-');
afterAll(() => tmp.cleanup());

const HTML = (title: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>Some text.</p></body></html>`;

const kill = (pid: number | undefined) => {
  try {
    if (pid) process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/**
 * A project with one fact sheet and `n` audiences (copies of the analyst one), for long batches, and
 * a cache folder of its own (`env`), so the kept browser profile its runs use is theirs alone.
 */
function batchProject(name: string, n: number): { root: string; args: string[]; out: string; env: NodeJS.ProcessEnv; keptProfile: string } {
  const root = join(tmp.dir, name);
  mkdirSync(join(root, 'data', '2025-W38'), { recursive: true });
  copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(root, 'data', '2025-W38', 'sample-deal.yaml'));
  cpSync(TEMPLATES, join(root, 'templates'), { recursive: true });
  for (const a of ['executive', 'public']) rmSync(join(root, 'templates', 'audiences', a), { recursive: true });
  const audiences = ['analyst'];
  for (let i = 1; i < n; i++) {
    audiences.push(`b${String(i).padStart(2, '0')}`);
    cpSync(join(root, 'templates/audiences/analyst'), join(root, 'templates/audiences', audiences.at(-1)!), { recursive: true });
  }
  const out = join(root, 'out');
  const cache = join(root, 'cache');
  // A temp folder of the run's own: other tests' runs sweep the shared one for dead runs' throwaway
  // profiles, and would remove this run's before the test looks at it.
  mkdirSync(join(root, 'tmp'), { recursive: true });
  return {
    root, out, args: ['build', '--data', join(root, 'data'), '--templates', join(root, 'templates'), '--out', out, '--concurrency', '1', '--audience', audiences.join(',')], // (the packaged audiences would be built too)
    env: { BRIEF_CACHE_DIR: cache, TMPDIR: join(root, 'tmp') }, keptProfile: join(cache, 'chrome-profile'),
  };
}

/** Every PDF under `dir` reads back as a whole document. */
async function expectCompletePdfs(dir: string): Promise<string[]> {
  const pdfs = leftovers(dir, /\.pdf$/);
  for (const f of pdfs) {
    const { text, pages } = await readPdf(f);
    expect(pages, f).toBeGreaterThan(0);
    expect(text, f).toContain('A sample deal');
    expect(readFileSync(f).subarray(-6).toString('latin1'), f).toMatch(/%%EOF\s*$/);
  }
  return pdfs;
}

describe('the printer when the browser dies', () => {
  it('a document printed after the browser was killed gets a fresh browser', async () => {
    await using printer = new Printer();
    await printer.pdf(HTML('one'), { name: 'one.pdf' });
    const first = printer.browserPid();
    kill(first);
    const { pdf } = await printer.pdf(HTML('two'), { name: 'two.pdf' });
    expect((await readPdf(pdf)).text).toContain('two');
    expect(printer.browserPid()).not.toBe(first);
    expect(printer.stats.launches).toBe(2);
  });

  it('documents in flight when the browser is killed are printed again on a fresh one', async () => {
    await using printer = new Printer({ concurrency: 2 });
    await printer.warmUp();
    await printer.pdf(HTML('warm'), { name: 'warm.pdf' });
    const jobs = ['a', 'b', 'c', 'd'].map((t) => printer.pdf(HTML(`doc ${t}`), { name: `${t}.pdf` }));
    kill(printer.browserPid());
    const results = await Promise.all(jobs);
    for (const [i, r] of results.entries()) expect((await readPdf(r.pdf)).text).toContain(`doc ${'abcd'[i]}`);
    expect(printer.stats.launches).toBe(2);
    expect(printer.stats.crashes).toBeGreaterThan(0);
  });

  it('a browser that dies again is a browser-crashed error naming the document', async () => {
    await using printer = new Printer();
    await printer.pdf(HTML('warm'), { name: 'warm.pdf' });
    const killer = setInterval(() => kill(printer.browserPid()), 5);
    kill(printer.browserPid());
    const error = await printer.pdf(HTML('doomed'), { name: 'out/doomed.pdf' }).catch((e: unknown) => e);
    clearInterval(killer);
    expect(error).toBeInstanceOf(BriefError);
    expect(error).toMatchObject({ code: 'browser-crashed', exitCode: 3 });
    expect((error as Error).message).toMatch(/^out\/doomed\.pdf: the browser crashed twice while printing it/);
  });

  it('a render that takes too long is a render-timeout error naming the document', async () => {
    await using printer = new Printer({ timeoutMs: 1 });
    const error = await printer.pdf(HTML('slow'), { name: 'out/slow.pdf' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'render-timeout', exitCode: 3 });
    expect((error as Error).message).toBe('out/slow.pdf: rendering took longer than 1 ms (twice: the second time on a fresh page)');
  });
});

describe('a page whose renderer is killed', () => {
  it('the document is printed again on a fresh page; the browser stays (unless it died too)', async () => {
    await using printer = new Printer({ concurrency: 1 });
    await printer.pdf(HTML('warm'), { name: 'warm.pdf' });
    const browser = printer.browserPid()!;
    // Long enough to be printing when its renderer is killed.
    const long = HTML('long').replace('<p>Some text.</p>', '<p>Some text.</p>'.repeat(6000));
    const job = printer.pdf(long, { name: 'out/long.pdf' });
    expect(await waitFor(() => rendererPidsOf(browser).length > 0, 5000)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    for (const pid of rendererPidsOf(browser)) kill(pid);
    const { pdf } = await job;
    expect((await readPdf(pdf)).text).toContain('long');
    expect(printer.stats.crashes).toBe(1);
    // Now and then Chromium's browser process itself dies (SIGTRAP) when a renderer is killed while
    // printing: then, and only then, a new one may be launched. A browser that lives on is kept.
    if (printer.stats.launches === 1) expect(printer.browserPid()).toBe(browser);
    else {
      expect(printer.stats.launches).toBe(2);
      expect(isAlive(browser), 'a second browser was launched while the first still ran').toBe(false);
    }
  });

  it('killed again on the fresh page: the document fails, named with its path and cause', async () => {
    await using printer = new Printer({ concurrency: 1, timeoutMs: 8000 });
    await printer.pdf(HTML('warm'), { name: 'warm.pdf' });
    const browser = printer.browserPid()!;
    const killer = setInterval(() => { for (const pid of rendererPidsOf(browser)) kill(pid); }, 20);
    const error = await printer.pdf(HTML('doomed').replace('<p>Some text.</p>', '<p>Some text.</p>'.repeat(6000)), { name: 'out/doomed.pdf' }).catch((e: unknown) => e);
    clearInterval(killer);
    expect(error).toBeInstanceOf(BriefError);
    // Killed at every turn, the page may crash or never answer (a renderer killed as it starts).
    expect((error as BriefError).code, (error as Error).message).toMatch(/^(page-crashed|browser-crashed|render-timeout)$/);
    expect((error as Error).message).toMatch(/^out\/doomed\.pdf: (the (page|browser) crashed twice while printing it|rendering took longer than 8000 ms \(twice)/);
  });
});

describe('brief build when a renderer is killed mid-batch', () => {
  it('the document in print is printed again on a fresh page; every PDF is written; exit 0', async () => {
    const p = batchProject('renderer-once', 6);
    const run = spawnBrief(p.args, p.root, p.env);
    expect(await waitFor(() => /\.pdf {2}\d+ page/.test(run.out()))).toBe(true);
    const browser = browserPidOf(run.child.pid!)!;
    const renderers = rendererPidsOf(browser);
    expect(renderers.length).toBeGreaterThan(0);
    for (const pid of renderers) kill(pid);
    const { code } = await run.exited;
    expect(run.out()).toMatch(/brief: the browser or a page crashed; 1 briefing was printed again on a fresh page/);
    expect(run.out()).toContain('built 6 briefings');
    expect(code, run.out()).toBe(0);
    expect(await expectCompletePdfs(p.out)).toHaveLength(6);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
  });
});

describe('brief build when the browser is killed mid-batch', () => {
  it('keeps the finished PDFs, prints the rest again on a fresh browser, exits 0 and says so', async () => {
    const p = batchProject('crash-once', 10);
    const run = spawnBrief(p.args, p.root, p.env);
    expect(await waitFor(() => /\.pdf {2}\d+ page/.test(run.out()))).toBe(true);
    kill(browserPidOf(run.child.pid!));
    const { code } = await run.exited;
    expect(run.out()).toMatch(/brief: the browser or a page crashed; \d+ briefings? (was|were) printed again on a fresh page/);
    expect(run.out()).toContain('built 10 briefings');
    expect(code).toBe(0);
    expect(await expectCompletePdfs(p.out)).toHaveLength(10);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
  });

  it('when the fresh browser dies too: the rest fail, each is named, exit 3, no partial file', async () => {
    const p = batchProject('crash-always', 10);
    const run = spawnBrief(p.args, p.root, p.env);
    expect(await waitFor(() => /\.pdf {2}\d+ page/.test(run.out()))).toBe(true);
    // From now on, every browser this run starts is killed at once.
    const killer = setInterval(() => kill(browserPidOf(run.child.pid!)), 10);
    const { code } = await run.exited;
    clearInterval(killer);
    const out = run.out();
    const written = await expectCompletePdfs(p.out);
    const failed = /brief: (\d+) briefings? failed; (\d+) briefings? written/.exec(out);
    expect(code).toBe(3);
    expect(failed, out).not.toBeNull();
    expect(Number(failed![1]) + written.length).toBe(10);
    expect(Number(failed![2])).toBe(written.length);
    expect(out).toMatch(/\n {2}\S*\/b\d\d\.pdf: .*(crashed|could not start the browser|Target closed)/);
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
  });
});

describe('interrupting a build', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s mid-batch: exit %i, no Chrome process of the run left, no temp file, only complete PDFs', async (signal, exitCode) => {
    const p = batchProject(`signal-${signal}`, 40);
    const run = spawnBrief(p.args, p.root, p.env);
    expect(await waitFor(() => /\.pdf {2}\d+ page/.test(run.out()))).toBe(true);
    const profile = browserProfileOf(run.child.pid!);
    expect(profile).toBe(p.keptProfile);
    expect(processesUsing(profile!).length).toBeGreaterThan(1); // the browser and its helpers
    run.child.kill(signal);
    const { code } = await run.exited;
    expect(code).toBe(exitCode);
    expect(run.out()).toContain(`brief: ${signal}: stopping`);
    expect(run.out()).not.toContain('built 40');
    expect(processesUsing(profile!)).toEqual([]);
    expect(existsSync(`${profile!}.lock`)).toBe(false); // the kept profile is given back (its lock removed)
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
    const pdfs = await expectCompletePdfs(p.out);
    expect(pdfs.length).toBeLessThan(40);
  });

  it.each(['kept', 'throwaway'] as const)('kill -9 of brief (%s profile): Chrome notices its pipe closed and exits too; the next build cleans up', async (kind) => {
    const p = batchProject(`sigkill-${kind}`, 40);
    const lock = `${p.keptProfile}.lock`;
    if (kind === 'throwaway') {
      mkdirSync(dirname(lock), { recursive: true });
      writeFileSync(lock, String(process.pid)); // held by a live process: brief takes a throwaway profile
    }
    const run = spawnBrief(p.args, p.root, p.env);
    expect(await waitFor(() => /\.pdf {2}\d+ page/.test(run.out()))).toBe(true);
    const profile = browserProfileOf(run.child.pid!)!;
    expect(profile === p.keptProfile).toBe(kind === 'kept');
    expect(processesUsing(profile).length).toBeGreaterThan(1);
    run.child.kill('SIGKILL');
    await run.exited;
    // No handler runs on SIGKILL: Chrome ends because its end of the DevTools pipe closed.
    const gone = await waitFor(() => processesUsing(profile).length === 0, 10_000);
    const left = processesUsing(profile);
    for (const pid of left) kill(pid);
    expect(gone, `still running: ${left.join(', ')}`).toBe(true);
    await expectCompletePdfs(p.out); // whatever was renamed into place is whole
    // Nobody was left to remove the throwaway profile or give back the kept one (its lock names the
    // dead pid), nor the temp file being written at the kill (if any): the next build does.
    expect(existsSync(profile)).toBe(true);
    if (kind === 'kept') expect(readFileSync(lock, 'utf8')).toBe(String(run.child.pid));
    else rmSync(lock);
    expect(leftovers(p.out, /\.tmp$/).length).toBeLessThanOrEqual(1);
    // --force: printed again (its PDF may be up to date), so that the next build starts a browser
    const next = await brief([...p.args, '--audience', 'analyst', '--force'], p.root, p.env);
    expect(next.code, next.stderr).toBe(0);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
    expect(existsSync(profile)).toBe(kind === 'kept'); // a throwaway one removed; the kept one taken over
    expect(existsSync(lock)).toBe(false); // and given back
  });
});

describe('interrupting watch mode', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: the browser and its helpers are gone, no temp file is left', async (signal) => {
    const p = batchProject(`watch-${signal}`, 3);
    const run = spawnBrief(['watch', ...p.args.slice(1)], p.root, p.env);
    expect(await waitFor(() => /watching /.test(run.out()))).toBe(true);
    const profile = browserProfileOf(run.child.pid!);
    expect(profile).toBe(p.keptProfile);
    expect(processesUsing(profile!).length).toBeGreaterThan(1);
    run.child.kill(signal);
    const { code, signal: killedBy } = await run.exited;
    expect(killedBy).toBeNull(); // it ended by itself, after cleaning up
    expect(code).not.toBeNull();
    expect(processesUsing(profile!)).toEqual([]);
    expect(existsSync(`${profile!}.lock`)).toBe(false);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
    expect(await expectCompletePdfs(p.out)).toHaveLength(3);
  });
});

describe('two builds into the same out/ at once', () => {
  it('both succeed (one on the kept browser profile, one on a throwaway one); every PDF is complete; no temp file is left', async () => {
    const p = batchProject('concurrent', 6);
    const [a, b] = await Promise.all([brief(p.args, p.root, p.env), brief(p.args, p.root, p.env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(await expectCompletePdfs(p.out)).toHaveLength(6);
    expect(leftovers(p.out, /\.tmp$/)).toEqual([]);
    expect(existsSync(p.keptProfile)).toBe(true);
    expect(existsSync(`${p.keptProfile}.lock`)).toBe(false);
  });
});
