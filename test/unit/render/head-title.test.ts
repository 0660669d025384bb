import { describe, expect, it } from 'vitest';
import { headTitle } from '../../../src/render/render.js';

const ZWSP = '\u200b';
const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('a topic\'s title in the running head', () => {
  it('is the title as written when it is short and its words are', () => {
    for (const t of ['TikTok: the U.S. spin-off talks', 'US–China trade: the tariff truce and the wider deal', 'موانئ الخليج: اتفاق التشغيل ⚠️']) expect(headTitle(t)).toBe(t);
  });

  it('has a break opportunity every 16 characters inside a word longer than 24, and nowhere else', () => {
    const word = 'Supercalifragilisticexpialidocious';
    const head = headTitle(`Talks on ${word}`);
    expect(head.replaceAll(ZWSP, '')).toBe(`Talks on ${word}`);
    expect(head).toBe(`Talks on ${word.slice(0, 16)}${ZWSP}${word.slice(16, 32)}${ZWSP}${word.slice(32)}`);
    expect(headTitle(`${'a'.repeat(24)} b`)).toBe(`${'a'.repeat(24)} b`);
    // in a title long enough to be shortened, a word of 17 to 24 characters keeps no opportunity
    const shortened = headTitle(`${'b'.repeat(20)} ${'word '.repeat(12)}`);
    expect(shortened.startsWith(`${'b'.repeat(20)} `)).toBe(true);
    expect(shortened).not.toContain(ZWSP);
  });

  it('shows at most 60 characters, "…" for the rest, and never cuts or splits a cluster', () => {
    const long = `${'word '.repeat(20)}end`;
    const head = headTitle(long);
    expect(graphemes(head)).toHaveLength(60);
    expect(head.endsWith('…')).toBe(true);
    expect(long.startsWith(head.slice(0, -1))).toBe(true);
    const family = '👨‍👩‍👧‍👦';
    const flags = headTitle(family.repeat(70));
    expect(graphemes(flags.replaceAll(ZWSP, '')).slice(0, -1).every((g) => g === family)).toBe(true);
    expect(graphemes(flags.replaceAll(ZWSP, ''))).toHaveLength(60);
    const hindi = headTitle('क्षत्रिय'.repeat(12)); // conjuncts: a break opportunity only between clusters
    for (const g of graphemes(hindi)) expect(g === ZWSP || !g.includes(ZWSP)).toBe(true);
  });
});
