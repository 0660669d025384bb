import { findFactSheetFiles } from '../load/data.js';
import { loadSheets, type SheetsResult } from '../validate/sheets.js';

export interface ValidateOptions {
  /** Shown paths are relative to this folder (default: the working folder). */
  cwd?: string;
}

/**
 * Validate fact sheets: every YAML file under the given files or folders, every problem of every
 * file (never throws for bad data; only for a path that does not exist).
 */
export async function validate(paths: readonly string[], options: ValidateOptions = {}): Promise<SheetsResult> {
  return loadSheets(await findFactSheetFiles(paths), options.cwd);
}
