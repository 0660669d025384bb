import { link, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from './cache-dir.js';
import { isProcessAlive } from './pid.js';

/**
 * The browser's profile folder (--user-data-dir). Chrome fills a new profile with ~180 files (~2 MB)
 * as it starts, and removing them takes time again at the end: ~0.2 s of a cold build on a 2-core
 * machine. So a run uses the kept profile, `chrome-profile` in the cache folder, when no other live
 * process holds it (its lock file, `chrome-profile.lock`, names the holder's pid), and a throwaway
 * one otherwise (two builds at once, or a cache folder that cannot be written).
 *
 * The profile holds nothing of the briefings: documents are loaded into about:blank (no history),
 * every request is refused (no HTTP cache) and JavaScript is off (no storage). It is emptied when the
 * browser executable changes (path, size or time), so a profile never meets an older Chrome.
 *
 * Throwaway profiles are ours, not Puppeteer's, so that one left behind by a run killed with
 * `kill -9` (no cleanup could run; Chrome itself exits when its pipe closes) is recognised by the pid
 * in its name and removed by the next run. A lock left by such a run names a dead pid: the next run
 * takes it over. Should two runs ever start Chrome on the kept profile at once (both taking over one
 * stale lock), Chrome refuses the second at start (its own SingletonLock), and that run falls back to
 * a throwaway profile (see Printer.launch); a profile a Chrome runs on is never emptied.
 */
export interface Profile {
  dir: string;
  /** The kept profile (reused from run to run), not a throwaway one. */
  kept: boolean;
  /** Give the profile up once its browser has exited: unlock a kept one, remove a throwaway one. */
  release(): Promise<void>;
}

const PREFIX = 'brief-chrome-';
const KEPT = 'chrome-profile';

export async function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

export async function removeProfileDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
}

const alive = isProcessAlive;

/** A throwaway profile in the temp folder, removed on release. */
export async function throwawayProfile(): Promise<Profile> {
  const dir = await makeProfileDir();
  return { dir, kept: false, release: () => removeProfileDir(dir) };
}

/**
 * The kept profile if no other live process holds it, else a throwaway one. `browserPath`: the
 * executable the profile is for. Never throws for the kept profile's sake (a throwaway one is made).
 */
export async function claimProfile(browserPath: string, cache = cacheDir()): Promise<Profile> {
  const dir = join(cache, KEPT);
  const lock = `${dir}.lock`;
  try {
    await mkdir(cache, { recursive: true });
    if (await takeLock(lock)) {
      try {
        await forBrowser(dir, browserPath);
        return { dir, kept: true, release: () => unlock(lock) };
      } catch {
        await unlock(lock);
      }
    }
  } catch {
    // a cache folder we cannot write: a throwaway profile
  }
  return throwawayProfile();
}

/**
 * Create the lock file with our pid, atomically (written aside, then hard-linked into place: a
 * reader never sees it empty). A lock whose process is gone is taken over.
 */
async function takeLock(lock: string): Promise<boolean> {
  const mine = `${lock}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(mine, lock);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        const pid = Number(await readFile(lock, 'utf8').catch(() => '0'));
        if (pid === process.pid || (pid > 0 && alive(pid))) return false;
        await unlink(lock).catch(() => {});
      }
    }
    return false;
  } finally {
    await unlink(mine).catch(() => {});
  }
}

/** Remove the lock if it is still ours. */
async function unlock(lock: string): Promise<void> {
  const pid = await readFile(lock, 'utf8').catch(() => '');
  if (pid === String(process.pid)) await unlink(lock).catch(() => {});
}

/**
 * Empty the kept profile when it was made by another browser executable (its stamp beside it), unless
 * a Chrome runs on it (then it is busy: throws).
 */
async function forBrowser(dir: string, browserPath: string): Promise<void> {
  const s = await stat(browserPath).catch(() => undefined);
  const stamp = `${browserPath}\n${s ? `${s.size} ${Math.round(s.mtimeMs)}` : '?'}\n`;
  const file = `${dir}.browser`;
  if ((await readFile(file, 'utf8').catch(() => '')) !== stamp) {
    if (await chromeRunsOn(dir)) throw new Error(`a browser runs on ${dir}`);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    await writeFile(file, stamp);
  }
  await mkdir(dir, { recursive: true });
}

/** Whether a live Chrome holds the profile: its SingletonLock, a symlink to "<host>-<pid>". */
async function chromeRunsOn(dir: string): Promise<boolean> {
  const target = await readlink(join(dir, 'SingletonLock')).catch(() => '');
  const cut = target.lastIndexOf('-');
  return cut > 0 && target.slice(0, cut) === hostname() && alive(Number(target.slice(cut + 1)));
}

/** Remove the throwaway profile folders of runs whose process is gone. Never throws. */
export async function removeStaleProfiles(dir = tmpdir()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(n)?.[1]);
    return pid > 0 && pid !== process.pid && !alive(pid);
  });
  await Promise.all(stale.map((n) => removeProfileDir(join(dir, n))));
  return stale;
}
