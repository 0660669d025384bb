import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/load/yaml.js';
import { validateLoaded } from '../../../src/validate/validate.js';
import { isRealDate } from '../../../src/util/dates.js';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { loadSheets } from '../../../src/validate/sheets.js';
import { DATA, FIXTURES } from '../../helpers.js';

const minimal = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
const check = (text: string) => validateLoaded(parseYaml('sheet.yaml', text));
/** Replace the first occurrence of `from` (must exist) in the minimal sheet. */
const edit = (from: string, to: string) => {
  expect(minimal).toContain(from);
  return minimal.replace(from, to);
};
const lineText = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('validation', () => {
  it('accepts the minimal fixture and every sample fact sheet in data/', async () => {
    expect(check(minimal).problems).toEqual([]);
    const files = await findFactSheetFiles([DATA]);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const result = await loadSheets(files);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.sheets).toHaveLength(files.length);
  });

  it('points at an unknown enum value by line and column, and suggests the nearest', () => {
    const text = edit('stage: framework_agreed', 'stage: framework_agred');
    const [p, ...rest] = check(text).problems;
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ rule: 'schema-enum', line: lineText(text, 'framework_agred'), col: 10, severity: 'error' });
    expect(p!.message).toContain("did you mean 'framework_agreed'?");
    // the value meant, written another way: without its prefix, in other case, with spaces
    expect(check(edit('stage: framework_agreed', 'stage: Framework agreed')).problems[0]!.message).toContain("did you mean 'framework_agreed'?");
    const handling = /^handling: .*$/m.exec(minimal)![0];
    expect(check(edit(handling, 'handling: amber')).problems[0]!.message).toContain("did you mean 'TLP:AMBER'?");
  });

  it('one YAML mistake is one error: a doubled quote gives the parser\'s first complaint on its line, not each of them', () => {
    const problems = check(edit('title: A sample deal', 'title: ""A sample: deal"')).problems;
    expect(problems.map((p) => [p.rule, p.line])).toEqual([['yaml-syntax', 3]]);
    expect(problems[0]!.message).not.toMatch(/Unexpected scalar token/);
  });

  it('says why an unquoted number or true/false is not text, and how to write it', () => {
    const [id, ...rest] = check(edit('id: sample-deal', 'id: 2025')).problems;
    expect(rest).toEqual([]);
    expect(id).toMatchObject({ rule: 'schema-type', line: 2, col: 5 });
    expect(id!.message).toBe('id must be text; found number 2025 (YAML reads it as a number; for text, put it in quotes)');
    expect(check(edit('title: A sample deal', 'title: true')).problems.map((p) => p.message)).toEqual(['title must be text; found boolean true (YAML reads it as a true/false value; for text, put it in quotes)']);
    // quoted, the same characters are text, and valid
    expect(check(edit('id: sample-deal', 'id: "2025"')).problems).toEqual([]);
  });

  it('points at an unknown key (a typo) and suggests the known one', () => {
    const text = edit('  summary: A framework', '  sumary: A framework');
    const problems = check(text).problems;
    const unknown = problems.find((p) => p.rule === 'schema-unknown-key')!;
    expect(unknown).toMatchObject({ line: lineText(text, 'sumary:'), col: 3 });
    expect(unknown.message).toContain("did you mean 'summary'? (a required field)");
    // one mistake, one error: the missing 'summary' is that key, not a second error
    expect(problems.map((p) => p.rule)).toEqual(['schema-unknown-key']);
    // a required field missing with no key spelt like it is an error of its own
    const gone = check(edit('  summary: A framework', '  other: A framework')).problems;
    expect(gone.map((p) => p.rule).sort()).toEqual(['schema-required', 'schema-unknown-key']);
    expect(gone.find((p) => p.rule === 'schema-required')!.message).toContain("'summary' in status");
  });

  it('reports a bad date with the expected format', () => {
    const text = edit('as_of: 2025-09-20', 'as_of: 20/09/2025');
    const p = check(text).problems.find((x) => x.rule === 'schema-date')!;
    expect(p).toMatchObject({ line: lineText(text, 'as_of:'), col: 8 });
    expect(p.message).toContain('YYYY-MM-DD');
  });

  it('reports every problem in the file at once, in order', () => {
    let text = edit('stage: framework_agreed', 'stage: done');
    text = text.replace('likelihood: roughly even chance', 'likelihood: probably');
    text = text.replace('sources: [src-a, src-b]', 'sources: [src-a, src-z]');
    const rules = check(text).problems.map((p) => p.rule);
    expect(rules).toEqual(['schema-enum', 'source-unknown', 'schema-enum']);
  });

  it('cross-references: unknown source, duplicate id, date after as_of, milestone order, unknown party and judgment', () => {
    let text = edit('sources: [src-a, src-b]', 'sources: [src-a, nowhere]');
    text = text.replace('id: ev-one', 'id: kj-signed').replace('{ id: summit, date: 2025-10', '{ id: talks, date: 2025-10');
    text = text.replace('date: 2025-09-19, sources: [src-a] }', 'date: 2025-09-25, sources: [src-a] }');
    text = text.replace('{ id: call, date: 2025-09-19', '{ id: call, date: 2025-08-19');
    text = text.replace('{ party: cn, text: Keep', '{ party: prc, text: Keep');
    text = text.replace('judgments: [kj-signed]', 'judgments: [kj-missing]');
    const problems = check(text).problems;
    const byRule = (r: string) => problems.filter((p) => p.rule === r);
    expect(byRule('source-unknown')[0]).toMatchObject({ line: lineText(text, 'nowhere'), col: text.split('\n')[lineText(text, 'nowhere') - 1]!.indexOf('nowhere') + 1 });
    expect(byRule('source-unknown')[0]!.message).toContain("'nowhere'");
    expect(byRule('id-duplicate').map((p) => p.line)).toEqual([lineText(text, 'id: talks, date: 2025-10')]);
    expect(byRule('date-after-as-of')[0]!.line).toBe(lineText(text, '2025-09-25'));
    expect(byRule('milestone-order')[0]!.line).toBe(lineText(text, '2025-08-19'));
    expect(byRule('party-unknown')[0]!.message).toContain("'prc'");
    expect(byRule('judgment-unknown')[0]!.line).toBe(lineText(text, 'kj-missing'));
  });

  it('a BLUF that says a likelihood none of its judgments carries is warned of (a judgment moved, the bottom line not); the same term is not', () => {
    // minimal.yaml: the BLUF says "a roughly even chance" and points at kj-signed (roughly even chance)
    expect(check(minimal).problems.filter((p) => p.rule === 'bluf-likelihood')).toEqual([]);
    const moved = edit('    likelihood: roughly even chance\n', '    likelihood: likely\n');
    const [w, ...more] = check(moved).problems.filter((p) => p.rule === 'bluf-likelihood');
    expect(more).toEqual([]);
    expect(w).toMatchObject({ severity: 'warning', line: lineText(moved, 'text: The parties agreed') });
    expect(w!.message).toBe("the BLUF says 'roughly even chance', which none of the key judgments it rests on says (kj-signed: likely); say what the judgments say, or move the judgment");
    // 'very likely' is one term, not 'likely' with a word before it
    const very = edit('a roughly even chance', 'very likely');
    expect(check(very).problems.find((p) => p.rule === 'bluf-likelihood')?.message).toContain("says 'very likely'");
  });

  it('a mistyped source id: one error, with the id meant when one is nearest; no warning about the claim\'s sources until it is fixed', () => {
    const text = edit('    sources: [src-a, src-r]\n', '    sources: [src-a, src-rr]\n');
    const problems = check(text).problems;
    expect(problems.map((p) => p.rule)).toEqual(['source-unknown']); // not sources-single (src-a alone, but for the typo)
    expect(problems[0]!.message).toContain("cites source 'src-rr', which is not in the sources list; did you mean 'src-r'?");
    // as near one known id as another: no guess
    expect(check(edit('    sources: [src-a, src-r]\n', '    sources: [src-a, src-x]\n')).problems[0]!.message).not.toContain('did you mean');
  });

  it('marks milestones that occurred after as_of', () => {
    const text = edit('{ id: summit, date: 2025-10, title: Summit, state: planned', '{ id: summit, date: 2025-10, title: Summit, state: occurred');
    expect(check(text).problems.map((p) => p.rule)).toEqual(['milestone-occurred-future']);
  });

  it('reports YAML syntax errors at their position instead of throwing', () => {
    const text = 'id: x\ntitle: "unclosed\nas_of: 2025-09-20\n';
    const problems = check(text).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.rule).toBe('yaml-syntax');
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys', () => {
    const text = edit('topic: Test topic', 'topic: Test topic\ntopic: Again');
    expect(check(text).problems.map((p) => [p.rule, p.line])).toEqual([['yaml-duplicate-key', lineText(text, 'topic: Again')]]);
  });

  it('explains the common YAML mistakes in plain words, once per spot', () => {
    const cases: [string, string, number, number][] = [
      ['id: x\nsummary: Trump says: the deal is done\n', "a value containing ': ' must be in quotes", 2, 10],
      ['id: x\nstatus:\n  stage: a\n since: 2025\n', 'keys of one mapping must line up', 4, 1],
      ['id: x\nsources: [a, b\nas_of: 2025\n', 'list is never closed', 2, 10],
      ['id: x\ntitle: @handle\n', 'a value cannot start with @ unquoted: put the value in quotes', 2, 8],
      ['id: x\nstatus:\n\tstage: a\n', 'tab used for indentation', 3, 1],
      // a quote meant as text ends the quoted value: point at that quote, say how to write one
      ['id: x\nsummary: "Xi "approved" it"\n', 'this " ends the quoted value, and text follows it: inside "…" write a quote as \\"', 2, 14],
      ['id: x\nitems:\n  - "Xi "approved" it"\n', 'write a quote as \\"', 3, 9],
      ["id: x\nquote: 'it's fine'\n", "write an apostrophe as '' (it''s", 2, 11],
      ['id: x\ntags: ["a"b", c]\n', 'this " ends the quoted value', 2, 10],
      // a doubled quote, with ': ' in the text after it (the parser then speaks of a key)
      ['id: x\ntitle: ""Talks: a deal"\nas_of: 2025-09-20\n', 'this " ends the quoted value', 2, 9],
      ["id: x\nitems:\n  - 'It''s done' and: more\n", "this ' ends the quoted value", 3, 16],
    ];
    for (const [text, message, line, col] of cases) {
      const problems = check(text).problems;
      expect(problems.map((p) => [p.rule, p.line, p.col]), text).toEqual([['yaml-syntax', line, col]]);
      expect(problems[0]!.message).toContain(message);
    }
  });
});

