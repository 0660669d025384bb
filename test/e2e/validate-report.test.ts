import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli-in-process.js';
import { brief } from '../process-helpers.js';
import { findFactSheetFiles } from '../../src/load/data.js';
import { lineText } from '../../src/validate/problems.js';
import { loadSheets } from '../../src/validate/sheets.js';
import { DATA, FIXTURES, ROOT, tempDir } from '../helpers.js';

/**
 * `brief validate` over many sheets: the process ends as soon as its report is written out
 * (io.ts exitWith), and the report is made without keeping the sheets (loadSheets reportOnly).
 * Neither may change a byte of the report or the exit code: the CLI's output through slow pipes is
 * compared with the same command run in-process, and reportOnly with the ordinary load.
 */
const exec = promisify(execFile);
const tmp = tempDir('brief-validate-report-');
const week = join(tmp.dir, 'data', '2025-W38');
let count = 0;

beforeAll(() => {
  // 120 copies of the sample's sheets (warnings on every one), ids varied, and one duplicate id:
  // a report of several hundred kB, more than a pipe holds.
  mkdirSync(week, { recursive: true });
  const sample = readdirSync(join(DATA, '2025-W38')).map((f) => readFileSync(join(DATA, '2025-W38', f), 'utf8'));
  for (let i = 0; i < 120; i++) {
    const text = sample[i % sample.length]!.replace(/^id: (.+)$/m, i === 119 ? 'id: $1-1' : `id: $1-${i}`);
    writeFileSync(join(week, `sheet-${String(i).padStart(3, '0')}.yaml`), text);
    count++;
  }
});
afterAll(() => tmp.cleanup());

/**
 * The CLI as a shell runs it with its stdout and stderr each piped to a reader that starts reading
 * `delay` seconds late (`brief validate … | less`), so the report fills the pipes before it is read.
 */
