import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import puppeteer from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchArgs, puppeteerMayHaveBrowser } from '../../../src/print/browser.js';
import { defaultChromeArgs, type ChromeArgsFile } from '../../../src/print/chrome.js';
import { compileCached } from '../../../src/render/template-cache.js';
import { cacheDir } from '../../../src/util/cache-dir.js';
import { ROOT, tempDir } from '../../helpers.js';

/** What start-up takes from build time or from disk must equal what it would compute (issue 8). */
describe('start-up shortcuts', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const base = launchArgs().filter((a) => a !== '--no-sandbox');

  it('Chrome gets exactly the flags puppeteer.launch would give it, ours merged into Puppeteer\'s', async () => {
    for (const shell of [false, true]) {
      const args = await defaultChromeArgs(base, shell);
      expect(args).toEqual(puppeteer.defaultArgs({ headless: shell ? 'shell' : true, args: [...base] }));
      expect(args).toContain('--export-tagged-pdf'); // what tagged PDFs and outlines need
      expect(args.find((a) => a.startsWith('--disable-features='))).toContain('WebUIOmniboxPopup');
    }
    const built = join(ROOT, 'dist', 'chrome-args.json');
    if (existsSync(built)) { // the precomputed copy (npm run build:ts) must not drift from Puppeteer
      const file = JSON.parse(readFileSync(built, 'utf8')) as ChromeArgsFile;
      expect(file.base).toEqual(base);
      expect(file.headless).toEqual(puppeteer.defaultArgs({ headless: true, args: [...base] }));
      expect(file.shell).toEqual(puppeteer.defaultArgs({ headless: 'shell', args: [...base] }));
    }
  });

  it('@puppeteer/browsers is only asked for a browser when its cache folder holds a build', () => {
    const cache = join(tmp.dir, 'cache');
    mkdirSync(join(cache, 'chrome'), { recursive: true });
    const env = { PUPPETEER_CACHE_DIR: cache };
    expect(puppeteerMayHaveBrowser(env)).toBe(false); // an empty cache folder
    mkdirSync(join(cache, 'chrome-headless-shell', 'linux-1'), { recursive: true });
    expect(puppeteerMayHaveBrowser(env)).toBe(true);
    expect(puppeteerMayHaveBrowser({ PUPPETEER_CACHE_DIR: join(tmp.dir, 'none') })).toBe(false);
  });

  it('a template compiled from the disk cache renders as one compiled now; an edit is a new entry', () => {
    const hb = Handlebars.create();
    const text = `<p>{{name}} · {{#each items}}<i>{{this}}</i>{{/each}} · ${Date.now()}</p>`;
    const context = { name: '<Beijing & "Washington">', items: ['a', 'b'] };
    const dir = join(cacheDir(), 'templates'); // the run's own cache (test/global-setup.ts), wherever BRIEF_CACHE_DIR pointed
    expect(dir.startsWith(ROOT)).toBe(false); // never inside the repository
    const listed = new Set(existsSync(dir) ? readdirSync(dir) : []);
    const before = listed.size;
    const first = compileCached(hb, text)(context);
    expect(readdirSync(dir).length).toBe(before + 1); // written
    expect(compileCached(hb, text)(context)).toBe(first); // read back
    expect(first).toBe(hb.compile(text)(context));
    expect(first).toContain('&lt;Beijing &amp; &quot;Washington&quot;&gt;'); // still escaped
    compileCached(hb, `${text}!`);
    expect(readdirSync(dir).length).toBe(before + 2);
    for (const f of readdirSync(dir)) if (!listed.has(f)) rmSync(join(dir, f)); // leave the cache as it was
  });

  it("a build whose templates are compiled already loads Handlebars' runtime only, not its compiler", async () => {
    // Two fresh processes on the compiled modules, with a cache folder of their own: the first
    // compiles the templates (and loads the compiler), the second takes them from the cache.
    const cache = join(tmp.dir, 'hb-cache');
    const script = `
      import { createRequire } from 'node:module';
      const lib = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))});
      const printer = new lib.Printer({ concurrency: 1 });
      const r = await lib.build({ dataDir: ${JSON.stringify(join(ROOT, 'data'))}, templatesDir: ${JSON.stringify(join(ROOT, 'templates'))}, outDir: ${JSON.stringify(join(tmp.dir, 'hb-out'))}, audiences: ['executive'], printer });
      await printer.close();
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\/]handlebars[\\/]/.test(k)).map((k) => k.replace(/.*handlebars[\\/]/, ''));
      console.log(JSON.stringify({ pages: r.documents[0].pages, loaded }));`;
    const run = () => {
      const out = execFileSync('node', ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, BRIEF_CACHE_DIR: cache }, encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').pop()!) as { pages: number; loaded: string[] };
    };
    const first = run();
    expect(first.pages).toBe(1);
    expect(first.loaded).toContain('dist/cjs/handlebars.js'); // compiled: the full library
    expect(readdirSync(join(cache, 'templates')).length).toBeGreaterThan(5);
    const second = run();
    expect(second.pages).toBe(1);
    expect(second.loaded).toContain('dist/handlebars.runtime.min.js'); // the runtime's one-file build
    expect(second.loaded).not.toContain('dist/cjs/handlebars.js');
    expect(second.loaded.filter((f) => f.includes('compiler'))).toEqual([]);
  });
});
