import { relative, resolve, sep } from 'node:path';
import { build, BUILD_OPTIONS, DEFAULTS, type BuildOptions, type BuildResult } from './build.js';
import { BuildLoop } from './build-loop.js';
import { watchFiles } from './file-watcher.js';
import type { Printer } from '../print/printer.js';
import { Session } from './session.js';
import { checkOptions } from './options.js';

/**
 * watch: rebuild the briefings whenever a fact sheet, template or stylesheet is saved. The browser
 * stays warm between builds (one Printer for the whole session). A save starts a build at once;
 * saves during a build make one follow-up build (build-loop.ts); never two builds at once. A change
 * inside templates/audiences/<name>/ rebuilds only that audience; anything else rebuilds them all.
 * Errors go to `onError` and watching goes on; an error of a build already superseded by a newer
 * save is not reported (an editor's half-written file). The HTML is written beside each PDF. Builds
 * are incremental unless `incremental: false`: a document whose inputs are unchanged is not printed
 * again (`skipped` in the result); `force` prints every document of the first build.
 */
export interface WatchOptions extends Omit<BuildOptions, 'writeHtml' | 'printer'> {
  /** A printer to reuse; otherwise one is made and closed by close(). */
  printer?: Printer;
  /** Called when a build starts: the changed files (none for the first build) and the audiences rebuilt (undefined: all). */
  onStart?: (event: WatchEvent) => void;
  /** Called after each successful build. */
  onBuild?: (result: BuildResult, event: WatchEvent) => void;
  /** Called when a build fails; watching goes on. */
  onError?: (error: unknown, event: WatchEvent) => void;
}

export interface WatchEvent { files: string[]; audiences: string[] | undefined }

export interface Watcher {
  /** Settles when the first build is done (successfully or not) and the watcher is ready. */
  readonly ready: Promise<void>;
  /** Stop watching, wait for a running build, close the browser if this watcher made it. */
  close(): Promise<void>;
}

/** Which audience a changed path belongs to, or undefined when it may affect every audience. */
export function audienceOf(templatesDir: string, file: string): string | undefined {
  const rel = relative(resolve(templatesDir, 'audiences'), resolve(file));
  if (rel.startsWith('..') || rel === '') return undefined;
  const [name, ...rest] = rel.split(sep);
  return rest.length > 0 ? name : undefined;
}

export function watch(options: WatchOptions = {}): Watcher {
  const { writeHtml: _h, printer: _p, ...shared } = BUILD_OPTIONS;
  checkOptions('watch', options, { ...shared, printer: 'object', onStart: 'function', onBuild: 'function', onError: 'function' });
  const { onStart: _s, onBuild: _b, onError: _e, printer: _printer, ...buildOptions } = options;
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const templatesDir = options.templatesDir ?? DEFAULTS.templatesDir;
  // One session for the whole watch: the browser stays warm, the contents layouts are remembered.
  const session = options.session ?? new Session({ printer: options.printer, printerOptions: options.printerOptions });
  const requested = options.audiences && options.audiences.length > 0 ? options.audiences : undefined;

  // Incremental by default: a save that leaves every input of a document as it was (an editor's
  // truncate-then-write reported twice, a file saved unchanged) prints nothing. `force` is for the
  // first build only.
  const incremental = options.incremental ?? true;
  let force = options.force;
  const loop = new BuildLoop(async (job) => {
    const event = { files: job.files, audiences: job.audiences ?? (requested ? [...requested] : undefined) };
    options.onStart?.(event);
    try {
      const forced = force;
      force = undefined;
      const result = await build({ ...buildOptions, incremental, force: forced, week: job.week, audiences: event.audiences, session, writeHtml: true, writeEarly: true });
      options.onBuild?.(result, event);
    } catch (e) {
      if (!job.superseded()) options.onError?.(e, event);
    }
  });

  const files = watchFiles([dataDir, templatesDir], {
    onChange: (file) => {
      const audience = audienceOf(templatesDir, file);
      if (audience === undefined) loop.add(options.week, requested ?? 'all', [file]);
      else if (!requested || requested.includes(audience)) loop.add(options.week, [audience], [file]);
    },
    onError: (e) => options.onError?.(e, { files: [], audiences: undefined }),
  });

  // The first build: everything requested, while the watcher scans the folders.
  loop.add(options.week, requested ?? 'all');
  const ready = Promise.all([loop.idle(), files.ready]).then(() => {});

  return {
    ready,
    async close() {
      await files.close();
      await loop.close();
      if (!options.session) await session.close();
    },
  };
}
