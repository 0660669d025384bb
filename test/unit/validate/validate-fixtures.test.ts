import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { loadSheets } from '../../../src/validate/sheets.js';
import { RULES, ruleOf } from '../../../src/validate/rules.js';
import { FIXTURES, ROOT, tempDir } from '../../helpers.js';

/**
 * The corpus of broken fact sheets: test/fixtures/invalid/<rule>.yaml, one per rule and per schema
 * keyword we rely on (each a copy of valid/minimal.yaml broken one way, line 2 says how). For each,
 * the exact problems expected: [rule, line, column], in the order `brief validate` reports them.
 * Fixtures under a week folder (2025-W37/, 2025-W39/) are checked against that week.
 */
const INVALID = join(FIXTURES, 'invalid');
type Expected = [rule: string, line: number, col: number][];
const CORPUS: [fixture: string, expected: Expected, message?: string][] = [
  // reading and parsing
  ['file-empty', [['file-empty', 1, 1]], 'only comments'],
  ['file-binary', [['file-binary', 1, 1]], 'binary'],
  ['file-encoding', [['file-encoding', 3, 11]], 'not valid UTF-8: byte 0xE9 at line 3, column 11'],
  ['yaml-syntax', [['yaml-syntax', 4, 8]], 'a quoted string is never closed'],
  ['yaml-duplicate-key', [['yaml-duplicate-key', 6, 1]], "duplicate key 'topic'"],
  ['yaml-multiple-documents', [['yaml-multiple-documents', 58, 1]], '2 YAML documents'],
  ['yaml-alias', [['yaml-alias', 1, 1]], 'alias'],
  ['yaml-complex-key', [['yaml-complex-key', 58, 3]], 'a list is used as a key; the keys of a fact sheet are plain words'],
  ['nesting-too-deep', [['nesting-too-deep', 58, 39]], 'notes[0][0][0][0][0]… is nested more than 32 levels deep'],
  ['text-blank', [['text-blank', 4, 8]], 'title is only white space'],
  ['2025-W38/topic-duplicate-1', []],
  ['2025-W38/topic-duplicate-2', [['topic-duplicate', 3, 5]], "topic id 'sample-deal' is also the id of test/fixtures/invalid/2025-W38/topic-duplicate-1.yaml in the same week"],
  ['text-control', [['text-control', 4, 8], ['text-control', 8, 10]], 'title contains a control character (ESC, U+001B) at character 14; remove it (this field is one line: no tabs or line breaks)\nsummary contains a control character (BEL, U+0007) at character 34; remove it'],
  ['text-bidi-control', [['text-bidi-control', 4, 8], ['text-bidi-control', 16, 12]], 'title contains a RIGHT-TO-LEFT OVERRIDE (U+202E) at character 10, which forces the order of the letters after it (an override shows "evil" as "live"); brief sets each text\'s direction itself and prints the text without it: remove it\nstatus.summary contains a RIGHT-TO-LEFT ISOLATE (U+2067) at character 36, which reorders the rest of its line'],
  // schema keywords
  ['schema-required', [['schema-required', 13, 1]], "missing required field 'summary' in status"],
  // one mistake, one error: the misspelt key of a required field (the field's absence is not a second error)
  ['schema-unknown-key', [['schema-unknown-key', 15, 3]], "unknown key 'sinse' in status; did you mean 'since'? (a required field) (allowed:"],
  ['schema-enum', [['schema-enum', 14, 10]], "did you mean 'framework_agreed'? (allowed: exploratory, negotiating, framework_agreed,"],
  ['schema-enum-likelihood', [['schema-enum', 51, 17]], 'ICD 203 scale for key_judgments[0].likelihood (the scale: almost no chance (1–5%), very unlikely (5–20%)'],
  ['schema-type', [['schema-type', 4, 8]], 'title must be text; found a list'],
  ['schema-id', [['schema-id', 11, 15], ['schema-id', 22, 88], ['schema-id', 49, 9]], "the text 'Src-A' in status.characterisations[0].sources[0] is not a valid id; use lowercase letters, digits and single hyphens (kebab-case), e.g. 'src-a'; also: cites source 'Src-A', which is not in the sources list (known: src-a, src-b, src-r)"],
  ['schema-lang', [['schema-lang', 7, 7]], "the text 'en_US' in lang is not a BCP 47 language tag: a language, then a script or region after hyphens (en, ar, zh-Hans, pt-BR); did you mean 'en-US'?"],
  ['schema-date', [['schema-date', 6, 8]], "'20/09/2025' in as_of is not a date in the expected format; expected YYYY-MM-DD"],
  ['schema-date-format', [['schema-date', 6, 8]], "'2025-02-30' in as_of is not a real date"],
  ['schema-url', [['schema-url', 55, 109]], 'http:// or https://'],
  ['schema-empty', [['schema-empty', 20, 23]], 'status.parties[1].name must not be empty'],
  ['schema-too-short', [['schema-too-short', 10, 9]], 'bluf.text is too short: at least 10 characters'],
  ['schema-too-long', [['schema-too-long', 4, 8]], 'at most 140 characters (found 161)'],
  ['schema-too-few', [['schema-too-few', 34, 14]], 'sticking_points[0].sources needs at least 1 item'],
  ['schema-duplicate-item', [['schema-duplicate-item', 17, 12]], 'status.sources lists the same value twice'],
  ['schema-range', [['schema-range', 24, 59], ['schema-range', 56, 92]], 'sources[1].credibility must be ≤ 6; found 7'],
  // meaning: references and dates
  ['source-unknown', [['source-unknown', 27, 93]], "cites source 'src-x', which is not in the sources list (known: src-a, src-b, src-r)"],
  ['id-duplicate', [['id-duplicate', 28, 13]], "duplicate milestone id 'talks' (first used at status.milestones[0])"],
  ['party-unknown', [['party-unknown', 36, 18]], "party 'prc' is not one of status.parties (us, cn)"],
  ['judgment-unknown', [['judgment-unknown', 11, 15]], "key judgment 'kj-sign', which does not exist (known: kj-signed)"],
  ['bluf-likelihood', [['bluf-likelihood', 10, 9]], "the BLUF says 'roughly even chance', which none of the key judgments it rests on says (kj-signed: likely)"],
  ['date-after-as-of', [['date-after-as-of', 57, 61]], "date 2025-09-22 is after the sheet's as_of (2025-09-20)"],
  ['milestone-occurred-future', [['milestone-occurred-future', 28, 27]], 'marked occurred on 2025-10, after as_of'],
  ['milestone-order', [['milestone-order', 27, 25]], 'list milestones in date order'],
  // meaning: evidence and currency
  ['claim-unsourced', [['claim-unsourced', 53, 14], ['source-unknown', 53, 15], ['source-unknown', 53, 22]], "key judgment 'kj-signed' has no source behind it"],
  ['sources-weak', [['sources-weak', 36, 115]], 'rests only on sources graded E or F (src-b: E)'],
  ['sources-single', [['sources-single', 53, 14]], "one independent source ('src-a'); 'src-b' is a rewrite of it"],
  ['sources-withheld', [['sources-withheld', 16, 12]], 'the status may be shown at TLP:CLEAR, but every source it cites is above that (src-r: TLP:AMBER): a briefing at TLP:CLEAR prints it with no source'],
  ['confirmed-uncorroborated', [['confirmed-uncorroborated', 56, 92]], "source 'src-b' is graded credibility 1"],
  ['expert-unverified', [['expert-unverified', 46, 15]], "expert 'Jane Analyst' is not verified but has no verification_note"],
  ['2025-W39/as-of-stale', [['as-of-stale', 6, 8]], 'older than the week the sheet is filed under (2025-W39 starts on 2025-09-22)'],
  // meaning: the evidence itself (quotes against archived sources, dates, deadlines)
  ['quote-not-in-source', [['quote-not-in-source', 22, 26]], "quote “approved the deal” is not in the archived text of source 'src-a'; closest passage (5 characters different): “approved the”"],
  ['archive-unreadable', [['archive-unreadable', 55, 143]], "the archive of source 'src-a' (archives/missing.txt) cannot be read: no such file"],
  ['source-undated', [['source-undated', 56, 7]], "source 'src-b' has no date"],
  ['deadline-passed', [['deadline-passed', 24, 53]], "deadline 'ban' (2025-09-15) is on or before the sheet's as_of (2025-09-20)"],
  ['2025-W37/as-of-after-week', [['as-of-after-week', 6, 8]], 'after the week the sheet is filed under (2025-W37 ends on 2025-09-14)'],
  // printing
  ['font-lang-missing', [['font-lang-missing', 8, 7]], 'lang ja is Japanese, but its font is not installed'],
  ['glyph-missing', [['glyph-missing', 8, 45]], "no font brief bundles has the characters 'ꕙꔤ' (U+A559 U+A524): they print as boxes showing their code points"],
];

