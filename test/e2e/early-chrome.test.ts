/**
 * `brief build --force` spawns Chrome before the CLI loads (print/early.ts): the printer adopts that
 * Chrome when it runs the executable the configuration asks for, and ends it otherwise; a run that
 * ends before printing leaves no Chrome behind either.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/browser.js';
import { FIXTURES, readPdf, tempDir } from '../helpers.js';
import { browserProfilesOf, browsersOf, killedOrGone, processesUsing, spawnBrief, waitFor } from '../process-helpers.js';

const tmp = tempDir('brief-early-');
afterAll(() => tmp.cleanup());

function project(name: string): { root: string; out: string; env: NodeJS.ProcessEnv; keptProfile: string; args: string[] } {
  const root = join(tmp.dir, name);
  mkdirSync(join(root, 'data', '2025-W38'), { recursive: true });
  mkdirSync(join(root, 'tmp'), { recursive: true });
  copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(root, 'data', '2025-W38', 'sample-deal.yaml'));
  const out = join(root, 'out');
  const cache = join(root, 'cache');
  return {
    root, out, env: { BRIEF_CACHE_DIR: cache, TMPDIR: join(root, 'tmp') }, keptProfile: join(cache, 'chrome-profile'),
    args: ['build', '--force', '--data', join(root, 'data'), '--out', out, '--audience', 'analyst'],
  };
}

/** Run brief, noting every Chrome it starts (its direct children with a profile) while it runs. */
async function watched(args: string[], p: ReturnType<typeof project>): Promise<{ code: number | null; out: string; profiles: Set<string>; chromes: Map<number, string> }> {
  const run = spawnBrief(args, p.root, p.env);
  const profiles = new Set<string>();
  const chromes = new Map<number, string>();
  const seen = setInterval(() => {
    for (const prof of browserProfilesOf(run.child.pid!)) profiles.add(prof);
    for (const { pid, exe } of browsersOf(run.child.pid!)) if (!chromes.has(pid)) chromes.set(pid, exe);
  }, 2);
  const { code } = await run.exited;
  clearInterval(seen);
  return { code, out: run.out(), profiles, chromes };
}

/**
 * No process of a Chrome on `profile` is left once brief has exited (`ms`: how long a killed group may
 * take to go; a Chrome left to notice its pipe closed takes longer).
 */
async function expectNoneOn(profile: string, ms = 3000): Promise<void> {
  await waitFor(() => processesUsing(profile).length === 0, ms);
  expect(processesUsing(profile)).toEqual([]);
}

describe('the Chrome started early', () => {
  it('is the one that prints: one Chrome for the run, on the kept profile, gone after it', async () => {
    const p = project('adopted');
    const { code, out, profiles, chromes } = await watched(p.args, p);
    expect(code, out).toBe(0);
    expect([...profiles]).toEqual([p.keptProfile]);
    expect(chromes.size).toBe(1);
    // brief exits once its report is out, not waiting for the killed browser to be reaped: the
    // kept profile is given back by then, and the browser's group goes at once.
    expect(existsSync(`${p.keptProfile}.lock`)).toBe(false);
    await expectNoneOn(p.keptProfile, 1000);
    expect((await readPdf(join(p.out, '2025-W38', 'analyst.pdf'))).text).toContain('A sample deal');
  });

  it('is ended when the configuration names another browser, which then prints', async () => {
    const p = project('other-browser');
    const { path } = await findBrowser();
    // The same program under another path: another browser to the configuration.
    // (outside the project: the configuration names it by its absolute path)
    mkdirSync(join(tmp.dir, 'other-bin'));
    const other = join(tmp.dir, 'other-bin', path.split('/').at(-1)!);
    symlinkSync(path, other);
    writeFileSync(join(p.root, 'brief.config.yaml'), `browser: ${other}\n`);
    const { code, out, profiles, chromes } = await watched(p.args, p);
    expect(code, out).toBe(0);
    expect((await readPdf(join(p.out, '2025-W38', 'analyst.pdf'))).text).toContain('A sample deal');
    await expectNoneOn(p.keptProfile);
    // The configured browser printed (an adopted early one would have: it runs the found path),
    // on the kept profile, given back by the early one first; the early one, when seen (it may be
    // ended before a look finds it), ran the found browser.
    const seen = [...chromes.values()];
    expect(seen.filter((c) => c.includes(other))).toHaveLength(1);
    for (const c of seen.filter((c) => !c.includes(other))) expect(c).toContain(path);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect([...profiles]).toEqual([p.keptProfile]);
  });

  it('is ended when the run stops before it has a printer (a configuration that is not YAML)', async () => {
    const p = project('bad-config');
    writeFileSync(join(p.root, 'brief.config.yaml'), 'browser: [unclosed\n');
    const { code, out } = await watched(p.args, p);
    expect(code, out).not.toBe(0);
    expect(out).toMatch(/brief\.config\.yaml/);
    // At once: killed, not left to notice its pipe closed (which takes such a Chrome ~20–35 ms). On a
    // loaded machine a killed process may still be listed for a moment: it must be on its way out.
    expect(processesUsing(p.keptProfile).filter((pid) => !killedOrGone(pid))).toEqual([]);
    await expectNoneOn(p.keptProfile);
  });
});
