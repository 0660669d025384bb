/**
 * Clean shutdown on Ctrl-C / SIGTERM / SIGHUP, for every long-running command (build, watch).
 * Whoever owns a resource registers a cleanup (close the browser, remove temp files); on a signal
 * every cleanup runs (bounded in time), then the process exits with 128 + the signal number.
 * A second signal while cleaning up exits at once. Only the CLI installs the handlers: the library
 * never touches the process.
 */
export type Cleanup = () => Promise<unknown> | unknown;

const cleanups = new Set<Cleanup>();
/** The installed handlers that have met a signal and are stopping. */
const stoppingNow = new Set<object>();

/** Whether a signal is being handled (the CLI then stays quiet about the failures it causes). */
export const isShuttingDown = (): boolean => stoppingNow.size > 0;

/** Register a cleanup; returns a function that unregisters it (call it once the resource is gone). */
export function onShutdown(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Run every registered cleanup once, newest first, waiting at most `limitMs` in all. */
export async function runCleanups(limitMs = 5000): Promise<void> {
  const all = [...cleanups].reverse();
  cleanups.clear();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((r) => { timer = setTimeout(r, limitMs); });
  // In order: the browser first (no more documents), then the writes and temp files.
  const run = (async () => { for (const c of all) await Promise.resolve().then(c).catch(() => {}); })();
  await Promise.race([run, limit]);
  clearTimeout(timer);
}

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Install the signal handlers. `notify` is told which signal arrived (the CLI prints a line);
 * `exit` ends the process (injectable for tests). Returns a function that removes the handlers.
 */
export function installSignalHandlers(
  notify: (signal: Signal) => void = () => {},
  exit: (code: number) => void = (code) => process.exit(code),
  /** Called instead of `exit` once the cleanups have run after the first signal (a command that ends normally when stopped). */
  stopped: (code: number) => void = exit,
): () => void {
  const token = {};
  let stopping = false;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as Signal[]).map((signal) => {
    const handler = () => {
      const code = SIGNAL_EXIT_CODES[signal];
      if (stopping) return exit(code);
      stopping = true;
      stoppingNow.add(token);
      notify(signal);
      void runCleanups().finally(() => stopped(code));
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    stoppingNow.delete(token);
  };
}

/**
 * For a command that runs until it is stopped (watch, preview): resolves once a signal has come and
 * every cleanup has run (`stop` among them, bounded in time like the others); a second signal while
 * stopping exits at once. The handlers are removed when it resolves.
 */
export function untilStopped(
  stop: Cleanup,
  notify: (signal: Signal) => void = () => {},
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<void> {
  return new Promise<void>((resolve) => {
    onShutdown(stop);
    const uninstall = installSignalHandlers(notify, exit, () => {
      uninstall();
      resolve();
    });
  });
}
