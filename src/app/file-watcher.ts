import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { watch as chokidar, type FSWatcher } from 'chokidar';

/**
 * file-watcher: the one watcher of watch and preview. chokidar, not Node's recursive fs.watch: on
 * Linux, after an editor saves atomically (a new file renamed over the old one, as vim, JetBrains
 * and `sed -i` do) Node 20's watcher intermittently stops reporting that file. chokidar watches each
 * folder and file itself and re-attaches after a rename; new folders (a new week) are picked up.
 *
 * Only files that can change a briefing are reported, by extension: editors' temp and backup files
 * (`x.yaml~`, `.x.yaml.swp`, vim's `4913`, JetBrains' `x.yaml___jb_tmp___`, `sed -i`'s `sedAbC123`,
 * Emacs' `#x.yaml#`) are not, whatever they are named. A removed folder is reported too (a week
 * deleted).
 *
 * chokidar drops a file's 'change' within 50 ms of the last one it reported (and fs.watch events
 * within 5 ms): a second save that quick, or the write after an editor's truncation, would be lost.
 * So each reported change is checked again RECHECK_MS later: if the file is no longer what it was
 * when reported (modified time, size, inode), that is reported as one more change. Nothing waits
 * on this: the first event is reported at once.
 */
export const WATCHED_EXTENSIONS = ['.yaml', '.yml', '.hbs', '.css', '.json'];

/** Whether a changed path can affect a briefing (see above). */
export function isRelevant(file: string): boolean {
  const name = basename(file);
  return WATCHED_EXTENSIONS.includes(extname(name).toLowerCase()) && !/^[.#]/.test(name);
}

/** After a reported change, when to look at the file again (just past chokidar's 50 ms). */
export const RECHECK_MS = 60;

const same = (a: Stats | undefined, b: Stats | undefined): boolean =>
  !!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/** Hidden folders and files (`.git`, swap files) and node_modules are not even watched. */
const skipped = (path: string): boolean => /(^|[\\/])(\.[^\\/]+|node_modules)$/.test(path);

export interface FileWatcherOptions {
  /** Called once per relevant change, with the absolute path. */
  onChange: (file: string) => void;
  onError?: (error: unknown) => void;
}

export interface FileWatcher {
  /** Settles once the initial scan is done: changes after it are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function watchFiles(roots: readonly string[], options: FileWatcherOptions): FileWatcher {
  const absolute = roots.map((r) => resolve(r));
  const watcher: FSWatcher = chokidar(absolute, {
    ignoreInitial: true,
    ignored: (path: string) => !absolute.includes(path) && skipped(path),
    // atomic (the default without polling): an unlink followed by an add of the same file within
    // 100 ms is one 'change' (a save by rename); awaitWriteFinish stays off (it waits by polling).
  });
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  const recheck = (file: string, seen: Stats | undefined) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void stat(file).then((now) => now, () => undefined).then((now) => {
        if (closed || (now === undefined && seen === undefined) || same(now, seen)) return;
        options.onChange(file);
        recheck(file, now);
      });
    }, RECHECK_MS);
    timers.add(timer);
  };
  watcher.on('all', (event, path, stats) => {
    if (event === 'addDir') return; // its files are reported one by one
    if (event !== 'unlinkDir' && !isRelevant(path)) return;
    const file = resolve(path);
    options.onChange(file);
    if (event !== 'unlinkDir') recheck(file, event === 'unlink' ? undefined : stats);
  });
  watcher.on('error', (e) => options.onError?.(e));
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  return {
    ready,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      await watcher.close();
    },
  };
}
