import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TEMPLATES, readPdf, tempDir } from '../helpers.js';
import { pdfInternals } from '../pdf-strings.js';
import { get, launchBrowser, startPreview } from '../preview-helpers.js';

/**
 * Handling in the preview: the public page (TLP:CLEAR) shows exactly what the public PDF shows. Every
 * restricted item of the handling fixture holds a canary (KX<kind><level>, kxsrcid-<level> …, see
 * handling.test.ts); none above CLEAR may reach anything the public page loads.
 */
const DATA = join(FIXTURES, 'handling');
const tokens = (level: RegExp) => {
  const found = new Set<string>();
  for (const f of readdirSync(DATA).flatMap((w) => readdirSync(join(DATA, w)).map((f) => join(DATA, w, f)))) {
    const yaml = readFileSync(f, 'utf8');
    for (const m of yaml.matchAll(/\b(?:KX[A-Z]+?(CLR|GRN|AMB|STR|RED)|kxsrcu(clr|grn|amb|str|red)|(?:kxsrcid|kxkjid)-(clr|grn|amb|str|red))\b/g)) {
      if (level.test((m[1] ?? m[2] ?? m[3])!.toLowerCase())) found.add(m[0]);
    }
  }
  return [...found];
};

/** The events the page would get, until a build is done. */
function firstStates(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/__brief/events?week=2025-W38&audience=public' }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        if (/"status":"(ok|failed)"/.test(text)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('brief preview: the public page never shows a restricted item', () => {
  const tmp = tempDir();
  const restricted = tokens(/grn|amb|str|red/);
  let preview: Awaited<ReturnType<typeof startPreview>>;
  let browser: Browser;
  const seen: Record<string, string> = {};

  beforeAll(async () => {
    [preview, browser] = await Promise.all([
      startPreview(tmp.dir, ['--data', DATA, '--templates', TEMPLATES, '--out', join(tmp.dir, 'out'), '--week', '2025-W38', '--audience', 'public']),
      launchBrowser(),
    ]);
    const page = await browser.newPage();
    await page.goto(preview.url);
    await page.waitForSelector('#brief-preview[data-shown="1"]', { timeout: 30_000 });
    seen['the page'] = await page.content();
    seen['the HTML pane'] = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('#html-pane iframe')!.contentDocument!.documentElement.outerHTML);
    const pdf = new Uint8Array((await get(preview.port, '/2025-W38/public.pdf')).body);
    seen['the PDF text'] = (await readPdf(pdf)).text;
    seen['the PDF internals'] = await pdfInternals(pdf);
    seen['the HTML served'] = (await get(preview.port, '/2025-W38/public.html')).body.toString();
    seen['the events'] = await firstStates(preview.port);
    seen['the index'] = (await get(preview.port, '/')).body.toString();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    preview?.child.kill('SIGINT');
    await preview?.exited;
    tmp.cleanup();
  });

  it('has canaries to look for, and the cleared ones are shown (the page is not simply empty)', () => {
    expect(restricted.length).toBeGreaterThan(60);
    expect(seen['the HTML pane']).toContain('KXCHCLR');
    expect(seen['the PDF text']).toContain('KXCHCLR');
    expect(seen['the events']).toContain('"marking":"TLP:CLEAR"');
  });

  it('no canary above TLP:CLEAR in the page, its HTML, its PDF, its events or the index', () => {
    const leaks = Object.entries(seen).flatMap(([where, text]) => restricted.filter((t) => text.includes(t)).map((t) => `${t} in ${where}`));
    expect(leaks).toEqual([]);
  });
});
