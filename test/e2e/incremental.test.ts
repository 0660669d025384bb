/**
 * Incremental builds, sharding and the CLI's exit (issue 25): a document whose inputs are unchanged
 * is not printed again and keeps the bytes a full build writes; an edit prints again exactly the
 * documents made from it (a sheet's week and, through the weekly diff, the next week's); the shards of
 * a build together are one full build, byte for byte; a build leaves no browser process behind.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardDocuments } from '../../src/app/shard.js';
import { DATA, TEMPLATES, readPdf, tempDir } from '../helpers.js';
import { brief, leftovers, processesUsing, spawnBrief, waitFor } from '../process-helpers.js';

const tmp = tempDir('brief-incremental-');
afterAll(() => tmp.cleanup());

const WEEKS = ['2025-W37', '2025-W38', '2025-W39'];
const AUDIENCES = 'analyst,executive';
const data = join(tmp.dir, 'data');
const cache = join(tmp.dir, 'cache');
const env = { BRIEF_CACHE_DIR: cache };

/** `brief build --week all` of the project into `out`, with more arguments. */
const build = (out: string, ...more: string[]) =>
  brief(['build', '--week', 'all', '--audience', AUDIENCES, '--data', data, '--templates', join(tmp.dir, 'templates'), '--out', out, ...more], undefined, env);

/** Every file under `dir` (PDFs and manifests), by path relative to it, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  return new Map(leftovers(dir, /./).map((f) => [relative(dir, f), readFileSync(f)]));
}

/** The documents a run printed again (its lines with a time) and those it kept ("unchanged"). */
function printed(stdout: string): { printed: string[]; kept: string[] } {
  const lines = stdout.split('\n').filter((l) => l.includes('.pdf'));
  // "[ 3/6] /tmp/…/out/2025-W38/analyst.pdf  18 pages  TLP:GREEN  412 ms" → "2025-W38/analyst.pdf"
  const name = (l: string) => relative(tmp.dir, l.replace(/^\[\s*\d+\/\d+\] /, '').split('  ')[0]!).split('/').slice(1).join('/');
  return {
    printed: lines.filter((l) => / \d+ ms$/.test(l)).map(name).sort(),
    kept: lines.filter((l) => l.endsWith('unchanged')).map(name).sort(),
  };
}

const docs = (weeks: string[]) => weeks.flatMap((w) => ['analyst', 'executive'].map((a) => `${w}/${a}.pdf`)).sort();

