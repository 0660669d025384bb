// npm run bench — rendering speed figures for brief (issue 8). Not a test: it prints numbers.
//   cold      process start → PDF on disk, `brief build` of the sample (median of runs), again and as a first build,
//             and a bare Puppeteer script printing the same HTML
//   batch     PDFs/s for >= 100 documents (weeks × audiences) on one warm browser (median of runs alternating with the
//             floor and naive)
//   naive     24 of the same documents with a browser launched per document (median of runs, in the same rounds)
//   floor     the same final HTML printed by bare Puppeteer on a warm browser with a page pool, and by DevTools
//             directly (setDocumentContent + printToPDF), as brief prints
//   warm      one PDF rebuilt on a warm browser (what watch mode does per save), each audience, and its floor
//   peers     md-to-pdf, cold, on a Markdown document with the analyst briefing's content (scratch install, not a dependency)
//   validate  fact sheets/s for `validate`, next to bare YAML parsing
//   memory    peak PSS of the whole process tree during the batch, for two batch sizes
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';

const ROOT = new URL('..', import.meta.url).pathname;
const lib = {
  ...(await import(join(ROOT, 'dist/index.js'))),
  ...(await import(join(ROOT, 'dist/print/browser.js'))),
  ...(await import(join(ROOT, 'dist/load/audience.js'))),
  ...(await import(join(ROOT, 'dist/render/fonts.js'))),
};
const { nextWeek } = await import(join(ROOT, 'dist/util/week.js'));
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const N_DOCS = Number(args.get('docs') ?? 102);
const RUNS = Number(args.get('runs') ?? 5);
/** Warm rebuilds vary by ±10 %: more of them for a stable median. */
const WARM_RUNS = Number(args.get('warm-runs') ?? 15);
const CONCURRENCY = Number(args.get('concurrency') ?? availableParallelism());
/** Batch and floor runs, alternately. */
const PAIRS = Number(args.get('pairs') ?? 3);
const SKIP = new Set((args.get('skip') ?? '').split(',').filter(Boolean));
const work = mkdtempSync(join(tmpdir(), 'brief-bench-'));
const results = {};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();
const fmt = (n, d = 1) => n.toFixed(d);
const log = (s) => process.stdout.write(`${s}\n`);

/** The floors' browser: bare Puppeteer with the usual flags for a root container. */
const BARE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The browser brief prints with here (a headless shell when one is installed), which the floors use too. */
const BROWSER = await lib.findBrowser();
const HEADLESS = BROWSER.shell ? 'shell' : true;
async function launchBare() {
  // Loaded on first use, after the memory figures.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ executablePath: BROWSER.path, headless: HEADLESS, pipe: true, args: BARE_ARGS });
}

/** A data folder with one topic per week: weeks × audiences documents. */
function makeCorpus(dir, weeks) {
  const sheets = ['tiktok-us-spinoff', 'us-china-trade'].map((t) => readFileSync(join(ROOT, 'data/2025-W38', `${t}.yaml`), 'utf8'));
  // Weeks from 2025-W38 on: the sample's as_of (20 September 2025) is then never after its week
  // (it is a stale edition carried forward, a warning, which is what a real archive holds).
  let w = '2025-W37';
  for (let i = 0; i < weeks; i++) {
    w = nextWeek(w);
    mkdirSync(join(dir, w), { recursive: true });
    const doc = parseDocument(sheets[i % 2]);
    writeFileSync(join(dir, w, `${doc.get('id')}.yaml`), doc.toString());
  }
  return readdirSync(dir).sort();
}

/** Peak PSS (kB) of a process and all its descendants, sampled while `fn` runs. */
async function peakPss(pid, fn) {
  const children = (p) => {
    // every thread's children: Chromium starts some processes from threads other than its main one
    try { return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)); } catch { return []; }
  };
  const tree = (p) => [p, ...children(p).flatMap(tree)];
  const pss = (p) => { try { return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0); } catch { return 0; } };
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, tree(pid).reduce((s, p) => s + pss(p), 0)); }, 50);
  try { await fn(); } finally { clearInterval(timer); }
  return peak;
}

