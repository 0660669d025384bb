import { claimProfile, type Profile } from './browser-profile.js';
import { findBrowser, launchArgs } from './browser.js';
import { isRunning, killGroup, spawnChrome, type Spawned } from './chrome.js';

/**
 * early: Chrome spawned as `brief build --force` starts (bin/brief.js), before the CLI's modules
 * load, because a cold build's first print waits for Chrome's start more than for the main thread.
 * The printer adopts it when it launches the same executable (printer.ts launch); any other
 * browser (the configuration names another), or none at all (the run ends first: a usage error,
 * invalid sheets), and it is killed, its group and all, its kept profile unlocked.
 */
export interface EarlyChrome {
  path: string;
  profile: Profile;
  spawned: Spawned;
}

let early: EarlyChrome | undefined;

/** Spawn the browser findBrowser finds, on the kept profile when it is free. Never throws: the printer starts its own. */
export async function startEarly(): Promise<void> {
  try {
    const { path, shell } = await findBrowser();
    const profile = await claimProfile(path);
    try {
      early = { path, profile, spawned: await spawnChrome({ path, shell: !!shell, args: launchArgs(), profile: profile.dir }) };
      hold(early, false); // until adopted, it keeps nothing running: a run that ends first exits (and kills it)
    } catch {
      await profile.release();
      return;
    }
    process.once('exit', () => discard()); // not adopted by then: nothing may outlive the run
  } catch {
    early = undefined;
  }
}

/**
 * The early Chrome, when it runs `path`; otherwise it is ended (and its kept profile given back once
 * it has exited, for the printer to claim). Once: the next call finds nothing.
 */
export async function takeEarly(path: string): Promise<EarlyChrome | undefined> {
  const found = early;
  if (!found) return undefined;
  const proc = found.spawned.process;
  if (found.path === path && isRunning(proc)) {
    early = undefined;
    hold(found, true);
    return found;
  }
  const exited = isRunning(proc) ? new Promise((r) => proc.once('exit', r)) : undefined;
  discard(false);
  // The wait holds the event loop (a timer that is not unref'd): the early Chrome's handles are
  // unref'd, and with nothing else pending Node would end the run here, its top-level await in
  // bin/brief.js unsettled (exit code 13, no PDF), as it did on a loaded machine.
  let bound: NodeJS.Timeout | undefined;
  if (exited) await Promise.race([exited, new Promise((r) => { bound = setTimeout(r, 2000); })]);
  clearTimeout(bound);
  await found.profile.release();
  return undefined;
}

/** Whether the Chrome process and its pipes keep this process's event loop running. */
function hold(found: EarlyChrome, yes: boolean): void {
  const { process: proc } = found.spawned;
  for (const handle of [proc, ...proc.stdio] as ({ ref?(): void; unref?(): void } | null)[]) {
    if (yes) handle?.ref?.(); else handle?.unref?.();
  }
}

/**
 * Kill the early Chrome's process group. At the process's exit a kept profile's lock is given back
 * at once (a file of ours; Chrome, killed, holds nothing); a throwaway profile is removed by a later
 * run (its name says this run is gone).
 */
function discard(release = true): void {
  const found = early;
  early = undefined;
  if (!found) return;
  if (isRunning(found.spawned.process)) killGroup(found.spawned.process);
  if (release && found.profile.kept) void found.profile.release();
}
