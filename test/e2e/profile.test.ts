import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimProfile } from '../../src/print/browser-profile.js';
import { findBrowser, isHeadlessShell, launchArgs, SYSTEM_BROWSERS } from '../../src/print/browser.js';
import { startChrome } from '../../src/print/chrome.js';
import { Printer } from '../../src/print/printer.js';
import { readPdf, tempDir } from '../helpers.js';
import { browserProfilesOf, processesUsing } from '../process-helpers.js';

/**
 * The kept browser profile (browser-profile.ts): one run at a time reuses it, any other run gets a
 * throwaway one; a lock left by a dead process is taken over; a profile of another browser is emptied.
 */
const doc = (text: string) => `<!doctype html><html lang="en"><body><p>${text}</p></body></html>`;
/** A process id that is certainly not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

/** The --user-data-dir of each browser this process started. */
const ourProfiles = () => browserProfilesOf(process.pid);

describe('the browser profile', () => {
  const tmp = tempDir();
  let cache: string;
  let n = 0;
  beforeEach(() => { cache = join(tmp.dir, `cache-${++n}`); });
  afterAll(() => tmp.cleanup());

  it('is the kept one for one holder at a time; the lock goes with the release', async () => {
    const a = await claimProfile('/bin/sh', cache);
    const b = await claimProfile('/bin/sh', cache);
    expect(a.kept).toBe(true);
    expect(a.dir).toBe(join(cache, 'chrome-profile'));
    expect(readFileSync(join(cache, 'chrome-profile.lock'), 'utf8')).toBe(String(process.pid));
    expect(b.kept).toBe(false); // held (by this process): a throwaway one
    expect(existsSync(b.dir)).toBe(true);
    await b.release();
    expect(existsSync(b.dir)).toBe(false);
    await a.release();
    expect(existsSync(join(cache, 'chrome-profile.lock'))).toBe(false);
    expect(existsSync(a.dir)).toBe(true); // kept for the next run
    const c = await claimProfile('/bin/sh', cache);
    expect(c.kept).toBe(true);
    await c.release();
  });

  it('takes over a lock whose process is gone, but not one of a live process', async () => {
    mkdirSync(cache, { recursive: true });
    const lock = join(cache, 'chrome-profile.lock');
    writeFileSync(lock, String(deadPid()));
    const a = await claimProfile('/bin/sh', cache);
    expect(a.kept).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await a.release();
    writeFileSync(lock, '1'); // init: alive
    const b = await claimProfile('/bin/sh', cache);
    expect(b.kept).toBe(false);
    await b.release();
    expect(readFileSync(lock, 'utf8')).toBe('1'); // not ours: left alone
  });

  it('is emptied when the browser executable changes', async () => {
    const a = await claimProfile('/bin/sh', cache);
    writeFileSync(join(a.dir, 'marker'), 'x');
    await a.release();
    const same = await claimProfile('/bin/sh', cache);
    expect(existsSync(join(same.dir, 'marker'))).toBe(true);
    await same.release();
    const other = await claimProfile('/bin/ls', cache);
    expect(other.kept).toBe(true);
    expect(existsSync(join(other.dir, 'marker'))).toBe(false);
    await other.release();
  });

  it('falls back to a throwaway one when the cache folder cannot be written', async () => {
    writeFileSync(join(tmp.dir, 'a-file'), '');
    const p = await claimProfile('/bin/sh', join(tmp.dir, 'a-file', 'cache'));
    expect(p.kept).toBe(false);
    expect(existsSync(p.dir)).toBe(true);
    await p.release();
    expect(existsSync(p.dir)).toBe(false);
  });

  describe('with printers', () => {
    let saved: string | undefined;
    beforeEach(() => { saved = process.env.BRIEF_CACHE_DIR; process.env.BRIEF_CACHE_DIR = cache; });
    afterEach(() => { if (saved === undefined) delete process.env.BRIEF_CACHE_DIR; else process.env.BRIEF_CACHE_DIR = saved; });

    it('two printers at once: one browser on the kept profile, one on a throwaway one; both print; all is given back', async () => {
      const kept = join(cache, 'chrome-profile');
      const [a, b] = [new Printer(), new Printer()];
      let profiles: string[] = [];
      try {
        const [pa, pb] = await Promise.all([a.pdf(doc('Printed by printer A'), { name: 'a' }), b.pdf(doc('Printed by printer B'), { name: 'b' })]);
        expect((await readPdf(pa.pdf)).text).toContain('Printed by printer A');
        expect((await readPdf(pb.pdf)).text).toContain('Printed by printer B');
        profiles = ourProfiles().filter((p) => p === kept || p.includes('brief-chrome-'));
        expect(profiles).toHaveLength(2);
        expect(profiles).toContain(kept);
        expect(profiles.find((p) => p !== kept)).toContain(`brief-chrome-${process.pid}-`);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      for (const p of profiles) expect(processesUsing(p)).toEqual([]);
      expect(existsSync(kept)).toBe(true);
      expect(existsSync(`${kept}.lock`)).toBe(false);
      expect(profiles.filter((p) => p !== kept).map(existsSync)).toEqual([false]);
    });

    // The full Chrome locks its profile (SingletonLock) and refuses to start on one that another
    // Chrome holds; a headless shell does neither (it shares the profile), so this needs a full one.
    const fullChrome = SYSTEM_BROWSERS.find((p) => !isHeadlessShell(p) && existsSync(p));
    if (!fullChrome) console.warn('skipping the test of a profile Chrome refuses: no full Chrome or Chromium here (apt-get install chromium)');
    it.skipIf(!fullChrome)('a Chrome that holds the kept profile without our lock: Chrome refuses it, and the printer starts on a throwaway one', async () => {
      const path = fullChrome!;
      const kept = join(cache, 'chrome-profile');
      await (await claimProfile(path, cache)).release(); // the profile is made for this browser
      const foreign = await startChrome({ path, args: launchArgs(), profile: kept, timeoutMs: 30_000 });
      const printer = new Printer({ executablePath: path });
      try {
        const { pdf } = await printer.pdf(doc('Printed beside another Chrome'), { name: 'c' });
        expect((await readPdf(pdf)).text).toContain('Printed beside another Chrome');
        expect(printer.stats.launches).toBe(1);
        const profiles = ourProfiles();
        expect(profiles.filter((p) => p === kept)).toHaveLength(1); // the foreign one
        expect(profiles.filter((p) => p.includes(`brief-chrome-${process.pid}-`))).toHaveLength(1);
        // A claim for another browser executable does not empty a profile a Chrome runs on.
        const other = await claimProfile('/bin/sh', cache);
        expect(other.kept).toBe(false);
        await other.release();
        expect(lstatSync(join(kept, 'SingletonLock')).isSymbolicLink()).toBe(true); // not emptied
      } finally {
        await printer.close();
        const exited = new Promise((r) => foreign.process.once('exit', r));
        foreign.process.kill('SIGTERM');
        await exited;
      }
      expect(existsSync(`${kept}.lock`)).toBe(false);
    });
  });
});
