/**
 * The bad-input corpus: every case is run through the real command line (`node bin/brief.js`), and
 * must end with a specific message, the right exit code, no stack trace and nothing written.
 * Small cases live in test/fixtures/bad/; the big, binary and non-UTF-8 files are made here.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA, FIXTURES, ROOT, TEMPLATES, tempDir } from '../helpers.js';
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
  // Hostile at scale (issue 24); bench/hostile.mjs times the same shapes at 2k, 10k and 60k.
  const minimal = MINIMAL.toString('utf8');
  gen('many-problems.yaml', `${minimal}${Array.from({ length: 5000 }, (_, i) => `x${i}: 1`).join('\n')}\n`);
  gen('many-unknown-sources.yaml', minimal
    .replace(/^ {2}sources: \[src-a\]$/m, `  sources: [src-a, ${Array.from({ length: 900 }, (_, i) => `nope-${i}`).join(', ')}]`)
    .replace(/^sources:\n/m, `sources:\n${Array.from({ length: 800 }, (_, i) => `  - { id: known-${i}, publisher: P, title: T, reliability: B, credibility: 2 }`).join('\n')}\n`));
  gen('many-milestones.yaml', minimal.replace(/ {2}milestones:\n(?: {4}- .*\n)+/, `  milestones:\n${Array.from({ length: 10000 }, (_, i) => `    - { id: m${i}, date: 2025-09, title: M, state: occurred, sources: [src-a] }`).join('\n')}\n`));
  gen('deep.yaml', `${minimal}notes: ${'['.repeat(30000)}${']'.repeat(30000)}\n`);
  gen('raw-escape.yaml', minimal.replace('title: A sample deal', 'title: Deal\x1b]0;pwned\x07\x1b[2J'));
  gen('forged-line.yaml', minimal.replace('{ id: src-r,', '{ id: "src-r\\ngenerated/x.yaml:1:1: error fake: forged",'));
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
  { name: 'control characters in values', file: fixture('../invalid/text-control.yaml'), code: 1, expect: ['text-control.yaml:4:8: error text-control: title contains a control character (ESC, U+001B) at character 14'] },
  { name: 'raw ESC and BEL bytes in a title', file: generated('raw-escape.yaml'), code: 1, expect: ['raw-escape.yaml:3:8: error text-control', 'title: Deal\\x1b]0;pwned\\x07\\x1b[2J'] },
  { name: 'a line break in an id (no forged report line)', file: generated('forged-line.yaml'), code: 1, expect: [/\(known: src-a, src-b, src-r\\ngenerated\/x\.yaml:1:1: error fake/, /1 file checked: \d+ errors/] },
  { name: 'a title of five spaces', file: fixture('../invalid/text-blank.yaml'), code: 1, expect: ['text-blank.yaml:4:8: error text-blank: title is only white space'] },
  { name: 'the same topic id twice in one week', file: fixture('../invalid/2025-W38'), code: 1, expect: [/topic-duplicate-2\.yaml:3:5: error topic-duplicate: topic id 'sample-deal' is also the id of \S*topic-duplicate-1\.yaml in the same week/] },
  { name: 'a list used as a key', file: fixture('../invalid/yaml-complex-key.yaml'), code: 1, expect: ['yaml-complex-key.yaml:58:3: error yaml-complex-key: a list is used as a key'] },
  { name: 'values nested 30,000 deep', file: generated('deep.yaml'), code: 1, expect: ['error nesting-too-deep: values are nested too deep to be read'] },
  { name: '5,000 problems in one file', file: generated('many-problems.yaml'), code: 1, expect: [/error problems-not-listed: and 4,900 more problems in this file \(4,900 errors, 0 warnings\) not listed/, '1 file checked: 5,000 errors, 0 warnings'] },
  { name: '900 unknown sources among 800', file: generated('many-unknown-sources.yaml'), code: 1, expect: ["cites source 'nope-0', which is not in the sources list (803 known, e.g. ", 'and 798 more)', '1 file checked: 900 errors'] },
  { name: '10,000 milestones', file: generated('many-milestones.yaml'), code: 1, expect: ['error list-too-long: status.milestones has 10,000 items; a list in a fact sheet may have at most 1,000'] },
];

describe('brief validate on bad input', () => {
  it.each(VALIDATE_CASES)('$name → exit $code and a clear message', async ({ file, code, expect: fragments }) => {
    const r = await brief(['validate', file()], tmp.dir);
    const output = r.stdout + r.stderr;
    for (const f of fragments) expect(output).toMatch(f);
    expect(output.length).toBeLessThan(100 * 1024); // bounded, whatever the input
    expect(output).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/); // no control character reaches the terminal
    expect(output).not.toMatch(/^generated\/x\.yaml/m); // no forged line
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
    expect: ['invalid audience config (one problem):', /audiences\/public\/audience\.yaml:\d+:15: max_handling is 'TLP:PURPLE'; it must be one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER\+STRICT, TLP:RED/],
  },
  {
    name: 'output folder not writable (a file is in the way)', code: 2,
    setup: (p) => { writeFileSync(p.out, 'I am a file, not a folder\n'); return ['--audience', 'executive']; },
    expect: [/out\/2025-W38: cannot write the briefings there: a file is in the way/],
  },
  { name: 'a bad --concurrency', setup: () => ['--concurrency', 'zero'], code: 2, expect: ["--concurrency takes a whole number ≥ 1; got 'zero'"] },
  { name: 'an unknown option', setup: () => ['--colour'], code: 2, expect: ["unknown option '--colour'", "Run 'brief build --help' for usage."] },
  { name: 'a browser that does not exist', setup: (p) => ['--browser', join(p.root, 'no-chrome')], code: 2, expect: [/browser not found at .*no-chrome \(given with --browser, as browser: in brief\.config\.yaml, or as the library's executablePath\)/] },
  {
    name: 'a browser that dies at start', code: 3,
    setup: (p) => {
      const fake = join(p.root, 'broken-chrome');
      writeFileSync(fake, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n', { mode: 0o755 });
      return ['--browser', fake, '--audience', 'executive'];
    },
    expect: [/could not start the browser at .*broken-chrome: Chrome exited at start \(code 127\): error while loading shared libraries: libnss3\.so/],
  },
  { name: 'a --timeout too large for a timer', setup: () => ['--timeout', '3000000000'], code: 2, expect: ["--timeout may be at most 86,400,000; got '3000000000'"] },
  {
    name: 'two sheets of the week with one topic id', code: 1,
    setup: (p) => { copyFileSync(join(FIXTURES, 'valid/minimal.yaml'), join(p.data, '2025-W38', 'copy.yaml')); return []; },
    expect: [/sample-deal\.yaml:2:5: error topic-duplicate: topic id 'sample-deal' is also the id of \S*copy\.yaml in the same week/, 'nothing was built'],
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

  it('a refused build lists its errors and counts its warnings in one line, so the errors stand out', async () => {
    const p = project('errors-among-warnings');
    // The sample's sheet, away from its archives: warnings (archive-unreadable, sources-weak), no error.
    copyFileSync(join(DATA, '2025-W38', 'tiktok-us-spinoff.yaml'), join(p.data, '2025-W38', 'warned.yaml'));
    writeFileSync(join(p.data, '2025-W38', 'broken.yaml'), 'id: [oops\n');
    const r = await brief(['build', '--data', p.data, '--templates', p.templates, '--out', p.out], p.root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:1:5: error yaml-syntax/);
    expect(r.stderr).toMatch(/^brief: \d+ warnings in 1 fact sheet \(not errors; `brief validate` lists them\)$/m);
    expect(r.stderr).not.toMatch(/: warning /);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('brief: 1 error in the fact sheets; nothing was built');
    // `brief diff` refuses the same way, and says what it did not do
    const d = await brief(['diff', '--data', p.data], p.root);
    expect(d.code).toBe(1);
    expect(d.stderr).not.toMatch(/: warning /);
    expect(d.stderr.trimEnd().split('\n').at(-1)).toBe('brief: 1 error in the fact sheets; nothing was compared');
    // and with the error mended, it counts the warnings in one line before the changes
    writeFileSync(join(p.data, '2025-W38', 'broken.yaml'), readFileSync(join(DATA, '2025-W38', 'us-china-trade.yaml')));
    const ok = await brief(['diff', '--data', p.data], p.root);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^brief: \d+ warnings in 2 fact sheets \(not errors; `brief validate` lists them\)$/m);
    expect(ok.stderr).not.toMatch(/: warning /);
    expect(ok.stdout).toContain('TikTok: the U.S. spin-off talks [tiktok-us-spinoff]');
    // `brief validate` still lists every one of them
    const v = await brief(['validate', p.data], p.root);
    expect(v.stderr).toMatch(/warned\.yaml:\d+:\d+: warning /);
  });

  it('--debug shows the cause of an I/O error with its stack (and only then)', async () => {
    const p = project('debug');
    writeFileSync(p.out, 'a file\n');
    const r = await brief(['build', '--data', p.data, '--templates', p.templates, '--out', p.out, '--audience', 'executive', '--debug'], p.root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the briefings there: a file is in the way/);
    expect(r.stderr).toMatch(STACK);
  });
});

/**
 * File-system cases (issue 24): only regular files are read, and never more than the size limit;
 * links are followed only inside the folder being read; the output must be a writable folder on a
 * disk with room. Each ends at once with exit 2 and a message naming the path.
 */
