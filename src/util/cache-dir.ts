import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * cache-dir: the tool's cache folder, BRIEF_CACHE_DIR or else node_modules/.cache/brief of the tool's
 * own install (compiled templates, the last contents layouts, the kept browser profile). Everything in
 * it is a cache: deleting it costs time, never a result. What is in it is run as the tool's code (compiled templates): it is
 * as trusted as the install it sits in.
 */
export function cacheDir(): string {
  return process.env.BRIEF_CACHE_DIR || join(dirname(createRequire(import.meta.url).resolve('handlebars/package.json')), '..', '.cache', 'brief');
}
