import { describe, expect, it } from 'vitest';
import { composeMarks, firstBidiFormatting, hasMarks, mayChangeForPrint, printStrings, printText } from '../../../src/util/marks.js';
import { unsettableClusters } from '../../../src/util/font-catalogue.js';

describe('composeMarks', () => {
  it('composes letters written as a base and combining marks, and Hangul written as jamo', () => {
    for (const w of ['Kılıçdaroğlu', 'Dvořák', 'Nguyễn Thị Ánh', 'Ålesund', 'ẹ́ ọ̀', '협상 한국', 'Ελλάδα ΐ', 'Київ й']) {
      expect(composeMarks(w.normalize('NFD'))).toBe(w.normalize('NFC'));
    }
  });

  it('leaves what NFC would change outside such clusters as written, and text without marks the same string', () => {
    const compat = '\uf900 \u2126 \u212b \u037e'; // a CJK compatibility ideograph, ohm, angstrom, Greek question mark
    expect(compat.normalize('NFC')).not.toBe(compat);
    expect(composeMarks(`${compat} e\u0301`)).toBe(`${compat} é`);
    const plain = 'US–China trade: the tariff truce';
    expect(composeMarks(plain)).toBe(plain);
    // marks of scripts whose NFC is themselves stay as they are
    for (const w of ['हिन्दी', 'ไทย', 'بِسْمِ', 'שָׁלוֹם']) expect(composeMarks(w)).toBe(w);
  });

  it('composes every string of a parsed sheet, at any depth, and keeps what did not change', () => {
    const kept = { a: ['plain'] };
    const sheet = { title: 'g\u0306', kept, list: [{ x: 'x' }, { y: 'c\u0327' }], n: 3, flag: true, none: null };
    const out = printStrings(sheet);
    expect(out).toEqual({ title: 'ğ', kept, list: [{ x: 'x' }, { y: 'ç' }], n: 3, flag: true, none: null });
    expect(out.kept).toBe(kept);
    expect(out.list[0]).toBe(sheet.list[0]);
    expect(sheet.title).toBe('g\u0306'); // the input is not changed
    const clean = { title: 'plain' };
    expect(printStrings(clean)).toBe(clean);
    // a key named __proto__ stays a key
    const odd = JSON.parse('{"__proto__": "e\\u0301", "b": 1}') as Record<string, unknown>;
    const composed = printStrings(odd);
    expect(Object.getPrototypeOf(composed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(composed, '__proto__')?.value).toBe('é');
  });
});

describe('printText', () => {
  it('leaves out overrides, embeddings and isolates, keeps the marks, and composes', () => {
    expect(printText('Trojan \u202eevil\u202c source')).toBe('Trojan evil source');
    expect(printText('\u202aa\u202bb\u202dc\u2066d\u2067e\u2068f\u2069g')).toBe('abcdefg');
    expect(printText('\u200fשלום\u200e Corp \u061c')).toBe('\u200fשלום\u200e Corp \u061c');
    expect(printText('\u202eg\u0306')).toBe('ğ');
    expect(firstBidiFormatting('ab\u2067c')).toBe(2);
    expect(firstBidiFormatting('ab\u200fc')).toBe(-1);
  });
  it('a sheet: every string, and mayChangeForPrint sees the raw character', () => {
    expect(printStrings({ a: ['x\u202ey'], b: { c: '\u2069z' } })).toEqual({ a: ['xy'], b: { c: 'z' } });
    expect(mayChangeForPrint('title: "x\u202ey"')).toBe(true);
    expect(mayChangeForPrint('title: plain \u200f')).toBe(false);
  });
});

describe('hasMarks', () => {
  it('finds every combining mark and conjoining jamo of Unicode, each alone and after English punctuation', () => {
    // what composeMarks would compose: its quick look must not pass one over
    const exact = /[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u;
    let marks = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const is = exact.test(c);
      if (is) marks++;
      if (hasMarks(`— “a” ${c}`) !== is || hasMarks(c) !== is) expect.fail(`U+${cp.toString(16).toUpperCase()}: hasMarks ${!is}`);
    }
    expect(marks).toBeGreaterThan(2000);
    expect(hasMarks('US–China trade: the “truce” — 90 days, €1,000… • ‰')).toBe(false);
    expect(hasMarks('Nguye\u0302\u0303n')).toBe(true);
  });
});

describe('unsettableClusters', () => {
  it('finds a letter and marks that no one bundled face has together, and nothing one face sets', () => {
    expect(unsettableClusters('x\u0323 \u0105\u0301')).toEqual(['x̣', 'ą́']);
    // one face has them: the Vietnamese faces (ẹ́), the emoji font (a keycap), the script's own font
    expect(unsettableClusters('\u1eb9\u0301 1\ufe0f\u20e3 क्षि ก่ بِسْمِ')).toEqual([]);
    // a mark no font has is uncoveredCharacters' to tell, not this
    expect(unsettableClusters('q\u0335')).toEqual([]);
  });
});
