import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The whole run gets a cache folder of its own (BRIEF_CACHE_DIR, inherited by the test workers and
 * the processes they start): tests never write into the repository's node_modules/.cache, nor into
 * a cache the user pointed BRIEF_CACHE_DIR at, and pass whatever it said.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'brief-test-cache-'));
  const saved = process.env.BRIEF_CACHE_DIR;
  process.env.BRIEF_CACHE_DIR = dir;
  return () => {
    if (saved === undefined) delete process.env.BRIEF_CACHE_DIR;
    else process.env.BRIEF_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}
