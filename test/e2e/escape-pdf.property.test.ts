/**
 * Untrusted text stays text (PDF level): text pasted into every field of a fact sheet comes out of
 * the real printer as the same literal characters (read back with pdf-parse), and the PDF's links
 * (read with pdf-lib) only ever point to http(s) URLs or inside the document.
 *
 * Comparison: pdf-parse returns text in visual order with line breaks where a long word wrapped,
 * drops zero-width and bidi control characters (they have no glyph), and the cover prints titles
 * in capitals (CSS text-transform). So both sides are compared after NFKC, lower-casing and
 * removing whitespace and format characters (Unicode Cf). Right-to-left scripts and emoji cannot
 * be compared that way (RTL comes back in visual order, emoji have no glyph in our fonts and come
 * back as U+0000): they get an example test that checks what can be checked.
 */
import fc from 'fast-check';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontResources } from '../../src/render/fonts.js';
import { loadAudiences } from '../../src/load/audience.js';
import { composeBriefing } from '../../src/compose/compose.js';
import { Printer } from '../../src/print/printer.js';
import { loadTemplateSet, type TemplateSet } from '../../src/render/render.js';
import type { FactSheet } from '../../src/schema/index.js';
import { readPdf, TEMPLATES } from '../helpers.js';
import { minimalSheet, NASTY, withText } from '../injection.js';

const printer = new Printer();
let analyst: TemplateSet;
let sheet: FactSheet;

beforeAll(async () => {
  sheet = await minimalSheet();
  analyst = await loadTemplateSet(TEMPLATES, (await loadAudiences(TEMPLATES, ['analyst']))[0]!);
});
afterAll(() => printer.close());

async function printWith(text: string, url?: string): Promise<Uint8Array> {
  const html = analyst.render(composeBriefing([withText(sheet, text, url)], analyst.audience, { week: '2025-W38' }));
  return (await printer.pdf(html, { name: 'property.pdf', resources: fontResources })).pdf;
}

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{Cf}\u0000]/gu, '');

/** Every link annotation's target: `uri:<url>` or `internal`. */
async function linkTargets(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookup(i, PDFDict);
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const kind = action?.lookup(PDFName.of('S'))?.toString();
      if (kind === '/URI') {
        const uri = action!.lookup(PDFName.of('URI'));
        out.push(`uri:${uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : String(uri)}`);
      } else if (kind === '/GoTo' || annot.get(PDFName.of('Dest'))) out.push('internal');
      else out.push(`other:${kind ?? annot.lookup(PDFName.of('Subtype'))?.toString()}`);
    }
  }
  return out;
}

/** Markup, CSS, Handlebars and URL fragments, and text whose characters our fonts all print. */
const ASCII_NASTY = NASTY.filter((s) => /^[\x20-\x7e\u200B-\u200D\u2060\uFEFF]+$/.test(s) && s.length < 400);
const printable = fc.array(fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...ASCII_NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u200B', '\u200D', '\uFEFF', '\u2060', 'é', 'ü', 'ß', '中文', '«»', '—', '…') },
), { minLength: 1, maxLength: 4 }).map((p) => p.join('')).filter((s) => normalise(s).length > 0);

describe('fact-sheet text in the PDF', () => {
  it('property: the PDF shows the pasted text literally, never as markup', async () => {
    await fc.assert(fc.asyncProperty(printable, async (s) => {
      const pdf = await printWith(s);
      const { text } = await readPdf(pdf);
      expect(normalise(text)).toContain(normalise(s));
      // Nothing the text asked for became a link or an action.
      for (const t of await linkTargets(pdf)) expect(t).toMatch(/^(internal|uri:https?:\/\/)/);
    }), { numRuns: 15 });
  });

  it('right-to-left, zero-width and emoji text prints without breaking the page around it', async () => {
    const pdf = await printWith('Start שלום 中文名字 王毅 \u202Eevil\u202C 👩🏽‍💻🇺🇸 e\u0301 End');
    const { text, pages } = await readPdf(pdf);
    expect(pages).toBeGreaterThan(0);
    expect(text).toContain('Start');
    expect(text).toContain('שלום');
    expect(text).toContain('中文名字 王毅');
    expect(text).toContain('live'); // "evil" after a right-to-left override is shown reversed: that is the text
    expect(text).toContain('End');
  });
});

describe('links in the PDF', () => {
  it.each([
    'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x',
  ])('a source url %s (bypassing the schema) is printed as text, not as a link', async (url) => {
    const pdf = await printWith('Plain words', url);
    const targets = await linkTargets(pdf);
    expect(targets.filter((t) => !t.startsWith('internal'))).toEqual([]);
    expect((await readPdf(pdf)).text).toContain(url.slice(0, 12));
  });

  it('an http(s) source url is a link (so the check above can fail), internal citations jump inside', async () => {
    const targets = await linkTargets(await printWith('Plain words', 'https://example.com/report?id=1'));
    expect(targets).toContain('uri:https://example.com/report?id=1');
    expect(targets).toContain('internal');
    for (const t of targets) expect(t).toMatch(/^(internal|uri:https?:\/\/)/);
  });
});
