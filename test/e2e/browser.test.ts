import { Browser, computeExecutablePath } from '@puppeteer/browsers';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findBrowser, isHeadlessShell, SYSTEM_BROWSERS } from '../../src/print/browser.js';
import { Printer } from '../../src/print/printer.js';
import { ROOT, readPdf, tempDir } from '../helpers.js';

const exec = promisify(execFile);

/** Browser discovery: option, PUPPETEER_EXECUTABLE_PATH, Puppeteer's own download, then the system's. */
describe('finding a browser', () => {
  it('an explicit path wins, then PUPPETEER_EXECUTABLE_PATH; a wrong one is a clear error', async () => {
    const system = SYSTEM_BROWSERS.find((p) => existsSync(p)) ?? (await findBrowser()).path;
    const shell = isHeadlessShell(system);
    expect(await findBrowser(system, {})).toEqual({ path: system, how: 'option', shell });
    expect(await findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: system })).toEqual({ path: system, how: 'env', shell });
    await expect(findBrowser('/nowhere/chrome', {})).rejects.toThrow(/browser not found at \/nowhere\/chrome/);
    await expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome' })).rejects.toThrow(/PUPPETEER_EXECUTABLE_PATH/);
  });

  it('a relative name is the file in the current folder, not a program of that name on PATH', async () => {
    const tmp = tempDir();
    const cwd = process.cwd();
    try {
      writeFileSync(join(tmp.dir, 'chromium-headless-shell'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
      process.chdir(tmp.dir);
      const found = await findBrowser('chromium-headless-shell', {});
      // Spawned as given, a name without a slash would run /usr/bin/chromium-headless-shell instead.
      expect(found.path).toBe(join(realpathSync(tmp.dir), 'chromium-headless-shell'));
      expect((await findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: 'chromium-headless-shell' })).path).toBe(found.path);
    } finally {
      process.chdir(cwd);
      tmp.cleanup();
    }
  });

  it('tells a headless shell by its name, and prefers a system headless shell to a system Chromium', () => {
    for (const p of ['/usr/lib/chromium/chromium-headless-shell', '/home/a/.cache/puppeteer/chrome-headless-shell/linux-1/chrome-headless-shell-linux64/chrome-headless-shell',
      'C:\\pp\\chrome-headless-shell-win64\\chrome-headless-shell.exe', 'chromium-headless-shell']) expect(isHeadlessShell(p), p).toBe(true);
    for (const p of ['/usr/lib/chromium/chromium', '/usr/bin/google-chrome', '/opt/chrome-headless-shell/chrome', '/usr/bin/chromium-headless-shell-wrapper', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']) expect(isHeadlessShell(p), p).toBe(false);
    const shells = SYSTEM_BROWSERS.filter(isHeadlessShell);
    expect(shells).toEqual(['/usr/lib/chromium/chromium-headless-shell']);
    expect(SYSTEM_BROWSERS.indexOf(shells[0]!)).toBeLessThan(SYSTEM_BROWSERS.indexOf('/usr/lib/chromium/chromium'));
  });

  const debian = ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium'].filter((p) => existsSync(p));
  it.skipIf(debian.length === 0)("prints on Debian's headless shell and on its Chromium, whichever is installed", async () => {
    for (const path of debian) {
      const printer = new Printer({ executablePath: path, concurrency: 1 });
      try {
        const { pdf } = await printer.pdf('<!doctype html><html lang="en"><body><h1>Printed on one of them</h1></body></html>', { name: path });
        expect((await readPdf(pdf)).text, path).toContain('Printed on one of them');
      } finally {
        await printer.close();
      }
    }
  });

  it("Puppeteer's headless shell in its cache (what `brief browser install` downloads) is preferred to the system browser, and prints", async () => {
    // A Puppeteer cache holding a "chrome-headless-shell" that is really the system Chromium.
    const real = (await findBrowser()).path;
    const tmp = tempDir();
    try {
      const env = { ...process.env, PUPPETEER_CACHE_DIR: tmp.dir, PUPPETEER_EXECUTABLE_PATH: '' };
      const where = computeExecutablePath({ browser: Browser.CHROMEHEADLESSSHELL, buildId: '148.0.7778.97', cacheDir: tmp.dir });
      expect(where.startsWith(tmp.dir)).toBe(true);
      mkdirSync(dirname(where), { recursive: true });
      symlinkSync(real, where);
      // In a fresh process, on the compiled modules.
      const script = `
        const { findBrowser } = await import('${join(ROOT, 'dist/print/browser.js')}');
        const { Printer } = await import('${join(ROOT, 'dist/print/printer.js')}');
        const choice = await findBrowser();
        const printer = new Printer({ concurrency: 1 });
        const { pdf } = await printer.pdf('<h1>From the shell</h1>', { name: 'shell test' });
        await printer.close();
        console.log(JSON.stringify({ choice, bytes: pdf.length, head: Buffer.from(pdf.subarray(0, 5)).toString() }));`;
      const { stdout } = await exec('node', ['--input-type=module', '-e', script], { cwd: ROOT, env });
      const result = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(result.choice).toEqual({ path: where, how: 'puppeteer', shell: true });
      expect(result.head).toBe('%PDF-');
      expect(result.bytes).toBeGreaterThan(1000);
    } finally {
      tmp.cleanup();
    }
  });
});
