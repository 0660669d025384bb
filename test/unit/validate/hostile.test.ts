/**
 * Hostile input at scale (issue 24): the work and the output of validation stay bounded, whatever
 * the sheet; no control character from a sheet reaches a terminal or a PDF's metadata. Sizes here
 * are modest (a few thousand problems): bench/hostile.mjs measures the time at 2k, 10k and 60k.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSheets } from '../../../src/validate/sheets.js';
import { formatHuman, summaryLine } from '../../../src/report/human.js';
import { formatGithub } from '../../../src/report/github.js';
import { formatJson } from '../../../src/report/json.js';
import { lineText, MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_RUN, tally } from '../../../src/validate/problems.js';
import { MAX_LIST_ITEMS } from '../../../src/validate/shape.js';
import { oneLine, printable, terminalSafe } from '../../../src/util/printable.js';
import { cleanMetadata } from '../../../src/pdf/metadata.js';
import { FIXTURES, tempDir } from '../../helpers.js';

const MINIMAL = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
const tmp = tempDir('brief-hostile-');
afterAll(() => tmp.cleanup());
let n = 0;
const sheet = (text: string) => {
  const file = join(tmp.dir, `sheet-${n++}.yaml`);
  writeFileSync(file, text);
  return file;
};
const withMilestones = (lines: string[]) => MINIMAL.replace(/ {2}milestones:\n(?: {4}- .*\n)+/, `  milestones:\n${lines.join('\n')}\n`);
const ESC = '\x1b';

describe('bounded problems', () => {
  it(`lists at most ${MAX_PROBLEMS_PER_FILE} problems of a file and counts the rest`, async () => {
    const file = sheet(`${MINIMAL}${Array.from({ length: 3000 }, (_, i) => `x${i}: 1`).join('\n')}\n`);
    const r = await loadSheets([file]);
    expect(r.problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    const last = r.problems.at(-1)!;
    expect(last).toMatchObject({ rule: 'problems-not-listed', severity: 'error', omitted: { errors: 2900, warnings: 0 } });
    expect(last.message).toMatch(/^and 2,900 more problems in this file \(2,900 errors, 0 warnings\) not listed: at most 100 are listed per file/);
    expect(summaryLine(r.problems, 1)).toBe('1 file checked: 3,000 errors, 0 warnings');
    expect(JSON.parse(formatJson(r.problems, r.files))).toMatchObject({ errors: 3000, warnings: 0 });
    expect(formatHuman(r.problems, { texts: r.texts }).length).toBeLessThan(100 * 1024);
  });

  it(`lists at most ${MAX_PROBLEMS_PER_RUN} problems in a run; each file past the limit gets its count`, async () => {
    const files = Array.from({ length: 15 }, () => sheet(`${MINIMAL}${Array.from({ length: 150 }, (_, i) => `x${i}: 1`).join('\n')}\n`));
    const r = await loadSheets(files);
    const listed = r.problems.filter((p) => p.rule !== 'problems-not-listed');
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_RUN);
    const counted = r.problems.filter((p) => p.rule === 'problems-not-listed');
    expect(new Set(counted.map((p) => p.file)).size).toBe(counted.length); // one per file at most
    expect(counted.at(-1)!.message).toMatch(/at most 1,000 are listed per run/);
    expect(summaryLine(r.problems, files.length)).toBe('15 files checked: 2,250 errors, 0 warnings');
  });

  it('source-unknown names the closest few known ids, not thousands', async () => {
    const known = Array.from({ length: 900 }, (_, i) => `  - { id: known-${i}, publisher: P, title: T, reliability: B, credibility: 2 }`);
    const text = MINIMAL.replace(/^ {2}sources: \[src-a\]$/m, `  sources: [src-a, known-12x, ${Array.from({ length: 400 }, (_, i) => `zz-${i}`).join(', ')}]`)
      .replace(/^sources:\n/m, `sources:\n${known.join('\n')}\n`);
    const r = await loadSheets([sheet(text)]);
    const unknown = r.problems.filter((p) => p.rule === 'source-unknown');
    expect(unknown.length).toBeGreaterThan(50);
    for (const p of unknown) expect(p.message.length).toBeLessThan(300);
    expect(unknown[0]!.message).toMatch(/^cites source 'known-12x', which is not in the sources list \(903 known; the closest: known-12(, |\))/);
    expect(unknown[1]!.message).toMatch(/^cites source 'zz-0', which is not in the sources list \(903 known, e\.g\. \S+, \S+, \S+, \S+, \S+ and 898 more\)$/);
  });

  it(`a list of more than ${MAX_LIST_ITEMS} items is one error, and only its first ${MAX_LIST_ITEMS} are checked`, async () => {
    const file = sheet(withMilestones(Array.from({ length: 1500 }, (_, i) => `    - { id: m${i}, date: 2025-09, title: M, state: occurred, sources: [nope] }`)));
    const r = await loadSheets([file]);
    const long = r.problems.filter((p) => p.rule === 'list-too-long');
    expect(long).toHaveLength(1);
    expect(long[0]!.message).toBe('status.milestones has 1,500 items; a list in a fact sheet may have at most 1,000 (only the first 1,000 were checked)');
    expect(long[0]!.line).toBe(25); // at the list, under `milestones:`
    expect(r.problems.at(-1)!.rule).toBe('problems-not-listed');
    expect(tally(r.problems).errors).toBe(MAX_LIST_ITEMS + 1); // one source-unknown per checked milestone, and the list error
  });

  it('values nested thousands deep: nesting-too-deep, not a stack overflow', async () => {
    for (const deep of [`notes: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, `notes: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`]) {
      const r = await loadSheets([sheet(`${MINIMAL}${deep}`)]);
      expect(r.problems.map((p) => p.rule)).toEqual(['nesting-too-deep']);
      expect(r.problems[0]!.message).not.toMatch(/call stack/i);
    }
  });

  it('validation gives the event loop a turn (a signal is handled during a long validation)', async () => {
    const files = Array.from({ length: 12 }, () => sheet(withMilestones(Array.from({ length: 1000 }, (_, i) => `    - { id: m${i}, date: 2025-09 }`))));
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    const started = Date.now();
    await loadSheets(files);
    const took = Date.now() - started;
    clearInterval(timer);
    // With a turn every ~50 ms, a validation of more than 100 ms lets the timer run at least once.
    if (took > 100) expect(ticks).toBeGreaterThan(0);
  });
});

describe('clean text on the terminal', () => {
  it('escapes ESC, BEL and line breaks in file names, messages and code frames', async () => {
    const text = MINIMAL.replace('title: A sample deal', `title: Deal${ESC}]0;pwned\x07${ESC}[2J`) // raw bytes in the file
      .replace('{ id: src-r,', '{ id: "src-r\\nforged.yaml:1:1: error fake: forged",');
    const file = join(tmp.dir, `evil\x1b[2J\nname.yaml`);
    writeFileSync(file, text);
    const r = await loadSheets([file]);
    expect(r.problems.map((p) => p.rule)).toContain('text-control');
    for (const out of [formatHuman(r.problems, { texts: r.texts }), formatHuman(r.problems, { texts: r.texts, color: true }), formatGithub(r.problems)]) {
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]/); // no control character but ESC (colours) and line feed
      expect(out).not.toMatch(/\x1b(?!\[[0-9;]*m)/); // an ESC only to colour
      expect(out).not.toMatch(/^forged\.yaml/m); // no forged line
      expect(out).toMatch(/evil\\x1b\[2J(\\n|%0A)name\.yaml/);
    }
    expect(formatHuman(r.problems, { texts: r.texts })).toContain('Deal\\x1b]0;pwned\\x07\\x1b[2J');
    expect(formatJson(r.problems, r.files)).not.toMatch(/[\x00-\x1f\x7f-\x9f](?<!\n)/);
  });

  it('printable keeps lines, oneLine does not; terminalSafe lets only colour codes through', () => {
    expect(printable('a\tb\nc\x1b]0;t\x07\u202e\x9b')).toBe('a\tb\nc\\x1b]0;t\\x07\\u202e\\x9b');
    expect(oneLine('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(terminalSafe(`${ESC}[1;31merror${ESC}[0m ${ESC}]0;title\x07${ESC}[2J`)).toBe(`${ESC}[1;31merror${ESC}[0m \\x1b]0;title\\x07\\x1b[2J`);
  });

  it('lineText: lines by number from one index of the text', () => {
    const text = 'one\r\ntwo\n\nfour';
    expect([1, 2, 3, 4, 5, 0].map((i) => lineText(text, i))).toEqual(['one', 'two', '', 'four', undefined, undefined]);
  });

  it('PDF metadata holds no control character', () => {
    const meta = cleanMetadata({
      title: `T${ESC}]0;x\x07`, author: 'A\nB', subject: 'S\u2028\u202eT', keywords: [`k${ESC}[2J`], language: 'en', date: '2025-09-20', fingerprint: 'f',
    });
    expect(JSON.stringify(meta)).not.toMatch(/\\u00(0|1)|\\u2028|\u202e|\\n/);
    expect(meta.title).toBe('T ]0;x ');
    expect(meta.keywords).toEqual(['k [2J']);
  });
});
