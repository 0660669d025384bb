import { describe, expect, it } from 'vitest';
import { countPages } from '../../../src/pdf/pdf-info.js';
import { outlineFixes } from '../../../src/pdf/pdf-meta.js';
import { roleMapFor } from '../../../src/pdf/role-map.js';
import { foreignFonts } from '../../../src/pdf/fidelity.js';

/** The readings these searches replace, over the PDF read as latin1 text. */
const pagesByRegex = (s: string) => (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** A small deterministic generator (the same strings on every run). */
function* strings(parts: readonly string[], n: number): Generator<string> {
  let seed = 25;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 1 + Math.floor(next() * 8); k > 0; k--) s += parts[Math.floor(next() * parts.length)];
    yield s;
  }
}

describe('reading a printed PDF without decoding it all', () => {
  it('counts the /Type /Page entries as the regular expression over the text did, at the end of the bytes and in a view of them too', () => {
    const parts = ['/Type', '/Type ', '/Type\t', '/Type\u00a0', '/Type\r\n', '/Page', '/Pages', '/Page1', '/PageLabels', '/Page>>', ' ', 'x', '\n', '/Typ', 'e', '/P', 'age', '\u0085', '\u000b', '/Pag'];
    for (const s of strings(parts, 20_000)) {
      expect(countPages(bytes(s)), JSON.stringify(s)).toBe(pagesByRegex(s));
      const view = bytes(`xx${s}Pyy`).subarray(2, 2 + s.length); // bytes around the view are not read
      expect(countPages(view), JSON.stringify(s)).toBe(pagesByRegex(s));
    }
  });

  it('finds the role map\'s types as whole names only', () => {
    expect(roleMapFor('<</S /Strong>> <</S/Em /P 3 0 R>> <</S /Strongest>> <</S /Subscript>> <</S /P>>')).toEqual({ Strong: 'Span', Em: 'Span' });
    expect(roleMapFor('<</S /Aside>>\n<</S\n/FENote>>')).toEqual({ Aside: 'Div', FENote: 'Note' });
    expect(roleMapFor('<</S /Span>>')).toEqual({});
  });

  it('finds each titled outline item from its title, as a scan of every object did: objects at the file\'s start, after \\r, streams and titles outside dictionaries left alone', () => {
    const headings = ['Bottom line', 'What changed'];
    const pdf = [
      '1 0 obj\n<</Title (BOTTOM LINE)\n/Parent 9 0 R>>\nendobj',
      '2 0 obj\n<</Length 20>>\nstream\n/Title (WHAT CHANGED)\nendstream\nendobj', // a stream's bytes: not an outline item
      '3 0 obj <</Title (WhatChanged) /Parent 9 0 R /Next 1 0 R>> endobj',
      '44 0 obj\n<</Type /Page /Parent 8 0 R>>\nendobj',
      '5 0 obj\n<</Title (Unrelated) /Parent 9 0 R>>\nendobj',
    ].join('\r');
    expect(outlineFixes(pdf, headings)).toEqual([
      [1, '<</Title (Bottom line)\n/Parent 9 0 R>>'],
      [3, '<</Title (What changed) /Parent 9 0 R /Next 1 0 R>>'],
    ]);
  });

  it('finds the fonts in font dictionaries only: a title or any string that reads "/BaseFont /X" or "/Type3" is text, not a font', () => {
    const own = (name: string) => name.startsWith('Noto');
    const ours = [
      '1 0 obj\n<</Type /Font\n/Subtype /Type0\n/BaseFont /AAAAAA+NotoSans-Bold\n/Encoding /Identity-H>>\nendobj',
      '2 0 obj\n<</Title (Heading /BaseFont /Evil /Type /Font \\) /Subtype /Type3 \\( (nested /BaseFont /Deep)) /Parent 9 0 R>>\nendobj',
      '3 0 obj\n<</Title <2F42617365466F6E74> /Alt (/Type /Font /BaseFont /Alt) /Parent 9 0 R>>\nendobj',
      '4 0 obj\n<</Length 30>>\nstream\n<</Type /Font /BaseFont /InStream>>\nendstream\nendobj',
    ];
    expect(foreignFonts(bytes(ours.join('\n')), own)).toEqual([]);
    const machine = [
      ...ours,
      '5 0 obj\n<</Type /Font /Subtype /Type3 /FontBBox [0 0 1 1]>>\nendobj',
      '6 0 obj <</Type/Font/Subtype/TrueType/BaseFont/BCDEFG+DejaVuSans>> endobj',
    ];
    expect(foreignFonts(bytes(machine.join('\r')), own)).toEqual(['DejaVuSans', 'a Type 3 font']);
  });
});
