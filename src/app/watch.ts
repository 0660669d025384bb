import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { build, DEFAULTS, type BuildOptions, type BuildResult } from './build.js';
import type { Printer } from '../print/printer.js';
import { Session } from './session.js';

/**
 * watch: rebuild the briefings whenever a fact sheet, template or stylesheet is saved. The browser
 * stays warm between builds (one Printer for the whole session); changes are debounced; one build
 * runs at a time and changes arriving meanwhile queue one more. A change inside
 * templates/audiences/<name>/ rebuilds only that audience; anything else rebuilds them all.
 * Errors go to `onError` and watching goes on. The HTML is written beside each PDF.
 */
export interface WatchOptions extends Omit<BuildOptions, 'writeHtml' | 'printer'> {
  /** A printer to reuse; otherwise one is made and closed by close(). */
  printer?: Printer;
  /** Quiet time after the last change before building (default 100 ms). */
  debounceMs?: number;
  /** Called when a build starts: the changed files (none for the first build) and the audiences rebuilt (undefined: all). */
  onStart?: (event: { files: string[]; audiences: string[] | undefined }) => void;
  /** Called after each successful build. */
  onBuild?: (result: BuildResult, event: { files: string[]; audiences: string[] | undefined }) => void;
  /** Called when a build fails; watching goes on. */
  onError?: (error: unknown, event: { files: string[]; audiences: string[] | undefined }) => void;
}

export interface Watcher {
  /** Settles when the first build is done (successfully or not). */
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

const ignored = (file: string) => /(^|[\\/])(\.[^\\/]*|[^\\/]*~|[^\\/]*\.(swp|swx|tmp))$/.test(file);

export function watch(options: WatchOptions = {}): Watcher {
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const templatesDir = options.templatesDir ?? DEFAULTS.templatesDir;
  // One session for the whole watch: the browser stays warm, the contents layouts are remembered.
  const session = new Session({ ...(options.printer ? { printer: options.printer } : {}), ...(options.printerOptions ? { printerOptions: options.printerOptions } : {}) });
  const debounceMs = options.debounceMs ?? 100;

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  // Pending work: changed files, and the audiences to rebuild ('all' wins over names).
  let pendingFiles: string[] = [];
  let pendingAudiences: Set<string> | 'all' | undefined;

  const requested = options.audiences && options.audiences.length > 0 ? options.audiences : undefined;
  const scope = (names: Set<string> | 'all'): string[] | undefined => {
    if (names === 'all') return requested ? [...requested] : undefined;
    return requested ? [...names].filter((n) => requested.includes(n)) : [...names];
  };

  async function runOnce(files: string[], names: Set<string> | 'all'): Promise<void> {
    const audiences = scope(names);
    const event = { files, audiences };
    if (audiences && audiences.length === 0) return; // only audiences we are not building changed
    options.onStart?.(event);
    try {
      const result = await build({ ...options, audiences, session, writeHtml: true });
      options.onBuild?.(result, event);
    } catch (e) {
      options.onError?.(e, event);
    }
  }

  /** Start a build of what is pending, unless one is running (it picks the pending work up when done). */
  function kick(): void {
    if (running || closed || !pendingAudiences) return;
    const files = pendingFiles;
    const names = pendingAudiences;
    pendingFiles = [];
    pendingAudiences = undefined;
    running = runOnce(files, names).finally(() => {
      running = undefined;
      kick();
    });
  }

  function changed(root: string, filename: string | null): void {
    if (closed) return;
    const file = filename ? resolve(root, filename) : resolve(root);
    if (filename && ignored(filename)) return;
    const audience = root === templatesDir ? audienceOf(templatesDir, file) : undefined;
    if (!pendingFiles.includes(file)) pendingFiles.push(file);
    if (audience === undefined || pendingAudiences === 'all') pendingAudiences = 'all';
    else {
      pendingAudiences ??= new Set();
      pendingAudiences.add(audience);
    }
    clearTimeout(timer);
    timer = setTimeout(kick, debounceMs);
  }

  const watchers: FSWatcher[] = [];
  for (const root of [dataDir, templatesDir]) {
    const w = fsWatch(root, { recursive: true }, (_event, filename) => changed(root, filename?.toString() ?? null));
    w.on('error', (e) => options.onError?.(e, { files: [root], audiences: undefined }));
    watchers.push(w);
  }

  // The first build: everything requested.
  pendingAudiences = 'all';
  kick();
  const ready = (running ?? Promise.resolve()) as Promise<void>;

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      while (running) await running;
      await session.close();
    },
  };
}
