import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULTS, loadConfig } from '../../src/config.js';
import { PACKAGED_TEMPLATES } from '../../src/load/templates.js';
import { ROOT, tempDir } from '../helpers.js';

/** Defaults, then brief.config.yaml found upward, then flags: one frozen value. */
describe('the configuration', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const project = join(tmp.dir, 'project');
  const sub = join(project, 'data', 'deeper');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(project, 'brief.config.yaml'), 'data: facts\nout: build/pdf\naudiences: [executive, public]\nconcurrency: 2\ntimeout: 5000\nbrowser: bin/chrome\nhtml: true\n');

  it('with no file anywhere: the defaults, frozen', async () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    const cfg = await loadConfig({}, { cwd: empty, env: {} });
    expect(cfg).toMatchObject({ dataDir: DEFAULTS.dataDir, templatesDir: PACKAGED_TEMPLATES, outDir: 'out', audiences: undefined, concurrency: undefined, html: false, file: undefined });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('the file is found from a folder below it; its paths are relative to the file, shown relative to cwd', async () => {
    const atRoot = await loadConfig({}, { cwd: project, env: {} });
    expect(atRoot).toMatchObject({ file: join(project, 'brief.config.yaml'), dataDir: 'facts', outDir: join('build', 'pdf'), audiences: ['executive', 'public'], concurrency: 2, timeoutMs: 5000, html: true, browser: join('bin', 'chrome') });
    const below = await loadConfig({}, { cwd: sub, env: {} });
    expect(below.dataDir).toBe(join(project, 'facts')); // outside cwd: absolute
    // the default folders are the project's too, not the working folder's
    expect(below.templatesDir).toBe(PACKAGED_TEMPLATES); // the project has no templates/: the packaged ones
    mkdirSync(join(project, 'templates'));
    expect((await loadConfig({}, { cwd: sub, env: {} })).templatesDir).toBe(join(project, 'templates'));
    expect((await loadConfig({}, { cwd: project, env: {} })).templatesDir).toBe('templates');
  });

  it('flags override the file; --audience all overrides its audiences; PUPPETEER_EXECUTABLE_PATH beats its browser', async () => {
    const cfg = await loadConfig({ data: 'd2', out: 'o2', concurrency: 1, html: false, audiences: ['analyst'] }, { cwd: project, env: {} });
    expect(cfg).toMatchObject({ dataDir: 'd2', outDir: 'o2', concurrency: 1, html: false, audiences: ['analyst'], timeoutMs: 5000 });
    expect((await loadConfig({ audiences: 'all' }, { cwd: project, env: {} })).audiences).toBeUndefined();
    expect((await loadConfig({}, { cwd: project, env: { PUPPETEER_EXECUTABLE_PATH: '/x' } })).browser).toBeUndefined();
    expect((await loadConfig({ browser: '/y' }, { cwd: project, env: { PUPPETEER_EXECUTABLE_PATH: '/x' } })).browser).toBe('/y');
  });

  it('an invalid file is a usage error naming the file and the field; --config names another file', async () => {
    const bad = join(tmp.dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'brief.config.yaml'), 'data: d\nconcurency: 2\naudiences: executive\ntimeout: soon\n');
    // every problem at once, each at its line and column, a typo's key named, what was written quoted
    const e = await loadConfig({}, { cwd: bad, env: {} }).then(() => undefined, (x: unknown) => x as Error);
    expect(e?.message.split('\n').map((l) => l.trim().replace(/^.*brief\.config\.yaml/, 'F'))).toEqual([
      'invalid configuration (3 problems):',
      "F:2:1: unknown key 'concurency'; did you mean 'concurrency'? (the keys: data, templates, out, audiences, concurrency, timeout, browser, html)",
      "F:3:12: audiences must be a list; got 'executive'",
      "F:4:10: timeout must be a whole number; got 'soon'",
    ]);
    writeFileSync(join(bad, 'brief.config.json'), '{"outt": "x"}');
    await expect(loadConfig({ config: 'brief.config.json' }, { cwd: bad, env: {} })).rejects.toThrow(/brief\.config\.json: unknown key 'outt'; did you mean 'out'\?/);
    writeFileSync(join(bad, 'other.json'), '{"out": "elsewhere"}');
    expect((await loadConfig({ config: 'other.json' }, { cwd: bad, env: {} })).outDir).toBe('elsewhere');
  });

  it('the schema is a valid JSON Schema, and the starter config brief init writes passes it', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true }).compile(schema);
    expect(validate({ data: 'data', out: 'out' })).toBe(true);
    expect(validate({ audiences: [] })).toBe(false);
  });
});
