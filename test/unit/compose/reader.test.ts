import { describe, expect, it } from 'vitest';
import { likelihoodRange } from '../../../src/compose/labels.js';
import { firstSentence, partyColumnWidth, rankStickingPoints, type BriefingView, type TopicView } from '../../../src/compose/compose.js';
import { fitPage, fitSteps } from '../../../src/compose/fit.js';
import { topChanges, type ChangeLine } from '../../../src/compose/diff-text.js';
import { timelineEvents, timelineSvg } from '../../../src/render/visuals/timeline.js';
import { outlineFixes } from '../../../src/pdf/pdf-meta.js';
import { headingTexts } from '../../../src/contents/print-briefing.js';

describe('the executive page gives way step by step', () => {
  const topics = [1, 2, 3].map((n) => ({
    n, anchor: `t${n}`, title: `T${n}`, stickingPoints: [{}, {}], moreStickingPoints: 2, watchNext: [{}], moreWatchNext: 5, keyJudgments: [{}], expertViews: [], notes: [], sources: [],
  }) as unknown as TopicView);
  const audience = { sections: ['bluf', 'status', 'sticking_points', 'watch_next'] } as BriefingView['audience'];
  const view = { topics, audience } as BriefingView;
  /** Each topic's form at a step: full, full less its last k sections (-k), compact or line. */
  const forms = (v: BriefingView, step: number) => fitPage(v, step).topics.map((t) => (t.sections ? `-${v.audience.sections.length - t.sections.length}` : t.fit ?? 'full'));

  it('the lowest topics first leave out their last sections, keeping the bottom line and stage, then shrink to compact, one line, then out; the first topic last', () => {
    expect(forms(view, 0)).toEqual(['full', 'full', 'full']);
    expect(forms(view, 1)).toEqual(['full', 'full', '-1']);
    // what a topic no longer prints is said, with the counts the audience may see (limits or not)
    expect(fitPage(view, 1).topics.map((t) => t.leftOutSections)).toEqual([undefined, undefined, '6 items to watch']);
    expect(fitPage(view, 1).topics[2]!.sections).toEqual(['bluf', 'status', 'sticking_points']);
    expect(forms(view, 2)).toEqual(['full', '-1', '-1']);
    expect(forms(view, 3)).toEqual(['full', '-1', '-2']);
    expect(fitPage(view, 3).topics[2]!.leftOutSections).toBe('4 sticking points and 6 items to watch');
    expect(fitPage(view, 3).topics[2]!.sections).toEqual(['bluf', 'status']);
    expect(forms(view, 4)).toEqual(['full', '-2', '-2']);
    expect(forms(view, 5)).toEqual(['full', '-2', 'compact']);
    expect(forms(view, 6)).toEqual(['full', 'compact', 'compact']);
    expect(fitPage(view, 6).topics[1]!.leftOutSections).toBe('4 sticking points and 6 items to watch');
    expect(fitPage(view, 7).topics[2]!.leftOutSections).toBeUndefined(); // a line: title, stage and the BLUF's first sentence
    expect(forms(view, 7)).toEqual(['full', 'compact', 'line']);
    expect(forms(view, 9)).toEqual(['full', 'line']);
    expect(fitPage(view, 9).moreTopics).toBe(1);
    expect(fitPage(view, 9).leftOut).toEqual([{ n: 3, title: 'T3' }]);
    expect(forms(view, 10)).toEqual(['full']);
    expect(fitPage(view, 10).leftOut).toEqual([{ n: 2, title: 'T2' }, { n: 3, title: 'T3' }]);
    expect(forms(view, 11)).toEqual(['-1']);
    expect(forms(view, 13)).toEqual(['compact']);
    expect(fitSteps(view)).toBe(14);
    expect(forms(view, fitSteps(view))).toEqual(['line']);
    expect(fitPage(view, fitSteps(view)).totalTopics).toBe(3);
  });

  it('leaves out only sections after the bottom line and the stage, in the audience\'s order; none when those come last', () => {
    const other = { topics, audience: { sections: ['sticking_points', 'bluf', 'watch_next', 'status', 'expert_views'] } } as BriefingView;
    expect(fitPage(other, 1).topics[2]!.sections).toEqual(['sticking_points', 'bluf', 'watch_next', 'status']);
    expect(forms(other, 3)).toEqual(['full', '-1', 'compact']);
    const kept = { topics, audience: { sections: ['watch_next', 'status', 'bluf'] } } as BriefingView;
    expect(forms(kept, 1)).toEqual(['full', 'full', 'compact']);
    expect(fitSteps(kept)).toBe(8);
  });
});

