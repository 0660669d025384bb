import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from './pid.js';

/**
 * The browser's profile folder. Ours, not Puppeteer's, so that one left behind by a run that was
 * killed with `kill -9` (no cleanup could run; Chrome itself exits when its pipe closes) is
 * recognised by the pid in its name and removed by the next run.
 */
const PREFIX = 'brief-chrome-';

export async function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

export async function removeProfileDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
}

const alive = isProcessAlive;

/** Remove the profile folders of runs whose process is gone. Never throws. */
export async function removeStaleProfiles(dir = tmpdir()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(n)?.[1]);
    return pid > 0 && pid !== process.pid && !alive(pid);
  });
  await Promise.all(stale.map((n) => removeProfileDir(join(dir, n))));
  return stale;
}
