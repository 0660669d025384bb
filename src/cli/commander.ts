import { createRequire } from 'node:module';
import type * as C from 'commander';

/**
 * commander, loaded with require(): its ES module entry makes Node parse the CommonJS build for
 * its export names before running it, which costs about as much again as the load itself, at every
 * start of the CLI. The CLI's modules take commander from here.
 */
const commander = createRequire(import.meta.url)('commander') as typeof C;

export const { Command, CommanderError, Option } = commander;
export type Command = C.Command;
export type CommanderError = C.CommanderError;
export type Option = C.Option;