describe('ranking and sizing', () => {
  it('ranks sticking points deadlocked, open, narrowing, resolved, then by significance (stable)', () => {
    const sp = (id: string, status: string, significance: string) => ({ id, status, significance });
    const ranked = rankStickingPoints([sp('a', 'resolved', 'high'), sp('b', 'open', 'low'), sp('c', 'deadlocked', 'medium'), sp('d', 'narrowing', 'high'), sp('e', 'open', 'high'), sp('f', 'open', 'low')]);
    expect(ranked.map((s) => s.id)).toEqual(['c', 'e', 'b', 'f', 'd', 'a']);
  });

  it('ranks the changes: the stage first, new sources last', () => {
    const l = (kind: string) => ({ kind, text: kind }) as ChangeLine;
    expect(topChanges([l('source-added'), l('position-added'), l('stage'), l('judgment-changed')]).map((c) => c.kind)).toEqual(['stage', 'judgment-changed', 'position-added']);
  });

  it('sizes the party column to the names: one line for short names, never narrower than the longest word', () => {
    expect(parseFloat(partyColumnWidth(['China', 'United States']))).toBeCloseTo(13 * 0.55 + 1.2, 1);
    const long = parseFloat(partyColumnWidth(['Commonwealth Reconstruction Authority of the Northern Territories']));
    expect(long).toBeGreaterThan(14 * 0.55);
    expect(long).toBeLessThan(30 * 0.55);
  });

  it('caps the party column at a word of 30 characters: a longer word breaks inside it rather than squeeze the positions', () => {
    const width = (names: string[]) => parseFloat(partyColumnWidth(names));
    expect(width(['Q'.repeat(30)])).toBeCloseTo(30 * 0.55 + 1.2, 1);
    expect(width(['Q'.repeat(120)])).toBeCloseTo(30 * 0.55 + 1.2, 1);
    expect(width(['The ' + 'Q'.repeat(120) + ' Authority'])).toBeCloseTo(30 * 0.55 + 1.2, 1);
  });

  it('prints likelihood ranges with an en dash and no space before the percent sign', () => {
    expect(likelihoodRange('roughly even chance')).toBe('45–55%');
  });

  it('takes the first sentence without cutting at an abbreviation', () => {
    expect(firstSentence('The U.S. and China agreed. Then more.')).toBe('The U.S. and China agreed.');
  });

  it('reads a line break inside a paragraph as a space, a blank line as the end of one', () => {
    // (Unicode's sentence rules end a sentence at any line break: a BLUF in a YAML `|` block lost its second line)
    expect(firstSentence('The parties agreed a framework\nbut the details are not public. Then more.')).toBe('The parties agreed a framework but the details are not public.');
    expect(firstSentence('Talks paused\r\n  until October. More.')).toBe('Talks paused until October.');
    expect(firstSentence('A line\u2028separator inside. More.')).toBe('A line separator inside.');
    expect(firstSentence('A heading without a stop\n\nThe next paragraph.')).toBe('A heading without a stop');
    expect(firstSentence('One paragraph\u2029Another.')).toBe('One paragraph');
  });
});

describe('timeline', () => {
  const base = { milestones: [], deadlines: [], asOf: '2025-09-20' };
  it('merges a deadline into a deadline milestone only when they name the same thing', () => {
    const events = timelineEvents({
      ...base,
      milestones: [{ date: '2025-11', title: 'Extended tariff truce expires', state: 'scheduled', kind: 'deadline' }],
      deadlines: [{ date: '2025-11', label: 'Expiry of the extended tariff truce', extensions: 1 }, { date: '2025-11', label: 'Chip rules take effect', extensions: 3 }],
    });
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.title.startsWith('Extended'))?.extensions).toBe(1);
    expect(events.find((e) => e.title.startsWith('Chip'))?.extensions).toBe(3);
  });

  it('shows in its legend only the marks it draws', () => {
    const past = timelineSvg({ ...base, milestones: [{ date: '2025-06', title: 'Talks', state: 'occurred' }, { date: '2025-08', title: 'Call', state: 'occurred' }] });
    expect(past).toContain('occurred');
    expect(past).not.toMatch(/>scheduled<|>planned<|>deadline<|>after<|gap of months/);
    const both = timelineSvg({ ...base, milestones: [{ date: '2025-06', title: 'Talks', state: 'occurred' }, { date: '2025-12', title: 'Summit', state: 'planned' }] });
    expect(both).toMatch(/>planned</);
    expect(both).toMatch(/>after</);
  });

  it('says "once" and "twice"', () => {
    const svg = timelineSvg({ ...base, deadlines: [{ date: '2025-10', label: 'Ban deadline', extensions: 2 }] });
    expect(svg).toContain('extended twice');
  });
});

describe('bookmarks', () => {
  it('gives each outline item its heading’s real text (spaces at line breaks, no capitals from CSS)', () => {
    const headings = headingTexts('<h1 class="x">1. Caspian Littoral\n  Agreement</h1><h3 class="changes-group">Status</h3><h2>Q&amp;A</h2>');
    expect(headings).toEqual(['1. Caspian Littoral Agreement', 'Status', 'Q&A']);
    const pdf = '1 0 obj\n<</Title (1. Caspian LittoralAgreement)\n/Parent 9 0 R\n/Dest /t1>>\nendobj\n2 0 obj\n<</Title (STATUS)\n/Parent 9 0 R>>\nendobj\n3 0 obj\n<</Title (Q&A)\n/Parent 9 0 R>>\nendobj\n';
    expect(outlineFixes(pdf, headings)).toEqual([
      [1, '<</Title (1. Caspian Littoral Agreement)\n/Parent 9 0 R\n/Dest /t1>>'],
      [2, '<</Title (Status)\n/Parent 9 0 R>>'],
    ]);
  });
});