describe('isRealDate', () => {
  it('agrees with the calendar on every day of 1896–2104, and refuses the days that do not exist', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let days = 0;
    for (let t = Date.UTC(1896, 0, 1); t <= Date.UTC(2104, 11, 31); t += 86_400_000, days++) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (!isRealDate(d)) throw new Error(`${d} should be a real date`);
    }
    expect(days).toBe(209 * 365 + 51); // 51 leap days: 1896–2104 without 1900 and 2100
    for (let y = 1896; y <= 2104; y++) for (let m = 0; m <= 13; m++) for (const day of [0, 28, 29, 30, 31, 32]) {
      const d = `${pad(y, 4)}-${pad(m, 2)}-${pad(day, 2)}`;
      const real = m >= 1 && m <= 12 && day >= 1 && new Date(Date.UTC(y, m - 1, day)).getUTCMonth() === m - 1;
      if (isRealDate(d) !== real) throw new Error(`${d}: expected ${real}`);
    }
    for (const bad of ['2025-2-01', '2025-02-1', '20250201', '2025-02-01T00:00', ' 2025-02-01', '2025', '2025-09', 'yyyy-mm-dd']) expect(isRealDate(bad), bad).toBe(false);
    expect([isRealDate('2000-02-29'), isRealDate('1900-02-29'), isRealDate('2024-02-29'), isRealDate('2025-02-29')]).toEqual([true, false, true, false]);
  });
});
