// The batch floor (not brief): print finished HTML documents to PDF as brief prints them, with
// nothing of brief around it — no YAML, validation, composing, rendering or PDF post-processing.
// One browser (the one brief uses, with its flags), a pool of `concurrency` reused pages with
// JavaScript off, each document loaded by DevTools (Page.setDocumentContent, the load event) and
// printed by Page.printToPDF with the PDF in the answer; fonts by reference, answered from memory
// (a page decodes each once), as brief does. Then the PDFs are written and the browser's process
// group is killed, as brief ends. Run as a process of its own, timed whole.
//   node bench/floors/devtools-pool.mjs HTML_DIR OUT_DIR CONCURRENCY
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchArgs } from '../../dist/print/browser.js';
import { fontsByReference, openPrintPage } from './page.mjs';

const [htmlDir, outDir, concurrency = '2'] = process.argv.slice(2);

const files = [];
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.html') && files.push(join(d, e.name)); };
walk(htmlDir);
files.sort();
const { fonts, rewrite } = fontsByReference();
const docs = files.map((f) => ({ out: join(outDir, relative(htmlDir, f).replace(/\.html$/, '.pdf')), html: rewrite(readFileSync(f, 'utf8')) }));

const { path, shell } = await findBrowser();
const browser = await puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, pipe: true, args: launchArgs() });

let next = 0;
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  const page = await openPrintPage(browser, fonts);
  while (next < docs.length) {
    const doc = docs[next++];
    const pdf = await page.print(doc.html);
    mkdirSync(join(doc.out, '..'), { recursive: true });
    writeFileSync(doc.out, pdf);
  }
}));
process.kill(-browser.process().pid, 'SIGKILL');
process.stdout.write(`${docs.length} PDFs\n`);
