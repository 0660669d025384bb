// The watch floor (not brief): a bare watcher that prints a finished HTML document on each save,
// with nothing of brief around it — no YAML parse, validation, composing, rendering or PDF
// post-processing. chokidar on the data folder (the watcher brief uses); on a change of a sheet it
// reads the sheet, takes the edit number the bench wrote into its summary ("Edit N."), loads the
// HTML brief wrote for that edit (fonts by reference, answered from memory) into one warm page
// with JavaScript off (Page.setDocumentContent, the load event), prints it (Page.printToPDF) and
// writes the PDF as brief does (a temporary file renamed over the old one). "ready" on standard
// output once the first print is written.
//   node bench/floors/watch.mjs DATA_DIR HTML_DIR AUDIENCE OUT_PDF
// HTML_DIR holds <N>/<audience>.html for each edit N.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch } from 'chokidar';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchArgs } from '../../dist/print/browser.js';
import { FONT_ORIGIN } from '../../dist/render/fonts.js';

const [dataDir, htmlDir, audience, outPdf] = process.argv.slice(2);
const fonts = new Map();
const byReference = (html) => html.replace(/url\(data:font\/woff2;base64,([^)]*)\)/g, (m, base64) => {
  const url = `${FONT_ORIGIN}/${createHash('sha256').update(base64).digest('hex').slice(0, 16)}.woff2`;
  fonts.set(url, base64);
  return `url(${url})`;
});

const { path, shell } = await findBrowser();
const browser = await puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, pipe: true, args: launchArgs() });
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

async function print(edit) {
  const html = byReference(readFileSync(join(htmlDir, String(edit), `${audience}.html`), 'utf8'));
  const loaded = new Promise((r) => page.once('load', r));
  await cdp.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html });
  await loaded;
  const { data } = await cdp.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64' });
  writeFileSync(`${outPdf}.tmp`, Buffer.from(data, 'base64'));
  renameSync(`${outPdf}.tmp`, outPdf);
}

// One print at a time; a save during a print is printed after it (as brief's build loop does).
let running = Promise.resolve();
const watcher = watch(dataDir, { ignoreInitial: true });
watcher.on('all', (event, file) => {
  if (!file.endsWith('.yaml') || event === 'unlink') return;
  running = running.then(async () => {
    const edit = /^summary: "Edit (\d+)\./m.exec(readFileSync(file, 'utf8'))?.[1];
    if (edit !== undefined) await print(edit);
  }).catch((e) => process.stderr.write(`${e}\n`));
});
await new Promise((r) => watcher.once('ready', r));
await print(0);
process.stdout.write('ready\n');
process.on('SIGTERM', () => { process.kill(-browser.process().pid, 'SIGKILL'); process.exit(0); });