const audiences = args.has('audiences') ? args.get('audiences').split(',') : await lib.listAudienceNames(join(ROOT, 'templates'));
const weeksNeeded = Math.ceil(N_DOCS / audiences.length);
const dataDir = join(work, 'data');
const weeks = makeCorpus(dataDir, weeksNeeded);
const docs = weeks.length * audiences.length;
// A CPU speed reference, so figures from different machines (or days) can be put side by side.
// (the result is used, `x === 0.5` never holds, so the loop cannot be optimized away)
const loopMs = (() => { const t0 = now(); let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0; return ms(t0) + (x === 0.5 ? 1 : 0); })();
log(`brief benchmark — ${docs} documents (${weeks.length} weeks × ${audiences.length} audiences), concurrency ${CONCURRENCY}, node ${process.version}, ${availableParallelism()} cores; CPU reference: a 3e8-step integer loop takes ${fmt(loopMs, 0)} ms; browser ${BROWSER.path}${BROWSER.shell ? ' (a headless shell)' : ''}`);
results.machine = { loopMs };

// ---- batch: one warm browser, every document
// Timed from a warm browser, as the floor is: launched, its pages open and one document printed on
// each (a browser keeps starting up for a while after it answers). The launch is timed apart.
async function batch(outDir, weekList = weeks, writeHtml = false) {
  const printer = new lib.Printer({ concurrency: CONCURRENCY });
  let pages = 0;
  let launchMs = 0;
  let prints = 0;
  const build = (week, out) => lib.build({ dataDir, templatesDir: join(ROOT, 'templates'), outDir: out, week, audiences, printer, writeHtml });
  const t0 = now();
  try {
    await printer.warmUp();
    launchMs = ms(t0);
    await Promise.all([build(weekList[0], join(work, 'out-warmup')), build(weekList[1] ?? weekList[0], join(work, 'out-warmup'))]);
    prints = printer.prints;
    const t1 = now();
    const rs = await Promise.all(weekList.map((week) => build(week, outDir)));
    pages = rs.flatMap((r) => r.documents).reduce((s, d) => s + d.pages, 0);
    return { ms: ms(t1), launchMs, launches: printer.launches, pages, prints: printer.prints - prints };
  } finally { await printer.close(); }
}
// ---- memory: the batch under the sampler, and a third of it, to see whether the peak grows with N
// (these runs also keep each document's final HTML, the floor's input; the timed batches write PDFs only, as `brief build` does)
const memoryOut = join(work, 'out-memory');
const batchPeak = await peakPss(process.pid, () => batch(memoryOut, weeks, true));
const smallWeeks = weeks.slice(0, Math.max(1, Math.round(weeks.length / 3)));
const smallPeak = await peakPss(process.pid, () => batch(join(work, 'out-small'), smallWeeks, true));
results.memory = { peakMB: batchPeak / 1024, docs, smallPeakMB: smallPeak / 1024, smallDocs: smallWeeks.length * audiences.length };

// ---- floor: the same final HTML, bare Puppeteer, warm browser, page pool, same concurrency
const htmls = weeks.flatMap((w) => audiences.map((a) => readFileSync(join(memoryOut, w, `${a}.html`), 'utf8')));
/**
 * The same final HTML on a warm browser with a pool of reused pages, same concurrency; `open` sets a
 * page up once, `print` loads and prints one document (by its index in `htmls`) on it.
 * - floor: bare Puppeteer, `setContent` + `pdf`, as one would write by hand;
 * - rawFloor: by DevTools directly, as brief prints (Page.setDocumentContent, the load event,
 *   Page.printToPDF with the PDF in the answer; the fonts by reference, answered over DevTools and
 *   decoded once per page), without Puppeteer's setContent script, its wait for
 *   document.fonts.ready and its stream read-back: what Chromium itself allows on this machine.
 */
