import { linkSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import { isProcessAlive } from '../util/pid.js';

/**
 * The browser's profile folder (--user-data-dir). Chrome fills a new profile with ~180 files (~2 MB)
 * as it starts, and removing them takes time again at the end: 0.15–0.2 s of a cold build on a 2-core
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

async function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

async function removeProfileDir(dir: string): Promise<void> {
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
 * The claim is a few small synchronous file operations: it comes right before Chrome is spawned, on
 * the critical path of a cold build, where a trip through the thread pool waits behind other reads.
 */
export async function claimProfile(browserPath: string, cache = cacheDir()): Promise<Profile> {
  const dir = join(cache, KEPT);
  const lock = `${dir}.lock`;
  try {
    mkdirSync(cache, { recursive: true });
    if (takeLock(lock)) {
      try {
        forBrowser(dir, browserPath);
        return { dir, kept: true, release: async () => unlock(lock) };
      } catch {
        unlock(lock);
      }
    }
  } catch {
    // a cache folder we cannot write: a throwaway profile
  }
  return throwawayProfile();
}

const readOr = (file: string, fallback: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};

/**
 * Create the lock file with our pid, atomically (written aside, then hard-linked into place: a
 * reader never sees it empty). A lock whose process is gone is taken over.
 */
function takeLock(lock: string): boolean {
  const mine = `${lock}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, lock);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
        const pid = Number(readOr(lock, '0'));
        if (pid === process.pid || (pid > 0 && alive(pid))) return false;
        try { unlinkSync(lock); } catch { /* gone meanwhile */ }
      }
    }
    return false;
  } finally {
    try { unlinkSync(mine); } catch { /* already gone */ }
  }
}

/** Remove the lock if it is still ours. */
function unlock(lock: string): void {
  if (readOr(lock, '') !== String(process.pid)) return;
  try { unlinkSync(lock); } catch { /* gone meanwhile */ }
}

/**
 * Empty the kept profile when it was made by another browser executable (its stamp beside it), unless
 * a Chrome runs on it (then it is busy: throws).
 */
function forBrowser(dir: string, browserPath: string): void {
  let s: { size: number; mtimeMs: number } | undefined;
  try { s = statSync(browserPath); } catch { /* not there: stamped '?' */ }
  const stamp = `${browserPath}\n${s ? `${s.size} ${Math.round(s.mtimeMs)}` : '?'}\n`;
  const file = `${dir}.browser`;
  if (readOr(file, '') !== stamp) {
    if (chromeRunsOn(dir)) throw new Error(`a browser runs on ${dir}`);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    writeFileSync(file, stamp);
  }
  mkdirSync(dir, { recursive: true });
}

/** Whether a live Chrome holds the profile: its SingletonLock, a symlink to "<host>-<pid>". */
function chromeRunsOn(dir: string): boolean {
  let target = '';
  try { target = readlinkSync(join(dir, 'SingletonLock')); } catch { return false; }
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
