import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSheets } from '../../../src/validate/sheets.js';
import { FIXTURES, tempDir } from '../../helpers.js';

const MINIMAL = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
const MADRID = '    - { id: talks, date: 2025-09, title: Talks in Madrid, state: occurred, sources: [src-a] }';

describe('the YAML dialect of fact sheets', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const check = async (name: string, text: string) => {
    const file = join(tmp.dir, `${name}.yaml`);
    writeFileSync(file, text);
    return (await loadSheets([file])).problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.rule}: ${p.message}`);
  };

  it('merge keys (<<: *anchor) are YAML merges, not an unknown key', async () => {
    expect(MINIMAL).toContain(MADRID);
    const merged = MINIMAL.replace(MADRID, `    - &madrid { id: talks, date: 2025-09, title: Talks in Madrid, state: occurred, sources: [src-a] }\n    - <<: *madrid\n      id: talks-2\n      date: 2025-09-19`);
    expect(await check('merge', merged)).toEqual([]);
    // a merged item is checked as what it becomes: the inherited fields count, an override too
    const bad = MINIMAL.replace(MADRID, `    - &madrid { id: talks, date: 2025-09, title: Talks in Madrid, state: occurred, sources: [src-a] }\n    - <<: *madrid\n      id: talks-2\n      state: imagined`);
    const problems = await check('merge-bad', bad);
    expect(problems.some((p) => /schema-enum: .*'imagined'/.test(p))).toBe(true);
    expect(problems.some((p) => p.includes("'<<'"))).toBe(false);
  });

  it('TLP:WHITE is answered with its TLP 2.0 name', async () => {
    const [problem, ...rest] = await check('white', MINIMAL.replace('handling: TLP:CLEAR', 'handling: TLP:WHITE'));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^6:11 error schema-enum: .*'TLP:WHITE'.*TLP 2\.0 renamed it TLP:CLEAR/);
  });

  it('partial dates name real months and days; a bad one is one problem, not also "after as_of"', async () => {
    const month = await check('month', MINIMAL.replace('  since: 2025-09\n', '  since: 2025-13\n'));
    expect(month).toHaveLength(1);
    expect(month[0]).toMatch(/schema-date: .*'2025-13' in status\.since is not a date/);
    const day = await check('day', MINIMAL.replace('date: 2025-09, title: Talks', 'date: 2025-02-29, title: Talks'));
    expect(day).toEqual([expect.stringMatching(/^25:\d+ error schema-date: '2025-02-29' in status\.milestones\[0\]\.date is not a real date/)]);
    const leap = await check('leap', MINIMAL.replace('date: 2025-09, title: Talks', 'date: 2024-02-29, title: Talks'));
    expect(leap).toEqual([]);
    const november = await check('november', MINIMAL.replace('date: 2025-09, title: Talks', 'date: 2024-11-31, title: Talks'));
    expect(november).toEqual([expect.stringMatching(/schema-date: '2024-11-31'/)]);
  });
});
