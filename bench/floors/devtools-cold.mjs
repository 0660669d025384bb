// The cold floor over DevTools (not brief): one finished HTML document printed to PDF by a fresh
// process as brief prints it, and nothing else — Chrome spawned at once with brief's flags
// (dist/chrome-args.json) and a kept profile, spoken to over --remote-debugging-pipe by the few
// lines below (no Puppeteer: its import alone is ~100 ms of a start), its first tab with
// JavaScript off, Page.setDocumentContent, the load event, Page.printToPDF with brief's options,
// the PDF written, the browser's process group killed. The fonts stay inline (data: URLs), as Chromium's
// CLI gets them. Run as a process of its own, timed whole.
//   node bench/floors/devtools-cold.mjs BROWSER HTML PDF PROFILE_DIR
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, htmlFile, pdfFile, profile] = process.argv.slice(2);
const flags = JSON.parse(readFileSync(new URL('../../dist/chrome-args.json', import.meta.url), 'utf8'));
const shell = /headless[-_]shell/.test(browser);
const args = [...(shell ? flags.shell : flags.headless), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--user-data-dir=${profile}`, '--remote-debugging-pipe'];
const chrome = spawn(browser, args, { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const html = readFileSync(htmlFile, 'utf8');

let id = 0;
const waiting = new Map();
const events = new Map();
const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
  waiting.set(++id, { resolve, reject });
  chrome.stdio[3].write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
});
let pending = [];
chrome.stdio[4].on('data', (chunk) => {
  let start = 0;
  for (let end = chunk.indexOf(0); end !== -1; start = end + 1, end = chunk.indexOf(0, start)) {
    const m = JSON.parse(Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8'));
    pending = [];
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message)); else w.resolve(m.result);
    } else events.get(m.method)?.(m.params);
  }
  if (start < chunk.length) pending.push(chunk.subarray(start));
});

// Chromium's first tab when it is there already (as brief takes it), else a new one.
const { targetInfos } = await send('Target.getTargets');
const first = targetInfos.find((t) => t.type === 'page' && t.url === 'about:blank' && !t.attached);
const { targetId } = first ?? await send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
await Promise.all([send('Page.enable', {}, sessionId), send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId)]);
const { frameTree } = await send('Page.getFrameTree', {}, sessionId);
const loaded = new Promise((resolve) => events.set('Page.loadEventFired', resolve));
await send('Page.setDocumentContent', { frameId: frameTree.frame.id, html }, sessionId);
await loaded;
const { data } = await send('Page.printToPDF', {
  paperWidth: 8.27, paperHeight: 11.69, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
  printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64',
}, sessionId);
writeFileSync(pdfFile, Buffer.from(data, 'base64'));
process.kill(-chrome.pid, 'SIGKILL');
process.exit(0);