describe('brief on hostile file systems', () => {
  const fsCase = (name: string) => {
    const p = project(`fs-${name}`);
    return { ...p, week: join(p.data, '2025-W38') };
  };
  const validate = (p: { root: string; data: string }) => brief(['validate', p.data], p.root);
  const build = (p: { root: string; data: string; templates: string; out: string }, ...extra: string[]) =>
    brief(['build', '--data', p.data, '--templates', p.templates, '--out', p.out, '--html', ...extra], p.root);
  const expectRefused = (r: { code: number; stdout: string; stderr: string }, message: RegExp) => {
    expect(r.stderr).toMatch(message);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    expect(r.stdout + r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(2);
  };

  it('a FIFO named *.yaml: refused, not waited on (validate and build)', async () => {
    const p = fsCase('fifo');
    execFileSync('mkfifo', [join(p.week, 'pipe.yaml')]);
    expectRefused(await validate(p), /2025-W38\/pipe\.yaml: a FIFO \(named pipe\), not a regular file; fact sheets are read only from regular files/);
    expectRefused(await build(p), /pipe\.yaml: a FIFO \(named pipe\), not a regular file/);
    expect(leftovers(p.out)).toEqual([]);
  });

  it('a link to /dev/zero: refused (outside the data folder; named directly: a character device)', async () => {
    const p = fsCase('dev-zero');
    symlinkSync('/dev/zero', join(p.week, 'zero.yaml'));
    expectRefused(await validate(p), /zero\.yaml: a symbolic link to \/dev\/zero, outside \S+; links are followed only inside the folder being read/);
    expectRefused(await brief(['validate', join(p.week, 'zero.yaml')], p.root), /zero\.yaml: a character device, not a regular file/);
  });

  it('a symbolic link loop: named as one', async () => {
    const p = fsCase('loop');
    symlinkSync('loop.yaml', join(p.week, 'loop.yaml'));
    expectRefused(await validate(p), /loop\.yaml: a symbolic link loop \(a link that leads back to itself\)/);
    expectRefused(await brief(['validate', join(p.week, 'loop.yaml')], p.root), /loop\.yaml: a symbolic link loop/);
  });

  it('a link out of the data folder (to /usr) is refused; links inside it are followed', async () => {
    const p = fsCase('link-out');
    symlinkSync('/usr', join(p.week, 'usr'));
    expectRefused(await validate(p), /2025-W38\/usr: a symbolic link to \/usr, outside \S+data; links are followed only inside the folder being read/);
    rmSync(join(p.week, 'usr'));
    mkdirSync(join(p.data, 'shared'));
    copyFileSync(join(p.week, 'sample-deal.yaml'), join(p.data, 'shared', 'deal.yaml'));
    rmSync(join(p.week, 'sample-deal.yaml'));
    symlinkSync('../shared/deal.yaml', join(p.week, 'sample-deal.yaml'));
    symlinkSync('..', join(p.week, 'parent')); // a link back up: read once, no endless walk
    const r = await brief(['validate', p.week, '--strict'], p.root);
    expect(r.stderr).toMatch(/outside/); // the week folder is the root here: ../shared is outside it
    const ok = await build(p, '--audience', 'executive');
    expect(ok.code, ok.stderr).toBe(0); // a build reads the week within the data folder: ../shared is inside
  });

  // Root reads any folder, so the unreadable-folder case runs brief as nobody; that needs a checkout
  // nobody can read (a clone inside `mktemp -d`, mode 700, is not).
  const asNobody = process.getuid?.() === 0;
  const nobodyCanRun = !asNobody || spawnSync(process.execPath, [join(ROOT, 'bin/brief.js'), '--version'], { uid: 65534, gid: 65534, stdio: 'ignore' }).status === 0;

  it.skipIf(!nobodyCanRun)('an unreadable week folder: exit 2, "permission denied", no internal error', async () => {
    const p = fsCase('eacces');
    chmodSync(tmp.dir, 0o755);
    for (const d of [join(tmp.dir, 'build'), p.root, p.data]) chmodSync(d, 0o755);
    chmodSync(p.week, 0o000);
    try {
      const asUser = asNobody ? { uid: 65534, gid: 65534 } : {};
      const run = (args: string[]) => new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile('node', [join(ROOT, 'bin/brief.js'), ...args], { cwd: p.root, env: { ...process.env, NO_COLOR: '1' }, ...asUser }, (e, _out, stderr) => resolve({ code: (e as { code?: number } | null)?.code ?? 0, stderr }));
      });
      const v = await run(['validate', p.data]);
      expect(v.stderr).toMatch(/data\/2025-W38: cannot read the folder: permission denied/);
      expect(v.code).toBe(2);
      const b = await run(['build', '--data', p.data, '--templates', p.templates, '--out', join(tmp.dir, 'eacces-out')]);
      expect(b.stderr).toMatch(/2025-W38: cannot read the folder: permission denied/);
      expect(b.stderr).not.toMatch(/internal error/);
      expect(b.code).toBe(2);
    } finally {
      chmodSync(p.week, 0o755);
    }
  });

  it.each(['/proc/brief-out', '/sys/brief-out'])('--out %s: refused at once', async (out) => {
    const p = fsCase(`out-${out.split('/')[1]}`);
    const r = await brief(['build', '--data', p.data, '--templates', p.templates, '--out', out, '--audience', 'executive'], p.root);
    expectRefused(r, new RegExp(`${out}/2025-W38: cannot write the briefings there: it is under /${out.split('/')[1]}, a virtual file system, not a disk; nothing was built`));
  });

  // Read-only and full file systems need a mount (root, as in the project's container).
  const canMount = (() => {
    if (process.getuid?.() !== 0) return false;
    const probe = join(tmp.dir, 'mount-probe');
    mkdirSync(probe, { recursive: true });
    try { execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' }); execFileSync('umount', [probe]); return true; } catch { return false; }
  })();
  const mounted = (name: string, options: string) => {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
    return { dir, done: () => execFileSync('umount', [dir]) };
  };

  it.skipIf(!canMount)('a read-only or full output file system: refused before printing', async () => {
    const p = fsCase('ro-full');
    for (const [name, options, why] of [['ro', 'size=1m,ro', 'read-only file system'], ['full', 'size=200k', 'no space left on the device \\(200 kB free\\)']] as const) {
      const m = mounted(name, options);
      try {
        const r = await build({ ...p, out: join(m.dir, 'out') }, '--audience', 'executive');
        expectRefused(r, new RegExp(`out/2025-W38: cannot write the briefings there: ${why}; nothing was built`));
      } finally {
        m.done();
      }
    }
  });

  it.skipIf(!canMount)('the disk fills up during the build: the failed briefing leaves no file (no HTML without its PDF), the summary says what was written', async () => {
    const p = fsCase('fills-up');
    cpSync(join(DATA, '2025-W38'), p.week, { recursive: true }); // the sample week: more than the room left
    rmSync(join(p.week, 'sample-deal.yaml'));
    const m = mounted('fills', 'size=1200k');
    try {
      const r = await build({ ...p, out: join(m.dir, 'out') });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.(pdf|html): cannot write: no space left on the device; nothing was written there/);
      const summary = /brief: (\d+) briefings? failed; (\d+) briefings? written:/.exec(r.stderr);
      expect(summary, r.stderr).not.toBeNull();
      const pdfs = leftovers(join(m.dir, 'out'), /\.pdf$/);
      const htmls = leftovers(join(m.dir, 'out'), /\.html$/);
      expect(pdfs.length).toBe(Number(summary![2]));
      expect(htmls.map((f) => f.replace(/\.html$/, '.pdf'))).toEqual(pdfs); // each HTML beside its PDF, no other
      expect(leftovers(join(m.dir, 'out'), /\.tmp$/)).toEqual([]);
      for (const f of pdfs) expect(readFileSync(f).subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    } finally {
      m.done();
    }
  });
});