async function poolFloor(open, print) {
  const browser = await launchBare();
  try {
    const pagesPool = await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      return open(page);
    }));
    // warm, as the batch is: one document printed on each page first
    await Promise.all(pagesPool.map((p) => print(p, 0)));
    let next = 0;
    const t0 = now();
    await Promise.all(pagesPool.map(async (p) => { while (next < htmls.length) await print(p, next++); }));
    return ms(t0);
  } finally {
    await browser.close();
  }
}
const floor = () => poolFloor((page) => page, async (page, i) => {
  const html = htmls[i];
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
});
// The HTML as brief sends it to the page: each inline font replaced by a URL under lib.FONT_ORIGIN
// (the written HTML stands alone; its policy allows that origin), answered by the floor itself.
const fontBodies = new Map(); // URL → base64
const byReference = htmls.map((html) => html.replace(/url\(data:font\/woff2;base64,([^)]*)\)/g, (m, base64) => {
  const url = `${lib.FONT_ORIGIN}/${createHash('sha256').update(base64).digest('hex').slice(0, 16)}.woff2`;
  fontBodies.set(url, base64);
  return `url(${url})`;
}));
const rawFloor = () => poolFloor(async (page) => {
  const cdp = await page.createCDPSession();
  const { frameTree } = await cdp.send('Page.getFrameTree');
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const body = fontBodies.get(request.url);
    (body ? cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, body, responseHeaders: [{ name: 'Content-Type', value: 'font/woff2' }, { name: 'Cache-Control', value: 'max-age=31536000' }, { name: 'Access-Control-Allow-Origin', value: '*' }] })
      : cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' })).catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  return { page, cdp, frameId: frameTree.frame.id };
}, async ({ page, cdp, frameId }, i) => {
  const html = byReference[i];
  const loaded = new Promise((r) => page.once('load', r));
  await cdp.send('Page.setDocumentContent', { frameId, html });
  await loaded;
  const { data } = await cdp.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.7, printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64' });
  return Buffer.from(data, 'base64');
});

// ---- naive: a browser launched per document (a sample of the batch, same concurrency), timed in
// the same rounds as batch and floor (the machine's speed drifts), median of the rounds.
const naiveSample = weeks.slice(0, Math.max(2, Math.ceil(24 / audiences.length)));
const naiveJobs = naiveSample.flatMap((week) => audiences.map((a) => ({ week, a })));
async function naive() {
  let next = 0;
  const t0 = now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < naiveJobs.length) {
      const { week, a } = naiveJobs[next++];
      await lib.build({ dataDir, templatesDir: join(ROOT, 'templates'), outDir: join(work, 'out-naive'), week, audiences: [a] });
    }
  }));
  return ms(t0);
}

// ---- batch, floor and naive, alternately (the machine's speed drifts between runs): medians
// The batches are timed without the memory sampler: reading /proc/<pid>/smaps_rollup of every
// Chromium process 20 times a second costs CPU that the batch would otherwise have.
const batchRuns = [];
const floorRuns = [];
const rawFloorRuns = [];
const naiveRuns = [];
for (let i = 0; i < PAIRS; i++) {
  batchRuns.push(await batch(join(work, `out-batch-${i}`)));
  floorRuns.push(await floor());
  rawFloorRuns.push(await rawFloor());
  if (!SKIP.has('naive')) naiveRuns.push(await naive());
}
const batchRun = [...batchRuns].sort((a, b) => a.ms - b.ms)[Math.floor(PAIRS / 2)];
results.batch = { docs, ms: batchRun.ms, perSec: docs / (batchRun.ms / 1000), pages: batchRun.pages, launches: batchRun.launches, prints: batchRun.prints, runsMs: batchRuns.map((b) => Math.round(b.ms)) };
log(`batch    ${fmt(results.batch.perSec, 2)} PDFs/s  (${docs} PDFs, ${batchRun.pages} pages, ${batchRun.prints} prints, ${fmt(batchRun.ms / 1000, 2)} s on a warm browser, median of ${PAIRS}: ${results.batch.runsMs.join(', ')} ms; ${batchRun.launches} browser launch, ${fmt(batchRun.launchMs, 0)} ms before)`);
log(`memory   peak PSS ${fmt(batchPeak / 1024, 0)} MB for ${docs} PDFs, ${fmt(smallPeak / 1024, 0)} MB for ${results.memory.smallDocs} PDFs (process tree: node + Chromium)`);
results.floor = { ms: median(floorRuns), perSec: htmls.length / (median(floorRuns) / 1000), runsMs: floorRuns.map(Math.round) };
log(`floor    ${fmt(results.floor.perSec, 2)} PDFs/s  (bare Puppeteer, same ${htmls.length} HTML documents, ${fmt(results.floor.ms / 1000, 2)} s, median of ${PAIRS}: ${results.floor.runsMs.join(', ')} ms)`);
results.rawFloor = { ms: median(rawFloorRuns), perSec: htmls.length / (median(rawFloorRuns) / 1000), runsMs: rawFloorRuns.map(Math.round) };
log(`         ${fmt(results.rawFloor.perSec, 2)} PDFs/s  by DevTools directly, as brief prints (setDocumentContent + printToPDF, fonts by reference, no Puppeteer wait or stream; ${fmt(results.rawFloor.ms / 1000, 2)} s, median of ${PAIRS}: ${results.rawFloor.runsMs.join(', ')} ms)`);
if (naiveRuns.length) {
  const t = median(naiveRuns);
  results.naive = { docs: naiveJobs.length, ms: t, perSec: naiveJobs.length / (t / 1000), runsMs: naiveRuns.map(Math.round) };
  log(`naive    ${fmt(results.naive.perSec, 2)} PDFs/s  (browser per document, ${naiveJobs.length} PDFs, ${fmt(t / 1000, 2)} s, median of ${naiveRuns.length}: ${results.naive.runsMs.join(', ')} ms)`);
}

