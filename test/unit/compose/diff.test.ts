import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffForLevel, diffSheets, type Change } from '../../../src/compose/diff.js';
import { changeLines, changesView, formatChangesText, groupLines } from '../../../src/compose/diff-text.js';
import { applyShow } from '../../../src/compose/changes.js';
import type { FactSheet } from '../../../src/schema/index.js';
import { FIXTURES } from '../../helpers.js';

/** The minimal fixture as data; every test edits a fresh copy into "this week". */
const base = (): FactSheet => parse(readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8')) as FactSheet;
const pair = (edit: (s: FactSheet) => void): [FactSheet, FactSheet] => {
  const previous = base();
  const current = base();
  current.as_of = '2025-09-27';
  edit(current);
  return [previous, current];
};
const only = (edit: (s: FactSheet) => void): Change => {
  const { changes } = diffSheets(...pair(edit));
  expect(changes).toHaveLength(1);
  return changes[0]!;
};
const src = { sources: ['src-a'] as [string] };

describe('diffSheets: one crafted pair per change kind', () => {
  it('nothing changed: no records, and the view says "none" with the previous as_of (a new cover line and date are every edition\'s)', () => {
    const [prev, cur] = pair((s) => { s.summary = 'A new cover line.'; s.bluf.text = `  ${s.bluf.text.replace(/ /g, '\n  ')}`; });
    const tc = diffSheets(prev, cur);
    expect(tc).toEqual({ topic: 'sample-deal', first: false, previousAsOf: '2025-09-20', changes: [] });
    expect(changesView(tc, '2025-W38')).toMatchObject({ first: false, none: true, previousAsOf: '2025-09-20', items: [] });
    expect(formatChangesText('A sample deal', 'sample-deal', tc, '2025-W39', '2025-W38')).toContain('Nothing changed since the 20 September 2025 edition.');
  });

  it('the bottom line reworded, and anything no kind tracks, are changes too: never "Nothing changed" when something did', () => {
    expect(only((s) => { s.bluf.text = 'A reworded bottom line.'; })).toEqual({ kind: 'bluf-revised' });
    const note = only((s) => { s.status.deadlines![0]!.note = 'More context.'; });
    expect(note).toEqual({ kind: 'revised' });
    expect(changeLines([note])[0]!.text).toMatch(/^Revised in details no line above tracks/);
    const tc = diffSheets(...pair((s) => { s.watch_next = [{ text: 'The summit.', sources: ['src-a'] }]; }));
    expect(formatChangesText('A sample deal', 'sample-deal', tc, '2025-W39', '2025-W38')).not.toContain('Nothing changed');
  });

  it('removed, reversed and moved items are changes: milestones, deadlines, positions, expert views, sources, a judgment reworded', () => {
    const kinds = (edit: (s: FactSheet) => void) => diffSheets(...pair(edit)).changes;
    expect(kinds((s) => { s.status.milestones.splice(0, 1); })).toEqual([{ kind: 'milestone-removed', id: 'talks', title: 'Talks in Madrid' }]);
    const back = kinds((s) => { Object.assign(s.status.milestones[2]!, { state: 'scheduled', date: '2025-11' }); });
    expect(back).toMatchObject([{ kind: 'milestone-changed', id: 'summit', fromState: 'planned', toState: 'scheduled', fromDate: '2025-10', toDate: '2025-11' }]);
    expect(changeLines(back)[0]!.text).toBe('Now scheduled (was planned), November 2025 (was October 2025): Summit.');
    const [prev, cur] = pair((s) => { s.status.deadlines![0]!.date = '2025-11-30'; });
    prev.status.deadlines![0]!.date = '2025-12-16';
    const earlier = diffSheets(prev, cur).changes;
    expect(earlier).toMatchObject([{ kind: 'deadline-moved', fromDate: '2025-12-16', toDate: '2025-11-30' }]);
    expect(changeLines(earlier)[0]!.text).toBe('Deadline brought forward from 16 December 2025 to 30 November 2025: Enforcement deadline.');
    expect(kinds((s) => { s.status.deadlines = []; })).toMatchObject([{ kind: 'deadline-removed', id: 'ban' }]);
    expect(kinds((s) => { s.sticking_points[0]!.significance = 'low'; })).toMatchObject([{ kind: 'sticking-point-significance', from: 'high', to: 'low' }]);
    const dropped = kinds((s) => { s.sticking_points[0]!.positions.splice(1, 1); });
    expect(changeLines(dropped)[0]!.text).toBe('United States: no longer a listed position on “Who owns the algorithm”.');
    expect(kinds((s) => { s.expert_views[0]!.stance = 'Not a chip'; })).toMatchObject([{ kind: 'expert-view-changed', stance: 'Not a chip', fromStance: 'Bargaining chip' }]);
    expect(changeLines(kinds((s) => { s.expert_views = []; }))[0]!.text).toBe('No longer among the expert views: Jane Analyst, Some Institute.');
    const reworded = kinds((s) => { s.key_judgments[0]!.statement = 'A final agreement is signed by 30 November 2025.'; });
    expect(changeLines(reworded)[0]!.text).toBe('Judgment reworded, its likelihood and confidence as before: A final agreement is signed by 30 November 2025 (was: A final agreement is signed before the end of 2025).');
    expect(kinds((s) => { s.sources = s.sources.filter((x) => x.id !== 'src-b'); })).toMatchObject([{ kind: 'source-dropped', id: 'src-b' }]);
  });

  it('first coverage: no previous edition', () => {
    const tc = diffSheets(undefined, base());
    expect(tc).toMatchObject({ first: true, changes: [] });
    expect(changesView(tc)).toMatchObject({ first: true, none: false });
    expect(formatChangesText('A sample deal', 'sample-deal', tc, '2025-W38')).toContain('First coverage');
  });

  it('stage moved', () => {
    const c = only((s) => { s.status.stage = 'signed'; s.status.since = '2025-09-25'; });
    expect(c).toEqual({ kind: 'stage', from: 'framework_agreed', to: 'signed', since: '2025-09-25' });
    expect(changeLines([c])[0]!.text).toBe('Stage moved from Framework agreed to Signed (since 25 September 2025).');
  });

  it('milestone added', () => {
    const c = only((s) => s.status.milestones.push({ id: 'vote', date: '2025-09-24', title: 'Board vote', state: 'occurred', ...src }));
    expect(c).toMatchObject({ kind: 'milestone-added', id: 'vote', state: 'occurred' });
    expect(changeLines([c])[0]!.text).toBe('New milestone, 24 September 2025: Board vote.');
  });

  it('milestone moved from planned to occurred', () => {
    const c = only((s) => { s.status.milestones[2]!.state = 'occurred'; });
    expect(c).toMatchObject({ kind: 'milestone-occurred', id: 'summit', from: 'planned' });
    expect(changeLines([c])[0]!.text).toBe('Took place (was planned), October 2025: Summit.');
  });

  it('deadline extended: counts the extensions and the new date', () => {
    const c = only((s) => { s.status.deadlines![0]!.extensions = 4; s.status.deadlines![0]!.date = '2025-12-16'; });
    expect(c).toMatchObject({ kind: 'deadline-extended', id: 'ban', fromExtensions: 3, extensions: 4, fromDate: undefined, toDate: '2025-12-16' });
    expect(changeLines([c])[0]!.text).toBe('Deadline extended from no set date to 16 December 2025: Enforcement deadline; now extended 4 times.');
  });

  it('a deadline that only gains detail or a more precise date is not an extension', () => {
    const [prev, cur] = pair((s) => { s.status.deadlines![0]!.note = 'More context.'; s.status.deadlines![0]!.date = '2025-09-17'; });
    prev.status.deadlines![0]!.date = '2025-09';
    expect(diffSheets(prev, cur).changes).toEqual([{ kind: 'revised' }]); // (the note: not an extension)
    cur.status.deadlines![0]!.date = '2025-10';
    expect(diffSheets(prev, cur).changes).toMatchObject([{ kind: 'deadline-extended', fromDate: '2025-09', toDate: '2025-10', extensions: 3 }]);
  });

  it('sticking point opened', () => {
    const c = only((s) => s.sticking_points.push({ id: 'board', title: 'Board seats', status: 'open', significance: 'medium', positions: [{ party: 'us', text: 'Most seats.', flexibility: 'firm', basis: 'press_report', ...src }], ...src }));
    expect(c).toEqual({ kind: 'sticking-point-opened', id: 'board', title: 'Board seats', status: 'open', significance: 'medium' });
  });

  it('sticking point narrowed', () => {
    const c = only((s) => { s.sticking_points[0]!.status = 'narrowing'; });
    expect(c).toMatchObject({ kind: 'sticking-point-status', id: 'algorithm', from: 'open', to: 'narrowing' });
    expect(changeLines([c])[0]!.text).toBe('Sticking point moved from open to narrowing: Who owns the algorithm.');
  });

  it('sticking point resolved', () => {
    const c = only((s) => { s.sticking_points[0]!.status = 'resolved'; });
    expect(c).toMatchObject({ kind: 'sticking-point-resolved', id: 'algorithm', from: 'open' });
    expect(changeLines([c])[0]!.text).toBe('Sticking point resolved (was open): Who owns the algorithm.');
  });

  it('position changed flexibility, or only its wording', () => {
    const flex = only((s) => { s.sticking_points[0]!.positions[0]!.flexibility = 'flexible'; });
    expect(flex).toMatchObject({ kind: 'position-changed', stickingPoint: 'algorithm', party: 'cn', partyName: 'China', from: 'conditional', to: 'flexible', reworded: false });
    expect(changeLines([flex])[0]!.text).toBe('China: position on “Who owns the algorithm” moved from conditional to flexible.');
    const words = only((s) => { s.sticking_points[0]!.positions[1]!.text = 'The law now allows a licence.'; });
    expect(words).toMatchObject({ kind: 'position-changed', party: 'us', from: 'firm', to: 'firm', reworded: true });
    expect(changeLines([words])[0]!.text).toBe('United States: position on “Who owns the algorithm” reworded, still firm.');
    // Re-wrapping the same words is not a change.
    const [prev, cur] = pair((s) => { s.sticking_points[0]!.positions[0]!.text = 'Keep ownership\n  and license it.'; });
    expect(diffSheets(prev, cur).changes).toEqual([]);
  });

  it('expert view added', () => {
    const c = only((s) => s.expert_views.push({ id: 'ev-two', name: 'Sam Expert', affiliation: 'A University', view: 'It is leverage.', kind: 'paraphrase', stance: 'Leverage', verified: false, ...src }));
    expect(c).toEqual({ kind: 'expert-view-added', id: 'ev-two', name: 'Sam Expert', affiliation: 'A University', stance: 'Leverage' });
  });

  it('judgment moved: likelihood and confidence, with the reason from the data', () => {
    const c = only((s) => {
      Object.assign(s.key_judgments[0]!, { likelihood: 'likely', confidence: 'moderate', change_reason: 'Both leaders endorsed the framework.' });
    });
    expect(c).toMatchObject({ kind: 'judgment-changed', id: 'kj-signed', likelihood: { from: 'roughly even chance', to: 'likely' }, confidence: { from: 'low', to: 'moderate' }, reason: 'Both leaders endorsed the framework.', reasonUnchanged: false });
    expect(changeLines([c])[0]).toEqual({
      kind: 'judgment-changed',
      text: 'Likelihood up from roughly even chance to likely (55–80%): A final agreement is signed before the end of 2025. Confidence up from low to moderate.',
      detail: 'Why: Both leaders endorsed the framework.',
    });
    const down = only((s) => { s.key_judgments[0]!.confidence = 'high'; s.key_judgments[0]!.likelihood = 'unlikely'; });
    expect(changeLines([down])[0]!.text).toBe('Likelihood down from roughly even chance to unlikely (20–45%): A final agreement is signed before the end of 2025. Confidence up from low to high.');
    // Likelihood and confidence never share a sentence (ICD 203).
    for (const sentence of changeLines([down])[0]!.text.split(/(?<=\.) /)) expect(/likelihood/i.test(sentence) && /confidence/i.test(sentence)).toBe(false);
    expect(changeLines([down])[0]!.detail).toBe('No reason for the change is recorded.');
  });

  it('a judgment whose reason was carried over unchanged says so', () => {
    const previous = base();
    previous.key_judgments[0]!.change_reason = 'Old reason.';
    const current = base();
    Object.assign(current.key_judgments[0]!, { likelihood: 'likely', change_reason: 'Old reason.' });
    const [c] = diffSheets(previous, current).changes;
    expect(c).toMatchObject({ kind: 'judgment-changed', reasonUnchanged: true });
    expect(changeLines([c!])[0]!.detail).toContain('unchanged from the previous edition');
  });

  it('a judgment whose basis changed but not its likelihood or confidence is not a move (a revision)', () => {
    const [prev, cur] = pair((s) => { s.key_judgments[0]!.basis = 'New basis.'; });
    expect(diffSheets(prev, cur).changes).toEqual([{ kind: 'revised' }]);
  });

  it('judgment added', () => {
    const c = only((s) => s.key_judgments.push({ id: 'kj-new', statement: 'The summit takes place.', likelihood: 'likely', confidence: 'moderate', ...src }));
    expect(c).toMatchObject({ kind: 'judgment-added', id: 'kj-new' });
    expect(changeLines([c])[0]!.text).toBe('New judgment: The summit takes place. Likelihood: likely (55–80%). Confidence: moderate.');
  });

  it('source added', () => {
    const c = only((s) => s.sources.push({ id: 'src-c', publisher: 'Reuters', title: 'A report', date: '2025-09-26', reliability: 'A', credibility: 2 }));
    expect(c).toEqual({ kind: 'source-added', id: 'src-c', publisher: 'Reuters', title: 'A report', date: '2025-09-26' });
    expect(changeLines([c])[0]!.text).toBe('New source: Reuters, “A report” (26 September 2025).');
  });

  it('matches items by id, not by position in the list', () => {
    const [prev, cur] = pair((s) => { s.status.milestones.reverse(); s.sources.reverse(); });
    expect(diffSheets(prev, cur).changes).toEqual([]);
  });

  it('groups the lines under headings in a fixed order', () => {
    const { changes } = diffSheets(...pair((s) => {
      s.sources.push({ id: 'src-c', publisher: 'Reuters', title: 'A report', reliability: 'A', credibility: 2 });
      s.status.stage = 'signed';
      s.sticking_points[0]!.status = 'resolved';
    }));
    expect(groupLines(changeLines(changes)).map((g) => g.label)).toEqual(['Status', 'Sticking points', 'Sources']);
  });
});

describe('changes respect the audience handling level', () => {
  it('a new restricted item never appears in a lower audience’s changes', () => {
    const [prev, cur] = pair((s) => {
      s.status.milestones.push({ id: 'secret-call', date: '2025-09-25', title: 'A call we may not mention', state: 'occurred', handling: 'TLP:AMBER', ...src });
      s.sources.push({ id: 'src-amber', publisher: 'A contact', title: 'Private note', reliability: 'B', credibility: 2, handling: 'TLP:AMBER' });
      s.key_judgments.push({ id: 'kj-amber', statement: 'A restricted judgment.', likelihood: 'likely', confidence: 'low', handling: 'TLP:RED', ...src });
      s.sticking_points[0]!.positions[0]!.handling = 'TLP:AMBER';
      s.sticking_points[0]!.positions[0]!.text = 'A restricted rewording.';
    });
    const all = diffForLevel(prev, cur, 'TLP:RED')!.changes.map((c) => c.kind);
    expect(all).toEqual(['milestone-added', 'position-changed', 'judgment-added', 'source-added']);
    const amber = diffForLevel(prev, cur, 'TLP:AMBER')!.changes.map((c) => c.kind);
    expect(amber).toEqual(['milestone-added', 'position-changed', 'source-added']);
    const clear = diffForLevel(prev, cur, 'TLP:CLEAR')!;
    // (the position now above the level is, for this reader, no longer listed: said so, nothing of it)
    expect(clear.changes.map((c) => c.kind)).toEqual(['position-dropped']);
    expect(JSON.stringify(changeLines(clear.changes))).not.toMatch(/restricted|may not mention|Private note/);
  });

  it('an item that is restricted in both editions is compared only for audiences cleared for it', () => {
    const previous = base();
    previous.sticking_points[0]!.handling = 'TLP:AMBER';
    const current = base();
    Object.assign(current.sticking_points[0]!, { handling: 'TLP:AMBER', status: 'resolved' });
    expect(diffForLevel(previous, current, 'TLP:CLEAR')!.changes).toEqual([]);
    expect(diffForLevel(previous, current, 'TLP:AMBER')!.changes).toMatchObject([{ kind: 'sticking-point-resolved' }]);
  });

  it('a hidden status hides the stage move', () => {
    const [prev, cur] = pair((s) => { s.status.stage = 'signed'; s.status.handling = 'TLP:AMBER'; });
    expect(diffForLevel(prev, cur, 'TLP:CLEAR')!.changes).toEqual([]);
    expect(diffForLevel(prev, cur, 'TLP:AMBER')!.changes).toMatchObject([{ kind: 'stage', to: 'signed' }]);
  });

  it('a hidden status hides its parties’ names too: a position change names the party by id, as the briefing does', () => {
    for (const edit of [
      (s: FactSheet) => s.sticking_points[0]!.positions.push({ party: 'us', text: 'A new position.', flexibility: 'firm', basis: 'press_report', ...src }),
      (s: FactSheet) => { s.sticking_points[0]!.positions[0]!.flexibility = 'firm'; },
    ]) {
      const [prev, cur] = pair((s) => {
        s.sticking_points[0]!.positions.splice(1, 1);
        edit(s);
        for (const x of [s]) { x.status.handling = 'TLP:RED'; x.status.parties = [{ id: 'us', name: 'CANARY United States' }, { id: 'cn', name: 'CANARY China' }]; }
      });
      prev.sticking_points[0]!.positions.splice(1, 1);
      Object.assign(prev.status, { handling: 'TLP:RED', parties: [{ id: 'us', name: 'CANARY United States' }, { id: 'cn', name: 'CANARY China' }] });
      const clear = diffForLevel(prev, cur, 'TLP:CLEAR')!;
      expect(clear.changes.map((c) => c.kind)).toEqual([expect.stringMatching(/^position-(added|changed)$/)]);
      expect(JSON.stringify(clear)).not.toContain('CANARY');
      expect(changeLines(clear.changes)[0]!.text).toMatch(/^(us|cn): /);
      // cleared for the status: the names
      expect(changeLines(diffForLevel(prev, cur, 'TLP:RED')!.changes)[0]!.text).toMatch(/^CANARY (United States|China): /);
    }
  });

  it('a sheet wholly above the level gives no changes at all; a previous edition above it is first coverage', () => {
    const [prev, cur] = pair((s) => { s.handling = 'TLP:AMBER'; });
    expect(diffForLevel(prev, cur, 'TLP:CLEAR')).toBeUndefined();
    expect(diffForLevel(cur, base(), 'TLP:CLEAR')).toMatchObject({ first: true });
  });
});

describe('changes follow the audience’s show switches', () => {
  const show = { citations: true, source_grades: true, source_notes: true, positions: true, judgment_details: true, verification: true };
  const view = changesView(diffSheets(...pair((s) => {
    s.sticking_points[0]!.positions[0]!.flexibility = 'flexible';
    Object.assign(s.key_judgments[0]!, { likelihood: 'likely', change_reason: 'A reason.' });
  })));

  it('keeps everything when the audience shows positions and judgment details', () => {
    expect(applyShow(view, show).items.map((l) => [l.kind, l.detail])).toEqual([['position-changed', undefined], ['judgment-changed', 'Why: A reason.']]);
  });

  it('drops position changes and judgment reasons when the audience hides them; nothing left reads as "none"', () => {
    const hidden = applyShow(view, { ...show, positions: false, judgment_details: false });
    expect(hidden.items).toEqual([{ kind: 'judgment-changed', text: expect.stringMatching(/^Likelihood up from roughly even chance to likely/) }]);
    expect(hidden.groups.map((g) => g.label)).toEqual(['Key judgments']);
    const onlyPosition = changesView(diffSheets(...pair((s) => { s.sticking_points[0]!.positions[0]!.flexibility = 'flexible'; })));
    expect(applyShow(onlyPosition, { ...show, positions: false })).toMatchObject({ none: true, items: [], groups: [] });
  });
});
