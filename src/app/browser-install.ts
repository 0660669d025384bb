import { BriefError, ExitCode } from '../errors.js';
import { browserCacheDir } from '../print/browser.js';

/**
 * browser-install: download Chrome's headless shell into Puppeteer's cache folder, the build this
 * puppeteer-core was made for. The package itself never downloads at install time (an offline
 * `npm install` must succeed); a system Chromium is used when there is one.
 */
export async function installBrowser(options: { env?: NodeJS.ProcessEnv; onProgress?: (done: number, total: number) => void } = {}): Promise<{ path: string; buildId: string }> {
  const [{ install, detectBrowserPlatform, Browser }, { PUPPETEER_REVISIONS }] = await Promise.all([
    import('@puppeteer/browsers'), import('puppeteer-core/internal/revisions.js'),
  ]);
  const platform = detectBrowserPlatform();
  if (!platform) throw new BriefError('browser-platform', `no Chrome build for this platform (${process.platform}/${process.arch}); install Chromium with your system's package manager`, { exitCode: ExitCode.usage });
  const buildId = PUPPETEER_REVISIONS['chrome-headless-shell'];
  try {
    const installed = await install({
      browser: Browser.CHROMEHEADLESSSHELL, buildId, platform, cacheDir: browserCacheDir(options.env),
      ...(options.onProgress ? { downloadProgressCallback: options.onProgress } : {}),
    });
    return { path: installed.executablePath, buildId };
  } catch (e) {
    throw new BriefError('browser-download', `could not download chrome-headless-shell ${buildId}: ${(e as Error).message}\n(no network? install Debian's chromium-headless-shell or chromium package, or set PUPPETEER_EXECUTABLE_PATH)`, { exitCode: ExitCode.usage, cause: e });
  }
}
