import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../../src/index.js';
import { redactSheet } from '../../../src/compose/handling.js';
import { changeLevel } from '../../../src/compose/marking.js';
import type { FactSheet } from '../../../src/schema/index.js';
import { composeBriefing } from '../../../src/compose/compose.js';
import { loadAudiences } from '../../../src/load/audience.js';
import type { PreviousEditions } from '../../../src/validate/previous.js';
import { FIXTURES, TEMPLATES } from '../../helpers.js';

describe('changeLevel: the level of what a change mentions', () => {
  let sheet: FactSheet;
  beforeAll(async () => {
    const r = await validate([join(FIXTURES, 'valid', 'minimal.yaml')]);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    sheet = r.sheets[0]!;
  });

  it('is the item’s level in whichever edition holds it, the higher of the two', () => {
    const prev = structuredClone(sheet);
    prev.sticking_points[0]!.handling = 'TLP:AMBER';
    prev.key_judgments[0]!.handling = 'TLP:GREEN';
    const eds = [redactSheet(sheet, 'TLP:RED'), redactSheet(prev, 'TLP:RED')];
    expect(changeLevel({ kind: 'sticking-point-dropped', id: 'algorithm', title: 'x' }, eds, 'TLP:RED')).toBe('TLP:AMBER');
    expect(changeLevel({ kind: 'judgment-changed', id: 'kj-signed', statement: 'x', likelihood: { from: 'likely', to: 'likely' }, confidence: { from: 'low', to: 'low' }, reasonUnchanged: true }, eds, 'TLP:RED')).toBe('TLP:GREEN');
    expect(changeLevel({ kind: 'milestone-added', id: 'talks', title: 'x', date: '2025-09', state: 'occurred' }, eds, 'TLP:RED')).toBe('TLP:CLEAR');
  });

  it('counts a position by its sticking point and party (positions inherit the point’s level)', () => {
    const cur = structuredClone(sheet);
    cur.sticking_points[0]!.positions[1]!.handling = 'TLP:AMBER+STRICT';
    const eds = [redactSheet(cur, 'TLP:RED')];
    const change = (party: string) => ({ kind: 'position-added' as const, stickingPoint: 'algorithm', stickingPointTitle: 'x', party, partyName: party, flexibility: 'firm' as const });
    expect(changeLevel(change('us'), eds, 'TLP:RED')).toBe('TLP:AMBER+STRICT');
    expect(changeLevel(change('cn'), eds, 'TLP:RED')).toBe('TLP:CLEAR');
  });

  it('is the audience maximum when the item cannot be found (never lower)', () => {
    const eds = [redactSheet(sheet, 'TLP:AMBER')];
    expect(changeLevel({ kind: 'sticking-point-dropped', id: 'no-such-point', title: 'x' }, eds, 'TLP:AMBER')).toBe('TLP:AMBER');
  });
});

describe('composeBriefing with the previous editions: the whole view in one pass', () => {
  it('gives each topic its changes and raises the marking to what they mention (a dropped GREEN point)', async () => {
    const r = await validate([join(FIXTURES, 'valid', 'minimal.yaml')]);
    const sheet = r.sheets[0]!;
    const prev = structuredClone(sheet);
    prev.sticking_points.push({ ...structuredClone(sheet.sticking_points[0]!), id: 'dropped-point', title: 'A point dropped since', handling: 'TLP:GREEN' });
    const previous = { byTopic: new Map([[sheet.id, { week: '2025-W37', sheet: prev }]]), problems: [] } as unknown as PreviousEditions;
    const audience = (await loadAudiences(TEMPLATES, ['analyst']))[0]!;
    const alone = composeBriefing([sheet], audience, { week: '2025-W38' });
    const view = composeBriefing([sheet], audience, { week: '2025-W38', previous });
    expect(alone.topics[0]!.changes!.first).toBe(true);
    expect(view.topics[0]!.changes!.items.map((l) => l.kind)).toContain('sticking-point-dropped');
    expect(alone.marking).toBe('TLP:CLEAR');
    expect(view.marking).toBe('TLP:GREEN');
    // an audience cleared only for CLEAR never sees the GREEN point, nor a marking raised by it
    const pub = (await loadAudiences(TEMPLATES, ['public']))[0]!;
    const publicView = composeBriefing([sheet], pub, { week: '2025-W38', previous });
    expect(JSON.stringify(publicView)).not.toContain('A point dropped since');
    expect(publicView.marking).toBe('TLP:CLEAR');
  });
});