// ---- warm rebuild of one PDF (watch mode's unit of work), each audience, next to its floor
{
  // Each rebuild follows a save of a fact sheet (a comment added: read, parsed and validated again;
  // the layout stays, so the last measured contents page numbers hold, as in most saves). The floor
  // of a rebuild: its final HTML printed by bare Puppeteer on a warm page (setContent + pdf), which
  // no rebuild can beat without printing less.
  const warmData = join(work, 'warm-data');
  cpSync(join(ROOT, 'data'), warmData, { recursive: true });
  const edited = join(warmData, '2025-W38', 'tiktok-us-spinoff.yaml');
  const original = readFileSync(edited, 'utf8');
  const printer = new lib.Printer({ concurrency: CONCURRENCY });
  await printer.warmUp();
  const outWarm = join(work, 'out-warm');
  results.warm = {};
  for (const audience of ['analyst', 'public', 'executive'].filter((a) => audiences.includes(a))) {
    const times = [];
    let pages = 0;
    for (let i = 0; i < WARM_RUNS + 1; i++) {
      writeFileSync(edited, `${original}\n# save ${audience} ${i}\n`);
      const t0 = now();
      const r = await lib.build({ dataDir: warmData, templatesDir: join(ROOT, 'templates'), outDir: outWarm, week: '2025-W38', audiences: [audience], printer, writeHtml: true });
      if (i > 0) times.push(ms(t0));
      pages = r.documents[0].pages;
    }
    results.warm[audience] = { medianMs: median(times), pages };
  }
  await printer.close();
  const browser = await launchBare();
  try {
    const page = (await browser.pages())[0] ?? await browser.newPage();
    await page.setJavaScriptEnabled(false);
    for (const [audience, w] of Object.entries(results.warm)) {
      const html = readFileSync(join(outWarm, '2025-W38', `${audience}.html`), 'utf8');
      const times = [];
      for (let i = 0; i < WARM_RUNS + 1; i++) {
        const t0 = now();
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
        if (i > 0) times.push(ms(t0));
      }
      w.floorMs = median(times);
    }
  } finally {
    await browser.close();
  }
  results.warm.medianMs = results.warm.analyst?.medianMs;
  for (const [audience, w] of Object.entries(results.warm)) {
    if (typeof w !== 'object') continue;
    log(`warm     ${fmt(w.medianMs, 0).padStart(4)} ms  one ${audience} PDF (${w.pages} page${w.pages === 1 ? '' : 's'}) rebuilt on a warm browser after a save of its fact sheet; its floor (bare setContent + pdf of the same HTML, warm page) ${fmt(w.floorMs, 0)} ms (medians of ${WARM_RUNS})`);
  }
}

