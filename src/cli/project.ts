import { existsSync } from 'node:fs';
import { BriefError, ExitCode } from '../errors.js';
import type { Config } from '../config.js';

/**
 * No configuration file from here up, no --data and no data folder here: brief was most likely run
 * outside its project. Said so, instead of "data: no such file or folder".
 */
export function projectHere(cfg: Readonly<Config>, dataFlag: string | undefined): void {
  if (cfg.file || dataFlag !== undefined || existsSync(cfg.dataDir)) return;
  throw new BriefError('data-missing', `no data folder here (${cfg.dataDir}/) and no brief.config.yaml in this folder or above: run brief in your project's folder, name the data folder with --data, or make a project here with \`brief init\``, { exitCode: ExitCode.usage });
}