async function slowReader(args: string[], delay: number): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `set -o pipefail; { node "$0" "$@" 2>&1 1>&3 3>&- | (sleep ${delay}; cat) >&2; } 3>&1 | (sleep ${delay}; cat)`;
  try {
    const { stdout, stderr } = await exec('bash', ['-c', script, join(ROOT, 'bin/brief.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const inProcess = (args: string[]) => runInProcess(['validate', ...args]);

describe('brief validate: the whole report, through pipes, before the process ends', () => {
  it('human report on stderr: every byte and the exit code, with a reader that starts late', async () => {
    const [cli, ref] = await Promise.all([slowReader(['validate', week], 0.4), inProcess([week])]);
    expect(ref.stderr.length).toBeGreaterThan(200_000);
    expect(ref.stderr).toMatch(/topic-duplicate/);
    expect(ref.stderr).toMatch(new RegExp(`${count} files checked: 1 error, [\\d,]+ warnings\\n$`));
    expect(cli.stderr).toBe(ref.stderr);
    expect(cli.stdout).toBe('');
    expect(cli.code).toBe(1);
    expect(ref.code).toBe(1);
  });

  it('JSON on stdout, --strict: the same document and exit code', async () => {
    const [cli, ref] = await Promise.all([slowReader(['validate', '--format', 'json', '--strict', week], 0.4), inProcess(['--format', 'json', '--strict', week])]);
    expect(ref.stdout.length).toBeGreaterThan(200_000);
    expect(cli.stdout).toBe(ref.stdout);
    expect((JSON.parse(cli.stdout) as { files: string[] }).files).toHaveLength(count);
    expect(cli.code).toBe(1);
  });

  it('a clean run ends with 0 and its summary', async () => {
    const cli = await slowReader(['validate', join(FIXTURES, 'valid')], 0.2);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe('1 file checked: 0 errors, 0 warnings\n'); // test/fixtures/valid: minimal.yaml
  });
});

describe('brief validate from its bundle (dist/bundle/validate.cjs)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => brief(['validate', ...args], ROOT, env);

  it('is what bin/brief.js runs for paths and validate\'s own options', async () => {
    expect(existsSync(join(ROOT, 'dist/bundle/validate.cjs'))).toBe(true);
    const traced = await run([join(FIXTURES, 'valid')], { NODE_DEBUG: 'module' });
    expect(traced.stderr).toMatch(/load "[^"]*dist[\\/]bundle[\\/]validate\.cjs"/);
    expect(traced.stderr).toMatch(/1 file checked: 0 errors, 0 warnings/);
    // a clean run loads no more than it needs: the full parser (yaml) stays out of the bundle and
    // out of the process, loaded from node_modules only when a problem needs it
    expect(readFileSync(join(ROOT, 'dist/bundle/validate.cjs'), 'utf8')).not.toMatch(/node_modules\/yaml\//);
    expect(traced.stderr).not.toMatch(/load "[^"]*node_modules[\\/]yaml[\\/]/);
  });

  it('reports what the modules report: every format, errors, glyphs, archives, the data folder, usage errors', async () => {
    const glyphs = join(tmp.dir, 'glyphs', '2025-W38');
    mkdirSync(glyphs, { recursive: true });
    // characters no bundled font has, and a letter written decomposed (composed before the glyph check)
    writeFileSync(join(glyphs, 'g.yaml'), readFileSync(join(FIXTURES, 'valid', 'minimal.yaml'), 'utf8').replace(/^summary: /m, 'summary: \u{13000} \u0710 Nguye\u0302\u0303n Thi\u0323 '));
    const cases = [[glyphs], [DATA], ['--strict', DATA], ['--format', 'json', join(FIXTURES, 'invalid')], ['--format=sarif', join(FIXTURES, 'bad')],
      ['--format', 'github', join(FIXTURES, 'handling')], ['--data', join(FIXTURES, 'valid')], [], ['--format', 'bogus', DATA], [join(tmp.dir, 'no-such-folder')]];
    let problems = 0;
    for (const args of cases) {
      const [cli, ref] = await Promise.all([run(args), inProcess(args)]);
      expect(cli, args.join(' ')).toEqual(ref);
      problems += (ref.stderr + ref.stdout).split('glyph-missing').length - 1;
    }
    expect(problems).toBeGreaterThanOrEqual(2);
  });
});

describe('loadSheets reportOnly', () => {
  it('the same problems, files and code-frame texts as the ordinary load; no sheets kept', async () => {
    const dirs = [week, join(FIXTURES, 'invalid'), join(FIXTURES, 'valid')];
    const files = await findFactSheetFiles(dirs);
    const full = await loadSheets(files, ROOT);
    const lean = await loadSheets(files, ROOT, { reportOnly: true });
    expect(lean.problems).toEqual(full.problems);
    expect(lean.files).toEqual(full.files);
    expect(full.sheets.length).toBeGreaterThan(0);
    expect(lean.sheets).toEqual([]);
    // the code frames read the same lines; nothing else of a file's text is kept
    for (const p of full.problems) expect(lineText(lean.texts.get(p.file)!, p.line), `${p.file}:${p.line}`).toBe(lineText(full.texts.get(p.file)!, p.line));
    const kept = [...lean.texts.values()].reduce((n, t) => n + t.length, 0);
    expect(kept).toBeLessThan([...full.texts.values()].reduce((n, t) => n + t.length, 0) / 5);
    // the duplicate id is reported in both, at the second file's id line
    const dup = lean.problems.filter((p) => p.rule === 'topic-duplicate' && p.file.startsWith(week));
    expect(dup.map((p) => [p.file, p.line])).toEqual([[join(week, 'sheet-119.yaml'), full.texts.get(join(week, 'sheet-119.yaml'))!.split('\n').findIndex((l) => l.startsWith('id:')) + 1]]);
  });
});

describe('loadSheets reportOnly, memory', () => {
  it('keeps no sheet\'s text alive through its problems: what stays after the run is a small part of the texts', async () => {
    // A message naming an id read from a sheet is, in V8, a join of strings cut from the sheet's
    // text, which keeps the whole text alive (problems.ts detach): every sheet's text stayed.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const files = readdirSync(week).map((f) => join(week, f));
    const textBytes = files.reduce((n, f) => n + readFileSync(f, 'utf8').length * 2, 0);
    await loadSheets(files.slice(0, 6), ROOT, { reportOnly: true }); // (what loads once: parser, schema, fonts' coverage)
    gc(); gc();
    const before = process.memoryUsage().heapUsed;
    const kept = await loadSheets(files, ROOT, { reportOnly: true });
    gc(); gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept.problems.length).toBeGreaterThan(files.length); // (kept alive until here)
    expect(grown, `${grown} bytes kept for ${textBytes} bytes of text`).toBeLessThan(textBytes / 4);
  });
});

describe('positions of a sheet read after a clean sheet or after one with problems', () => {
  it('are the same (the quick parse notes positions only after a sheet with problems)', async () => {
    const clean = join(FIXTURES, 'valid', 'minimal.yaml');
    const warned = readdirSync(week).slice(0, 4).map((f) => join(week, f));
    const invalid = await findFactSheetFiles([join(FIXTURES, 'invalid')]);
    let compared = 0;
    for (const f of [...warned, ...invalid]) {
      const other = f === warned[0] ? warned[1]! : warned[0]!;
      const ofOther = (await loadSheets([other], ROOT, { reportOnly: true })).files[0];
      const afterClean = (await loadSheets([clean, f], ROOT, { reportOnly: true })).problems.filter((p) => !p.file.endsWith('minimal.yaml'));
      const afterProblems = (await loadSheets([other, f], ROOT, { reportOnly: true })).problems.filter((p) => p.file !== ofOther);
      expect(afterProblems, f).toEqual(afterClean);
      if (afterClean.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});