// ---- cold: process start → PDF on disk
{
  // A repeated build (what a user running `brief build` again gets): the same output folder, the
  // tool's caches as the previous run left them (compiled templates, the contents' page layout).
  // And a first build: an empty cache folder each time (templates compiled, contents measured by a draft).
  const coldRun = (out, env = process.env) => {
    const t0 = now();
    const r = spawnSync('node', [join(ROOT, 'bin/brief.js'), 'build', '--week', '2025-W38', '--audience', 'analyst', '--out', out], { cwd: ROOT, encoding: 'utf8', env });
    const t = ms(t0);
    if (r.status !== 0 || !existsSync(join(out, '2025-W38', 'analyst.pdf'))) throw new Error(`cold build failed: ${r.stderr}`);
    return t;
  };
  const out = join(work, 'out-cold');
  coldRun(out); // not counted: it leaves the caches a previous build would have left
  const times = Array.from({ length: RUNS }, () => coldRun(out));
  const firsts = Array.from({ length: RUNS }, (_, i) => coldRun(join(work, `out-first-${i}`), { ...process.env, BRIEF_CACHE_DIR: mkdtempSync(join(work, 'cache-')) }));
  // The floor of a cold build: a bare script (start Node, import Puppeteer, launch, setContent of the
  // same final HTML, pdf, write, close), as one would write by hand.
  const bare = join(work, 'bare-cold.mjs');
  writeFileSync(bare, [
    `import puppeteer from ${JSON.stringify(join(ROOT, 'node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js'))};`,
    "import { readFileSync, writeFileSync } from 'node:fs';",
    `const browser = await puppeteer.launch({ executablePath: ${JSON.stringify(BROWSER.path)}, headless: ${JSON.stringify(HEADLESS)}, pipe: true, args: ${JSON.stringify(BARE_ARGS)} });`,
    'const [page] = await browser.pages();',
    'await page.setJavaScriptEnabled(false);',
    `await page.setContent(readFileSync(${JSON.stringify(join(work, 'out-warm', '2025-W38', 'analyst.html'))}, 'utf8'), { waitUntil: 'load' });`,
    `writeFileSync(${JSON.stringify(join(work, 'bare-cold.pdf'))}, await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));`,
    'await browser.close();',
  ].join('\n'));
  const bareTimes = Array.from({ length: RUNS }, () => {
    const t0 = now();
    const r = spawnSync('node', [bare], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bare cold script failed: ${r.stderr}`);
    return ms(t0);
  });
  results.cold = { medianMs: median(times), runs: times.map((t) => Math.round(t)), firstMedianMs: median(firsts), firstRuns: firsts.map((t) => Math.round(t)), bareMs: median(bareTimes), bareRuns: bareTimes.map((t) => Math.round(t)) };
  log(`cold     ${fmt(results.cold.medianMs / 1000, 2)} s  \`brief build --audience analyst\` again, process start → PDF on disk (median of ${RUNS}: ${results.cold.runs.join(', ')} ms)`);
  log(`         ${fmt(results.cold.firstMedianMs / 1000, 2)} s  the same as a first build, with an empty cache folder (median of ${RUNS}: ${results.cold.firstRuns.join(', ')} ms)`);
  log(`         ${fmt(results.cold.bareMs / 1000, 2)} s  its floor: a bare Puppeteer script printing the same HTML (start, launch, load, print, write, close; median of ${RUNS}: ${results.cold.bareRuns.join(', ')} ms)`);
}

// ---- peers: md-to-pdf cold on an equivalent Markdown document
if (!SKIP.has('peers')) {
  const peerDir = join(tmpdir(), 'brief-bench-peers');
  const bin = join(peerDir, 'node_modules/.bin/md-to-pdf');
  if (!existsSync(bin)) {
    mkdirSync(peerDir, { recursive: true });
    writeFileSync(join(peerDir, 'package.json'), '{"name":"peers","private":true}');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'md-to-pdf@5'], { cwd: peerDir, encoding: 'utf8', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' } });
    if (r.status !== 0) log(`peers    md-to-pdf could not be installed: ${r.stderr.split('\n')[0]}`);
  }
  if (existsSync(bin)) {
    // The same content as the analyst briefing: both topics, every section it prints, as Markdown.
    const esc = (t) => String(t ?? '').replace(/\s+/g, ' ').replace(/\|/g, '/');
    const topicMd = (sheet) => [`# ${sheet.title}`, `*${sheet.topic} — as of ${sheet.as_of} — ${sheet.handling}*`, sheet.summary ?? '',
      '## Bottom line up front', esc(sheet.bluf.text),
      '## Deal status', `**Stage:** ${sheet.status.stage} (since ${sheet.status.since})`, esc(sheet.status.summary),
      '### Timeline', '| Date | Event | State |', '|---|---|---|', ...sheet.status.milestones.map((m) => `| ${m.date} | ${esc(m.title)}${m.detail ? ` — ${esc(m.detail)}` : ''} | ${m.state} |`),
      ...(sheet.status.deadlines ?? []).map((d) => `- **Deadline ${d.date}:** ${esc(d.title)}`),
      '## Sticking points', ...sheet.sticking_points.flatMap((sp) => [`### ${sp.title}`, `*${sp.status}, ${sp.significance} significance*`, esc(sp.summary), '| Party | Position | Flexibility |', '|---|---|---|', ...sp.positions.map((p) => `| ${p.party} | ${esc(p.text)} | ${p.flexibility} |`)]),
      '## Key judgments', ...sheet.key_judgments.flatMap((k) => [`### ${esc(k.statement)}`, `**${k.likelihood}**, ${k.confidence} confidence`, esc(k.basis),
        ...(k.assumptions?.length ? ['**Assumptions**', ...k.assumptions.map((a) => `- ${esc(a)}`)] : []), ...(k.indicators?.length ? ['**Indicators**', ...k.indicators.map((a) => `- ${esc(a)}`)] : []), ...(k.change_reason ? [`*Change:* ${esc(k.change_reason)}`] : [])]),
      '## Expert views', ...sheet.expert_views.map((e) => `> ${esc(e.view)}\n>\n> — ${e.name}, ${e.role}, ${e.affiliation}${e.verification_note ? ` (${esc(e.verification_note)})` : ''}\n`),
      '## What to watch next', ...sheet.watch_next.map((w) => `- ${esc(w.text)}${w.date ? ` (${w.date})` : ''}`),
      '## Analyst notes', ...(sheet.notes ?? []).map((n) => `- ${esc(n.text)}`),
      '## About the sources', esc(sheet.source_summary),
      '## Sources', ...sheet.sources.map((s, i) => `${i + 1}. ${s.publisher}, "${esc(s.title)}"${s.author ? `, ${s.author}` : ''}, ${s.date ?? ''}. Grade ${s.reliability}${s.credibility}. ${esc(s.notes)}`)];
    const md = ['tiktok-us-spinoff', 'us-china-trade'].flatMap((t) => topicMd(parse(readFileSync(join(ROOT, 'data/2025-W38', `${t}.yaml`), 'utf8')))).join('\n\n');
    const mdFile = join(work, 'peer.md');
    writeFileSync(mdFile, md);
    // md-to-pdf as it runs by default: Puppeteer's `headless: true`, which is the full Chrome (its
    // download, or here a system one); and, where brief prints with a headless shell, md-to-pdf on that
    // same shell too (the mode md-to-pdf launches in is its own: the shell ignores it).
    const fullChrome = lib.SYSTEM_BROWSERS.find((p) => !lib.isHeadlessShell(p) && existsSync(p));
    const peerRuns = (path) => {
      const launch = JSON.stringify({ executablePath: path, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        rmSync(mdFile.replace(/\.md$/, '.pdf'), { force: true });
        const t0 = now();
        const r = spawnSync(bin, ['--launch-options', launch, mdFile], { cwd: work, encoding: 'utf8' });
        const t = ms(t0);
        if (r.status !== 0) { log(`peers    md-to-pdf failed on ${path}: ${r.stderr.split('\n').slice(0, 3).join(' ')}`); return undefined; }
        times.push(t);
      }
      return median(times);
    };
    const defaultMs = peerRuns(fullChrome ?? BROWSER.path);
    const sameMs = BROWSER.shell && fullChrome ? peerRuns(BROWSER.path) : defaultMs;
    if (defaultMs) {
      const pdfPages = (() => { try { return execFileSync('pdfinfo', [mdFile.replace(/\.md$/, '.pdf')], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1]; } catch { return '?'; } })();
      results.peers = { mdToPdfColdMs: defaultMs, sameBrowserMs: sameMs, browser: fullChrome ?? BROWSER.path, pages: pdfPages };
      log(`peers    md-to-pdf cold ${fmt(defaultMs / 1000, 2)} s on ${fullChrome ?? `${BROWSER.path} (no full Chrome here)`}, as it launches by default (median of ${RUNS}, ${pdfPages}-page PDF)`);
      if (sameMs && sameMs !== defaultMs) log(`         md-to-pdf cold ${fmt(sameMs / 1000, 2)} s on brief's browser, ${BROWSER.path} (median of ${RUNS})`);
    }
  }
}

// ---- validate: sheets/s on 1,000 generated sheets, and bare YAML parsing of the same files, in a
// fresh Node process as `brief validate` runs (bench/validate.mjs: medians of 3 rounds, each on files
// it has not seen). Measured in this process, after the batches, it came out lower (clean sheets:
// 1,350–1,610/s in five runs on 2026-12-02, against 2,080–3,060/s in a fresh process that day):
// this process's heap and compiled code are not those of a fresh `brief validate`.
{
  const json = join(work, 'validate.json');
  const r = spawnSync('node', [join(ROOT, 'bench/validate.mjs'), '--sheets', '1000', '--rounds', '3', '--json', json], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`validate bench failed: ${r.stderr}`);
  const v = JSON.parse(readFileSync(json, 'utf8'));
  const perSec = (n, ms) => n / (ms / 1000);
  results.validate = {};
  for (const [name, key] of [['clean', 'minimal'], ['sample', 'sample']]) {
    const c = v[key];
    results.validate[name] = { perSec: perSec(c.sheets, c.validate.wall), cpuPerSec: perSec(c.sheets, c.validate.cpu), yamlPerSec: perSec(c.sheets, c.bare.wall), found: c.found, kB: c.kB };
    const x = results.validate[name];
    log(`validate ${fmt(x.perSec, 0)} sheets/s on 1,000 ${name === 'clean' ? 'clean' : 'sample'} sheets of ${fmt(c.kB, 1)} kB (${c.found}; by CPU time ${fmt(x.cpuPerSec, 0)}/s; bare YAML parse of the same files: ${fmt(x.yamlPerSec, 0)}/s)`);
  }
}

// ---- ratios
const r = (a, b) => (a && b ? fmt(a / b, 2) : 'n/a');
log('');
log(`batch/floor  ${r(results.batch.perSec, results.floor.perSec)}   (target >= 0.85; against the floor by DevTools directly: ${r(results.batch.perSec, results.rawFloor.perSec)})`);
log(`batch/naive  ${r(results.batch.perSec, results.naive?.perSec)}   (target >= 5)`);
log(`cold/md-to-pdf  ${r(results.cold.medianMs, results.peers?.mdToPdfColdMs)}   (target <= 0.5; a first build: ${r(results.cold.firstMedianMs, results.peers?.mdToPdfColdMs)}; the bare script: ${r(results.cold.bareMs, results.peers?.mdToPdfColdMs)}${results.peers?.sameBrowserMs !== results.peers?.mdToPdfColdMs ? `; against md-to-pdf on brief's browser: ${r(results.cold.medianMs, results.peers?.sameBrowserMs)}` : ''})`);
log(`warm rebuild ${fmt(results.warm.medianMs, 0)} ms analyst, ${fmt(results.warm.executive?.medianMs ?? NaN, 0)} ms executive (target <= 250; floors ${fmt(results.warm.analyst?.floorMs ?? NaN, 0)} and ${fmt(results.warm.executive?.floorMs ?? NaN, 0)} ms); validate ${fmt(results.validate.clean.perSec, 0)}/s clean, ${fmt(results.validate.sample.perSec, 0)}/s with warnings (target >= 2000); memory ${fmt(results.memory.peakMB, 0)} MB for ${docs} (target <= 600, flat: ${fmt(results.memory.smallPeakMB, 0)} MB for ${results.memory.smallDocs})`);
if (args.has('json')) writeFileSync(args.get('json'), JSON.stringify(results, null, 2));
rmSync(work, { recursive: true, force: true });
