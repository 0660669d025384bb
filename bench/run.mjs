// npm run bench [-- --quick] [-- --write]: brief's speed against floors that are floors, each
// variant a whole process timed from outside (bench/tree-time.py: wall time to exit, and the CPU time
// of the whole process tree, browser included), in interleaved rounds (the order rotates each round),
// reported as medians with min–max and as ratios of medians. Not a test: it prints numbers.
// docs/performance.md says what each line measures and why; `--write` puts the table there.
//
//   startup      `brief --version`                       vs `node -e 0` (Node's own start)
//   cold         `brief build` of one briefing, --force  vs Chromium's CLI `--print-to-pdf` of its final HTML
//   batch        `brief build --week all --force`        vs the DevTools pool (bench/floors/devtools-pool.mjs)
//                printing the same final HTML on the same browser
//                (cold and batch: also the same build with --verify, the fidelity check's cost)
//   incremental  `brief build --week all` with nothing changed, and after one sheet was edited, vs the full build
//   validate     `brief validate` on generated sheets    vs read + js-yaml + ajv (bench/floors/validate.mjs)
//                clean sheets, and sheets with warnings
//   watch        `brief watch`: a sheet saved → its briefing's PDF rewritten, analyst and executive,
//                vs a bare watcher printing the final HTML on a warm page (bench/floors/watch.mjs)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean' }, write: { type: 'boolean' }, rounds: { type: 'string' }, weeks: { type: 'string' },
    sheets: { type: 'string' }, only: { type: 'string' }, json: { type: 'string' },
  },
});
const ROUNDS = Number(opt.rounds ?? (opt.quick ? 3 : 5));
const WEEKS = Number(opt.weeks ?? (opt.quick ? 8 : 34));
const SHEETS = Number(opt.sheets ?? (opt.quick ? 300 : 1000));
const ONLY = opt.only ? new Set(opt.only.split(',')) : undefined;
/** Whether a scenario was asked for: by its name, or by its first word ('validate' for both validate scenarios). */
const wanted = (name) => !ONLY || ONLY.has(name) || ONLY.has(name.split(/[ ,]/)[0]);
const CONCURRENCY = availableParallelism();
const work = mkdtempSync(join(tmpdir(), 'brief-bench-'));
const BRIEF = join(ROOT, 'bin/brief.js');
const log = (s = '') => process.stdout.write(`${s}\n`);
const { findBrowser } = await import(join(ROOT, 'dist/print/browser.js'));
const { nextWeek } = await import(join(ROOT, 'dist/util/week.js'));
const BROWSER = await findBrowser();
// brief's caches (compiled templates, contents layouts, the kept browser profile) in a folder of the
// bench's own, warmed by the set-up runs: what a user's second build finds.
const env = { ...process.env, BRIEF_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' };

/** Run one command under tree-time.py: { wallMs, cpuMs, treeMs, code }. */
function timed(cmd, args, label) {
  const r = spawnSync('python3', [join(ROOT, 'bench/tree-time.py'), join(work, 'last.out'), join(work, 'last.err'), cmd, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tree-time failed for ${label}: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (m.code !== 0) throw new Error(`${label} exited ${m.code}: ${readFileSync(join(work, 'last.err'), 'utf8').slice(-800)}`);
  return m;
}
const node = (args, label) => timed(process.execPath, args, label);

// ---- corpora
// The sample's sheets name their archived sources relative to themselves (../archive/…, in
// data/archive/); copied elsewhere they would no longer resolve and their quotes would go unchecked.
// Every corpus points at the same archives by absolute path, so the quotes are checked (as a user
// with archives has them) wherever the bench runs.
const SOURCES = join(ROOT, 'data', 'archive');
const withArchives = (text) => text.replace(/"\.\.\/archive\//g, existsSync(SOURCES) ? `"${SOURCES}/` : '"/nonexistent/sources/');
// Weeks of two topics each: the sample's 2025-W37, then its 2025-W38 carried forward week after week
// with the summary line changed each week (so every briefing has a "changes since" section).
const data = join(work, 'data');
{
  mkdirSync(join(data, '2025-W37'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'data/2025-W37'))) writeFileSync(join(data, '2025-W37', f), withArchives(readFileSync(join(ROOT, 'data/2025-W37', f), 'utf8')));
  let week = '2025-W37';
  for (let i = 1; i < WEEKS; i++) {
    week = nextWeek(week);
    mkdirSync(join(data, week), { recursive: true });
    for (const f of readdirSync(join(ROOT, 'data/2025-W38'))) {
      const text = withArchives(readFileSync(join(ROOT, 'data/2025-W38', f), 'utf8')).replace(/^summary: "/m, `summary: "Week ${i}. `);
      writeFileSync(join(data, week, f), text);
    }
  }
}
const weeks = readdirSync(data).sort();
const audiences = readdirSync(join(ROOT, 'templates/audiences')).sort();
const docs = weeks.length * audiences.length;
/** Sheets for validate: `n` copies of the templates in one week folder, ids and titles varied. */
function sheetsCorpus(name, templates, n) {
  const dir = join(work, name, '2025-W38');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(join(dir, `sheet-${String(i).padStart(4, '0')}.yaml`), templates[i % templates.length]
      .replace(/^id: (.+)$/m, `id: $1-${i}`).replace(/^title: "(.*)"$/m, `title: "$1 (${i})"`));
  }
  const kB = templates.reduce((s, t) => s + Buffer.byteLength(t), 0) / templates.length / 1024;
  return { dir: join(work, name), kB };
}
const clean = sheetsCorpus('sheets-clean', [readFileSync(join(ROOT, 'test/fixtures/valid/minimal.yaml'), 'utf8')], SHEETS);
const warned = sheetsCorpus('sheets-warnings', readdirSync(join(ROOT, 'data/2025-W38')).map((f) => withArchives(readFileSync(join(ROOT, 'data/2025-W38', f), 'utf8'))), SHEETS);

