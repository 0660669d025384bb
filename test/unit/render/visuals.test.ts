import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIKELIHOOD } from '../../../src/schema/index.js';
import { likelihoodScaleSvg } from '../../../src/render/visuals/likelihood-scale.js';
import { stageTrackerSvg } from '../../../src/render/visuals/stage-tracker.js';
import { textWidth, wrap } from '../../../src/render/visuals/svg.js';
import { xml } from '../../../src/util/xml.js';
import { shortDate, timelineEvents, timelineSvg, type TimelineInput } from '../../../src/render/visuals/timeline.js';

const LADDER = ['Exploratory', 'Negotiating', 'Framework agreed', 'Agreement in principle', 'Signed', 'Regulatory review', 'Implemented'];
const ladder = (current: number) => LADDER.map((label, i) => ({ stage: label.toLowerCase(), label, current: i === current, passed: current >= 0 && i < current }));

/** The text elements of an SVG with their position, size, anchor and content. */
function texts(svg: string) {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]), y: Number(m[2]), size: Number(/font-size="([\d.]+)"/.exec(m[3]!)?.[1] ?? 0),
    anchor: /text-anchor="(\w+)"/.exec(m[3]!)?.[1] ?? 'start', bold: /font-weight="700"/.test(m[3]!),
    text: m[4]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"),
  }));
}

