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
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watch } from 'chokidar';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchArgs } from '../../dist/print/browser.js';
import { fontsByReference, openPrintPage } from './page.mjs';

const [dataDir, htmlDir, audience, outPdf] = process.argv.slice(2);
const { fonts, rewrite } = fontsByReference();
const { path, shell } = await findBrowser();
const browser = await puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, pipe: true, args: launchArgs() });
const page = await openPrintPage(browser, fonts);

async function print(edit) {
  const pdf = await page.print(rewrite(readFileSync(join(htmlDir, String(edit), `${audience}.html`), 'utf8')));
  writeFileSync(`${outPdf}.tmp`, pdf);
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
