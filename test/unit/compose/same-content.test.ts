import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sameContent } from '../../../src/compose/diff.js';

// The rule sameContent keeps, written as the canonical JSON it replaced: keys sorted, lists of items
// with ids in id order, text with its spaces folded, other values as JSON writes them.
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.every((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')
      ? [...v].sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1)) : v;
    return `[${items.map(canonical).join(',')}]`;
  }
  if (typeof v === 'string') return JSON.stringify(norm(v));
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

// Small alphabets, so that equal and nearly equal values are common.
const text = fc.constantFrom('a', 'a b', ' a  b ', 'a\nb', 'b', '', 'null', '1');
const leaf = fc.oneof(text, fc.constantFrom(1, 1.5, -0, 0, true, false, null, undefined, Number.NaN));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.array(fc.record({ id: fc.constantFrom('x', 'y', 'z'), n: tie('v') }), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'k', 'm'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

describe('sameContent', () => {
  it('says two values are the same exactly when their canonical JSON is', () => {
    fc.assert(fc.property(value, value, (a, b) => sameContent(a, b) === (canonical(a) === canonical(b))), { numRuns: 20_000 });
  });

  it('agrees with it on a value and a copy with its lists and keys reordered, one text rewrapped', () => {
    // Lists of items with ids reversed, keys in reverse order, the first text's spaces doubled:
    // the same content by the rule; a list without ids reversed is not, unless it reads the same.
    let wrapped = false;
    const reorder = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reorder).reverse();
      if (typeof v === 'string' && !wrapped && v.includes(' ')) { wrapped = true; return v.replace(/ /g, '  '); }
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]));
      return v;
    };
    fc.assert(fc.property(value, (a) => {
      wrapped = false;
      const b = reorder(a);
      return sameContent(a, b) === (canonical(a) === canonical(b));
    }), { numRuns: 20_000 });
  });

  it('finds equal pairs too (a value and a reordered, rewrapped copy of it)', () => {
    const a = { b: [{ id: 'y', t: 'one  two' }, { id: 'x', t: 'three' }], a: null, list: [1, 'x'] };
    const b = { list: [1, 'x'], a: undefined, b: [{ id: 'x', t: 'three' }, { id: 'y', t: 'one\ntwo' }] };
    expect(sameContent(a, b)).toBe(true);
    expect(sameContent(a, { ...b, list: ['x', 1] })).toBe(false); // a list without ids keeps its order
    expect(sameContent(a, { ...b, extra: null })).toBe(false); // a key more is a difference, even a null one
    expect(sameContent({ n: '1' }, { n: 1 })).toBe(false);
  });
});
