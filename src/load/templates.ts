import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BriefError, ExitCode } from '../errors.js';

/**
 * templates: where an audience's templates come from. The package ships default templates and
 * audiences (templates/ beside dist/); a project's templates folder layers over them the way an
 * audience layers over base: a file there replaces the packaged file of the same name, a stylesheet
 * is added after the packaged one, a new audience folder adds an audience.
 */
export const PACKAGED_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));


/** The project's templates folder unless told otherwise (config.ts's default); it may be missing. */
export const DEFAULT_TEMPLATES_DIR = 'templates';

const isDir = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };

/**
 * The template roots for `dir`, the most specific first: the project's folder (when it exists), then
 * the packaged one. A folder named other than the default must exist (a typo is not silently the
 * packaged templates).
 */
export function templateRoots(dir: string = DEFAULT_TEMPLATES_DIR): string[] {
  const packaged = resolve(PACKAGED_TEMPLATES);
  if (resolve(dir) === packaged) return [packaged];
  if (isDir(dir)) return [dir, packaged];
  if (dir === DEFAULT_TEMPLATES_DIR) return [packaged];
  throw new BriefError('templates-missing', `templates folder not found: ${dir} (expected templates/base/ and templates/audiences/<name>/, either of which may be left out to use the packaged ones)`, { exitCode: ExitCode.usage });
}
