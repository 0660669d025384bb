import type { Config, ConfigFlags } from '../config.js';
import type { CliIO } from './io.js';

/** What every command's action gets: the terminal, the global options, and the run's configuration. */
export interface Context {
  io: CliIO;
  /** Whether colour is used (useColor). */
  color: boolean;
  /** --debug: stack traces for internal errors. */
  debug(): boolean;
  /** Defaults + brief.config.yaml + these flags (and the global --config) → the run's configuration. */
  config(flags: ConfigFlags): Promise<Readonly<Config>>;
}
