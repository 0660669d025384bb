import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAudience } from '../../../src/load/audience.js';
import { composeBriefing } from '../../../src/compose/compose.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { HANDLED, levelOf, redactSheet } from '../../../src/compose/handling.js';
import { factSheetSchema, TLP_LEVELS, tlpRank, type FactSheet } from '../../../src/schema/index.js';
import { FIXTURES, TEMPLATES } from '../../helpers.js';

const SUFFIX = { CLR: 'TLP:CLEAR', GRN: 'TLP:GREEN', AMB: 'TLP:AMBER', STR: 'TLP:AMBER+STRICT', RED: 'TLP:RED' } as const;
const tokens = (text: string) => [...new Set(text.match(/\bKX[A-Z]+?(?:CLR|GRN|AMB|STR|RED)\b|\bkx(?:srcid|kjid)-(?:clr|grn|amb|str|red)\b/g) ?? [])];
const levelOfToken = (t: string) => SUFFIX[t.slice(-3).toUpperCase() as keyof typeof SUFFIX];

describe('the handling filter (redactSheet)', () => {
  let sheets: FactSheet[];
  beforeAll(async () => {
    const loaded = await loadWeek(join(FIXTURES, 'handling'), '2025-W38');
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    sheets = loaded.sheets;
  });

  it('covers every schema definition that carries a handling level', () => {
    const defs = (factSheetSchema().$defs ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    const withHandling = Object.entries(defs).filter(([, d]) => d.properties && 'handling' in d.properties).map(([k]) => k).sort();
    expect(withHandling).toEqual([...HANDLED].sort());
  });

  it.each(TLP_LEVELS)('at %s keeps exactly the canaries at or below the level', (max) => {
    const canary = sheets.find((s) => s.id === 'canary-topic')!;
    const all = tokens(JSON.stringify(canary));
    const kept = tokens(JSON.stringify(redactSheet(canary, max)));
    const expected = all.filter((t) => tlpRank(levelOfToken(t)) <= tlpRank(max));
    expect(kept.sort()).toEqual(expected.sort());
  });

  it('leaves no reference to a dropped item: sources lists, BLUF judgments, derived_from', () => {
    const canary = sheets.find((s) => s.id === 'canary-topic')!;
    const r = redactSheet(canary, 'TLP:AMBER')!;
    const ids = new Set(r.sources.map((s) => s.id));
    const lists: string[][] = [r.bluf.sources, r.status!.sources, ...r.sticking_points.flatMap((sp) => [sp.sources, ...sp.positions.map((p) => p.sources)]),
      ...r.expert_views.map((e) => e.sources), ...r.key_judgments.map((k) => k.sources), ...(r.watch_next ?? []).map((w) => w.sources)];
    for (const l of lists) for (const id of l) expect(ids.has(id)).toBe(true);
    expect(r.bluf.judgments).toEqual(['kj-clr']);
    expect(r.sources.find((s) => s.id === 'kxsrcid-clr')!.derived_from).toBeUndefined();
    expect(redactSheet(canary, 'TLP:RED')!.sources.find((s) => s.id === 'kxsrcid-clr')!.derived_from).toBe('kxsrcid-red');
  });

  it('drops a sheet above the level whole, and gives every kept item its effective level', () => {
    const red = sheets.find((s) => s.id === 'red-topic')!;
    expect(redactSheet(red, 'TLP:AMBER+STRICT')).toBeUndefined();
    const r = redactSheet(red, 'TLP:RED')!;
    // Items without their own level, or with a lower one, are at the RED sheet's level.
    expect(r.expert_views.every((e) => e.handling === 'TLP:RED')).toBe(true);
    expect(levelOf({ handling: 'TLP:CLEAR' }, 'TLP:AMBER')).toBe('TLP:AMBER');
    expect(levelOf({}, 'TLP:GREEN')).toBe('TLP:GREEN');
    expect(levelOf({ handling: 'TLP:RED' }, 'TLP:GREEN')).toBe('TLP:RED');
  });

  it('a withheld status takes the party names with it; the marking counts only what is printed', async () => {
    const canary = structuredClone(sheets.find((s) => s.id === 'canary-topic')!);
    canary.status.handling = 'TLP:RED';
    canary.status.parties = [{ id: 'us', name: 'United States KXPARTYRED' }, { id: 'cn', name: 'China KXPARTYRED' }];
    const analyst = await loadAudience(TEMPLATES, 'analyst');
    const view = composeBriefing([canary], analyst, { week: '2025-W38' });
    expect(view.topics[0]!.status).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('KXPARTYRED');
    expect(view.marking).toBe('TLP:AMBER');
    // The executive prints no notes, expert views or judgments: AMBER items there do not raise its marking.
    const executive = await loadAudience(TEMPLATES, 'executive');
    const exec = composeBriefing([sheets.find((s) => s.id === 'canary-topic')!], executive, { week: '2025-W38' });
    const printed = tokens(JSON.stringify(exec.topics)).filter((t) => t.startsWith('KX')).map((t) => tlpRank(levelOfToken(t)));
    expect(exec.marking).toBe(TLP_LEVELS[Math.max(0, ...printed)]);
    expect(exec.topics[0]!.notes).toEqual([]);
    expect(exec.topics[0]!.expertViews).toEqual([]);
  });
});
