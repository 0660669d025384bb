import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
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
    if (!existsSync(explicit)) throw new BriefError('browser-missing', `browser not found at ${explicit} (given with --browser)`, { exitCode: ExitCode.usage });
    return { path: explicit, how: 'option', shell: isHeadlessShell(explicit) };
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new BriefError('browser-missing', `browser not found at ${fromEnv} (from PUPPETEER_EXECUTABLE_PATH)`, { exitCode: ExitCode.usage });
    return { path: fromEnv, how: 'env', shell: isHeadlessShell(fromEnv) };
  }
  try {
    // Puppeteer's own downloads: Chrome for Testing, or the smaller headless shell (what
    // `npm run setup` fetches), which must be launched in Puppeteer's 'shell' headless mode.
    // Loading Puppeteer to ask takes ~150 ms: skipped when it cannot have downloaded anything.
    if (!puppeteerMayHaveBrowser(env)) throw new Error('no Puppeteer download');
    const { default: puppeteer } = await import('puppeteer');
    const own = puppeteer.executablePath({ headless: true });
    if (own && existsSync(own)) return { path: own, how: 'puppeteer' };
    const shell = puppeteer.executablePath({ headless: 'shell' });
    if (shell && existsSync(shell)) return { path: shell, how: 'puppeteer', shell: true };
  } catch {
    // no downloaded browser: fall through to the system ones
  }
  for (const p of SYSTEM_BROWSERS) if (existsSync(p)) return { path: p, how: 'system', shell: isHeadlessShell(p) };
  throw new BriefError('browser-missing', [
    'no Chrome or Chromium found. Get one of:',
    '  npx puppeteer browsers install chrome-headless-shell   (downloads Puppeteer\'s own browser)',
    '  sudo apt-get install -y chromium-headless-shell         (Debian; or the chromium package)',
    'or point PUPPETEER_EXECUTABLE_PATH (or --browser) at an installed Chrome/Chromium.',
  ].join('\n'), { exitCode: ExitCode.usage });
}

/**
 * Whether Puppeteer may have a browser downloaded: its cache folder (PUPPETEER_CACHE_DIR or the
 * default ~/.cache/puppeteer) holds a chrome or chrome-headless-shell build, or a Puppeteer config
 * file (which may move the cache anywhere) is in the way from here to the root.
 */
export function puppeteerMayHaveBrowser(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): boolean {
  const cache = env.PUPPETEER_CACHE_DIR || join(homedir(), '.cache', 'puppeteer');
  const builds = (b: string) => { try { return readdirSync(join(cache, b)).length > 0; } catch { return false; } };
  if (builds('chrome') || builds('chrome-headless-shell')) return true;
  if (Object.keys(env).some((k) => /^PUPPETEER_(CONFIG|BROWSER)/i.test(k))) return true;
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (CONFIG_FILES.some((f) => existsSync(join(dir, f)))) return true;
    try {
      if ('puppeteer' in (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as object)) return true;
    } catch {
      // no package.json here, or not JSON
    }
    if (dirname(dir) === dir) return false;
  }
}

/** Where cosmiconfig looks for Puppeteer's configuration (besides package.json's "puppeteer" key). */
const CONFIG_FILES = ['.puppeteerrc', '.puppeteerrc.json', '.puppeteerrc.yaml', '.puppeteerrc.yml', '.puppeteerrc.js', '.puppeteerrc.cjs', '.puppeteerrc.mjs', '.puppeteerrc.ts', '.puppeteerrc.mts', '.puppeteerrc.cts',
  'puppeteer.config.js', 'puppeteer.config.cjs', 'puppeteer.config.mjs', 'puppeteer.config.ts', 'puppeteer.config.mts', 'puppeteer.config.cts', '.config/puppeteerrc', '.config/puppeteerrc.json', '.config/puppeteerrc.yaml', '.config/puppeteerrc.yml', '.config/puppeteerrc.js', '.config/puppeteerrc.cjs', '.config/puppeteerrc.mjs'];

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
  ];
  if (process.getuid?.() === 0 || process.env.BRIEF_NO_SANDBOX === '1') args.push('--no-sandbox');
  return args;
}