describe('brief diff for an audience', () => {
  // The handling fixture's restricted items carry canaries (KX…GRN/AMB/STR/RED, kx…-grn/amb/str/red).
  const RESTRICTED = /\bKX[A-Z]*(GRN|AMB|STR|RED)\b|\bkx[a-z]*-(grn|amb|str|red)\b/;
  it('--audience public: no restricted id or text on stdout or stderr (warnings counted, not shown)', async () => {
    const data = join(FIXTURES, 'handling');
    const all = await brief(['diff', '--data', data], tmp.dir);
    expect(all.stdout).toMatch(RESTRICTED); // without an audience the changes name them: the check below can fail
    expect(all.stderr).toMatch(/^brief: \d+ warnings in \d+ fact sheets? \(not errors; `brief validate` lists them\)$/m);
    const pub = await brief(['diff', '--data', data, '--audience', 'public', '--templates', TEMPLATES], tmp.dir);
    expect(pub.code).toBe(0);
    expect(pub.stdout + pub.stderr).not.toMatch(RESTRICTED);
    expect(pub.stderr).toMatch(/brief: 0 errors and \d+ warnings in the fact sheets, not shown for the public audience/);
    const json = await brief(['diff', '--data', data, '--audience', 'public', '--templates', TEMPLATES, '--json'], tmp.dir);
    expect(json.stdout + json.stderr).not.toMatch(RESTRICTED);
  });
});
