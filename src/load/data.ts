import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BriefError, ExitCode } from '../errors.js';
import { isWeek } from '../util/week.js';

/** The ISO weeks under data/ (folders named like 2025-W38), oldest first. */
export async function listWeeks(dataDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch (e) {
    throw new BriefError('data-missing', `data folder not found: ${dataDir}`, { exitCode: ExitCode.usage, cause: e });
  }
  return entries.filter((e) => e.isDirectory() && isWeek(e.name)).map((e) => e.name).sort();
}

export async function resolveWeek(dataDir: string, week?: string): Promise<string> {
  const weeks = await listWeeks(dataDir);
  if (weeks.length === 0) throw new BriefError('week-unknown', `no week folders (like 2025-W38) in ${dataDir}`, { exitCode: ExitCode.usage });
  if (!week) return weeks.at(-1)!;
  if (!isWeek(week)) throw new BriefError('week-invalid', `'${week}' is not an ISO week; expected YYYY-Www, e.g. 2025-W38`, { exitCode: ExitCode.usage });
  if (!weeks.includes(week)) throw new BriefError('week-unknown', `no data for week ${week} in ${dataDir} (available: ${weeks.join(', ')})`, { exitCode: ExitCode.usage });
  return week;
}

/** YAML files under the given files or folders (recursively), sorted. */
export async function findFactSheetFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(p: string, explicit: boolean): Promise<void> {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      throw new BriefError('io-read', `${p}: no such file or folder`, { exitCode: ExitCode.usage, cause: e });
    }
    if (s.isDirectory()) {
      for (const e of (await readdir(p)).sort()) if (!e.startsWith('.')) await walk(join(p, e), false);
    } else if (explicit || /\.ya?ml$/i.test(p)) out.push(p);
  }
  for (const p of paths) await walk(p, true);
  return out;
}
