// Benchmark (not a test): how many fact sheets per second `brief validate` checks, next to bare
// YAML parsing of the same files. For two corpora of generated sheets (default 1,000 each; ids and
// text varied so no two files are the same):
//   - "sample":  copies of the real sample sheets of the latest week in data/ (~20 kB, ~450 lines each);
//   - "minimal": copies of test/fixtures/valid/minimal.yaml (~2.5 kB, a short sheet).
// it times, as the median of several rounds:
//   - bare:     read + yaml.parse of every file (no positions, no checks);
//   - validate: what `brief validate` does: loadSheets (read, quick parse, JSON Schema (ajv,
//               precompiled), meaning checks) and the report, every problem at its line and column
//               (the positioned parse runs only for files with problems).
// Run after compiling (npx tsc -p tsconfig.json): npm run bench:validate [-- --sheets 1000 --rounds 3]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { formatHuman } from '../dist/index.js';
import { findFactSheetFiles } from '../dist/load/data.js';
import { loadSheets } from '../dist/validate/sheets.js';

const { values } = parseArgs({ options: { sheets: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, json: { type: 'string' } } });
const SHEETS = Number(values.sheets);
const ROUNDS = Number(values.rounds);
const root = new URL('..', import.meta.url).pathname;

const dataDir = join(root, 'data');
const latest = readdirSync(dataDir).filter((d) => /^\d{4}-W\d{2}$/.test(d)).sort().at(-1);
const corpora = {
  sample: readdirSync(join(dataDir, latest)).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(dataDir, latest, f), 'utf8')),
  minimal: [readFileSync(join(root, 'test/fixtures/valid/minimal.yaml'), 'utf8')],
};

/** Write `SHEETS` variants of the templates under <dir>/<week>/ and return the file list. */
async function generate(dir, templates) {
  const weekDir = join(dir, latest);
  mkdirSync(weekDir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < SHEETS; i++) {
    const text = templates[i % templates.length]
      .replace(/^id: (.+)$/m, `id: $1-${i}`)
      .replace(/^title: "(.*)"$/m, `title: "$1 (${i})"`)
      .replace(/^title: ([^"].*)$/m, `title: $1 (${i})`)
      .replace(/^summary: "(.*)"$/m, `summary: "Sheet ${i}. $1"`)
      .replace(/^summary: ([^"].*)$/m, `summary: Sheet ${i}. $1`);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(weekDir, `sheet-${String(i).padStart(4, '0')}.yaml`), text);
  }
  return { files: await findFactSheetFiles([dir]), bytes };
}

/** Median wall-clock and CPU (user + system) milliseconds of `fn` over the rounds. CPU time is the
 *  steadier figure on a shared machine: it does not count the time other processes hold the cores. */
async function median(fn, setup = async () => {}) {
  const wall = [], cpu = [];
  for (let r = 0; r < ROUNDS; r++) {
    await setup(r); // not timed
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push((c.user + c.system) / 1e3);
  }
  const mid = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wall: mid(wall), cpu: mid(cpu) };
}

console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}; ${SHEETS} sheets per corpus, median of ${ROUNDS} rounds`);
const rate = (n, ms) => Math.round(n / (ms / 1000)).toLocaleString('en-US').padStart(7);
const results = {};
for (const [name, templates] of Object.entries(corpora)) {
  const dir = mkdtempSync(join(tmpdir(), 'brief-bench-'));
  try {
    const { files, bytes } = await generate(dir, templates);
    await loadSheets(files.slice(0, 20)); // warm-up: compile the schema, JIT the parser
    let found = '';
    const bare = await median(async () => { await Promise.all(files.map(async (f) => parse(await readFile(f, 'utf8')))); });
    // Every round validates files it has not seen: brief caches the results of unchanged files
    // within a process (watch mode, batches), which must not flatter this figure.
    let round = [];
    const full = await median(async () => {
      const r = await loadSheets(round);
      formatHuman(r.problems, { texts: r.texts });
      const errors = r.problems.filter((p) => p.severity === 'error').length;
      found = `${errors} errors, ${r.problems.length - errors} warnings`;
    }, async (r) => { round = (await generate(join(dir, `round-${r}`), templates)).files; });
    console.log(`${name.padEnd(8)} ${files.length} sheets, ${(bytes / files.length / 1024).toFixed(1)} kB each        wall clock              CPU time`);
    const line = (label, t) => `  ${label.padEnd(16)} ${t.wall.toFixed(0).padStart(6)} ms ${rate(files.length, t.wall)} sheets/s   ${t.cpu.toFixed(0).padStart(6)} ms ${rate(files.length, t.cpu)} sheets/s`;
    console.log(line('bare yaml.parse', bare));
    console.log(`${line('brief validate', full)}   (${(full.cpu / bare.cpu).toFixed(2)}× bare parse CPU; found ${found})`);
    results[name] = { sheets: files.length, kB: bytes / files.length / 1024, bare, validate: full, found };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
