/**
 * The contents layouts measured by a run are kept on disk for the next run (layout-cache.ts). Builds
 * running at once (a batch of weeks) write them once, when the last of them ends: each write is a
 * synchronous read, merge and write of the whole file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LayoutStore } from '../../../src/contents/layout-cache.js';
import { tempDir } from '../../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The store as a fresh run has it, with a cache folder of this test's own. */
const freshStore = (cache: string) => new LayoutStore(join(cache, 'layouts.json'));
const layout = (page: number) => ({ anchors: ['bluf', 'sources'], pages: [page, page + 4] });
const saved = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { documents: Record<string, { pages: number[] }> }).documents;

describe('layout cache', () => {
  it('builds running at once write the layouts once, when the last ends, with what each measured', async () => {
    const cache = join(tmp.dir, 'cache-a');
    const file = join(cache, 'layouts.json');
    const lc = freshStore(cache);
    const w40 = lc.hold();
    const w41 = lc.hold();
    lc.remember('analyst', 'out/2025-W40/analyst.pdf', 'kind', layout(2), false);
    lc.remember('analyst', 'out/2025-W41/analyst.pdf', 'kind', layout(3), false);
    w40();
    expect(existsSync(file)).toBe(false); // 2025-W41 still builds
    w40(); // a second release of the same hold counts once
    expect(existsSync(file)).toBe(false);
    w41();
    const docs = saved(file);
    expect(docs[`analyst\0${resolve('out/2025-W40/analyst.pdf')}`]?.pages).toEqual([2, 6]);
    expect(docs[`analyst\0${resolve('out/2025-W41/analyst.pdf')}`]?.pages).toEqual([3, 7]);
  });

  it('a build alone writes its layouts when it ends, and the next run reads them as its guess', async () => {
    const cache = join(tmp.dir, 'cache-b');
    const first = freshStore(cache);
    const release = first.hold();
    first.remember('public', 'out/2025-W38/public.pdf', 'kind', layout(5), false);
    release();
    expect(existsSync(join(cache, 'layouts.json'))).toBe(true);
    const next = freshStore(cache);
    expect(next.guess('public', 'out/2025-W38/public.pdf', 'another kind')).toEqual(layout(5));
  });
});
