import { describe, expect, it } from 'vitest';
import { JOIN_BELOW, Pagination, endAnchor, sameJoins } from '../../../src/contents/pagination.js';

/**
 * The pagination decision from measured prints (contents/pagination.ts), on made-up measurements:
 * each print is given as where each block starts and ends (page, fill of that page).
 */
const H = 841.92; // A4, points
const AREA = H - 2 * ((20 / 25.4) * 72);
type At = [page: number, fill: number];
const points = (blocks: Record<string, [At, At]>) => {
  const out = new Map<string, { page: number; y: number }>();
  for (const [b, [[sp, sf], [ep, ef]]] of Object.entries(blocks)) {
    out.set(b, { page: sp, y: H - sf * AREA });
    out.set(endAnchor(b), { page: ep, y: H - ef * AREA });
  }
  return out;
};
const BLOCKS = ['cover', 'contents', 't1', 't2', 't3'];

describe('pagination decided from measurements', () => {
  it('a block follows on only where the page before it would be under half filled; a join not yet measured is not exact', () => {
    const p = new Pagination(BLOCKS);
    // Every block opens a page: the contents ends 10 % down its page, t1 at 80 %, t2 at 30 %.
    p.recordPoints(points({ cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[3, 0], [5, 0.8]], t2: [[6, 0], [7, 0.3]], t3: [[8, 0], [9, 0.6]] }), H, {});
    const first = p.decide();
    expect(first.joins).toEqual({ t1: 'contents', t3: 't2' });
    // t3's join rests on t2's end measured alone, but t2's own opening on t1's end after following the
    // contents, which no print has shown yet.
    expect(first.exact).toBe(false);
  });

  it('the decided layout, printed and measured, is confirmed by its own measurements (and corrected where the estimate was wrong)', () => {
    const p = new Pagination(BLOCKS);
    p.recordPoints(points({ cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[3, 0], [5, 0.8]], t2: [[6, 0], [7, 0.3]], t3: [[8, 0], [9, 0.6]] }), H, {});
    // Printed as decided: t1 after the contents ends only 40 % down its page (the estimate said 90 %).
    p.recordPoints(points({ cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[2, 0.15], [4, 0.4]], t2: [[5, 0], [6, 0.3]], t3: [[6, 0.35], [7, 0.9]] }), H, { t1: 'contents', t3: 't2' });
    const second = p.decide();
    // t2 now follows t1 (40 %); t1 and t2 are estimated to end 70 % down a page, so t3 opens one.
    expect(second.joins).toEqual({ t1: 'contents', t2: 'contents' });
    expect(second.exact).toBe(false);
    // That layout measured: every decision now rests on a measurement, and it stands.
    const third = { t1: 'contents', t2: 'contents' };
    p.recordPoints(points({ cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[2, 0.15], [4, 0.4]], t2: [[4, 0.45], [5, 0.7]], t3: [[6, 0], [7, 0.6]] }), H, third);
    expect(p.decide()).toEqual({ joins: third, exact: true });
    expect(sameJoins(p.decide().joins, third)).toBe(true);
  });

  it('never joins a block the audience starts on a new page (topic_break: page), nor one without markers', () => {
    const ends = { cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[3, 0], [3, 0.2]], t2: [[4, 0], [4, 0.2]], t3: [[5, 0], [5, 0.2]] } as Record<string, [At, At]>;
    const paged = new Pagination(BLOCKS, new Set(['t1', 't2', 't3']));
    paged.recordPoints(points(ends), H, {});
    expect(paged.decide()).toEqual({ joins: {}, exact: true });
    const unmarked = new Pagination(BLOCKS);
    const { t2: _, ...rest } = ends;
    unmarked.recordPoints(points(rest), H, {});
    expect(unmarked.decide().joins).toEqual({ t1: 'contents' });
  });

  it('reads fills from the top of the page area, and joins below one half', () => {
    expect(JOIN_BELOW).toBe(0.5);
    const p = new Pagination(['t1', 't2']);
    p.recordPoints(points({ t1: [[1, 0], [1, 0.49]], t2: [[2, 0], [2, 0.5]] }), H, {});
    expect(p.decide().joins).toEqual({ t2: 't1' });
    const q = new Pagination(['t1', 't2']);
    q.recordPoints(points({ t1: [[1, 0], [1, 0.51]], t2: [[2, 0], [2, 0.5]] }), H, {});
    expect(q.decide().joins).toEqual({});
  });

  it('moves measured contents numbers with their blocks to a new layout', () => {
    const p = new Pagination(BLOCKS);
    p.recordPoints(points({ cover: [[1, 0], [1, 0.97]], contents: [[2, 0], [2, 0.1]], t1: [[3, 0], [5, 0.8]], t2: [[6, 0], [7, 0.6]], t3: [[8, 0], [9, 0.6]] }), H, {});
    const moved = p.movePages([{ anchor: 't1', page: 3 }, { anchor: 't1-sources', page: 5 }, { anchor: 't2-bluf', page: 6 }, { anchor: 't3', page: 8 }], { t1: 'contents' });
    expect(moved.map((e) => e.page)).toEqual([2, 4, 5, 7]);
  });
});
