import { describe, expect, it } from 'vitest';
import { extraClusters } from '../../../src/util/font-catalogue.js';

/** What extraClusters must give: every grapheme cluster holding a character beyond ASCII, each once, sorted. */
function reference(text: string): string[] {
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  return [...new Set([...segmenter.segment(text)].map((s) => s.segment).filter((s) => /[^\u0000-\u007f]/.test(s)))].sort();
}

describe('extraClusters', () => {
  it('gives the segmenter\'s clusters, whether a run takes the quick path or not', () => {
    const texts = [
      'Plain “quoted” text — with a dash, 5 €, naïve café, § 3 and ½.',
      'word\u2060joined and \u2066isolated\u2069 text, soft\u00adhyphen',
      'e\u0301 with a combining mark, A\u030a, 1\ufe0f\u20e3 keycap, #\ufe0f\u20e3',
      '🇫🇷 flag, 👩‍💻 ZWJ, 👍🏽 modifier, ©\ufe0f emoji copyright, ⚠\ufe0e text warning',
      'हिन्दी, العربية, 한국어 (Hangul jamo: \u1100\u1161\u11a8), ไทย, 中文',
      '“😀” after punctuation, ‘é’ then e\u0301\u2060x',
    ];
    for (const t of texts) expect(extraClusters(t), t).toEqual(reference(t));
    expect(extraClusters(texts.join(' '))).toEqual(reference(texts.join(' ')));
  });
});
