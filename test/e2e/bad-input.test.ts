/**
 * The bad-input corpus: every case is run through the real command line (`node bin/brief.js`), and
 * must end with a specific message, the right exit code, no stack trace and nothing written.
 * Small cases live in test/fixtures/bad/; the big, binary and non-UTF-8 files are made here.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TEMPLATES, tempDir } from '../helpers.js';
import { brief, leftovers, STACK } from '../process-helpers.js';

const BAD = join(FIXTURES, 'bad');
const MINIMAL = readFileSync(join(FIXTURES, 'valid/minimal.yaml'));

const tmp = tempDir('brief-bad-');
const gen = (name: string, bytes: Uint8Array | string) => {
  const file = join(tmp.dir, 'generated', name);
  mkdirSync(join(tmp.dir, 'generated'), { recursive: true });
  writeFileSync(file, bytes);
  return file;
};

beforeAll(() => {
  // 20 MB: a valid start, then padding in a comment (refused before it is parsed).
  gen('huge.yaml', Buffer.concat([MINIMAL, Buffer.from(`# ${'x'.repeat(20 * 1024 * 1024)}\n`)]));
  // Binary: a PNG header and NUL bytes, named .yaml.
  gen('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  // Latin-1: "Jérôme" saved by an old editor (é = 0xE9, not UTF-8), on line 2.
  gen('latin1.yaml', Buffer.concat([Buffer.from('id: sample-deal\ntitle: J'), Buffer.from([0xe9]), Buffer.from('r'), Buffer.from([0xf4]), Buffer.from('me\n')]));
  // UTF-16 with its byte-order mark (Notepad's "Unicode").
  gen('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL.toString('utf8'), 'utf16le')]));
  // A UTF-8 byte-order mark before a valid sheet: accepted.
  gen('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), MINIMAL]));
});
afterAll(() => tmp.cleanup());

interface ValidateCase {
  name: string;
  file: () => string;
  code: number;
  /** Fragments the output must contain (file:line:col and the words of the message). */
  expect: (string | RegExp)[];
}

const fixture = (name: string) => () => join(BAD, name);
const generated = (name: string) => () => join(tmp.dir, 'generated', name);

const VALIDATE_CASES: ValidateCase[] = [
  { name: 'tab indentation', file: fixture('tab-indent.yaml'), code: 1, expect: ['tab-indent.yaml:13:1: error yaml-syntax: tab used for indentation; YAML indents with spaces only', /1 file checked: 1 error/] },
  { name: 'unclosed quote', file: fixture('unclosed-quote.yaml'), code: 1, expect: ['unclosed-quote.yaml:3:8: error yaml-syntax: a quoted string is never closed: add the closing "'] },
  { name: 'unclosed [ list', file: fixture('unclosed-list.yaml'), code: 1, expect: ['unclosed-list.yaml:10:14: error yaml-syntax: a [ … ] list is never closed: add the closing ]'] },
  { name: 'bad indentation', file: fixture('bad-indent.yaml'), code: 1, expect: ['bad-indent.yaml:13:10: error yaml-syntax: bad indentation'] },
  { name: 'duplicate key', file: fixture('duplicate-key.yaml'), code: 1, expect: ["duplicate-key.yaml:5:1: error yaml-duplicate-key: duplicate key 'title': each key may appear only once"] },
  { name: 'several documents in one file', file: fixture('multiple-documents.yaml'), code: 1, expect: ['multiple-documents.yaml:56:1: error yaml-multiple-documents: file holds 2 YAML documents; expected exactly one fact sheet per file'] },
  { name: 'alias bomb (billion laughs)', file: fixture('alias-bomb.yaml'), code: 1, expect: ['error yaml-alias: too many alias expansions'] },
  { name: 'empty file', file: fixture('empty.yaml'), code: 1, expect: ['empty.yaml:1:1: error file-empty: file is empty'] },
  { name: 'only comments', file: fixture('only-comments.yaml'), code: 1, expect: ['error file-empty: file holds only comments'] },
  { name: 'a list instead of a mapping', file: fixture('not-a-mapping.yaml'), code: 1, expect: ['error schema-type: a fact sheet is a YAML mapping'] },
  {
    name: 'wrong types everywhere', file: fixture('wrong-types.yaml'), code: 1, expect: [
      'wrong-types.yaml:3:8: error schema-type: title must be text; found a list',
      'status.stage', "extensions must be a whole number; found the text 'three'",
      'significance', "verified must be true or false; found the text 'yes'", 'credibility must be a whole number', /6 errors/,
    ],
  },
  { name: 'unknown keys', file: fixture('unknown-keys.yaml'), code: 1, expect: ["unknown-keys.yaml:5:1: error schema-unknown-key: unknown key 'colour'", "unknown key 'owner' in sticking_points[0]"] },
  { name: 'dates in other formats', file: fixture('date-formats.yaml'), code: 1, expect: ["date-formats.yaml:5:8: error schema-date: the text '20/09/2025' in as_of", "'Sept 19 2025'", "'2025-9-20'", 'expected YYYY-MM-DD'] },
  { name: 'a 20 MB file', file: generated('huge.yaml'), code: 1, expect: ['huge.yaml:1:1: error file-too-large: file is 20.0 MB; a fact sheet may be at most 2 MB'] },
  { name: 'a binary file', file: generated('binary.yaml'), code: 1, expect: ['binary.yaml:1:1: error file-binary: file looks binary'] },
  { name: 'not UTF-8 (Latin-1)', file: generated('latin1.yaml'), code: 1, expect: ['latin1.yaml:2:9: error file-encoding: file is not valid UTF-8: byte 0xE9 at line 2, column 9', 'save the file as UTF-8'] },
  { name: 'UTF-16', file: generated('utf16.yaml'), code: 1, expect: ['utf16.yaml:1:1: error file-encoding: file is UTF-16', 'save it as UTF-8'] },
  { name: 'a byte-order mark (accepted)', file: generated('bom.yaml'), code: 0, expect: ['1 file checked: 0 errors'] },
  { name: 'a file that does not exist', file: () => join(tmp.dir, 'no-such.yaml'), code: 2, expect: ['no-such.yaml: no such file or folder'] },
];

