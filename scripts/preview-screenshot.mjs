// Takes docs/preview.png: `brief preview` on a copy of the sample, a fact sheet broken by a bad date,
// in the headless browser the printer uses (it has no PDF viewer: the PDF pane says so).
// Run after `npm run build:ts`: node scripts/preview-screenshot.mjs [out.png]
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchArgs } from '../dist/print/browser.js';
import { startPreview } from '../dist/app/preview/server.js';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? join(root, 'docs', 'preview.png');
const dir = mkdtempSync(join(tmpdir(), 'brief-shot-'));
cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
const preview = await startPreview({ dataDir: join(dir, 'data'), templatesDir: join(dir, 'templates'), outDir: join(dir, 'out'), week: '2025-W38', audience: 'analyst', root: dir });
const { path, shell } = await findBrowser();
const browser = await puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, args: launchArgs() });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 760 });
  await page.goto(preview.url);
  await page.waitForSelector('#brief-preview[data-shown="1"]', { timeout: 30_000 });
  const sheet = join(dir, 'data', '2025-W38', 'us-china-trade.yaml');
  writeFileSync(`${sheet}.tmp`, readFileSync(sheet, 'utf8').replace(/^as_of: .*$/m, 'as_of: "2025-09-31"'));
  renameSync(`${sheet}.tmp`, sheet);
  await page.waitForSelector('#overlay:not([hidden])', { timeout: 30_000 });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await preview.close();
  rmSync(dir, { recursive: true, force: true });
}
