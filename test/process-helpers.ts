import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers.js';

const exec = promisify(execFile);

export interface CliRun { code: number; stdout: string; stderr: string }

/** Run `node bin/brief.js …` and collect its exit code and output. */
export async function brief(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await exec('node', [join(ROOT, 'bin/brief.js'), ...args], {
      cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A stack trace line ("    at foo (file.js:12:3)"): never shown for a user mistake. */
export const STACK = /\n\s+at .+:\d+:\d+/;

/** Spawn the CLI in the background (for signals); stdout and stderr are collected as they come. */
export function spawnBrief(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; out: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn('node', [join(ROOT, 'bin/brief.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, exited };
}

/** Wait until `test()` holds, checking every 50 ms, for at most `ms`. */
export async function waitFor(test: () => boolean, ms = 30_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return test();
}

const cmdline = (pid: number): string[] => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
};

/** Every running process's pid (Linux /proc). */
const allPids = (): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** A field of /proc/<pid>/stat after "(comm)": 0 is the state, 1 the parent pid, 2 the process group. */
const statField = (pid: number, field: number): string | undefined => {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[field];
  } catch {
    return undefined;
  }
};
const parentOf = (pid: number): number | undefined => Number(statField(pid, 1) ?? NaN) || undefined;
/** The process group of a live process; undefined for a zombie (it has exited, and only waits to be reaped). */
const groupOf = (pid: number): number | undefined => (/^[ZX]/.test(statField(pid, 0) ?? 'X') ? undefined : Number(statField(pid, 2)));

/** Whether a process runs (not exited, not a zombie waiting to be reaped). */
export const isAlive = (pid: number): boolean => groupOf(pid) !== undefined;

/** The browser profiles (--user-data-dir) of the Chromes that `pid` started and that run now. */
export function browserProfilesOf(pid: number): string[] {
  const out: string[] = [];
  for (const p of allPids()) {
    if (parentOf(p) !== pid) continue;
    const arg = cmdline(p).find((a) => a.startsWith('--user-data-dir='));
    if (arg) out.push(arg.slice('--user-data-dir='.length));
  }
  return out;
}

/** The Chromes that `pid` started and that run now: their process ids and command lines. */
export function browsersOf(pid: number): { pid: number; exe: string }[] {
  // (the command line read once: a process that ends between two reads has none)
  return allPids().filter((p) => parentOf(p) === pid).map((p) => ({ pid: p, args: cmdline(p) }))
    .filter(({ args }) => args.some((a) => a.startsWith('--user-data-dir='))).map(({ pid: p, args }) => ({ pid: p, exe: args.join(' ') }));
}

/** The browser profile (--user-data-dir) of the Chrome that `pid` started, once it runs. */
export const browserProfileOf = (pid: number): string | undefined => browserProfilesOf(pid)[0];

/** The process groups seen running a browser on each profile (see processesUsing). */
const groupsSeen = new Map<string, Set<number>>();

/**
 * The processes of the Chromes on this profile, at any depth (zygotes, renderers, GPU…): those whose
 * command line names it, and every process in their process groups (each Chrome is started in a group
 * of its own). The groups are remembered from call to call: a headless shell's helpers do not name
 * the profile, and they would outlive their browser in its group.
 */
export function processesUsing(profile: string): number[] {
  const groups = groupsSeen.get(profile) ?? new Set<number>();
  groupsSeen.set(profile, groups);
  const pids = allPids();
  for (const p of pids) if (cmdline(p).some((a) => a.includes(profile))) groups.add(groupOf(p) ?? p);
  return pids.filter((p) => groups.has(groupOf(p) ?? NaN) || cmdline(p).some((a) => a.includes(profile)));
}

/**
 * Whether a process has been killed (SIGKILL pending, to it or to its group) or is already exiting
 * (the kernel's PF_EXITING flag), or is gone: a process that was sent SIGKILL may still be listed for
 * a moment on a loaded machine, before it has run again to die.
 */
export function killedOrGone(pid: number): boolean {
  let status: string;
  let stat: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  const pending = (name: string) => BigInt(`0x${new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(status)?.[1] ?? '0'}`);
  const SIGKILL = 1n << 8n; // signal 9: bit 8 of the masks
  const flags = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[6]); // field 9 of stat
  const PF_EXITING = 0x4;
  return ((pending('SigPnd') | pending('ShdPnd')) & SIGKILL) !== 0n || (flags & PF_EXITING) !== 0 || /^State:\s*[ZX]/m.test(status);
}

/** The process ids of the browser that `pid` started (its direct child with a profile). */
export function browserPidOf(pid: number): number | undefined {
  return allPids().find((p) => parentOf(p) === pid && cmdline(p).some((a) => a.startsWith('--user-data-dir=')));
}

/** Files left in a folder tree that must not be there after a failed or interrupted run. */
export function leftovers(dir: string, pattern = /\.(pdf|html|tmp)$/): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pattern.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The renderer processes of a browser (its process group, `--type=renderer`): killing one crashes its pages. */
export function rendererPidsOf(browserPid: number): number[] {
  // A zygote's child rewrites its command line as one string: look for the flag inside it.
  return allPids().filter((p) => groupOf(p) === browserPid && cmdline(p).some((a) => a.includes('--type=renderer')));
}
