import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { BriefError, ExitCode } from '../errors.js';
import { isProcessAlive } from '../util/pid.js';

/** Temp files in flight, so an interrupted run can remove them. */
export const pendingTempFiles = new Set<string>();
/** Writes in progress (settled or not), so a shutdown can wait for them. */
const inFlight = new Set<Promise<void>>();
/** Set by abortWrites(): no write may complete any more. */
let aborted = false;

/**
 * write: the only stage that touches out/. Writes to a temporary file beside the target and renames
 * it into place, so a reader never sees a half-written PDF and a failure leaves nothing behind.
 */
export function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const job = writeAtomicNow(path, data);
  inFlight.add(job);
  const forget = () => { inFlight.delete(job); };
  job.then(forget, forget);
  return job;
}

async function writeAtomicNow(path: string, data: Uint8Array | string): Promise<void> {
  if (aborted) throw interrupted(path);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (!made.has(dir)) await makeDir(dir);
    await removeStaleTempFiles(dir);
    pendingTempFiles.add(tmp);
    try {
      await writeFile(tmp, data);
    } catch (e) {
      // the folder was removed since this process made it (a user cleaning out/ during watch mode)
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await makeDir(dir);
      await writeFile(tmp, data);
    }
    if (aborted) throw interrupted(path);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    if (e instanceof BriefError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOSPC' ? 'no space left on the device'
      : code === 'EDQUOT' ? 'disk quota exceeded'
      : code === 'EROFS' ? 'read-only file system'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way (part of the output path is a file, not a folder)'
      : code === 'EISDIR' ? 'a folder of that name is in the way'
      : (e as Error).message;
    throw new BriefError('io-write', `${path}: cannot write: ${why}; nothing was written there`, { exitCode: ExitCode.usage, cause: e });
  } finally {
    pendingTempFiles.delete(tmp);
  }
}

/** Folders this process has made (or found there) for its writes: a batch writes many files into each. */
const made = new Set<string>();

async function makeDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  made.add(dir);
}

/** Remove temp files left by this process (on SIGINT/SIGTERM). */
export async function removePendingTempFiles(): Promise<void> {
  await Promise.all([...pendingTempFiles].map((f) => rm(f, { force: true }).catch(() => {})));
  pendingTempFiles.clear();
}

const interrupted = (path: string) => new BriefError('interrupted', `${path}: not written: the run was interrupted`, { exitCode: ExitCode.usage });

/**
 * For a shutdown: let no write complete from now on, wait for the writes in progress to give up
 * (each removes its own temp file), then remove any temp file still listed.
 */
export async function abortWrites(): Promise<void> {
  aborted = true;
  await Promise.allSettled([...inFlight]);
  await removePendingTempFiles();
}

/** Folders already swept for stale temp files by this process. */
const swept = new Map<string, Promise<void>>();
const alive = isProcessAlive;

/**
 * Remove temp files that a run killed with `kill -9` left in `dir` (no cleanup could run then).
 * Their names carry the writer's pid: only those of processes that are gone are removed, so a
 * build running at the same time keeps its own. Once per folder per process.
 */
export function removeStaleTempFiles(dir: string): Promise<void> {
  let sweep = swept.get(dir);
  if (!sweep) {
    sweep = (async () => {
      const names = await readdir(dir).catch(() => [] as string[]);
      const stale = names.filter((n) => {
        const pid = Number(/^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(n)?.[1]);
        return pid > 0 && pid !== process.pid && !alive(pid);
      });
      await Promise.all(stale.map((n) => rm(join(dir, n), { force: true }).catch(() => {})));
    })();
    swept.set(dir, sweep);
  }
  return sweep;
}
