/**
 * Untrusted text stays text (HTML level): whatever is pasted into any free-text field of a fact
 * sheet, the rendered page has exactly the markup of the templates — the same tags, no event
 * handler attributes, links only to http(s) or inside the document — and the text is there, escaped.
 */
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAudiences } from '../../../src/load/audience.js';
import { composeBriefing } from '../../../src/compose/compose.js';
import { safeUrl } from '../../../src/render/helpers.js';
import { cssString, loadTemplateSet, type TemplateSet } from '../../../src/render/render.js';
import type { FactSheet } from '../../../src/schema/index.js';
import { TEMPLATES } from '../../helpers.js';
import { minimalSheet, NASTY, untrustedText, withText } from '../../injection.js';

const RUNS = 60;
let sets: TemplateSet[];
let sheet: FactSheet;
/** Tag counts of each audience's page with plain words in every field. */
const baseline = new Map<string, Map<string, number>>();

const render = (set: TemplateSet, s: FactSheet) => set.render(composeBriefing([s], set.audience, { week: '2025-W38' }));

/** The only elements our build-time SVG visuals are made of (they wrap long labels into more lines). */
const SVG_TAGS = new Set(['svg', 'g', 'title', 'desc', 'text', 'tspan', 'line', 'path', 'rect', 'circle', 'polygon', 'polyline', 'ellipse', 'defs', 'pattern', 'marker', 'use', 'clippath', 'lineargradient', 'stop']);

/**
 * How many of each tag the page has (`<script`, `<img`, `<style`, `<a`, …). Inside the SVG visuals the
 * number of <text>/<tspan> lines depends on the length of the labels, so there only the number of
 * SVGs counts, and every tag inside them must be one an SVG visual is drawn with.
 */
function tagCounts(html: string): Map<string, number> {
  const counts = new Map<string, number>();
  const outside = html.replace(/<svg\b[\s\S]*?<\/svg>/g, (svg) => {
    for (const m of svg.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) {
      const tag = m[1]!.toLowerCase();
      if (!SVG_TAGS.has(tag)) counts.set(`svg-foreign:${tag}`, (counts.get(`svg-foreign:${tag}`) ?? 0) + 1);
    }
    return '<svg></svg>';
  });
  for (const m of outside.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) counts.set(m[0].toLowerCase(), (counts.get(m[0].toLowerCase()) ?? 0) + 1);
  return counts;
}

/** Event-handler attribute NAMES in the page's tags (quoted attribute values, which hold escaped text, are skipped). */
const eventAttributes = (html: string) => [...html.matchAll(/<[a-zA-Z][^>]*>/g)]
  .flatMap((tag) => [...tag[0].replace(/"[^"]*"|'[^']*'/g, '""').matchAll(/\s(on[a-z]+)\s*=/gi)].map((m) => m[1]));
const hrefs = (html: string) => [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);

beforeAll(async () => {
  sheet = await minimalSheet();
  sets = await Promise.all((await loadAudiences(TEMPLATES)).map((a) => loadTemplateSet(TEMPLATES, a)));
  for (const set of sets) baseline.set(set.audience.name, tagCounts(render(set, withText(sheet, 'Plain words'))));
});

describe('fact-sheet text in the HTML', () => {
  it('the nasty fragments themselves: same markup as plain text, the text escaped', () => {
    for (const set of sets) {
      for (const s of NASTY) {
        const html = render(set, withText(sheet, s));
        expect(tagCounts(html), `${set.audience.name}: ${s}`).toEqual(baseline.get(set.audience.name));
        expect(html).toContain(Handlebars.escapeExpression(s));
      }
    }
  });

  it('property: any text in every field → the same tags, no on*= attributes, the text shown escaped', () => {
    fc.assert(fc.property(untrustedText('binary'), (s) => {
      for (const set of sets) {
        const html = render(set, withText(sheet, s));
        expect(tagCounts(html)).toEqual(baseline.get(set.audience.name));
        expect(eventAttributes(html)).toEqual([]);
        expect(html).toContain(Handlebars.escapeExpression(s));
        for (const h of hrefs(html)) expect(h).toMatch(/^(#[\w-]+|https?:\/\/|data:)/);
      }
    }), { numRuns: RUNS });
  });

  it('property: a source url that bypasses the schema becomes a link only when it is http(s)', () => {
    const url = fc.oneof(
      fc.constantFrom('javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'file:///etc/passwd',
        'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/x', 'http://ok.example/a?b=<c>&d="e"', 'https://ok.example/#x'),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: 'grapheme-ascii' }),
    );
    const analyst = () => sets.find((s) => s.audience.name === 'analyst')!;
    fc.assert(fc.property(url, (u) => {
      const html = render(analyst(), withText(sheet, 'Plain words', u));
      const links = hrefs(html).filter((h) => !h.startsWith('#') && !h.startsWith('data:'));
      const safe = safeUrl(u);
      if (safe) expect(links).toContain(Handlebars.escapeExpression(safe));
      else expect(links).toEqual([]);
      for (const l of links) expect(l).toMatch(/^https?:\/\//);
      expect(html).not.toMatch(/href="\s*(javascript|file|data|vbscript):/i);
    }), { numRuns: RUNS });
  });
});

describe('text inside CSS (the running header and footer)', () => {
  /** Undo CSS escapes: "\3c " → "<". */
  const unescapeCss = (css: string) => css.slice(1, -1).replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

  it('property: cssString gives a CSS string literal that cannot end early and means the same text', () => {
    fc.assert(fc.property(fc.oneof(untrustedText('binary'), fc.string({ unit: 'binary' })), (s) => {
      const css = cssString(s);
      expect(css).toMatch(/^"[A-Za-z0-9 \\]*"$/); // no quote, newline, brace, < or ; inside
      expect(unescapeCss(css)).toBe(s);
    }), { numRuns: 500 });
  });
});
