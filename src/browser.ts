import { existsSync } from 'node:fs';
import { BriefError, ExitCode } from './errors.js';

/** System browsers, in order of preference (Debian's real binary first: its /usr/bin wrapper is slow and buggy). */
export const SYSTEM_BROWSERS = [
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
  /** Puppeteer's chrome-headless-shell: launched with `headless: 'shell'`. */
  shell?: boolean;
}

/**
 * Find a browser: an explicit option, then PUPPETEER_EXECUTABLE_PATH, then Puppeteer's own
 * downloaded browser, then a system Chrome or Chromium. Throws a BriefError saying how to get one.
 */
export async function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  if (explicit) {
    if (!existsSync(explicit)) throw new BriefError('browser-missing', `browser not found at ${explicit} (given with --browser)`, { exitCode: ExitCode.usage });
    return { path: explicit, how: 'option' };
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new BriefError('browser-missing', `browser not found at ${fromEnv} (from PUPPETEER_EXECUTABLE_PATH)`, { exitCode: ExitCode.usage });
    return { path: fromEnv, how: 'env' };
  }
  try {
    // Puppeteer's own downloads: Chrome for Testing, or the smaller headless shell (what
    // `npm run setup` fetches), which must be launched in Puppeteer's 'shell' headless mode.
    const { default: puppeteer } = await import('puppeteer');
    const own = puppeteer.executablePath({ headless: true });
    if (own && existsSync(own)) return { path: own, how: 'puppeteer' };
    const shell = puppeteer.executablePath({ headless: 'shell' });
    if (shell && existsSync(shell)) return { path: shell, how: 'puppeteer', shell: true };
  } catch {
    // no downloaded browser: fall through to the system ones
  }
  for (const p of SYSTEM_BROWSERS) if (existsSync(p)) return { path: p, how: 'system' };
  throw new BriefError('browser-missing', [
    'no Chrome or Chromium found. Get one of:',
    '  npx puppeteer browsers install chrome-headless-shell   (downloads Puppeteer\'s own browser)',
    '  sudo apt-get install -y chromium                        (Debian/Ubuntu)',
    'or point PUPPETEER_EXECUTABLE_PATH (or --browser) at an installed Chrome/Chromium.',
  ].join('\n'), { exitCode: ExitCode.usage });
}

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