// ---- set-up runs (not timed): caches warm, the final HTML for the floors, brief's options
const help = execFileSync(process.execPath, [BRIEF, 'build', '--help'], { encoding: 'utf8', env });
const hasVerify = /--verify\b/.test(help);
const htmlOut = join(work, 'out-html');
execFileSync(process.execPath, [BRIEF, 'build', '--week', 'all', '--data', data, '--html', '--force', '--out', htmlOut], { env, stdio: 'ignore' });
const analystHtml = join(htmlOut, weeks.at(-1), 'analyst.html');
const chromeProfile = join(work, 'chrome-cli-profile');

// ---- the scenarios: each a list of variants; a round runs every variant once, in rotated order
const cold = (extra = []) => ['build', '--week', weeks.at(-1), '--audience', 'analyst', '--data', data, '--force', '--out', join(work, 'out-cold'), ...extra];
const full = (out) => ['build', '--week', 'all', '--data', data, '--force', '--out', out];
const incOut = join(work, 'out-incremental');
const incData = join(work, 'data-incremental'); // its own copy: the edits must not reach the other scenarios
cpSync(data, incData, { recursive: true });
let editCount = 0;
const scenarios = {
  startup: [
    { name: 'brief --version', run: () => node([BRIEF, '--version'], 'brief --version') },
    { name: 'node -e 0 (floor)', floor: true, run: () => node(['-e', '0'], 'node') },
  ],
  cold: [
    { name: 'brief build, 1 briefing', run: () => node([BRIEF, ...cold()], 'cold') },
    ...(hasVerify ? [{ name: 'the same with --verify', target: '', run: () => node([BRIEF, ...cold(['--verify'])], 'cold --verify') }] : []),
    {
      name: 'Chromium CLI --print-to-pdf (floor)', floor: true,
      run: () => timed(BROWSER.path, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${chromeProfile}`, '--no-pdf-header-footer',
        `--print-to-pdf=${join(work, 'chrome-cli.pdf')}`, `file://${analystHtml}`], 'chromium cli'),
    },
  ],
  // The same cold build against the least a fresh process can do over DevTools with brief's
  // browser and flags (bench/floors/devtools-cold.mjs): Chromium's CLI starts slower than a
  // DevTools client on some versions and machines, so it alone is not always a floor.
  'cold, DevTools': [
    { name: 'brief build, 1 briefing', run: () => node([BRIEF, ...cold()], 'cold') },
    {
      name: 'bare DevTools print, same HTML (floor)', floor: true,
      run: () => node([join(ROOT, 'bench/floors/devtools-cold.mjs'), BROWSER.path, analystHtml, join(work, 'devtools-cold.pdf'), join(work, 'devtools-cold-profile')], 'devtools cold'),
    },
  ],
  batch: [
    { name: `brief build --week all, ${docs} briefings`, run: () => node([BRIEF, ...full(join(work, 'out-batch'))], 'batch') },
    ...(hasVerify ? [{ name: 'the same with --verify', target: '', run: () => node([BRIEF, ...full(join(work, 'out-batch')), '--verify'], 'batch --verify') }] : []),
    { name: 'DevTools pool, same HTML (floor)', floor: true, run: () => node([join(ROOT, 'bench/floors/devtools-pool.mjs'), htmlOut, join(work, 'out-floor'), String(CONCURRENCY)], 'floor') },
  ],
  incremental: [
    { name: 'full build (--force; the reference)', floor: true, run: () => node([BRIEF, 'build', '--week', 'all', '--data', incData, '--force', '--out', incOut], 'incremental full') },
    { name: 'nothing changed', run: () => node([BRIEF, 'build', '--week', 'all', '--data', incData, '--out', incOut], 'incremental none') },
    {
      name: 'one sheet edited (its week and the next print)', target: '',
      run: () => {
        // the second-last week: its documents and the last week's (which compare with it) print again
        const file = join(incData, weeks.at(-2), readdirSync(join(incData, weeks.at(-2)))[0]);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^summary: "(Edit \d+\. )?/m, `summary: "Edit ${++editCount}. `));
        return node([BRIEF, 'build', '--week', 'all', '--data', incData, '--out', incOut], 'incremental edit');
      },
    },
  ],
  'validate clean': [
    { name: `brief validate, ${SHEETS} clean sheets of ${clean.kB.toFixed(1)} kB`, run: () => node([BRIEF, 'validate', clean.dir], 'validate clean') },
    { name: 'js-yaml + ajv (floor)', floor: true, run: () => node([join(ROOT, 'bench/floors/validate.mjs'), clean.dir], 'validate floor') },
  ],
  'validate warnings': [
    { name: `brief validate, ${SHEETS} sheets of ${warned.kB.toFixed(1)} kB with warnings`, run: () => {
      // exit code 0: warnings only
      return node([BRIEF, 'validate', warned.dir], 'validate warnings');
    } },
    { name: 'js-yaml + ajv (floor)', floor: true, run: () => node([join(ROOT, 'bench/floors/validate.mjs'), warned.dir], 'validate floor') },
  ],
};
// watch: each variant a long-running process on its own copy of the last two weeks (the last compares
// with the one before), timed from the save to the PDF's rename, its process tree's CPU read from
// /proc over the save and a settling time after it.
const watchWeek = weeks.at(-1);
const watchSheet = readdirSync(join(data, watchWeek)).sort()[0];
const watchBase = readFileSync(join(data, watchWeek, watchSheet), 'utf8');
const withEdit = (n) => watchBase.replace(/^summary: "(Week \d+\. )?/m, `summary: "Edit ${n}. `);
const WATCH_EDITS = ROUNDS + 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function watchData(name) {
  const dir = join(work, name);
  for (const w of weeks.slice(-2)) cpSync(join(data, w), join(dir, w), { recursive: true });
  writeFileSync(join(dir, watchWeek, watchSheet), withEdit(0));
  return dir;
}
/** CPU ms (user + system) of a process and all its descendants, from /proc. */
function treeCpu(root) {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone */ }
  }
  let ticks = 0;
  const mine = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of procs) if (!mine.has(pid) && mine.has(p.ppid)) { mine.add(pid); grew = true; }
  }
  for (const pid of mine) ticks += procs.get(pid)?.ticks ?? 0;
  return ticks * 10; // USER_HZ is 100 on Linux
}
const watchers = [];
/** A long-running watch process and the save → PDF measurement on it. */
function watchVariant(name, audience, floor) {
  const dir = watchData(`watch-${floor ? 'floor' : 'brief'}-${audience}`);
  const out = join(work, `watch-out-${floor ? 'floor' : 'brief'}-${audience}`);
  const pdf = floor ? join(out, `${audience}.pdf`) : join(out, watchWeek, `${audience}.pdf`);
  let proc;
  let edit = 0;
  const started = async () => {
    if (proc) return;
    mkdirSync(out, { recursive: true });
    proc = floor
      ? spawn(process.execPath, [join(ROOT, 'bench/floors/watch.mjs'), dir, watchHtml, audience, pdf], { env, stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn(process.execPath, [BRIEF, 'watch', '--week', watchWeek, '--audience', audience, '--data', dir, '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    watchers.push(proc);
    proc.stdout.resume();
    proc.stderr?.resume();
    for (let i = 0; !existsSync(pdf); i++) { if (i > 30_000) throw new Error(`${name}: no first PDF`); await sleep(1); }
    await sleep(1500); // the first build's end
  };
  return {
    name, floor,
    run: async () => {
      await started();
      const before = statSync(pdf);
      const cpu0 = treeCpu(proc.pid);
      // Saved as editors save: a new file renamed over the old one (an in-place write is seen
      // half-written by a watcher that reads at the first event).
      const sheet = join(dir, watchWeek, watchSheet);
      writeFileSync(join(dir, watchWeek, `.${watchSheet}.tmp`), withEdit(++edit));
      renameSync(join(dir, watchWeek, `.${watchSheet}.tmp`), sheet);
      const t0 = performance.now();
      for (;;) {
        const now = statSync(pdf, { throwIfNoEntry: false });
        if (now && (now.ino !== before.ino || now.mtimeMs !== before.mtimeMs || now.size !== before.size)) break;
        if (performance.now() - t0 > 60_000) throw new Error(`${name}: no PDF 60 s after a save`);
        await sleep(1);
      }
      const wall = performance.now() - t0;
      await sleep(400); // the build's end, and any re-check of the file, before the next save
      return { wallMs: wall, cpuMs: treeCpu(proc.pid) - cpu0, treeMs: wall, code: 0 };
    },
  };
}
const watchHtml = join(work, 'watch-html');
if (wanted('watch analyst') || wanted('watch executive')) {
  // The HTML brief writes for each edit: what the floor prints.
  const dir = watchData('watch-html-data');
  for (let n = 0; n <= WATCH_EDITS; n++) {
    writeFileSync(join(dir, watchWeek, watchSheet), withEdit(n));
    const out = join(work, 'watch-html-out');
    execFileSync(process.execPath, [BRIEF, 'build', '--week', watchWeek, '--audience', 'analyst,executive', '--data', dir, '--html', '--force', '--out', out], { env, stdio: 'ignore' });
    mkdirSync(join(watchHtml, String(n)), { recursive: true });
    for (const a of ['analyst', 'executive']) copyFileSync(join(out, watchWeek, `${a}.html`), join(watchHtml, String(n), `${a}.html`));
  }
}
scenarios['watch analyst'] = [watchVariant('brief watch: save → analyst PDF', 'analyst', false), watchVariant('bare watcher, same HTML (floor)', 'analyst', true)];
scenarios['watch executive'] = [watchVariant('brief watch: save → executive PDF', 'executive', false), watchVariant('bare watcher, same HTML (floor)', 'executive', true)];

/** Targets, as ratios of medians (brief's time over its floor's, unless said). */
const TARGETS = {
  cold: '≤ 1.25',
  'cold, DevTools': '',
  batch: '≤ 1.15 (batch ≥ 0.87× the floor\'s speed)',
  incremental: '≤ 0.1',
  'validate clean': '≤ 1.11 (≥ 0.9× the floor\'s speed)',
  'validate warnings': '≤ 1.25 (≥ 0.8× the floor\'s speed)',
  'watch analyst': '≤ 1.15',
  'watch executive': '≤ 1.15',
};

// Warm-up: one run of each variant (caches, the page cache, the kept profile), not counted.
const chosen = Object.entries(scenarios).filter(([k]) => wanted(k));
for (const [, variants] of chosen) for (const v of variants) await v.run();
const runs = new Map(chosen.flatMap(([, vs]) => vs.map((v) => [v, []])));
const load0 = loadavg()[0];
const t0 = Date.now();
for (let r = 0; r < ROUNDS; r++) {
  for (const [, variants] of chosen) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length];
      runs.get(v).push(await v.run());
    }
  }
  process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
}
const load1 = loadavg()[0];
for (const p of watchers) p.kill('SIGTERM');
await Promise.all(watchers.map((p) => (p.exitCode === null && p.signalCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));

// ---- report
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const ms = (s) => `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
const rows = [];
const results = {};
for (const [scenario, variants] of chosen) {
  const floor = variants.find((v) => v.floor);
  const floorWall = stat(runs.get(floor).map((m) => m.wallMs));
  const floorCpu = stat(runs.get(floor).map((m) => m.cpuMs));
  results[scenario] = {};
  for (const v of variants) {
    const wall = stat(runs.get(v).map((m) => m.wallMs));
    const cpu = stat(runs.get(v).map((m) => m.cpuMs));
    const tree = stat(runs.get(v).map((m) => m.treeMs));
    results[scenario][v.name] = { wall, cpu, tree };
    const ratio = v === floor ? '1' : (wall.median / floorWall.median).toFixed(2);
    const cpuRatio = v === floor ? '1' : (cpu.median / floorCpu.median).toFixed(2);
    rows.push(`| ${scenario} | ${v.name} | ${ms(wall)} | ${ms(cpu)} | ${tree.median - wall.median > 5 ? `+${Math.round(tree.median - wall.median)}` : '0'} | ${ratio} | ${cpuRatio} | ${v === floor ? '' : v.target ?? TARGETS[scenario] ?? ''} |`);
  }
}
const cpuRef = (() => { const t = process.hrtime.bigint(); let x = 0; for (let i = 0; i < 3e8; i++) x = (x * 31 + i) | 0; return Number(process.hrtime.bigint() - t) / 1e6 + (x === 0.5 ? 1 : 0); })();
const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return '?'; } })();
const header = [
  `Commit ${commit}, ${new Date().toISOString().slice(0, 10)}; ${opt.quick ? '--quick, ' : ''}${ROUNDS} interleaved rounds after one warm-up round; node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim()}; load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end (other work on the machine); a 3e8-step integer loop took ${Math.round(cpuRef)} ms; browser ${BROWSER.path}${BROWSER.shell ? ' (headless shell)' : ''}; ${weeks.length} weeks × ${audiences.length} audiences = ${docs} briefings (2 topics a week), concurrency ${CONCURRENCY}; archived sources ${existsSync(SOURCES) ? 'found (quotes checked)' : 'absent (quotes not checked)'}; ${Math.round((Date.now() - t0) / 1000)} s.`,
  '',
  '| scenario | variant | wall ms, median (min–max) | CPU ms, process tree | exit → tree gone, ms | × floor (or reference), wall | × floor, CPU | target, wall |',
  '|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
log(header);
if (opt.json) writeFileSync(opt.json, JSON.stringify({ commit, rounds: ROUNDS, weeks: weeks.length, docs, load: [load0, load1], results }, null, 2));
if (opt.write) {
  const file = join(ROOT, 'docs/performance.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!text.includes(start) || !text.includes(end)) throw new Error(`${file} has no ${start} … ${end} block`);
  writeFileSync(file, `${text.slice(0, text.indexOf(start) + start.length)}\n${header}\n${text.slice(text.indexOf(end))}`);
  log(`\nwritten into ${file}`);
}
rmSync(work, { recursive: true, force: true });
if (existsSync(chromeProfile)) rmSync(chromeProfile, { recursive: true, force: true });
