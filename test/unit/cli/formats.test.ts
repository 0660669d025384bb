import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { runInProcess } from '../../cli-in-process.js';
import { escapeData, escapeProperty, formatGithub } from '../../../src/report/github.js';
import { RULES } from '../../../src/validate/rules.js';
import { FIXTURES, ROOT } from '../../helpers.js';

/**
 * Golden output of `brief validate` in every format for one sheet broken seven ways
 * (test/fixtures/golden/multi.yaml). Compared exactly; only the tool version in SARIF is normalised.
 * To regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/unit/cli/formats.test.ts
 */
const GOLDEN = join(FIXTURES, 'golden');
const SHEET = 'test/fixtures/golden/multi.yaml';
const update = process.env.UPDATE_GOLDEN === '1';

const validate = (args: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) => runInProcess(['validate', ...args], opts);

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update) writeFileSync(file, actual);
  expect(existsSync(file), `missing ${file}: run with UPDATE_GOLDEN=1 once`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const normaliseSarif = (text: string) => {
  const log = JSON.parse(text);
  log.runs[0].tool.driver.version = '0.0.0';
  return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * The official SARIF 2.1.0 schema and a validator for it (draft-04 dialect; every $ref is local, so the
 * draft-07 Ajv class reads it; one of its patterns is not valid with the u flag, hence unicodeRegExp: false).
 */
function sarifValidator(): { ajv: Ajv; schema: Record<string, unknown> } {
  const require = createRequire(import.meta.url);
  const schema = { ...require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') } as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  return { ajv, schema };
}

describe('validate output formats (golden files)', () => {
  it('human: file:line:col, severity, rule, message, the line and a caret; a summary; exit 1', async () => {
    const r = await validate([SHEET]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    golden('multi.human.txt', r.stderr);
    expect(r.stderr).toContain("test/fixtures/golden/multi.yaml:14:10: error schema-enum: the text 'framework_agred' is not allowed for status.stage; did you mean 'framework_agreed'?");
    expect(r.stderr).toContain('1 file checked: 5 errors, 2 warnings');
  });

  it('human: colour only on a terminal with NO_COLOR unset', async () => {
    expect((await validate([SHEET], { tty: true, env: {} })).stderr).toContain('\x1b[');
    expect((await validate([SHEET], { tty: true, env: { NO_COLOR: '1' } })).stderr).not.toContain('\x1b[');
    expect((await validate([SHEET], { tty: false, env: {} })).stderr).not.toContain('\x1b[');
  });

  it('json: files, counts and every problem with its position', async () => {
    const r = await validate(['--format', 'json', SHEET]);
    expect(r.code).toBe(1);
    golden('multi.json', r.stdout);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ files: [SHEET], errors: 5, warnings: 2 });
    expect(out.problems[0]).toMatchObject({ file: SHEET, line: 14, col: 10, rule: 'schema-enum', severity: 'error' });
  });

  it('github: one workflow command per problem, properties and message escaped', async () => {
    const r = await validate(['--format', 'github', SHEET]);
    expect(r.code).toBe(1);
    golden('multi.github.txt', r.stdout);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::[^\n]+$/);
    expect(lines[0]).toMatch(/^::error file=test\/fixtures\/golden\/multi\.yaml,line=14,col=10,endLine=14,endColumn=25,title=schema-enum::schema-enum: /);
    expect(r.stdout).toContain("the text '50%25 (even, maybe)'");
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(2);
  });

  it('github: escapes % CR LF in messages and also : , in properties', () => {
    expect(escapeData('a%b\r\nc: d, e')).toBe('a%25b%0D%0Ac: d, e');
    expect(escapeProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
    const line = formatGithub([{ file: 'dir,1/a:b.yaml', line: 2, col: 3, endLine: 2, endCol: 5, severity: 'warning', rule: 'sources-weak', message: 'two\nlines 100%', pointer: '' }]);
    expect(line).toBe('::warning file=dir%2C1/a%3Ab.yaml,line=2,col=3,endLine=2,endColumn=5,title=sources-weak::sources-weak: two%0Alines 100%25\n');
  });

  it('sarif: golden, and valid against the SARIF 2.1.0 JSON Schema', async () => {
    const r = await validate(['--format', 'sarif', SHEET]);
    expect(r.code).toBe(1);
    golden('multi.sarif.json', normaliseSarif(r.stdout));
    const log = JSON.parse(r.stdout);

    const { ajv, schema } = sarifValidator();
    const valid = ajv.validate(schema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const run0 = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run0.tool.driver.name).toBe('brief');
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.id));
    expect(run0.results).toHaveLength(7);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'schema-enum', level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: SHEET }, region: { startLine: 14, startColumn: 10, endLine: 14, endColumn: 25 } } }],
    });
    expect(run0.tool.driver.rules[run0.results[0].ruleIndex].id).toBe('schema-enum');
    expect(run0.results.filter((x: { level: string }) => x.level === 'warning')).toHaveLength(2);
  });

  it('sarif and github over the whole broken corpus and the sample data: valid logs, one result per problem', async () => {
    const { ajv, schema } = sarifValidator();
    for (const [target, code] of [['test/fixtures/invalid', 1], ['data', 0]] as const) {
      const json = JSON.parse((await validate(['--format', 'json', target])).stdout);
      const sarif = await validate(['--format', 'sarif', target]);
      expect(sarif.code).toBe(code);
      const log = JSON.parse(sarif.stdout);
      expect(ajv.validate(schema, log), ajv.errorsText()).toBe(true);
      expect(log.runs[0].results).toHaveLength(json.problems.length);
      const github = await validate(['--format', 'github', target]);
      expect(github.code).toBe(code);
      const lines = github.stdout.split('\n').filter(Boolean);
      expect(lines.filter((l) => /^::(error|warning) /.test(l))).toHaveLength(json.problems.length);
      // past GitHub's 10 annotations of a kind per step, one notice says the rest are in the log
      const many = json.errors > 10 || json.warnings > 10;
      expect(lines.filter((l) => l.startsWith('::notice '))).toEqual(many ? [`::notice title=brief validate::${json.errors} errors and ${json.warnings} warnings: GitHub shows at most 10 of each as annotations on the diff; every one is in this step's log (and in code scanning, with --format sarif)`] : []);
    }
  });

  it('in a workflow, paths are the repository\'s (GITHUB_WORKSPACE), also when the job runs in a folder of it', async () => {
    const env = { NO_COLOR: '1', GITHUB_WORKSPACE: join(ROOT, '..') };
    const github = await runInProcess(['validate', '--format', 'github', SHEET], { env });
    const name = `${basename(ROOT)}/${SHEET}`;
    expect(github.stdout.split('\n')[0]).toContain(`::error file=${name},`);
    const sarif = JSON.parse((await runInProcess(['validate', '--format', 'sarif', SHEET], { env })).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: name, uriBaseId: '%SRCROOT%' });
  });

  it('sarif: the schema check can fail (a broken log is rejected)', () => {
    const { ajv, schema } = sarifValidator();
    expect(ajv.validate(schema, { version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] })).toBe(false);
  });

  it('--strict turns warnings into errors (exit 1 on a sheet with only warnings)', async () => {
    const sheet = 'test/fixtures/invalid/sources-weak.yaml';
    expect((await validate([sheet])).code).toBe(0);
    const strict = await validate(['--strict', '--format', 'json', sheet]);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).problems.map((p: { severity: string }) => p.severity)).toEqual(['error']);
  });

  it('usage errors exit 2: an unknown format, a missing path', async () => {
    const bad = await validate(['--format', 'xml', SHEET]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of human, json, github, sarif');
    expect((await validate(['no/such/folder'])).code).toBe(2);
  });
});
