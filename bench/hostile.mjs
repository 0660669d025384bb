// Benchmark (not a test): hostile input at scale. For sheets with N problems each (default 2k, 10k,
// 60k) it runs `node bin/brief.js validate FILE` and prints the wall time, the bytes written to
// stdout + stderr and the exit code. Linear work shows as time growing like N; quadratic work as
// time growing like N² (10k taking 25× the time of 2k, not 5×).
//   - missing:  N/5 milestones written `- {}`, each missing its 5 required fields (schema-required);
//   - unknown:  N citations of sources that do not exist (source-unknown) in the status's sources,
//               beside 8,000 known sources;
//   - keys:     N unknown keys at the top of the sheet (schema-unknown-key; no list, so no list bound);
//   - control:  N titles with an ESC byte (text-control).
// Run after compiling (npx tsc -p tsconfig.json && node scripts/gen-dist.mjs):
//   node bench/hostile.mjs [--sizes 2000,10000,60000] [--kinds missing,unknown,control]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '2000,10000,60000' }, kinds: { type: 'string', default: 'missing,unknown,keys,control' } } });
const root = new URL('..', import.meta.url).pathname;
const minimal = readFileSync(join(root, 'test/fixtures/valid/minimal.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'brief-hostile-bench-'));

/** The minimal sheet with its milestones list replaced by `lines` (each a list item). */
const withMilestones = (lines) => minimal.replace(/ {2}milestones:\n(?: {4}- .*\n)+/, `  milestones:\n${lines.join('\n')}\n`);

const KINDS = {
  missing: (n) => withMilestones(Array.from({ length: Math.ceil(n / 5) }, () => '    - {}')),
  unknown: (n) => {
    const known = Array.from({ length: 8000 }, (_, i) => `  - { id: k${i}, publisher: P, title: T, reliability: B, credibility: 2 }`);
    return minimal.replace(/^ {2}sources: \[src-a\]$/m, `  sources: [src-a, ${Array.from({ length: n }, (_, i) => `n${i}`).join(', ')}]`)
      .replace(/^sources:\n/m, `sources:\n${known.join('\n')}\n`);
  },
  keys: (n) => `${minimal}${Array.from({ length: n }, (_, i) => `x${i}: 1`).join('\n')}\n`,
  control: (n) => withMilestones(Array.from({ length: n }, (_, i) => `    - { id: m${i}, date: 2025-09, title: "M\\e]0;pwned\\a ${i}", state: occurred, sources: [src-a] }`)),
};

console.log('kind      problems   size kB    wall ms   output kB  exit');
for (const kind of values.kinds.split(',')) {
  for (const n of values.sizes.split(',').map(Number)) {
    const file = join(dir, `${kind}-${n}.yaml`);
    writeFileSync(file, KINDS[kind](n));
    const t0 = process.hrtime.bigint();
    const r = spawnSync('node', [join(root, 'bin/brief.js'), 'validate', file], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 2 ** 31 - 1, timeout: 600_000 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const out = (r.stdout?.length ?? 0) + (r.stderr?.length ?? 0);
    console.log(`${kind.padEnd(9)} ${String(n).padStart(8)} ${String(Math.round(statSync(file).size / 1024)).padStart(9)} ${ms.toFixed(0).padStart(10)} ${String(Math.round(out / 1024)).padStart(11)}  ${r.status ?? r.signal}`);
  }
}
rmSync(dir, { recursive: true, force: true });
