// The batch floor (not brief): print finished HTML documents to PDF as brief prints them, with
// nothing of brief around it — no YAML, validation, composing, rendering or PDF post-processing.
// One browser (the one brief uses, with its flags), a pool of `concurrency` reused pages with
// JavaScript off, each document loaded by DevTools (Page.setDocumentContent, the load event) and
// printed by Page.printToPDF with the PDF in the answer; fonts by reference, answered from memory
// (a page decodes each once), as brief does. Then the PDFs are written and the browser's process
// group is killed, as brief ends. Run as a process of its own, timed whole.
//   node bench/floors/devtools-pool.mjs HTML_DIR OUT_DIR CONCURRENCY
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchArgs } from '../../dist/print/browser.js';
import { FONT_ORIGIN } from '../../dist/render/fonts.js';

const [htmlDir, outDir, concurrency = '2'] = process.argv.slice(2);

const files = [];
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.html') && files.push(join(d, e.name)); };
walk(htmlDir);
files.sort();
// The HTML as brief sends it to the page: each inline font replaced by a URL under FONT_ORIGIN.
const fonts = new Map();
const docs = files.map((f) => ({
  out: join(outDir, relative(htmlDir, f).replace(/\.html$/, '.pdf')),
  html: readFileSync(f, 'utf8').replace(/url\(data:font\/woff2;base64,([^)]*)\)/g, (m, base64) => {
    const url = `${FONT_ORIGIN}/${createHash('sha256').update(base64).digest('hex').slice(0, 16)}.woff2`;
    fonts.set(url, base64);
    return `url(${url})`;
  }),
}));

const { path, shell } = await findBrowser();
const browser = await puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, pipe: true, args: launchArgs() });

async function openPage() {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const cdp = await page.createCDPSession();
  const { frameTree } = await cdp.send('Page.getFrameTree');
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const body = fonts.get(request.url);
    (body ? cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, body, responseHeaders: [{ name: 'Content-Type', value: 'font/woff2' }, { name: 'Access-Control-Allow-Origin', value: '*' }] })
      : cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' })).catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  return { page, cdp, frameId: frameTree.frame.id };
}

let next = 0;
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  const { page, cdp, frameId } = await openPage();
  while (next < docs.length) {
    const doc = docs[next++];
    const loaded = new Promise((r) => page.once('load', r));
    await cdp.send('Page.setDocumentContent', { frameId, html: doc.html });
    await loaded;
    const { data } = await cdp.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64' });
    mkdirSync(join(doc.out, '..'), { recursive: true });
    writeFileSync(doc.out, Buffer.from(data, 'base64'));
  }
}));
process.kill(-browser.process().pid, 'SIGKILL');
process.stdout.write(`${docs.length} PDFs\n`);
