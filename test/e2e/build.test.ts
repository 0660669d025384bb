import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/app/build.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { Printer } from '../../src/print/printer.js';
import type { FactSheet } from '../../src/schema/index.js';
import { DATA, TEMPLATES, readPdf, squash, tempDir } from '../helpers.js';

/** End to end: the sample week → analyst PDF, read back with pdf-parse. */
describe('building the sample briefing', () => {
  const tmp = tempDir();
  const printer = new Printer();
  let result: BuildResult;
  let sheets: FactSheet[];
  let pdf: { text: string; pages: number };

  beforeAll(async () => {
    sheets = (await loadWeek(DATA, '2025-W38')).sheets;
    result = await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir: tmp.dir, week: '2025-W38', audiences: ['analyst'], printer, writeHtml: true });
    pdf = await readPdf(join(tmp.dir, '2025-W38', 'analyst.pdf'));
  });
  afterAll(async () => {
    await printer.close();
    tmp.cleanup();
  });

  it('writes the PDF where the README says, with more than one page', () => {
    expect(result.documents.map((d) => d.path)).toEqual([join(tmp.dir, '2025-W38', 'analyst.pdf')]);
    expect(pdf.pages).toBeGreaterThan(1);
    expect(result.documents[0]!.pages).toBe(pdf.pages);
  });

  it('contains the BLUF of every topic, every sticking point title and every expert name', () => {
    expect(sheets.length).toBeGreaterThanOrEqual(1);
    for (const s of sheets) {
      expect(pdf.text).toContain(squash(s.bluf.text).slice(0, 80));
      for (const sp of s.sticking_points) expect(pdf.text).toContain(squash(sp.title));
      for (const ev of s.expert_views) expect(pdf.text).toContain(squash(ev.name));
    }
  });

  it('prints the marking, the as_of date and "Page X of Y" on the pages', () => {
    expect(pdf.text).toContain(`Page 1 of ${pdf.pages}`);
    expect(pdf.text).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
    expect(pdf.text).toContain('TLP:');
    expect(pdf.text).toContain('As of 20 September 2025');
    expect(pdf.text).not.toContain('As of 2025-09-20');
  });

  it('writes the HTML beside the PDF, with no script and no remote reference', () => {
    const html = readFileSync(join(tmp.dir, '2025-W38', 'analyst.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:|file:)/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it('launched the browser once for the whole run', () => {
    expect(printer.stats.launches).toBe(1);
  });
});
