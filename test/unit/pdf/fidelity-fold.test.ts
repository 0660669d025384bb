import { describe, expect, it } from 'vitest';
import { missingText } from '../../../src/pdf/fidelity.js';
import { glyphAliases } from '../../../src/util/font-catalogue.js';

/**
 * What a PDF's text layer gives back for text that printed whole: each case below is what
 * Chromium's PDF of a briefing gave back (pdf.js) for the text on the left, which --verify
 * reported missing before the comparison folded it.
 */
describe('--verify reads text back as the PDF gives it', () => {
  const block = (text: string) => [{ text, topic: 'T', section: 's' }];

  it('an accented i drawn as a dotless i and the accent: Latvian, Pinyin, Māori ī', () => {
    expect(missingText(block('Xī’ān and Rīga'), ['Xı\u0304’ān and Rı\u0304ga'])).toEqual([]);
    expect(missingText(block('Rīga'), ['Rga'])).not.toEqual([]); // a lost letter is still lost
  });

  it('a character drawn with a lower one\'s glyph reads back as that one: ・ as ·, ➊ as ❶, ‧ as ·', () => {
    expect(glyphAliases().get(0x30fb)).toBe(0xb7);
    expect(missingText(block('トランプ・習近平 ➊ ➋ a‧b'), ['トランプ·習近平 ❶ ❷ a·b'])).toEqual([]);
    expect(missingText(block('トランプ・習近平'), ['トランプ習近平'])).not.toEqual([]);
  });

  it('letters of Pashto, Kurdish, Uyghur and Sindhi come back as their skeleton, as Arabic\'s do', () => {
    // what Noto Sans Arabic's PDF text gave for ښ ې ڸ ڬ ڎ ڂ ۄ (each drawn as its base letter and marks)
    expect(missingText(block('ښ ې ڸ ڬ ڎ ڂ ۄ'), ['س ى ل ك د ح و'])).toEqual([]);
    expect(missingText(block('ښ ې ڸ ڬ'), ['م ا'])).not.toEqual([]); // (shaped letters are judged by most of a block's)
  });

  it('a glyph a font substituted, with no character of its own, stands for one letter: Vietnamese Thị', () => {
    // Noto Sans gave "Th", U+0000 and U+0323 back for "Thị"
    expect(missingText(block('Nguyễn Thị Ánh'), ['Nguyễn Th\u0000\u0323 Ánh'])).toEqual([]);
    expect(missingText(block('Nguyễn Thị Ánh'), ['Nguyễn Th Ánh'])).not.toEqual([]);
    // elsewhere it stands for nothing of the HTML's (a shaped glyph between words), as before
    expect(missingText(block('Trade talks'), ['Trade\u0000\u0000 talks'])).toEqual([]);
  });
});
