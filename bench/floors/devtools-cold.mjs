// The cold floor over DevTools (not brief): one finished HTML document printed to PDF by a fresh
// process as brief prints it, and nothing else — Chrome started at once as brief starts it (its
// flags and a kept profile, over the pipe: print/chrome.js, print/devtools.js, no Puppeteer), its
// first tab with JavaScript off, Page.setDocumentContent, the load event, Page.printToPDF with
// brief's options, the PDF written, the browser's process group killed. No YAML, validation,
// composing, rendering, font wait or PDF post-processing; the fonts stay inline (data: URLs), as
// Chromium's CLI gets them. Run as a process of its own, timed whole.
//   node bench/floors/devtools-cold.mjs BROWSER HTML PDF PROFILE_DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { findBrowser, launchArgs } from '../../dist/print/browser.js';
import { killGroup, startChrome } from '../../dist/print/chrome.js';

const [browserPath, htmlFile, pdfFile, profile] = process.argv.slice(2);
const { path, shell } = await findBrowser(browserPath);
const { browser, process: chrome } = await startChrome({ path, shell: !!shell, args: launchArgs(), profile, timeoutMs: 30_000 });
const html = readFileSync(htmlFile, 'utf8');
const page = (await browser.firstTab()) ?? (await browser.newPage());
await Promise.all([page.send('Emulation.setScriptExecutionDisabled', { value: true }), page.send('Emulation.setEmulatedMedia', { media: 'print' })]);
const loaded = new Promise((resolve) => page.once('load', resolve));
await page.send('Page.setDocumentContent', { frameId: page.frameId, html });
await loaded;
const { data } = await page.send('Page.printToPDF', {
  paperWidth: 8.27, paperHeight: 11.69, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
  printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64',
});
writeFileSync(pdfFile, Buffer.from(data, 'base64'));
killGroup(chrome);
process.exit(0);
