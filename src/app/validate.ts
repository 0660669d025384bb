import { findFactSheetFiles, misplacedSheets } from '../load/data.js';
import { loadSheets, type SheetsResult } from '../validate/sheets.js';
import { DEFAULTS } from '../config.js';
import { BriefError, ExitCode } from '../errors.js';
import { checkOptions } from './options.js';

export interface ValidateOptions {
  /** Shown paths are relative to this folder (default: the working folder). */
  cwd?: string;
}

/**
 * Validate fact sheets: every YAML file under the given files or folders (default: `data`), every problem of every
 * file (never throws for bad data; only for a path that does not exist). A sheet found in a folder
 * but in no week folder, which a build never reads, is warned of (`week-folder`).
 */
export async function validate(paths: string | readonly string[] = [DEFAULTS.dataDir], options: ValidateOptions = {}): Promise<SheetsResult> {
  checkOptions('validate', options, { cwd: 'string' });
  if (typeof paths === 'string') paths = [paths];
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) throw new BriefError('usage', 'validate() takes a path or a list of paths (files or folders)', { exitCode: ExitCode.usage });
  const files = await findFactSheetFiles(paths);
  const result = await loadSheets(files, options.cwd, { misplaced: misplacedSheets(paths, files) });
  // The caller's own copies: the process keeps the validated sheets of unchanged files for builds
  // (sheets.ts), and a caller who edits or redacts a result in place must not change what a later
  // build prints.
  return { ...result, sheets: structuredClone(result.sheets) };
}
