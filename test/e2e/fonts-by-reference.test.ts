/**
 * Fonts by reference (fonts.ts): the HTML brief prints names its fonts by URLs under FONT_ORIGIN,
 * which the printer answers from the font files, so a page decodes each font once for all the
 * documents it prints. The PDF must be the one the same HTML with its fonts inline prints, and
 * every HTML file brief writes must stand alone (its fonts inline).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAudience } from '../../src/load/audience.js';
import { build } from '../../src/app/build.js';
import { composeBriefing } from '../../src/compose/compose.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { FONT_ORIGIN, fontResources, fontResponse, inlineFonts } from '../../src/render/fonts.js';
import { applyPdfMetadata, type PdfMetadata } from '../../src/pdf/pdf-meta.js';
import { Printer } from '../../src/print/printer.js';
import { allowsFontOrigin, loadTemplateSet } from '../../src/render/render.js';
import { DATA, TEMPLATES, readPdf, tempDir } from '../helpers.js';

const WEEK = '2025-W38';
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The font URLs of a page's @font-face rules, in order. */
const fontUrls = (html: string) => [...html.matchAll(/src: url\(([^)]*)\) format\('woff2'\)/g)].map((m) => m[1]!);

async function analystHtml(templatesDir = TEMPLATES): Promise<string> {
  const { sheets } = await loadWeek(DATA, WEEK);
  const set = await loadTemplateSet(templatesDir, await loadAudience(templatesDir, 'analyst'));
  return set.render(composeBriefing(sheets, set.audience, { week: WEEK }));
}

describe('fonts by reference', () => {
  it('a page asks for each font once, and prints the same bytes as with the fonts inline', async () => {
    const html = await analystHtml();
    const urls = fontUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect(url.startsWith(`${FONT_ORIGIN}/`), url).toBe(true);
    expect(html).not.toContain('data:font/woff2');
    const inline = inlineFonts(html);
    expect(fontUrls(inline).every((u) => u.startsWith('data:font/woff2;base64,'))).toBe(true);
    expect(fontUrls(inline).map((u) => u.slice('data:font/woff2;base64,'.length))).toEqual(urls.map((u) => fontResponse(u)));

    const byReference = new Printer({ concurrency: 1 });
    const fresh = new Printer({ concurrency: 1 });
    try {
      const first = await byReference.pdf(html, { name: 'a.pdf', resources: fontResources });
      const asked = byReference.stats.resourcesAnswered;
      expect(asked).toBeGreaterThan(0);
      expect(asked).toBeLessThanOrEqual(urls.length); // faces whose characters the page has but no style uses are never asked for
      // two more documents on the same page: nothing asked again
      await byReference.pdf(html, { name: 'b.pdf', resources: fontResources });
      await byReference.pdf(html.replace('</body>', '<p>One more paragraph.</p></body>'), { name: 'c.pdf', resources: fontResources });
      expect(byReference.stats.resourcesAnswered).toBe(asked);

      const withInline = await fresh.pdf(inline, { name: 'a.pdf' });
      expect(fresh.stats.resourcesAnswered).toBe(0);
      // The same metadata on both (it also fixes Chromium's dates and ids): the same bytes.
      const meta: PdfMetadata = { title: 't', author: 'brief', subject: 's', keywords: ['k'], language: 'en', date: '2025-09-20', fingerprint: 'same' };
      const [a, b] = await Promise.all([applyPdfMetadata(first.pdf, meta), applyPdfMetadata(withInline.pdf, meta)]);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect((await readPdf(a)).text).toContain('Bottom line up front');
    } finally {
      await Promise.all([byReference.close(), fresh.close()]);
    }
  });

  it('only the fonts the rules name are answered: any other URL under the origin is not', () => {
    expect(fontResponse(`${FONT_ORIGIN}/0000000000000000/noto-serif-latin-400-normal.woff2`)).toBeUndefined();
    expect(fontResponse(`${FONT_ORIGIN}/../../../etc/passwd`)).toBeUndefined();
    expect(fontResponse('file:///etc/passwd')).toBeUndefined();
  });

  it('a layout whose policy does not let the page load them gets its fonts inline', async () => {
    const templates = join(tmp.dir, 'templates');
    cpSync(TEMPLATES, templates, { recursive: true });
    const layout = join(templates, 'base', 'layout.hbs');
    writeFileSync(layout, readFileSync(layout, 'utf8').replace(`font-src ${FONT_ORIGIN} data:`, 'font-src data:'));
    const html = await analystHtml(templates);
    expect(fontUrls(html).length).toBeGreaterThanOrEqual(8);
    expect(fontUrls(html).every((u) => u.startsWith('data:font/woff2;base64,'))).toBe(true);

    const policy = (p: string) => `<html><head><meta http-equiv="Content-Security-Policy" content="${p}"></head><body><p>x</p></body></html>`;
    expect(allowsFontOrigin(policy(`default-src 'none'; font-src ${FONT_ORIGIN} data:`))).toBe(true);
    expect(allowsFontOrigin(policy("default-src 'none'; font-src https:"))).toBe(true);
    expect(allowsFontOrigin(policy("default-src 'none'; font-src data:"))).toBe(false);
    expect(allowsFontOrigin(policy("default-src 'none'"))).toBe(false); // no font-src: default-src rules
    expect(allowsFontOrigin(policy("style-src 'unsafe-inline'"))).toBe(true); // neither: fonts are not restricted
    expect(allowsFontOrigin('<html><head></head><body><meta http-equiv="Content-Security-Policy" content="font-src data:"></body></html>')).toBe(true); // in the body: no policy
    expect(allowsFontOrigin('<!doctype html><meta http-equiv="Content-Security-Policy" content="font-src data:"><p>No body tag.</p>')).toBe(false);
  });

  it('the HTML files a build writes stand alone: every font inline, fact-sheet text untouched', async () => {
    const data = join(tmp.dir, 'data');
    cpSync(join(DATA, WEEK), join(data, WEEK), { recursive: true });
    // Text that looks like a font rule by reference is text: it is printed, and written as it is.
    const sheet = join(data, WEEK, 'us-china-trade.yaml');
    const lookalike = `url(${FONT_ORIGIN}/0000000000000000/x.woff2)`;
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(/(bluf:\s*\n\s*text: >?-?\s*\n?\s*)/, `$1Look: ${lookalike}. `));
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out'), week: WEEK, audiences: ['executive', 'analyst'], writeHtml: true });
    for (const doc of result.documents) {
      const html = readFileSync(doc.htmlPath!, 'utf8');
      const urls = fontUrls(html);
      expect(urls.length, doc.audience).toBeGreaterThanOrEqual(5);
      expect(urls.every((u) => u.startsWith('data:font/woff2;base64,')), doc.audience).toBe(true);
      expect(html, doc.audience).toContain(`Look: ${lookalike}.`);
      expect((await readPdf(doc.path)).text, doc.audience).toContain(`Look: ${lookalike}.`);
    }
  });
});
