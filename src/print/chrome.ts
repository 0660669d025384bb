import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Browser, type Transport } from './devtools.js';

/**
 * chrome: starts Chrome ourselves and connects to it over a pipe (devtools.ts speaks the protocol).
 * It starts with exactly the flags `puppeteer.launch({ pipe: true })` would give it
 * (Puppeteer's defaults, precomputed at build time in dist/chrome-args.json, else computed here).
 * When this process dies, even by `kill -9`, the pipe closes and Chrome exits with it.
 */
export interface ChromeOptions {
  path: string;
  /** chrome-headless-shell (Puppeteer's `headless: 'shell'`). */
  shell?: boolean;
  /** Our flags, merged into Puppeteer's defaults as Puppeteer merges them. */
  args: string[];
  profile: string;
  timeoutMs: number;
}

export interface Chrome {
  browser: Browser;
  process: ChildProcess;
}

const require = createRequire(import.meta.url);

/** The default flags file written by scripts/gen-dist.mjs. */
export interface ChromeArgsFile {
  puppeteer: string;
  base: string[];
  headless: string[];
  shell: string[];
}

function puppeteerVersion(): string {
  return (require('puppeteer-core/package.json') as { version: string }).version;
}

/** Puppeteer's full flag list for `base` (without --no-sandbox, user data dir or debugging pipe). */
export async function defaultChromeArgs(base: string[], shell: boolean): Promise<string[]> {
  try {
    const file = JSON.parse(readFileSync(new URL('../chrome-args.json', import.meta.url), 'utf8')) as ChromeArgsFile;
    if (file.puppeteer === puppeteerVersion() && JSON.stringify(file.base) === JSON.stringify(base)) return shell ? file.shell : file.headless;
  } catch {
    // not generated (running from src/, as the tests do): ask Puppeteer
  }
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.defaultArgs({ headless: shell ? 'shell' : true, args: [...base] }); // a copy: it edits the list
}

/** Messages over Chrome's --remote-debugging-pipe: JSON, each ended by a NUL byte. */
class PipeTransport implements Transport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(private readonly out: NodeJS.WritableStream, input: NodeJS.ReadableStream) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.close());
    input.on('error', () => this.close());
    out.on('error', () => this.close());
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...this.pending, chunk.subarray(start, end)]).toString('utf8');
      this.pending = [];
      this.onmessage?.(message);
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  send(message: string): void {
    if (this.closed) return;
    this.out.write(`${message}\0`); // one write, not two (a document is a ~270 kB message)
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}

/** A Chrome process just spawned, not yet connected to. */
export interface Spawned {
  process: ChildProcess;
  /** Rejects when the process fails to start or exits (saying how, with the end of its stderr). */
  failed: Promise<never>;
  stderr(): string;
}

/** Start Chrome (connectChrome then talks to it). */
export async function spawnChrome(options: Omit<ChromeOptions, 'timeoutMs'>): Promise<Spawned> {
  const base = options.args.filter((a) => a !== '--no-sandbox');
  const args = [...(await defaultChromeArgs(base, !!options.shell)), ...options.args.filter((a) => a === '--no-sandbox'),
    `--user-data-dir=${options.profile}`, '--remote-debugging-pipe'];
  // A process group of its own (as Puppeteer does), so it can be ended as a whole.
  const proc = spawn(options.path, args, { detached: process.platform !== 'win32', stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString('utf8')).slice(-4096); });
  const failed = new Promise<never>((_, reject) => {
    proc.once('error', (e) => reject(e));
    proc.once('exit', (code, signal) => reject(new Error(`Chrome exited at start (${signal ?? `code ${code}`})${stderr ? `: ${lastLines(stderr)}` : ''}`)));
  });
  failed.catch(() => {});
  return { process: proc, failed, stderr: () => stderr };
}

/** Connect to a spawned Chrome once it answers. Errors carry the end of Chrome's stderr; a Chrome that does not answer is killed. */
export async function connectChrome(spawned: Spawned, timeoutMs: number): Promise<Chrome> {
  const { process: proc, failed } = spawned;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Chrome did not answer within ${timeoutMs} ms${spawned.stderr() ? `: ${lastLines(spawned.stderr())}` : ''}`)), timeoutMs);
  });
  try {
    const browser = new Browser(new PipeTransport(proc.stdio[3] as NodeJS.WritableStream, proc.stdio[4] as NodeJS.ReadableStream));
    await Promise.race([browser.send('Browser.getVersion'), failed, late]); // its first answer: it is up
    return { browser, process: proc };
  } catch (e) {
    // A browser that died at start closes the pipe first: say why it died (its exit and stderr)
    // rather than which protocol call found the pipe closed.
    const died = await Promise.race([failed.then(() => undefined, (why: unknown) => why), new Promise((r) => setTimeout(r, 1000).unref())]);
    if (isRunning(proc)) proc.kill('SIGKILL');
    throw died instanceof Error ? died : e;
  } finally {
    clearTimeout(timer);
  }
}

/** Start Chrome and connect to it. */
export async function startChrome(options: ChromeOptions): Promise<Chrome> {
  return connectChrome(await spawnChrome(options), options.timeoutMs);
}

const lastLines = (s: string) => s.trim().split('\n').slice(-3).join(' | ');

/** Whether a spawned process has neither exited nor been killed yet. */
export const isRunning = (proc: ChildProcess): boolean => proc.exitCode === null && proc.signalCode === null;

/**
 * SIGKILL to the process group a browser was started in (spawnChrome: detached, so its helpers and
 * renderers go with it); to the process alone where there is no group to signal.
 */
export function killGroup(proc: ChildProcess): void {
  if (proc.pid === undefined) return;
  try { process.kill(process.platform === 'win32' ? proc.pid : -proc.pid, 'SIGKILL'); } catch { proc.kill('SIGKILL'); }
}