describe('the broken fact-sheet corpus', async () => {
  const files = await findFactSheetFiles([INVALID]);
  const result = await loadSheets(files);
  const problemsOf = (fixture: string) => result.problems.filter((p) => p.file === relative(process.cwd(), join(INVALID, `${fixture}.yaml`)));

  it('has a fixture for every entry of the table, and an entry for every fixture', () => {
    const names = files.map((f) => relative(INVALID, f).replace(/\.yaml$/, '').replace(/\\/g, '/')).sort();
    expect(names).toEqual(CORPUS.map(([f]) => f).sort());
  });

  it.each(CORPUS)('%s: exactly the expected rules at the expected line and column', (fixture, expected, message) => {
    const problems = problemsOf(fixture);
    expect(problems.map((p) => [p.rule, p.line, p.col])).toEqual(expected);
    // each at its rule's severity, with a message for people
    for (const p of problems) {
      expect(RULES.map((r) => r.id), p.rule).toContain(p.rule);
      expect(p.severity, p.rule).toBe(ruleOf(p.rule).severity);
    }
    if (message) expect(problems.map((p) => p.message).join('\n')).toContain(message);
  });

  it('covers every rule of the catalogue (the large ones are generated: here and in test/unit/hostile.test.ts; week-folder in test/unit/load/week-folders.test.ts, previous-edition-invalid in test/unit/app/previous.test.ts)', () => {
    const covered = new Set(CORPUS.flatMap(([, e]) => e.map(([r]) => r)));
    const generated = ['file-too-large', 'list-too-long', 'problems-not-listed', 'week-folder', 'previous-edition-invalid'];
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id) && !generated.includes(id))).toEqual([]);
  });

  it('refuses a file too large to be a fact sheet, before parsing it', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'huge.yaml');
    writeFileSync(file, `notes: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    const r = await loadSheets([file]);
    tmp.cleanup();
    expect(r.problems.map((p) => [p.rule, p.line, p.col, p.severity])).toEqual([['file-too-large', 1, 1, 'error']]);
  });
});

describe('the rule catalogue', () => {
  it('is documented in docs/rules.md: one table row per rule, with its severity', () => {
    const readme = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning) \| /gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(RULES.map((r) => [r.id, r.severity]));
  });

  it('has unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
