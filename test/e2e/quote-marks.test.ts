import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Printer } from '../../src/print/printer.js';
import { unquoted } from '../../src/util/text.js';
import { FIXTURES, TEMPLATES, readPdf, squash, tempDir } from '../helpers.js';

describe('a quotation written with its own marks', () => {
  it('loses one enclosing pair, and only that', () => {
    expect(unquoted('“We will decide.”')).toBe('We will decide.');
    expect(unquoted(' "We will decide." ')).toBe('We will decide.');
    expect(unquoted('« Nous verrons. »')).toBe('Nous verrons.');
    expect(unquoted('„Wir werden sehen.“')).toBe('Wir werden sehen.');
    expect(unquoted('「我们会决定」')).toBe('我们会决定');
    expect(unquoted('“He said ‘no’ twice.”')).toBe('He said ‘no’ twice.');
    // Two quotations, an unbalanced mark, marks only, or none: as written.
    for (const t of ['“A” and “B”', '“A', 'A”', '“”', '""', 'It is a bargaining chip.', '‘Linchpin’ and ‘Keystone’', '"']) expect(unquoted(t)).toBe(t);
  });

  const tmp = tempDir('brief-quote-marks-');
  afterAll(() => tmp.cleanup());

  it('prints with one pair of marks in the PDF; a paraphrase keeps what it says', async () => {
    const data = join(tmp.dir, 'data', '2025-W38');
    mkdirSync(data, { recursive: true });
    const sheet = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8')
      .replace('view: It is a bargaining chip.', 'view: "“It is a bargaining chip.”"')
      .replace('text: "approved the deal", kind: quote', 'text: "said it “approved the deal”", kind: paraphrase')
      .replace('  deadlines:\n', '    - { party: cn, text: "“a basic framework consensus”", kind: quote, date: 2025-09-19, sources: [src-a] }\n  deadlines:\n');
    expect(sheet).toContain('“It is a bargaining chip.”');
    expect(sheet).toContain('said it “approved the deal”');
    expect(sheet).toContain('text: "“a basic framework consensus”"');
    writeFileSync(join(data, 'sample-deal.yaml'), sheet);
    await using printer = new Printer({ concurrency: 1 });
    await build({ dataDir: join(tmp.dir, 'data'), templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out'), week: '2025-W38', audiences: ['analyst'], printer });
    const text = squash((await readPdf(join(tmp.dir, 'out', '2025-W38', 'analyst.pdf'))).text);
    expect(text).toContain('“It is a bargaining chip.”');
    expect(text).toContain('“a basic framework consensus”');
    expect(text).not.toContain('““');
    expect(text).not.toContain('””');
    expect(text).toContain('said it “approved the deal”');
  });
});
