import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { setBounded } from '../util/bounded.js';

/**
 * file-cache: the text of small files read again and again in one process (templates, audience
 * configs: a batch reads them once per week, watch mode once per save), kept while the file's size,
 * mtime and inode are the same. A stat instead of open, stat, read and close.
 */
const texts = new Map<string, { id: string; text: string }>();

/** What tells one version of a file from another without reading it: size, mtime, ctime, inode. */
export async function fileStamp(file: string): Promise<string> {
  // (synchronous: a stat is microseconds, a trip through the thread pool a good part of a millisecond, per file)
  return stampOf(statSync(file, { bigint: true }));
}

/** fileStamp from a stat already made. */
export const stampOf = (s: BigIntStats): string => `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;

/** Reads in progress, by file: callers at the same moment (the weeks of a batch) share one. */
const pending = new Map<string, Promise<string>>();

/** The file's UTF-8 text (errors as readFile's: ENOENT when it does not exist). */
export function readTextCached(file: string): Promise<string> {
  let read = pending.get(file);
  if (!read) {
    read = readNow(file);
    pending.set(file, read);
    const done = () => { if (pending.get(file) === read) pending.delete(file); };
    read.then(done, done);
  }
  return read;
}

async function readNow(file: string): Promise<string> {
  const id = await fileStamp(file);
  const hit = texts.get(file);
  if (hit && hit.id === id) return hit.text;
  const text = readFileSync(file, 'utf8');
  setBounded(texts, file, { id, text }, 512);
  return text;
}
