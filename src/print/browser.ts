import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { BriefError, ExitCode } from '../errors.js';

/**
 * System browsers, in order of preference. Debian's headless shell first (package
 * chromium-headless-shell: Chromium's printing without the desktop browser around it, which starts
 * ~0.3 s sooner), then Debian's Chromium (its real binary first: the /usr/bin wrapper is slow and buggy).
 */
export const SYSTEM_BROWSERS = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface BrowserChoice {
  path: string;
  how: 'option' | 'env' | 'puppeteer' | 'system';
  /** A headless shell (Puppeteer's chrome-headless-shell, Debian's chromium-headless-shell): launched with `headless: 'shell'`. */
  shell?: boolean;
}

/** Whether a browser executable is a headless shell, by its name (Puppeteer's and Debian's builds). */
export function isHeadlessShell(path: string): boolean {
  return /(?:^|[\\/])(?:chrome|chromium)-headless-shell(?:\.exe)?$/i.test(path);
}

/**
 * Find a browser: an explicit option, then PUPPETEER_EXECUTABLE_PATH, then Puppeteer's own
 * downloaded browser, then a system Chrome or Chromium. Throws a BriefError saying how to get one.
 */
export async function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  if (explicit) {
    if (!existsSync(explicit)) throw new BriefError('browser-missing', `browser not found at ${explicit} (given with --browser, as browser: in brief.config.yaml, or as the library's executablePath)`, { exitCode: ExitCode.usage });
    // Absolute: a relative name without a slash would be looked up on PATH when spawned, running
    // another program than the file found here.
    return { path: resolve(explicit), how: 'option', shell: isHeadlessShell(explicit) };
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new BriefError('browser-missing', `browser not found at ${fromEnv} (from PUPPETEER_EXECUTABLE_PATH)`, { exitCode: ExitCode.usage });
    return { path: resolve(fromEnv), how: 'env', shell: isHeadlessShell(fromEnv) };
  }
  // A browser downloaded into Puppeteer's cache (`brief browser install`, `npx @puppeteer/browsers
  // install`, or a `puppeteer` package elsewhere): the headless shell first, Chrome for Testing next.
  // @puppeteer/browsers is loaded only when the cache folder holds a build.
  if (puppeteerMayHaveBrowser(env)) {
    const own = await downloadedBrowser(env).catch(() => undefined);
    if (own) return own;
  }
  for (const p of SYSTEM_BROWSERS) if (existsSync(p)) return { path: p, how: 'system', shell: isHeadlessShell(p) };
  throw new BriefError('browser-missing', [
    'no Chrome or Chromium found. Get one of:',
    '  brief browser install                                   (downloads Chrome\'s headless shell; needs network)',
    '  sudo apt-get install -y chromium-headless-shell         (Debian; or the chromium package)',
    'or point PUPPETEER_EXECUTABLE_PATH (or --browser) at an installed Chrome/Chromium.',
  ].join('\n'), { exitCode: ExitCode.usage });
}

/** Puppeteer's browser cache: PUPPETEER_CACHE_DIR, else ~/.cache/puppeteer (where Puppeteer and @puppeteer/browsers put them). */
export function browserCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUPPETEER_CACHE_DIR || join(homedir(), '.cache', 'puppeteer');
}

/** Whether Puppeteer's cache folder holds a chrome or chrome-headless-shell build (a cheap look before loading @puppeteer/browsers). */
export function puppeteerMayHaveBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  const cache = browserCacheDir(env);
  const builds = (b: string) => { try { return readdirSync(join(cache, b)).length > 0; } catch { return false; } };
  return builds('chrome') || builds('chrome-headless-shell');
}

/** The newest downloaded headless shell for this platform, else the newest Chrome for Testing. */
async function downloadedBrowser(env: NodeJS.ProcessEnv): Promise<BrowserChoice | undefined> {
  const { getInstalledBrowsers, detectBrowserPlatform, Browser } = await import('@puppeteer/browsers');
  const platform = detectBrowserPlatform();
  const installed = (await getInstalledBrowsers({ cacheDir: browserCacheDir(env) }))
    .filter((b) => b.platform === platform && existsSync(b.executablePath))
    .sort((a, b) => compareBuildIds(b.buildId, a.buildId));
  const shell = installed.find((b) => b.browser === Browser.CHROMEHEADLESSSHELL);
  if (shell) return { path: shell.executablePath, how: 'puppeteer', shell: true };
  const chrome = installed.find((b) => b.browser === Browser.CHROME);
  return chrome ? { path: chrome.executablePath, how: 'puppeteer', shell: false } : undefined;
}

/** Chrome build ids (148.0.7778.97) compared part by part as numbers. */
export function compareBuildIds(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return a.localeCompare(b);
}

/**
 * The browser itself can reach nothing (defence in depth: every request is also refused or answered
 * by DevTools interception, cdp.ts blockRequests, which some requests, like prefetches, bypass):
 * every connection goes through a proxy at a port where nothing listens, loopback included
 * (`<-loopback>` removes Chromium's implicit bypass for localhost), no host name resolves, and no
 * DNS prefetch is made. Our fonts by reference are answered by the interception, before any of this.
 */
export const NO_NETWORK = [
  '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND', '--dns-prefetch-disable',
];

/** Launch flags: no network chatter, no GPU; no sandbox only where it cannot work (root). */
export function launchArgs(): string[] {
  const args = [
    '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-default-apps', '--disable-extensions', '--disable-quic', '--mute-audio',
    '--font-render-hinting=none',
    // New headless Chrome preloads the omnibox popup's WebUI in a renderer of its own (~80 MB and
    // ~0.5 s of CPU at every launch) that a printer never shows; nor does it need a spare renderer
    // started ahead for the next tab (the printer opens its pages itself, rarely).
    '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess',
    ...NO_NETWORK,
  ];
  if (process.getuid?.() === 0 || process.env.BRIEF_NO_SANDBOX === '1') args.push('--no-sandbox');
  return args;
}
