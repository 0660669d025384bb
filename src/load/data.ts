import type { Dirent, Stats } from 'node:fs';
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { BriefError, ExitCode } from '../errors.js';
import { isWeek, meantWeek, notAWeek } from '../util/week.js';
import { compareNatural } from '../util/compare.js';

/**
 * The file system is asked synchronously here (the functions stay async for their callers): a
 * listing or a stat is a few microseconds, where each trip through libuv's thread pool cost a build
 * in watch mode ~0.3–1 ms between a save and its print, one after the other. A failed call is
 * fsError's, naming the path.
 */
function fsCall<T>(f: () => T, path: string, what?: string): T {
  try { return f(); } catch (e) { throw fsError(path, e, what); }
}

/** The ISO weeks under data/ (folders named like 2025-W38), oldest first. */
export async function listWeeks(dataDir: string): Promise<string[]> {
  let entries;
  try {
    entries = readdirSync(dataDir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BriefError('data-missing', `data folder not found: ${dataDir}`, { exitCode: ExitCode.usage, cause: e });
    throw new BriefError('io-read', `${dataDir}: cannot read the data folder: ${fsError(dataDir, e, 'folder').message.slice(dataDir.length + 2)}`, { exitCode: ExitCode.usage, cause: e });
  }
  return entries.filter((e) => e.isDirectory() && isWeek(e.name)).map((e) => e.name).sort();
}

export async function resolveWeek(dataDir: string, week?: string): Promise<string> {
  const weeks = await listWeeks(dataDir);
  if (weeks.length === 0) throw new BriefError('week-unknown', `no week folders (like 2025-W38) in ${dataDir}`, { exitCode: ExitCode.usage });
  if (!week) return weeks.at(-1)!;
  if (!isWeek(week)) throw new BriefError('week-invalid', notAWeek(week), { exitCode: ExitCode.usage });
  if (!weeks.includes(week)) throw new BriefError('week-unknown', `no data for week ${week} in ${dataDir} (available: ${weeks.join(', ')})`, { exitCode: ExitCode.usage });
  return week;
}

/** What kind of file a stat says it is, for messages. */
export function kindOf(s: Stats): string {
  return s.isFIFO() ? 'a FIFO (named pipe)' : s.isSocket() ? 'a socket' : s.isCharacterDevice() ? 'a character device'
    : s.isBlockDevice() ? 'a block device' : s.isSymbolicLink() ? 'a symbolic link' : s.isDirectory() ? 'a folder' : 'not a regular file';
}

/** A file-system error as a BriefError (exit 2) in words, naming the path. */
export function fsError(path: string, e: unknown, what = 'file or folder'): BriefError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? `no such ${what}` : code === 'ELOOP' ? 'a symbolic link loop (a link that leads back to itself)'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'part of the path is a file, not a folder'
    : (e as Error).message;
  return new BriefError('io-read', `${path}: ${why}`, { exitCode: ExitCode.usage, cause: e });
}

const isInside = (root: string, p: string) => p === root || p.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

/**
 * YAML files under the given files or folders (recursively), sorted. Only regular files are taken:
 * a FIFO, socket or device named *.yaml is refused (reading a FIFO blocks for ever, a device never
 * ends), as is a symbolic link that leads out of the folder being read (`within`, default: each
 * folder given) or round in a loop. A path given explicitly may be a link anywhere, to a regular file.
 */
export async function findFactSheetFiles(paths: readonly string[], options: { within?: string } = {}): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  async function walkDir(dir: string, root: string): Promise<void> {
    const real = fsCall(() => realpathSync(dir), dir, 'folder');
    if (seen.has(real)) return; // a link back to a folder already read
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new BriefError('io-read', `${dir}: cannot read the folder: ${fsError(dir, e, 'folder').message.slice(dir.length + 2)}`, { exitCode: ExitCode.usage, cause: e });
    }
    // Numbers in names as numbers (topic-2 before topic-10), as people number files.
    for (const entry of entries.sort((a, b) => compareNatural(a.name, b.name))) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      const yamlName = /\.ya?ml$/i.test(name);
      // The folder listing says what a plain file is: only the rest is looked at (a stat each,
      // through the thread pool, made a folder of 300 sheets cost 25 ms).
      if (entry.isFile()) {
        if (yamlName) out.push(p);
        continue;
      }
      const l = fsCall(() => lstatSync(p), p);
      let s: Stats = l;
      if (l.isSymbolicLink()) {
        const target = fsCall(() => realpathSync(p), p);
        if (!isInside(root, target)) {
          throw new BriefError('io-read', `${p}: a symbolic link to ${target}, outside ${root}; links are followed only inside the folder being read`, { exitCode: ExitCode.usage });
        }
        s = fsCall(() => statSync(p), p);
      }
      if (s.isDirectory()) await walkDir(p, root);
      else if (!yamlName) continue;
      else if (s.isFile()) out.push(p);
      else throw new BriefError('io-read', `${p}: ${kindOf(s)}, not a regular file; fact sheets are read only from regular files`, { exitCode: ExitCode.usage });
    }
  }
  for (const p of paths) {
    const s = fsCall(() => statSync(p), p);
    if (s.isDirectory()) {
      const root = fsCall(() => realpathSync(options.within ?? p), options.within ?? p, 'folder');
      await walkDir(p, root);
    } else if (s.isFile()) out.push(p);
    else throw new BriefError('io-read', `${p}: ${kindOf(s)}, not a regular file; fact sheets are read only from regular files`, { exitCode: ExitCode.usage });
  }
  return out;
}

/**
 * The fact sheets among `files` (findFactSheetFiles of `paths`) that `brief build` will never read,
 * with why, for `brief validate`: those found in a folder given (not named themselves) that are in no
 * week folder, when that folder holds week folders or the sheet's folder was meant as one
 * ("2026-w51"). A build reads only `data/<YYYY-Www>/`, so such a sheet would pass validation and be
 * left out without a word. From the paths alone: the files found say what the folders hold.
 */
export function misplacedSheets(paths: readonly string[], files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const given = new Set(paths);
  for (const root of paths) {
    if (files.includes(root)) continue; // a file, named itself
    if (isWeek(basename(root))) continue;
    // The files found under a folder are named from it (join): its prefix cut off is their path in
    // it, without path.relative's two resolves a file (~10 ms over 300 sheets).
    const prefix = join(root, sep);
    const inside = files.flatMap((f) => {
      if (given.has(f)) return [];
      const rel = f.startsWith(prefix) ? f.slice(prefix.length) : relative(root, f);
      return rel.startsWith('..') || isAbsolute(rel) ? [] : [{ f, folders: rel.split(sep).slice(0, -1) }];
    });
    const hasWeeks = inside.some(({ folders }) => folders.length > 0 && isWeek(folders[0]!));
    for (const { f, folders } of inside) {
      if (out.has(f) || folders.some(isWeek)) continue;
      const meant = folders.map((d) => [d, meantWeek(d)] as const).find(([, w]) => w);
      if (meant) out.set(f, `the folder '${meant[0]}' is not named as a week, so \`brief build\` never reads this sheet: rename it ${meant[1]}`);
      else if (hasWeeks) out.set(f, `this sheet is in no week folder, so \`brief build\` never reads it: move it into the folder of its week (${join(root, '<YYYY-Www>')})`);
    }
  }
  return out;
}
