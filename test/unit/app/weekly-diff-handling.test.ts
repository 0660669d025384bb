import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weeklyDiff } from '../../../src/app/weekly-diff.js';
import { topicChangesView } from '../../../src/compose/changes.js';
import { loadPreviousEditions } from '../../../src/validate/previous.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { FIXTURES, tempDir } from '../../helpers.js';

/**
 * `brief diff --audience` and the briefings' changes sections say nothing of a previous edition an
 * audience may not see: not its week, not its reconstruction basis, not that it existed; a topic
 * above the level is not named, listed or told apart from an unknown id.
 */
describe('the weekly diff as an audience below a topic’s level sees it', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const minimal = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
  const sheet = (week: string, name: string, edit: (s: string) => string) => {
    mkdirSync(join(data, week), { recursive: true });
    writeFileSync(join(data, week, `${name}.yaml`), edit(minimal));
  };
  const asWeek = (asOf: string) => (s: string) => s.replace(/^as_of: .*$/m, `as_of: ${asOf}`);
  const red = (s: string) => s.replace(/^handling: .*$/m, 'handling: TLP:RED');
  // e: public now; its previous edition was wholly RED and reconstructed.
  sheet('2025-W40', 'e', (s) => red(asWeek('2025-10-03')(s)).replace(/^id: .*$/m, 'id: e').replace(/^title: .*$/m, 'title: CANARY-RED-OLD-TITLE') + 'reconstructed: { basis: "CANARY-RED-BASIS from an informant" }\n');
  sheet('2025-W41', 'e', (s) => asWeek('2025-10-08')(s).replace(/^id: .*$/m, 'id: e').replace(/^title: .*$/m, 'title: Public topic'));
  // r: wholly RED, its previous edition invalid.
  sheet('2025-W40', 'r', (s) => red(asWeek('2025-10-03')(s)).replace(/^id: .*$/m, 'id: r').replace(/^title: .*$/m, 'title: CANARY-RED-TITLE') + 'bogus: 1\n');
  sheet('2025-W41', 'r', (s) => red(asWeek('2025-10-08')(s)).replace(/^id: .*$/m, 'id: r').replace(/^title: .*$/m, 'title: CANARY-RED-TITLE'));
  // g: public now; its previous edition invalid and declared RED.
  sheet('2025-W40', 'g', (s) => red(asWeek('2025-10-03')(s)).replace(/^id: .*$/m, 'id: g') + 'bogus: 1\n');
  sheet('2025-W41', 'g', (s) => asWeek('2025-10-08')(s).replace(/^id: .*$/m, 'id: g').replace(/^title: .*$/m, 'title: Another public topic'));
  afterAll(tmp.cleanup);

  it('lists only the topics the audience may see, each as first coverage when its previous edition was above the level', async () => {
    const d = await weeklyDiff({ dataDir: data, week: '2025-W41', maxHandling: 'TLP:CLEAR' });
    expect(d.topics.map((t) => t.id)).toEqual(['e', 'g']);
    for (const t of d.topics) {
      expect(t).toMatchObject({ previousWeek: undefined, previousReconstructed: undefined, unavailable: false, changes: { first: true } });
    }
    expect(JSON.stringify(d.topics)).not.toContain('CANARY');
    // cleared for RED: everything, as before
    const all = await weeklyDiff({ dataDir: data, week: '2025-W41' });
    expect(all.topics.map((t) => [t.id, t.previousWeek, t.unavailable])).toEqual([['e', '2025-W40', false], ['g', '2025-W40', true], ['r', '2025-W40', true]]);
    expect(all.topics[0]!.previousReconstructed).toContain('CANARY-RED-BASIS');
  });

  it('a topic above the level asked for by id is as unknown as an id no sheet has, and the message names only visible topics', async () => {
    for (const topic of ['r', 'nope']) {
      const err = await weeklyDiff({ dataDir: data, week: '2025-W41', topic, maxHandling: 'TLP:CLEAR' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'topic-unknown', message: `no topic '${topic}' in 2025-W41 (topics: e, g)` });
    }
  });

  it('a briefing’s changes section says nothing of the hidden edition either', async () => {
    const week = await loadWeek(data, '2025-W41');
    const previous = await loadPreviousEditions(data, '2025-W41', week.sheets.map((s) => s.id));
    for (const s of week.sheets.filter((x) => x.handling === 'TLP:CLEAR')) {
      const view = topicChangesView(s, previous, 'TLP:CLEAR')!;
      expect(view).toMatchObject({ first: true, previousWeek: undefined });
      expect(view.unavailable).toBeFalsy();
      expect(JSON.stringify(view)).not.toContain('CANARY');
    }
    const e = week.sheets.find((s) => s.id === 'e')!;
    expect(topicChangesView(e, previous, 'TLP:RED')).toMatchObject({ first: false, previousWeek: '2025-W40', previousReconstructed: expect.stringContaining('CANARY-RED-BASIS') });
  });
});

describe('brief diff --audience follows the audience’s show switches, as its briefing does', () => {
  it('no position changes and no recorded reasons for an audience that hides them; all of them otherwise', async () => {
    const { loadAudiences } = await import('../../../src/load/audience.js');
    const { DATA, TEMPLATES } = await import('../../helpers.js');
    const [executive] = await loadAudiences(TEMPLATES, ['executive']);
    const [analyst] = await loadAudiences(TEMPLATES, ['analyst']);
    expect(executive!.show).toMatchObject({ positions: false });
    const full = await weeklyDiff({ dataDir: DATA, week: '2025-W38', maxHandling: analyst!.max_handling, show: analyst!.show });
    const kinds = (d: typeof full) => d.topics.flatMap((t) => t.changes?.changes.map((c) => c.kind) ?? []);
    expect(kinds(full).some((k) => k.startsWith('position'))).toBe(true); // the sample has some to hide
    expect(full.topics.flatMap((t) => t.lines).some((l) => l.detail)).toBe(true);
    const shown = await weeklyDiff({ dataDir: DATA, week: '2025-W38', maxHandling: executive!.max_handling, show: { ...executive!.show, judgment_details: false } });
    expect(kinds(shown).some((k) => k.startsWith('position'))).toBe(false);
    expect(shown.topics.flatMap((t) => t.lines).filter((l) => l.detail)).toEqual([]);
    expect(JSON.stringify(shown.topics.map((t) => t.changes))).not.toMatch(/"reason":"/);
  });
});
