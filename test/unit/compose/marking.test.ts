import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../../src/index.js';
import { redactSheet } from '../../../src/compose/handling.js';
import { changeLevel } from '../../../src/compose/marking.js';
import type { FactSheet } from '../../../src/schema/index.js';
import { FIXTURES } from '../../helpers.js';

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