describe('brief validate on bad input', () => {
  it.each(VALIDATE_CASES)('$name → exit $code and a clear message', async ({ file, code, expect: fragments }) => {
    const r = await brief(['validate', file()], tmp.dir);
    const output = r.stdout + r.stderr;
    for (const f of fragments) expect(output).toMatch(f);
    expect(output).not.toMatch(STACK);
    expect(output).not.toMatch(/internal error/);
    expect(r.code).toBe(code);
  });
});

/** A project folder: data/2025-W38/minimal.yaml and a copy of the templates, each case breaking one thing. */
function project(name: string): { root: string; data: string; templates: string; out: string } {
  const root = join(tmp.dir, 'build', name);
  mkdirSync(join(root, 'data', '2025-W38'), { recursive: true });
  copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(root, 'data', '2025-W38', 'sample-deal.yaml'));
  cpSync(TEMPLATES, join(root, 'templates'), { recursive: true });
  return { root, data: join(root, 'data'), templates: join(root, 'templates'), out: join(root, 'out') };
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`test setup: ${String(from)} not found in ${file}`);
  writeFileSync(file, next);
};

interface BuildCase {
  name: string;
  /** Break the project; returns extra arguments. */
  setup: (p: ReturnType<typeof project>) => string[];
  code: number;
  expect: (string | RegExp)[];
}

