import { randomBytes } from 'node:crypto';
import { accessSync, constants, realpathSync, renameSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, basename, relative, resolve } from 'node:path';
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
    if (aborted) throw interrupted(path);
    pendingTempFiles.add(tmp);
    // The write and the rename are synchronous: a PDF or HTML file goes to the page cache in well
    // under a millisecond, where each of the four steps through the thread pool (open, write,
    // close, rename) waits its turn behind other work: ~1.5 ms of a save's ~40 in watch mode.
    try {
      writeFileSync(tmp, data);
    } catch (e) {
      // the folder was removed since this process made it (a user cleaning out/ during watch mode)
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await makeDir(dir);
      writeFileSync(tmp, data);
    }
    if (aborted) throw interrupted(path);
    renameSync(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    if (e instanceof BriefError) throw e;
    const why = writeWhy(e);
    throw new BriefError('io-write', `${path}: cannot write: ${why}; nothing was written there`, { exitCode: ExitCode.usage, cause: e });
  } finally {
    pendingTempFiles.delete(tmp);
  }
}

/** Folders this process has made (or found there) for its writes: a batch writes many files into each. */
const made = new Set<string>();

async function makeDir(dir: string): Promise<void> {
  await makeDirs(dir);
  made.add(dir);
}

/**
 * mkdir -p, one level at a time from the deepest folder that exists: Node's recursive mkdir spins
 * for ever where a parent refuses new entries with ENOENT (under /proc).
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const s = await stat(d).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (s) {
      if (!s.isDirectory()) throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) await mkdir(d).catch((e: NodeJS.ErrnoException) => (e.code === 'EEXIST' ? undefined : Promise.reject(e)));
}

/** Virtual file systems: what is written there is not a file on a disk (and /proc spins mkdir). */
const VIRTUAL = ['/proc', '/sys', '/dev'];
/** Less free space than this on the output's file system fails the build before anything is printed. */
export const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Fail fast on an output folder that cannot take the briefings: under /proc, /sys or /dev, on a
 * read-only file system, not writable, or on a file system with less than MIN_FREE_BYTES free.
 * Throws an `io-write` BriefError (exit 2) saying why.
 */
export async function prepareOutDir(dir: string): Promise<void> {
  // (synchronous look-ups: each is microseconds, where a trip through the thread pool is a good part
  // of a millisecond, on the path from a save to its print in watch mode)
  const abs = resolve(dir);
  const fail = (why: string, cause?: unknown) => new BriefError('io-write', `${dir}: cannot write the briefings there: ${why}; nothing was built`, { exitCode: ExitCode.usage, cause });
  // The real place of the deepest folder that exists (a link may lead into /proc).
  let existing = abs;
  const exists = (p: string) => { try { statSync(p); return true; } catch { return false; } };
  while (!exists(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real = existing;
  try { real = realpathSync(existing); } catch { /* as it is */ }
  const where = join(real, relative(existing, abs));
  const virtual = VIRTUAL.find((v) => where === v || where.startsWith(`${v}/`));
  if (virtual) throw fail(`it is under ${virtual}, a virtual file system, not a disk`);
  // Nothing is made yet (a build that fails validation leaves no folder): the deepest folder that
  // exists must be a folder this process may write in.
  try {
    if (!statSync(existing).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(existing, constants.W_OK);
  } catch (e) {
    throw fail(writeWhy(e), e);
  }
  let fs: { bavail: number; bsize: number } | undefined;
  try { fs = statfsSync(existing); } catch { /* unknown: not checked */ }
  if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) throw fail(`no space left on the device (${Math.floor((fs.bavail * fs.bsize) / 1024)} kB free)`);
  // A folder that is there already needs no making at the first write, and is swept for stale temp
  // files now, while the sheets are checked and the briefing prints, not after the print.
  if (existing === abs) {
    made.add(dir);
    void removeStaleTempFiles(dir);
  }
}

/** A write error's code in words. */
function writeWhy(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EDQUOT' ? 'disk quota exceeded'
    : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way (part of the output path is a file, not a folder)'
    : code === 'EISDIR' ? 'a folder of that name is in the way'
    : (e as Error).message;
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
