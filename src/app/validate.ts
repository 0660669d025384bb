import { findFactSheetFiles, misplacedSheets } from '../load/data.js';
import { loadSheets, type SheetsResult } from '../validate/sheets.js';

export interface ValidateOptions {
  /** Shown paths are relative to this folder (default: the working folder). */
  cwd?: string;
}

/**
 * Validate fact sheets: every YAML file under the given files or folders, every problem of every
 * file (never throws for bad data; only for a path that does not exist). A sheet found in a folder
 * but in no week folder, which a build never reads, is warned of (`week-folder`).
 */
export async function validate(paths: readonly string[], options: ValidateOptions = {}): Promise<SheetsResult> {
  const files = await findFactSheetFiles(paths);
  return loadSheets(files, options.cwd, { misplaced: await misplacedSheets(paths, files) });
}
