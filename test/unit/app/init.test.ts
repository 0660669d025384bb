import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import yaml11 from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { init } from '../../../src/app/init.js';
import { loadSheets } from '../../../src/validate/sheets.js';
import { tempDir } from '../../helpers.js';

describe('brief init', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('outside a project with brief installed: copies the schemas, and the example is valid for this week', async () => {
    const dir = join(tmp.dir, 'fresh');
    const r = await init({ dir, packageSpec: 'github:someone/brief', today: new Date('2027-01-01T12:00:00Z') });
    expect(r.week).toBe('2026-W53'); // ISO week of 1 January 2027
    expect(r.written).toEqual(expect.arrayContaining(['brief.config.yaml', join('data', '2026-W53', 'example.yaml'), join('.github', 'workflows', 'briefing.yml'), '.gitignore', 'package.json', join('schema', 'fact-sheet.schema.json')]));
    const example = join(dir, 'data', '2026-W53', 'example.yaml');
    expect(readFileSync(example, 'utf8')).toContain('# yaml-language-server: $schema=../../schema/fact-sheet.schema.json');
    expect(readFileSync(example, 'utf8')).toContain('as_of: "2027-01-01"');
    // its dates are text for tools that read YAML 1.1 too (PyYAML, js-yaml's default schema turn a bare date into a date)
    const loose = yaml11.load(readFileSync(example, 'utf8')) as { as_of: unknown; status: { since: unknown }; sources: { date: unknown }[] };
    expect([loose.as_of, loose.status.since, ...loose.sources.map((s) => s.date)].every((d) => typeof d === 'string')).toBe(true);
    const loaded = await loadSheets([example]);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^out\/$/m);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).devDependencies).toEqual({ brief: 'github:someone/brief' });
    const workflow = parse(readFileSync(join(dir, '.github', 'workflows', 'briefing.yml'), 'utf8'));
    expect(workflow.jobs.validate.permissions['security-events']).toBe('write');
  });

  it('keeps files that are there', async () => {
    const dir = join(tmp.dir, 'kept');
    mkdirSync(dir);
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    const r = await init({ dir });
    expect(r.kept).toEqual(['.gitignore']);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'brief.config.yaml'))).toBe(true);
  });
});
