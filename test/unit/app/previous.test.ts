import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { topicChangesView } from '../../../src/compose/changes.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { loadPreviousEditions } from '../../../src/validate/previous.js';
import { weeklyDiff } from '../../../src/app/weekly-diff.js';
import { FIXTURES, tempDir } from '../../helpers.js';

const minimal = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
const sheet = (id: string, asOf: string, edit: (t: string) => string = (t) => t) =>
  edit(minimal.replace('id: sample-deal', `id: ${id}`).replace('as_of: 2025-09-20', `as_of: ${asOf}`));

describe('finding each topic’s previous edition', () => {
  let tmp: ReturnType<typeof tempDir>;
  const put = (week: string, name: string, text: string) => {
    mkdirSync(join(tmp.dir, week), { recursive: true });
    writeFileSync(join(tmp.dir, week, `${name}.yaml`), text);
  };
  beforeEach(() => { tmp = tempDir(); });
  afterEach(() => tmp.cleanup());

  it('takes the nearest earlier week that has the same topic id, skipping weeks without it', async () => {
    put('2025-W39', 'alpha', sheet('alpha', '2025-09-22'));
    put('2025-W39', 'beta', sheet('beta', '2025-09-22'));
    put('2025-W40', 'alpha', sheet('alpha', '2025-09-29', (t) => t.replace('stage: framework_agreed', 'stage: negotiating')));
    put('2025-W42', 'alpha', sheet('alpha', '2025-10-13'));
    put('2025-W42', 'beta', sheet('beta', '2025-10-13'));
    put('2025-W42', 'gamma', sheet('gamma', '2025-10-13'));
    const prev = await loadPreviousEditions(tmp.dir, '2025-W42', ['alpha', 'beta', 'gamma']);
    expect([...prev.byTopic].map(([id, e]) => [id, e.week, e.sheet?.as_of])).toEqual([
      ['alpha', '2025-W40', '2025-09-29'], ['beta', '2025-W39', '2025-09-22'],
    ]);
    expect(prev.problems).toEqual([]);
    const diff = await weeklyDiff({ dataDir: tmp.dir, week: '2025-W42' });
    expect(diff.topics.map((t) => [t.id, t.previousWeek ?? null, t.changes?.first, t.changes?.changes.map((c) => c.kind)])).toEqual([
      ['alpha', '2025-W40', false, ['stage']],
      ['beta', '2025-W39', false, []],
      ['gamma', null, true, []],
    ]);
  });

  it('a previous edition with errors: its errors become warnings and the topic says changes could not be computed', async () => {
    put('2025-W40', 'alpha', sheet('alpha', '2025-09-29', (t) => t.replace('stage: framework_agreed', 'stage: framework_agred')));
    put('2025-W39', 'alpha', sheet('alpha', '2025-09-22'));
    put('2025-W41', 'alpha', sheet('alpha', '2025-10-06'));
    const prev = await loadPreviousEditions(tmp.dir, '2025-W41', ['alpha']);
    expect(prev.byTopic.get('alpha')).toMatchObject({ week: '2025-W40', sheet: undefined });
    expect(prev.problems).toHaveLength(1);
    expect(prev.problems[0]).toMatchObject({ severity: 'warning', rule: 'previous-edition-invalid', line: 13 });
    expect(prev.problems[0]!.message).toContain("previous edition of 'alpha' (2025-W40) cannot be compared");
    const [current] = (await loadWeek(tmp.dir, '2025-W41')).sheets;
    expect(topicChangesView(current!, prev, 'TLP:CLEAR')).toEqual({ first: false, none: false, unavailable: true, previousWeek: '2025-W40', items: [], groups: [] });
  });
});
