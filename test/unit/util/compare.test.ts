import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { compareNatural } from '../../../src/util/compare.js';
import { tempDir } from '../../helpers.js';

describe('the order of topics', () => {
  it('numbers in file names compare as numbers, the rest by code units, and ties are broken the same way everywhere', () => {
    const names = ['topic-10.yaml', 'topic-2.yaml', 'topic-1.yaml', 'b.yaml', 'a-20.yaml', 'a-3.yaml', 'A.yaml', '02-x.yaml', '2-x.yaml', '10-x.yaml', '1-x.yaml'];
    expect([...names].sort(compareNatural)).toEqual(['1-x.yaml', '02-x.yaml', '2-x.yaml', '10-x.yaml', 'A.yaml', 'a-3.yaml', 'a-20.yaml', 'b.yaml', 'topic-1.yaml', 'topic-2.yaml', 'topic-10.yaml']);
    // a total order: the same result from any starting order
    expect([...names].reverse().sort(compareNatural)).toEqual([...names].sort(compareNatural));
    expect(compareNatural('9'.repeat(30), `1${'0'.repeat(30)}`)).toBeLessThan(0); // beyond a double's precision
  });

  it('a week\'s sheets are found in that order: topic-2 before topic-10', async () => {
    const dir = tempDir('order');
    mkdirSync(join(dir.dir, 'w'), { recursive: true });
    for (const n of [10, 1, 2, 11, 3]) writeFileSync(join(dir.dir, 'w', `topic-${n}.yaml`), 'id: x\n');
    expect((await findFactSheetFiles([join(dir.dir, 'w')])).map((f) => basename(f))).toEqual(['topic-1.yaml', 'topic-2.yaml', 'topic-3.yaml', 'topic-10.yaml', 'topic-11.yaml']);
    dir.cleanup();
  });
});
