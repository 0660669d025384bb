import { describe, expect, it } from 'vitest';
import { FSI, isolate, LRI, majorityDirection, PDI, RLI, rtlBlocks } from '../../../src/render/bidi.js';
import { loadAudience } from '../../../src/load/audience.js';
import { renderBriefing } from '../../../src/app/build.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { loadTemplateSet } from '../../../src/render/render.js';
import { DATA, TEMPLATES } from '../../helpers.js';

const arabic = 'الحكومة الصينية تقول إن الخوارزمية تبقى ملكاً لشركة بايت دانس.';

describe('the direction of an isolated string', () => {
  it('is that of most of its letters, not of its first one', () => {
    expect(isolate('TikTok talks resume')).toBe('TikTok talks resume'); // no right-to-left letter: as it is
    expect(isolate(arabic)).toBe(`${RLI}${arabic}${PDI}`);
    // An English sentence that opens with a Hebrew name runs left to right (first-strong read it right to left)
    expect(isolate('שלום Corp announced a deal today.')).toBe(`${LRI}שלום Corp announced a deal today.${PDI}`);
    // An Arabic sentence that opens with an English name runs right to left
    expect(isolate(`CNN: ${arabic}`)).toBe(`${RLI}CNN: ${arabic}${PDI}`);
    expect(isolate('ab אב')).toBe(`${FSI}ab אב${PDI}`); // a tie: the first letter decides, as <bdi>
  });

  it('counts neither character references nor the isolates inside it', () => {
    // "&amp;" and "&#x27;" are what the escape wrote for & and ': not five English letters
    expect(majorityDirection('שלום &amp; &#x27;בית&#x27; ab')).toBe('rtl');
    // A numbered title whose title is isolated on its own (the contents): nothing of its own to count
    expect(majorityDirection(`1. ${RLI}${arabic}${PDI}`)).toBeUndefined();
    expect(majorityDirection(`Topic ${FSI}${arabic}${PDI}`)).toBe('ltr');
  });
});

describe('blocks whose whole text is one right-to-left string', () => {
  const rtl = `${RLI}${arabic}${PDI}`;
  it('get dir="rtl"; a block with template text beside the string does not', () => {
    expect(rtlBlocks(`<p class="status-summary">${rtl}</p>`)).toBe(`<p class="status-summary" dir="rtl">${rtl}</p>`);
    expect(rtlBlocks(`<td>\n  ${rtl}\u2060<sup class="cites" dir="ltr"><a class="cite" href="#s1">1</a><a class="cite" href="#s3">3</a></sup>\n</td>`))
      .toMatch(/^<td dir="rtl">/);
    for (const kept of [`<p>Party: ${rtl}</p>`, `<p>${rtl} (2025)</p>`, `<p dir="ltr">${rtl}</p>`, `<p>${LRI}שלום Corp${PDI}</p>`, `<p>${rtl}${rtl}</p>`, `<div>${rtl}</div>`]) {
      expect(rtlBlocks(kept)).toBe(kept);
    }
  });

  it('in a rendered briefing: an Arabic status summary, and nothing in the sample', async () => {
    const { sheets } = await loadWeek(DATA, '2025-W38');
    const set = await loadTemplateSet(TEMPLATES, await loadAudience(TEMPLATES, 'analyst'));
    const sample = renderBriefing(sheets, set, '2025-W38').html;
    expect(sample).not.toMatch(/[\u2066-\u2068]| dir="rtl"/);
    const first = sheets[0]!;
    const { html } = renderBriefing([{ ...first, status: { ...first.status, summary: arabic } }, ...sheets.slice(1)], set, '2025-W38');
    expect(html).toContain(`<p class="status-summary" dir="rtl">${rtl}`);
  });
});