function editSummary(week: string, topic: string, words: string): void {
  const file = join(data, week, `${topic}.yaml`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^summary: "/m, `summary: "${words} `));
}

beforeAll(() => {
  for (const w of ['2025-W37', '2025-W38']) cpSync(join(DATA, w), join(data, w), { recursive: true });
  cpSync(join(DATA, '2025-W38'), join(data, '2025-W39'), { recursive: true }); // a week carried forward unchanged
  cpSync(TEMPLATES, join(tmp.dir, 'templates'), { recursive: true });
});

describe('incremental builds', () => {
  const out = join(tmp.dir, 'out');

  it('a second build prints nothing and keeps the same bytes; an edit prints its week and the next again, as a full build would', async () => {
    const first = await build(out);
    expect(first.code, first.stderr).toBe(0);
    expect(printed(first.stdout)).toEqual({ printed: docs(WEEKS), kept: [] });
    const before = files(out);
    expect([...before.keys()].filter((f) => f.endsWith('.json')).sort()).toEqual(docs(WEEKS).map((d) => d.replace(/([^/]+)\.pdf$/, '.brief/$1.json')));

    const again = await build(out);
    expect(again.code, again.stderr).toBe(0);
    expect(printed(again.stdout)).toEqual({ printed: [], kept: docs(WEEKS) });
    expect(again.stdout).toContain('6 unchanged');
    expect(files(out)).toEqual(before);

    // W38 edited: W38's documents hold it, W39's compare with it; W37's are not made from it.
    editSummary('2025-W38', 'tiktok-us-spinoff', 'Edited for the test.');
    const edited = await build(out);
    expect(edited.code, edited.stderr).toBe(0);
    expect(printed(edited.stdout)).toEqual({ printed: docs(['2025-W38', '2025-W39']), kept: docs(['2025-W37']) });
    expect((await readPdf(join(out, '2025-W38', 'analyst.pdf'))).text).toContain('Edited for the test.');

    // The result is what a full build of the edited data writes, byte for byte (PDFs and manifests).
    const full = join(tmp.dir, 'out-full');
    const fresh = await build(full, '--force');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(printed(fresh.stdout).printed).toEqual(docs(WEEKS));
    expect(files(out)).toEqual(files(full));
    const after = files(out);
    for (const d of docs(['2025-W37'])) expect(after.get(d)).toEqual(before.get(d));
    expect(after.get('2025-W38/analyst.pdf')).not.toEqual(before.get('2025-W38/analyst.pdf'));
  }, 240_000);

  it('a template edit prints every document of its audience again; --force prints everything; a changed or missing PDF is printed again', async () => {
    const style = join(tmp.dir, 'templates', 'audiences', 'executive', 'style.css');
    writeFileSync(style, `${readFileSync(style, 'utf8')}\nh1 { letter-spacing: 0.01em; }\n`);
    const r1 = await build(out);
    expect(r1.code, r1.stderr).toBe(0);
    expect(printed(r1.stdout).printed).toEqual(WEEKS.map((w) => `${w}/executive.pdf`));

    const analyst = join(out, '2025-W37', 'analyst.pdf');
    const good = readFileSync(analyst);
    writeFileSync(analyst, Buffer.concat([good.subarray(0, 100), Buffer.from('x'), good.subarray(101)]));
    rmSync(join(out, '2025-W39', 'executive.pdf'));
    const r2 = await build(out);
    expect(printed(r2.stdout).printed).toEqual(['2025-W37/analyst.pdf', '2025-W39/executive.pdf']);
    expect(readFileSync(analyst)).toEqual(good);

    const r3 = await build(out, '--force');
    expect(printed(r3.stdout)).toEqual({ printed: docs(WEEKS), kept: [] });
    // what a forced build records (hashed while it printed) is what the next build compares with
    const r4 = await build(out);
    expect(printed(r4.stdout)).toEqual({ printed: [], kept: docs(WEEKS) });
  }, 240_000);

  it('with --html, a document whose HTML was not written before is printed again, and the HTML is kept after', async () => {
    const r1 = await build(out, '--html');
    expect(printed(r1.stdout).printed).toEqual(docs(WEEKS));
    expect(readFileSync(join(out, '2025-W38', 'analyst.html'), 'utf8')).toContain('Edited for the test.');
    const r2 = await build(out, '--html');
    expect(printed(r2.stdout)).toEqual({ printed: [], kept: docs(WEEKS) });
  }, 240_000);
});

describe('--shard i/n', () => {
  it('deals every document to exactly one shard, evenly, the same way every time', () => {
    const weeks = ['2025-W39', '2025-W37', '2025-W38'];
    const audiences = ['public', 'analyst', 'executive'];
    const all = (n: number) => Array.from({ length: n }, (_, i) => [...shardDocuments(weeks, audiences, { index: i + 1, count: n })]
      .flatMap(([w, as]) => as.map((a) => `${w}/${a}`)));
    for (const n of [1, 2, 4, 9, 12]) {
      const shards = all(n);
      const union = shards.flat().sort();
      expect(union).toEqual(weeks.flatMap((w) => audiences.map((a) => `${w}/${a}`)).sort());
      expect(new Set(union).size).toBe(9);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(all(n)).toEqual(shards);
    }
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard takes i\/n/);
  });

  it('the shards of a build, put together, are the full build byte for byte', async () => {
    const full = join(tmp.dir, 'out-full-2');
    const whole = await build(full, '--force');
    expect(whole.code, whole.stderr).toBe(0);
    const merged = new Map<string, Buffer>();
    const seen: string[] = [];
    for (const i of [1, 2, 3, 4]) {
      const part = join(tmp.dir, `out-shard-${i}`);
      const r = await build(part, '--shard', `${i}/4`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`(shard ${i}/4)`);
      for (const [name, bytes] of files(part)) {
        expect(merged.has(name), name).toBe(false); // no file is written by two shards
        merged.set(name, bytes);
      }
      seen.push(...printed(r.stdout).printed);
    }
    expect(seen.sort()).toEqual(docs(WEEKS));
    expect(new Map([...merged].sort())).toEqual(new Map([...files(full)].sort()));
    const bad = await build(join(tmp.dir, 'out-bad'), '--shard', '5/4');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard takes i/n');
  }, 240_000);
});

describe('the end of a build', () => {
  it('leaves no process of its browser behind once it has exited (its group is killed, not left to close)', async () => {
    const out = join(tmp.dir, 'out-exit');
    const profile = join(cache, 'chrome-profile');
    const run = spawnBrief(['build', '--week', '2025-W38', '--data', data, '--templates', join(tmp.dir, 'templates'), '--out', out, '--force'], undefined, env);
    // Seen while it runs: the browser and the process group its helpers share (processesUsing remembers it).
    let seen = 0;
    const watching = setInterval(() => { seen = Math.max(seen, processesUsing(profile).length); }, 20);
    const { code } = await run.exited;
    clearInterval(watching);
    expect(code, run.out()).toBe(0);
    expect(seen).toBeGreaterThan(1);
    // Killed, they are gone at once (a zombie waiting to be reaped by init is not running).
    expect(await waitFor(() => processesUsing(profile).length === 0, 2000), String(processesUsing(profile))).toBe(true);
    expect(readdirSync(cache)).not.toContain('chrome-profile.lock');
    for (const a of ['analyst', 'executive', 'public']) {
      expect((await readPdf(join(out, '2025-W38', `${a}.pdf`))).text).toContain('Weekly briefing 2025-W38');
    }
  }, 120_000);
});