/** Bounding box of a text element, from the same width estimate the layout uses (plus 5 %). */
function box(t: ReturnType<typeof texts>[number]) {
  const w = textWidth(t.text, t.size, t.bold) * 1.05;
  const left = t.anchor === 'middle' ? t.x - w / 2 : t.anchor === 'end' ? t.x - w : t.x;
  return { left, right: left + w, top: t.y - t.size * 0.8, bottom: t.y + t.size * 0.2 };
}
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('SVG text is escaped', () => {
  const evil = `<script>alert("x")</script> & 'quotes'`;
  it('in the timeline, the stage tracker and the likelihood scale', () => {
    const all = [
      timelineSvg({ milestones: [{ date: '2025-09', title: evil, state: 'occurred' }], deadlines: [{ date: '2025-10', label: evil, extensions: 2 }], asOf: '2025-09-20' }),
      stageTrackerSvg({ ladder: ladder(-1).map((s) => ({ ...s, label: evil })), offLadder: true, stageLabel: evil }),
      likelihoodScaleSvg(evil),
    ].join('');
    expect(all).not.toContain('<script');
    expect(all).toContain('&lt;script&gt;');
    expect(all).not.toMatch(/alert\("x"\)/);
  });
  it('xml() escapes the five special characters', () => {
    expect(xml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('the timeline', () => {
  const input: TimelineInput = {
    asOf: '2025-09-20',
    milestones: [
      { date: '2020', title: 'Export controls', state: 'occurred' },
      { date: '2025-09', title: 'Madrid talks', state: 'occurred' },
      { date: '2025-09-19', title: 'Leaders call', state: 'occurred' },
      { date: '2025-10', title: 'Summit', state: 'planned' },
      { date: '2025-11', title: 'Truce expires', state: 'scheduled', kind: 'deadline' },
    ],
    deadlines: [{ date: '2025-11', label: 'Truce expiry', extensions: 1 }, { date: '2025-09', label: 'Ban deadline', extensions: 3 }, { label: 'Undated' }],
  };

  it('merges dated deadlines into the milestones in date order, without repeating one already listed', () => {
    const events = timelineEvents(input);
    expect(events.map((e) => e.title)).toEqual(['Export controls', 'Madrid talks', 'Ban deadline', 'Leaders call', 'Summit', 'Truce expires']);
    expect(events.find((e) => e.title === 'Truce expires')).toMatchObject({ state: 'deadline', extensions: 1 });
    expect(events.find((e) => e.title === 'Ban deadline')).toMatchObject({ state: 'deadline', extensions: 3 });
  });

  it('prints partial dates as precisely as they are known', () => {
    expect([shortDate('2025-09-19'), shortDate('2025-09'), shortDate('2020')]).toEqual(['19 Sep 2025', 'Sep 2025', '2020']);
  });

  it('draws occurred events filled, planned ones dashed, deadlines as diamonds, a gap mark and the as-of split', () => {
    const svg = timelineSvg(input);
    expect(svg).toMatch(/^<svg class="viz timeline" role="img" aria-label="Timeline: 2020, Export controls \(occurred\)/);
    expect(svg.match(/<circle[^>]*r="1.8" fill="#1f3a5f"/g)?.length).toBe(3 + 1); // three occurred + the legend
    expect(svg.match(/stroke-dasharray="0.9 0.6"/g)?.length).toBe(1 + 1); // the planned summit + the legend
    expect(svg.match(/<path d="M[\d.]+,[\d.]+ l2.4,2.4/g)?.length).toBe(2 + 1); // two deadlines + the legend
    expect(svg).toContain('(extended 3 times)');
    expect(svg).toContain('l1.2,-3 M'); // the 2020 → 2025 gap
    expect(svg).toContain('stroke-dasharray="1.4 1"'); // the axis after as_of
  });

  it('never lets two labels overlap, whatever the number and length of the events', () => {
    const words = fc.array(fc.stringMatching(/^[A-Za-z’“”–]{1,14}$/), { minLength: 1, maxLength: 16 }).map((w) => w.join(' '));
    const event = fc.record({ day: fc.integer({ min: 0, max: 2000 }), title: words, state: fc.constantFrom('occurred' as const, 'scheduled' as const, 'planned' as const) });
    fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 12 }), (evs) => {
      const milestones = evs.map((e) => ({ ...e, date: new Date(Date.UTC(2022, 0, 1) + e.day * 86_400_000).toISOString().slice(0, 10) }))
        .sort((a, b) => a.date.localeCompare(b.date));
      const svg = timelineSvg({ milestones, deadlines: [], asOf: '2024-06-01' });
      const labels = texts(svg).filter((t) => t.size >= 2.4); // event labels (the legend is smaller)
      const boxes = labels.map(box);
      for (let i = 0; i < boxes.length; i++) {
        expect(boxes[i]!.left).toBeGreaterThanOrEqual(-0.5);
        expect(boxes[i]!.right).toBeLessThanOrEqual(174.5);
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `"${labels[i]!.text}" overlaps "${labels[j]!.text}"`).toBe(false);
      }
    }), { numRuns: 150 });
  });
});

describe('the stage tracker', () => {
  it('marks the current stage dark with a "Now" marker, passed stages ticked, later stages dashed', () => {
    const svg = stageTrackerSvg({ ladder: ladder(2), offLadder: false, stageLabel: 'Framework agreed' });
    expect(svg.match(/<polygon[^>]*fill="#1f3a5f"/g)?.length).toBe(1);
    expect(svg.match(/<polygon[^>]*fill="#d5dce6"/g)?.length).toBe(2);
    expect(svg.match(/<polygon[^>]*stroke-dasharray/g)?.length).toBe(4);
    expect(svg.match(/l0.8,0.9 l1.6,-1.9/g)?.length).toBe(2);
    expect(svg).toContain('>Now</text>');
    expect(svg).toContain('aria-label="Deal stage ladder: Exploratory, Negotiating, Framework agreed, Agreement in principle, Signed, Regulatory review, Implemented; current stage Framework agreed, step 3 of 7"');
  });
  it('names an off-ladder state and marks no step', () => {
    const svg = stageTrackerSvg({ ladder: ladder(-1), offLadder: true, stageLabel: 'Stalled' });
    expect(svg).toContain('Off the ladder: Stalled');
    expect(svg).not.toContain('fill="#1f3a5f"');
    expect(svg).not.toContain('>Now<');
  });
});

describe('the likelihood scale', () => {
  it.each(LIKELIHOOD.map((l, i) => [l.term, i] as const))('marks "%s" and only it', (term, i) => {
    const svg = likelihoodScaleSvg(term);
    const cells = [...svg.matchAll(/<rect x="([\d.]+)"[^>]*fill="([^"]+)"/g)];
    expect(cells).toHaveLength(7);
    expect(cells.map((c) => c[2] === '#1f3a5f')).toEqual(LIKELIHOOD.map((_, j) => j === i));
    const labels = texts(svg);
    expect(labels.map((t) => t.text)).toEqual([...LIKELIHOOD.map((l) => `${l.low}–${l.high}`), term]);
    const b = box(labels.at(-1)!);
    expect(b.left).toBeGreaterThanOrEqual(-0.5);
    expect(b.right).toBeLessThanOrEqual(78.5);
  });
});

describe('wrap', () => {
  it('keeps every line within the width and cuts with an ellipsis after the last allowed line', () => {
    const lines = wrap('one two three four five six seven eight nine ten eleven twelve', 20, 2.5, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    for (const l of lines) expect(textWidth(l, 2.5)).toBeLessThanOrEqual(20);
    expect(wrap('short', 20, 2.5, 2)).toEqual(['short']);
  });
});
