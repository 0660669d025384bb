import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { BriefError, ExitCode } from './errors.js';
import { DEFAULT_TEMPLATES_DIR, PACKAGED_TEMPLATES } from './load/templates.js';
import { precompiledValidator } from './schema/precompiled.js';

/**
 * config: where every setting of a run comes from, in one place. Defaults, then the project's
 * configuration file (brief.config.yaml, found upward from the working folder), then the command
 * line's flags; the result is one frozen value the commands read. Paths in the file are relative to
 * the file's folder; they are given to the rest relative to the working folder when inside it.
 */
export const DEFAULTS = Object.freeze({ dataDir: 'data', templatesDir: DEFAULT_TEMPLATES_DIR, outDir: 'out' });

/** The configuration file's names, looked for in this order in each folder from cwd up. */
export const CONFIG_FILES = ['brief.config.yaml', 'brief.config.yml', 'brief.config.json'];

/** What the file may hold (schema/config.schema.json). */
export interface ConfigFile {
  data?: string;
  templates?: string;
  out?: string;
  audiences?: string[];
  concurrency?: number;
  timeout?: number;
  browser?: string;
  html?: boolean;
}

/** What the command line may say; undefined means "not given". */
export interface ConfigFlags {
  data?: string;
  templates?: string;
  out?: string;
  /** Audience names, or 'all' (every audience, whatever the file says). */
  audiences?: string[] | 'all';
  concurrency?: number;
  timeout?: number;
  browser?: string;
  html?: boolean;
  /** A configuration file to use instead of searching (--config). */
  config?: string;
}

export interface Config {
  dataDir: string;
  templatesDir: string;
  outDir: string;
  /** Audiences to build; undefined: every audience. */
  audiences: readonly string[] | undefined;
  concurrency: number | undefined;
  timeoutMs: number | undefined;
  /** An explicit browser (flag, else the file unless PUPPETEER_EXECUTABLE_PATH is set); undefined: found. */
  browser: string | undefined;
  html: boolean;
  /** The configuration file read, if any. */
  file: string | undefined;
}

export const configSchemaUrl = new URL('../schema/config.schema.json', import.meta.url);

/** The YAML parser readConfigFile uses (js-yaml's `load` and `CORE_SCHEMA`; typed here so the published declarations need no js-yaml types). */
export interface YamlParser { load(text: string, options?: { schema?: unknown; filename?: string }): unknown; CORE_SCHEMA: unknown }

/** Read and check a configuration file; a BriefError (usage) names the file and the field. */
export async function readConfigFile(file: string, parser?: YamlParser): Promise<ConfigFile> {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) raw = JSON.parse(text);
    else {
      const jsYaml: YamlParser = parser ?? createRequire(import.meta.url)('js-yaml') as YamlParser;
      raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file }) ?? {};
    }
  } catch (e) {
    throw new BriefError('config-read', `${file}: cannot read the configuration: ${(e as Error).message.split('\n')[0]}`, { exitCode: ExitCode.usage, location: { file }, cause: e });
  }
  const schemaText = readFileSync(configSchemaUrl, 'utf8');
  const validate = precompiledValidator('config', schemaText) ?? (() => {
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    return new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(JSON.parse(schemaText) as object);
  })();
  if (!validate(raw)) {
    const errors = [...(validate.errors ?? [])]; // (taken before the await: the validator is shared)
    const { invalidConfig } = await import('./load/config-errors.js');
    throw await invalidConfig('config-invalid', 'configuration', file, text, errors, JSON.parse(schemaText) as object);
  }
  return raw as ConfigFile;
}

/** The nearest configuration file from `cwd` up to the file-system root (lilconfig's search). */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  const { lilconfig } = await import('lilconfig');
  const found = await lilconfig('brief', {
    searchPlaces: CONFIG_FILES, stopDir: '/', loaders: { '.yaml': () => ({}), '.yml': () => ({}), '.json': () => ({}) },
  }).search(cwd);
  return found?.filepath;
}

/**
 * Defaults + the configuration file + the flags → one frozen Config. `env` is consulted only for
 * PUPPETEER_EXECUTABLE_PATH, which beats the file's browser (the flag beats both).
 */
export async function loadConfig(flags: ConfigFlags = {}, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Readonly<Config>> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = flags.config ? resolve(cwd, flags.config) : await findConfigFile(cwd);
  // js-yaml's ES module build: one file, quicker to load than its CommonJS build, and the copy the
  // fact sheets are read with.
  const fromFile = file ? await readConfigFile(file, file.endsWith('.json') ? undefined : (await import('js-yaml')).default) : {};
  // The project's folder: the configuration file's (its paths, and the default folders, are
  // relative to it), else the working folder. A path is shown relative to cwd when inside it.
  const base = file ? dirname(file) : cwd;
  const path = (p: string | undefined): string | undefined => {
    if (p === undefined || !file) return p;
    const abs = resolve(base, p);
    const rel = relative(cwd, abs);
    return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  };
  // The default templates folder may be missing: the packaged templates alone are used then (and
  // named, so that watch has a folder to watch). One named by a flag or by the file must exist.
  const defaultTemplates = (): string => existsSync(resolve(base, DEFAULTS.templatesDir)) ? path(DEFAULTS.templatesDir)! : PACKAGED_TEMPLATES;
  return Object.freeze({
    dataDir: flags.data ?? path(fromFile.data ?? DEFAULTS.dataDir)!,
    templatesDir: flags.templates ?? path(fromFile.templates) ?? defaultTemplates(),
    outDir: flags.out ?? path(fromFile.out ?? DEFAULTS.outDir)!,
    audiences: flags.audiences === 'all' ? undefined
      : flags.audiences && flags.audiences.length > 0 ? Object.freeze([...new Set(flags.audiences)])
        : fromFile.audiences ? Object.freeze([...fromFile.audiences]) : undefined,
    concurrency: flags.concurrency ?? fromFile.concurrency,
    timeoutMs: flags.timeout ?? fromFile.timeout,
    browser: flags.browser ?? (env.PUPPETEER_EXECUTABLE_PATH ? undefined : path(fromFile.browser)),
    html: flags.html ?? fromFile.html ?? false,
    file,
  });
}
