/**
 * Defence in depth for the network (issue 24): a template may hold any construct that fetches —
 * prefetch, preload, preconnect, dns-prefetch, CSS @import and image-set, SVG references, meta
 * refresh, frames, object/embed, forms, web fonts — with no Content-Security-Policy, and no request
 * reaches a local HTTP server: DevTools interception refuses what it sees, and the browser itself is
 * launched to reach nothing (print/browser.ts NO_NETWORK), which a second test checks alone, with no
 * interception at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Printer } from '../../src/print/printer.js';
import { findBrowser, launchArgs, NO_NETWORK } from '../../src/print/browser.js';
import { startChrome } from '../../src/print/chrome.js';
import { readPdf } from '../helpers.js';

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host ?? ''}${req.url ?? ''}`);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>served</p>');
  });
  server.on('connect', (req, socket) => { hits.push(`CONNECT ${req.url ?? ''}`); socket.destroy(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const settle = () => new Promise((r) => setTimeout(r, 1500)); // prefetches and refreshes may come late

/** Every construct that can make a page fetch, against each way of naming the server. */
function hostileTemplate(): string {
  const urls = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://brief-test.localhost:${port}`, `http://[::1]:${port}`];
  const per = (u: string, i: number) => `
<link rel="prefetch" href="${u}/prefetch-${i}"><link rel="preload" as="image" href="${u}/preload-${i}.png">
<link rel="preload" as="font" type="font/woff2" crossorigin href="${u}/preload-font-${i}.woff2">
<link rel="preconnect" href="${u}"><link rel="dns-prefetch" href="${u}"><link rel="prerender" href="${u}/prerender-${i}">
<link rel="modulepreload" href="${u}/module-${i}.js"><link rel="stylesheet" href="${u}/sheet-${i}.css"><link rel="icon" href="${u}/icon-${i}.png">
<style>
  @import url("${u}/import-${i}.css");
  @font-face { font-family: F${i}; src: url("${u}/font-${i}.woff2") format("woff2"); }
  .f${i} { font-family: F${i}; background-image: image-set(url("${u}/set-${i}.png") 1x, url("${u}/set2-${i}.png") 2x); }
  .c${i}::before { content: url("${u}/content-${i}.png"); }
  .m${i} { mask-image: url("${u}/mask-${i}.svg"); cursor: url("${u}/cursor-${i}.png"), auto; list-style-image: url("${u}/list-${i}.png"); }
</style>`;
  const body = (u: string, i: number) => `
<p class="f${i} c${i} m${i}">Construct set ${i}</p>
<img src="${u}/img-${i}.png" srcset="${u}/srcset-${i}.png 2x" loading="eager"><picture><source srcset="${u}/source-${i}.png"><img src="${u}/pic-${i}.png"></picture>
<svg width="20" height="20"><image href="${u}/svg-image-${i}.png" width="10" height="10"/><use href="${u}/use-${i}.svg#a"/>
  <filter id="fi${i}"><feImage href="${u}/feimage-${i}.png"/></filter><rect width="5" height="5" filter="url(#fi${i})"/></svg>
<iframe src="${u}/frame-${i}.html"></iframe><iframe srcdoc="<img src='${u}/srcdoc-${i}.png'>"></iframe>
<object data="${u}/object-${i}.html"></object><embed src="${u}/embed-${i}.swf">
<video poster="${u}/poster-${i}.png" src="${u}/video-${i}.mp4" preload="auto"></video><audio src="${u}/audio-${i}.mp3" preload="auto"></audio>
<form action="${u}/form-${i}" method="post"><input type="image" src="${u}/input-${i}.png"><button formaction="${u}/button-${i}">Go</button></form>
<a href="${u}/link-${i}" ping="${u}/ping-${i}">a link</a>`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${urls[0]}/refresh">
<base href="${urls[0]}/base/">${urls.map(per).join('')}</head><body><h1>Hostile template</h1>${urls.map(body).join('')}<p>After every construct.</p></body></html>`;
}

describe('a hostile template reaches nothing', () => {
  it('prefetch, preload, preconnect, dns-prefetch, @import, image-set, SVG, refresh, frames, object, forms, fonts: zero requests', async () => {
    hits.length = 0;
    await using printer = new Printer({ concurrency: 1 });
    const { pdf } = await printer.pdf(hostileTemplate(), { name: 'hostile.pdf' });
    await settle();
    expect(hits).toEqual([]);
    const { text } = await readPdf(pdf);
    expect(text).toContain('Hostile template'); // printed, not navigated away by the refresh
    expect(text).toContain('After every construct.');
  });

  it('the launch flags alone (no DevTools interception) leave the browser unable to reach the server', async () => {
    hits.length = 0;
    const { path, shell } = await findBrowser();
    const profile = mkdtempSync(join(tmpdir(), 'brief-net-'));
    // BRIEF_TEST_NETWORK_FLAGS=off launches without them: then this test fails (it can fail).
    const args = process.env.BRIEF_TEST_NETWORK_FLAGS === 'off' ? launchArgs().filter((a) => !NO_NETWORK.includes(a)) : launchArgs();
    const { browser, process: proc } = await startChrome({ path, shell: !!shell, args, profile, timeoutMs: 30_000 });
    try {
      if (process.env.BRIEF_TEST_NETWORK_FLAGS !== 'off') expect(args).toEqual(expect.arrayContaining(NO_NETWORK));
      const page = await browser.newPage();
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `example.com`]) {
        const { errorText: error } = await page.send('Page.navigate', { url: `http://${host}/navigate` });
        expect(error, host).toMatch(/net::ERR_(PROXY_CONNECTION_FAILED|NAME_NOT_RESOLVED|TUNNEL_CONNECTION_FAILED|CONNECTION_REFUSED)/);
      }
      // The hostile page, put in as the printer does (no navigation), waited on for at most 10 s.
      const blank = new Promise((r) => page.once('load', r));
      await page.send('Page.navigate', { url: 'about:blank' });
      await blank;
      const { frameTree } = await page.send('Page.getFrameTree');
      const loaded = new Promise((r) => page.once('load', r));
      await page.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html: hostileTemplate() });
      await Promise.race([loaded, new Promise((r) => setTimeout(r, 10_000))]);
      await settle();
      expect(hits).toEqual([]);
    } finally {
      const exited = proc.exitCode !== null ? Promise.resolve() : new Promise((r) => proc.once('exit', r));
      try { process.kill(-proc.pid!, 'SIGKILL'); } catch { proc.kill('SIGKILL'); } // the browser and its helpers
      await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it('the server does answer when asked directly (so zero requests above means blocked)', async () => {
    hits.length = 0;
    await fetch(`http://127.0.0.1:${port}/probe`);
    expect(hits).toEqual([`GET 127.0.0.1:${port}/probe`]);
  });
});
