import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { BriefError, ExitCode } from './errors.js';

/** Temp files in flight, so an interrupted run can remove them. */
export const pendingTempFiles = new Set<string>();

/**
 * write: the only stage that touches out/. Writes to a temporary file beside the target and renames
 * it into place, so a reader never sees a half-written PDF and a failure leaves nothing behind.
 */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    pendingTempFiles.add(tmp);
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : code === 'EROFS' ? 'read-only file system' : (e as Error).message;
    throw new BriefError('io-write', `${path}: cannot write: ${why}`, { exitCode: ExitCode.usage, cause: e });
  } finally {
    pendingTempFiles.delete(tmp);
  }
}

/** Remove temp files left by this process (on SIGINT/SIGTERM). */
export async function removePendingTempFiles(): Promise<void> {
  await Promise.all([...pendingTempFiles].map((f) => rm(f, { force: true }).catch(() => {})));
  pendingTempFiles.clear();
}
