/**
 * The page has no network and no file access: HTML that tries to load a remote image, a stylesheet,
 * a font, a frame or a local file (file:///etc/passwd) loads nothing. A local HTTP server counts
 * the requests it gets; the printer is given the HTML directly (no CSP from our layout), so it is
 * the printer's own request blocking that is tested.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Printer } from '../../src/print/printer.js';
import { FIXTURES, readPdf, tempDir, TEMPLATES } from '../helpers.js';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

let server: Server;
let base: string;
const hits: string[] = [];
const printer = new Printer();

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': req.url?.endsWith('.css') ? 'text/css' : 'image/png' });
    res.end(req.url?.endsWith('.css') ? 'body { background: red }' : '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await printer.close();
  await new Promise((r) => server.close(r));
});

describe('the page loads nothing from outside', () => {
  it('remote images, stylesheets, fonts, frames, scripts and local files are all refused', async () => {
    hits.length = 0;
    const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${base}/sheet.css">
<link rel="preload" as="image" href="${base}/preload.png">
<style>
  @import url("${base}/import.css");
  @font-face { font-family: Evil; src: url("${base}/font.woff2"); }
  body { font-family: Evil, serif; background-image: url("${base}/bg.png"); }
  h1::after { content: url("file:///etc/passwd"); }
</style>
<script src="${base}/script.js"></script>
</head><body>
<h1>Marker heading</h1>
<img src="${base}/remote.png"><img src="file:///etc/passwd"><img srcset="${base}/srcset.png 2x">
<iframe src="file:///etc/passwd"></iframe><iframe src="${base}/frame.html"></iframe>
<object data="file:///etc/passwd"></object><embed src="${base}/embed.png">
<video poster="${base}/poster.png"></video><audio src="${base}/a.mp3"></audio>
<svg><image href="${base}/svg.png" width="10" height="10"/></svg>
<p>After the assets.</p>
</body></html>`;
    const { pdf } = await printer.pdf(html, { name: 'network.pdf' });
    const { text } = await readPdf(pdf);
    expect(hits).toEqual([]);
    expect(text).toContain('Marker heading');
    expect(text).toContain('After the assets.');
    expect(text).not.toMatch(/root:.*:0:0/); // /etc/passwd was not read into the page
  });

  it('inline JavaScript does not run', async () => {
    const html = `<!doctype html><html><body><p id="p">Static text.</p>
<script>document.getElementById('p').textContent = 'JS RAN'; document.body.append('JS APPENDED');</script>
<img src="x" onerror="document.body.append('ONERROR RAN')"></body></html>`;
    const { text } = await readPdf((await printer.pdf(html, { name: 'js.pdf' })).pdf);
    expect(text).toContain('Static text.');
    expect(text).not.toMatch(/JS RAN|JS APPENDED|ONERROR RAN/);
  });

  it('the server does answer when asked directly (so zero requests above means blocked)', async () => {
    hits.length = 0;
    await fetch(`${base}/probe.png`);
    expect(hits).toEqual(['/probe.png']);
  });

  it('a fact sheet with pasted <img src=…> and file:// text: nothing is fetched, the text is printed', async () => {
    hits.length = 0;
    const tmp = tempDir();
    mkdirSync(join(tmp.dir, 'data', '2025-W38'), { recursive: true });
    const yaml = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8')
      .replace('summary: The parties met on 19 September.', `summary: 'Met <img src="${base}/pasted.png"> and <iframe src="file:///etc/passwd"></iframe> then'`);
    writeFileSync(join(tmp.dir, 'data', '2025-W38', 'a.yaml'), yaml);
    cpSync(TEMPLATES, join(tmp.dir, 'templates'), { recursive: true });
    await build({ dataDir: join(tmp.dir, 'data'), templatesDir: join(tmp.dir, 'templates'), outDir: join(tmp.dir, 'out'), audiences: ['analyst'], printer });
    const { text } = await readPdf(join(tmp.dir, 'out', '2025-W38', 'analyst.pdf'));
    tmp.cleanup();
    expect(hits).toEqual([]);
    expect(text).toContain(`<img src="${base}/pasted.png">`);
    expect(text).toContain('<iframe src="file:///etc/passwd"></iframe>');
  });
});