const BUILD_CASES: BuildCase[] = [
  { name: 'unknown audience', setup: () => ['--audience', 'nobody'], code: 2, expect: ["unknown audience 'nobody' (available: analyst, executive, public)"] },
  { name: 'unknown week', setup: () => ['--week', '2031-W01'], code: 2, expect: ['no data for week 2031-W01', 'available: 2025-W38'] },
  { name: 'a week that is not an ISO week', setup: () => ['--week', 'week 38'], code: 2, expect: ["'week 38' is not an ISO week; expected YYYY-Www"] },
  { name: 'missing data folder', setup: (p) => ['--data', join(p.root, 'nowhere')], code: 2, expect: ['data folder not found'] },
  { name: 'invalid fact sheet', setup: (p) => { writeFileSync(join(p.data, '2025-W38', 'broken.yaml'), 'id: [oops\n'); return []; }, code: 1, expect: [/broken\.yaml:1:5: error yaml-syntax/, 'nothing was built'] },
  { name: 'missing templates folder', setup: (p) => ['--templates', join(p.root, 'no-templates')], code: 2, expect: ['templates folder not found', 'expected templates/base/ and templates/audiences/<name>/'] },
  {
    name: 'template syntax error (unclosed block)', code: 2,
    setup: (p) => { edit(join(p.templates, 'base/partials/topic.hbs'), '<p class="topic-area">{{topic}}</p>', '<p class="topic-area">{{#if topic}}{{topic}}</p>'); return []; },
    expect: [/partials\/topic\.hbs:3: template syntax error: \{\{#if\}\} is never closed \(add \{\{\/if\}\}\)/],
  },
  {
    name: 'template syntax error (bad expression)', code: 2,
    setup: (p) => { edit(join(p.templates, 'base/partials/topic.hbs'), '{{topic}}</p>', '{{topic}</p>'); return []; },
    expect: [/partials\/topic\.hbs:3: template syntax error:/],
  },
  {
    name: 'a partial that does not exist', code: 2,
    setup: (p) => { edit(join(p.templates, 'base/partials/topic.hbs'), '<p class="topic-area">', '{{> no-such-partial}}<p class="topic-area">'); return ['--audience', 'analyst']; },
    expect: [/partials\/topic\.hbs:3: partial 'no-such-partial' does not exist \(looked in .*\) \(while rendering the analyst briefing\)/],
  },
  {
    name: 'a helper that throws (wrong arguments)', code: 2,
    setup: (p) => { edit(join(p.templates, 'base/partials/topic.hbs'), '<p class="topic-area">', '{{#with}}{{/with}}<p class="topic-area">'); return ['--audience', 'public']; },
    expect: [/partials\/topic\.hbs:3: template error while rendering the public briefing: #with requires exactly one argument/],
  },
  {
    name: 'a helper that does not exist', code: 2,
    setup: (p) => { edit(join(p.templates, 'base/partials/topic.hbs'), '{{topic}}', '{{shout topic}}'); return ['--audience', 'analyst']; },
    expect: [/partials\/topic\.hbs:3: template error while rendering the analyst briefing: Missing helper: "shout"/],
  },
  {
    name: 'invalid audience config', code: 2,
    setup: (p) => { edit(join(p.templates, 'audiences/public/audience.yaml'), /max_handling: .*/, 'max_handling: TLP:PURPLE'); return ['--audience', 'public']; },
    expect: [/audiences\/public\/audience\.yaml: invalid audience config/, '/max_handling'],
  },
  {
    name: 'output folder not writable (a file is in the way)', code: 2,
    setup: (p) => { writeFileSync(p.out, 'I am a file, not a folder\n'); return ['--audience', 'executive']; },
    expect: [/out\/2025-W38\/executive\.(pdf|html): cannot write: a file is in the way/],
  },
  { name: 'a bad --concurrency', setup: () => ['--concurrency', 'zero'], code: 2, expect: ["--concurrency takes a whole number ≥ 1; got 'zero'"] },
  { name: 'an unknown option', setup: () => ['--colour'], code: 2, expect: ["unknown option '--colour'", "Run 'brief build --help' for usage."] },
  { name: 'a browser that does not exist', setup: (p) => ['--browser', join(p.root, 'no-chrome')], code: 2, expect: [/browser not found at .*no-chrome \(given with --browser\)/] },
  {
    name: 'a browser that dies at start', code: 3,
    setup: (p) => {
      const fake = join(p.root, 'broken-chrome');
      writeFileSync(fake, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n', { mode: 0o755 });
      return ['--browser', fake, '--audience', 'executive'];
    },
    expect: [/could not start the browser at .*broken-chrome: Chrome exited at start \(code 127\): error while loading shared libraries: libnss3\.so/],
  },
  { name: 'a render that takes too long (--timeout 1)', setup: () => ['--timeout', '1', '--audience', 'executive'], code: 3, expect: [/executive\.pdf: rendering took longer than 1 ms/] },
];

describe('brief build on bad input', () => {
  it.each(BUILD_CASES)('$name → exit $code, a clear message, nothing written', async ({ name, setup, code, expect: fragments }) => {
    const p = project(name.replace(/\W+/g, '-'));
    const extra = setup(p);
    const r = await brief(['build', '--data', p.data, '--templates', p.templates, '--out', p.out, '--html', ...extra], p.root);
    const output = r.stdout + r.stderr;
    for (const f of fragments) expect(output).toMatch(f);
    expect(output).not.toMatch(STACK);
    expect(output).not.toMatch(/internal error/);
    expect(r.code).toBe(code);
    expect(leftovers(p.out)).toEqual([]);
  });

  it('--debug shows the cause of an I/O error with its stack (and only then)', async () => {
    const p = project('debug');
    writeFileSync(p.out, 'a file\n');
    const r = await brief(['build', '--data', p.data, '--templates', p.templates, '--out', p.out, '--audience', 'executive', '--debug'], p.root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write: a file is in the way/);
    expect(r.stderr).toMatch(STACK);
  });
});
