import { describe, expect, it } from 'vitest';
import { loadAudience } from '../../../src/load/audience.js';
import { renderBriefing } from '../../../src/app/build.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { withDraftStyle, withPageNumbers } from '../../../src/contents/draft.js';
import { inlineFonts } from '../../../src/render/fonts.js';
import { cssString, loadTemplateSet } from '../../../src/render/render.js';
import { DATA, TEMPLATES } from '../../helpers.js';

/** The contents page numbers written into HTML the way the printer writes them into the page. */
describe('page numbers in the contents', () => {
  it('writing them into the rendered HTML gives exactly the HTML rendered with them', async () => {
    const { sheets } = await loadWeek(DATA, '2025-W38');
    const set = await loadTemplateSet(TEMPLATES, await loadAudience(TEMPLATES, 'analyst'));
    const { view, html } = renderBriefing(sheets, set, '2025-W38');
    const toc = view.toc!.map((e, i) => ({ ...e, page: 3 + i }));
    const numbers = new Map(toc.map((e) => [e.anchor, e.page]));
    expect(toc.length).toBeGreaterThan(10);
    expect(withPageNumbers(html, numbers)).toBe(inlineFonts(set.render({ ...view, toc })));
  });

  it('says it cannot when an anchor has no plain number holder', () => {
    const html = '<ol><li><a href="#a">A</a><span data-page-of="a">1</span></li><li><b data-page-of="b"><i>2</i></b></li></ol>';
    expect(withPageNumbers(html, new Map([['a', 7]]))).toBe(html.replace('>1<', '>7<'));
    expect(withPageNumbers(html, new Map([['a', 7], ['b', 8]]))).toBeUndefined();
    expect(withPageNumbers(html, new Map([['c', 9]]))).toBeUndefined();
  });

  it('the draft style goes last in the head, where it wins', () => {
    const draft = withDraftStyle('<html><head><style>p{color:red}</style></head><body><p>x</p></body></html>');
    expect(draft).toMatch(/<style>p\{color:red\}<\/style><style id="brief-draft-style">body \*\{visibility:hidden!important\}.*<\/style><\/head>/);
  });
});

describe('a right-to-left topic title in the contents and the running head', () => {
  it('is isolated on its own, so its number stays at its left', async () => {
    const { sheets } = await loadWeek(DATA, '2025-W38');
    const arabic = 'صندوق الاستثمار الخليجي';
    const set = await loadTemplateSet(TEMPLATES, await loadAudience(TEMPLATES, 'analyst'));
    const { view, html } = renderBriefing([{ ...sheets[0]!, title: arabic }, ...sheets.slice(1)], set, '2025-W38');
    const n = view.topics.find((t) => t.title === arabic)!.n;
    // The number outside the title's isolate: a whole "1. <Arabic>" isolated would run right to left, number last.
    expect(view.toc!.find((e) => e.anchor === view.topics[n - 1]!.anchor)!.title).toBe(`${n}. \u2067${arabic}\u2069`);
    expect(html).toContain(`${n}. \u2067${arabic}\u2069`);
    // The running head (a CSS string, every character escaped).
    expect(html).toContain(`@top-left { content: ${cssString(`${n}. \u2067${arabic}\u2069`)}; }`);
  });
});

