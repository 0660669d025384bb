import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlText, normalise, fold } from '../../../src/validate/archive.js';
import { closestPassage, findQuote, quotesOf, checkQuotes } from '../../../src/validate/quotes.js';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { loadSheets } from '../../../src/validate/sheets.js';
import { DATA, ROOT, tempDir } from '../../helpers.js';

const archiveOf = (raw: string) => { const text = normalise(raw); return { text, folded: fold(text) }; };
/** The articles the sample cites, archived in the repository (data/archive/, beside the weeks). */
const SOURCES = join(DATA, 'archive');

describe('folding for matching', () => {
  it('lower-cases character by character and keeps the length, astral letters included', () => {
    expect(fold('The U.S.–China TALKS')).toBe('the u.s.–china talks');
    expect(fold('ΟΔΟΣ Σ')).toBe('οδοσ σ'); // no final-sigma rule: each letter alone
    expect(fold('İstanbul')).toBe('İstanbul'); // its lower case is two characters: it stays
    expect(fold('𐐀BC Ǆ Ａ')).toBe('𐐨bc ǆ ａ');
    for (const s of ['', 'abc', 'ÀÉÎ', 'x\u{1F600}Y', '\ud800A']) expect(fold(s).length).toBe(s.length);
  });
});

describe('quote matching', () => {
  const a = archiveOf('He said it was “a matter of principle” –  and   then\n“bigger fishes to fry,” he added. The U.S.–China talks went on.');

  it('ignores quote, dash and whitespace styles, capitals and outer punctuation', () => {
    expect(findQuote(a, 'A matter of principle')?.text).toBe('a matter of principle');
    expect(findQuote(a, 'principle" - and then "bigger')).toBeDefined();
    expect(findQuote(a, 'bigger fishes to fry.')).toBeDefined();
    expect(findQuote(a, 'U.S. - China talks')).toBeDefined(); // spaces around a dash do not count
    expect(findQuote(a, 'U.S.–Japan talks')).toBeUndefined();
    expect(findQuote(a, 'U.S.—China talks')).toBeDefined();
  });

  it('reads an ellipsis as a gap, in order', () => {
    expect(findQuote(a, 'a matter of … fishes to fry')?.text).toBe('a matter of principle"-and then "bigger fishes to fry');
    expect(findQuote(a, 'a matter of ... fishes to fry')).toBeDefined();
    expect(findQuote(a, 'fishes to fry … a matter of')).toBeUndefined();
  });

  it('does not find a quote with one word changed, and names the closest passage and its distance', () => {
    expect(findQuote(a, 'bigger fish to fry')).toBeUndefined();
    const c = closestPassage(a, 'bigger fish to fry');
    expect(c?.text).toBe('bigger fishes to fry');
    expect(c?.distance).toBe(2);
  });

  it('reads HTML archives as their text', () => {
    expect(htmlText('<p>It&rsquo;s &ldquo;done&rdquo;<script>var x = "no";</script> &amp; dusted&#8230;</p>')).toBe(' It’s “done”  & dusted… ');
  });

  it('finds quotes in kind: quote fields and in double quotation marks, not in single ones', () => {
    const qs = quotesOf({
      bluf: { text: 'Trump said they “approved the deal”; the ‘Linchpin’ piece disagrees, calling it "a test".', sources: ['a'] },
      status: { summary: 'No quotes.', characterisations: [{ text: 'whole quote', kind: 'quote', sources: ['b'] }, { text: 'a paraphrase', kind: 'paraphrase', sources: ['b'] }] },
      expert_views: [{ view: 'It is “negotiable” now', kind: 'paraphrase', sources: ['a'] }],
      sources: [{ id: 'a' }, { id: 'b' }],
    });
    expect(qs.map((q) => [q.pointer, q.text, q.whole, q.sources])).toEqual([
      ['/bluf/text', 'approved the deal', false, ['a']],
      ['/bluf/text', 'a test', false, ['a']],
      ['/status/characterisations/0/text', 'whole quote', true, ['b']],
      ['/expert_views/0/view', 'negotiable', false, ['a']],
    ]);
  });
});

describe('quotes in a sheet against its archives', () => {
  it('reports a changed word inside a longer text at the quote itself, and an unreadable archive as a warning', async () => {
    const tmp = tempDir();
    try {
      const sheet = readFileSync(join(ROOT, 'test/fixtures/valid/minimal.yaml'), 'utf8')
        .replace('summary: A framework was agreed at talks in September.', 'summary: >-\n    A framework was agreed at talks in September; the\n    readout calls it a “basic framework consensus”.')
        .replace('url: "https://example.com/a" }', 'url: "https://example.com/a", archive: a.html }')
        .replace('date_note: Undated rewrite }', 'date_note: Undated rewrite, archive: gone.pdf }');
      writeFileSync(join(tmp.dir, 'a.html'), '<html><body><p>The readout called it a &ldquo;basic framework agreement&rdquo;.</p><p>approved the deal</p><p>It is a bargaining chip.</p></body></html>');
      writeFileSync(join(tmp.dir, 's.yaml'), sheet);
      const r = await loadSheets([join(tmp.dir, 's.yaml')]);
      const shown = r.problems.map((p) => [p.rule, p.severity, p.line, p.col, p.message]);
      expect(shown).toContainEqual(['quote-not-in-source', 'error', 17, 24,
        "quote “basic framework consensus” is not in the archived text of source 'src-a'; closest passage (8 characters different): “basic framework agreement”"]);
      expect(shown.find((p) => p[0] === 'archive-unreadable')).toEqual(['archive-unreadable', 'warning', 57, 153,
        "the archive of source 'src-b' (gone.pdf) cannot be read: no such file; its quotes are not checked"]);
      // the whole-field quote "approved the deal" is in the HTML archive
      expect(r.problems.filter((p) => p.rule === 'quote-not-in-source')).toHaveLength(1);
    } finally {
      tmp.cleanup();
    }
  });

  it('a quote checked in sheet after sheet against one archive gets the same answer each time, and a fresh one once the archive changes', async () => {
    const tmp = tempDir();
    try {
      const sheet = readFileSync(join(ROOT, 'test/fixtures/valid/minimal.yaml'), 'utf8')
        .replace('summary: A framework was agreed at talks in September.', 'summary: The readout calls it a “basic framework consensus”.')
        .replace('url: "https://example.com/a" }', 'url: "https://example.com/a", archive: a.txt }');
      const archive = join(tmp.dir, 'a.txt');
      writeFileSync(archive, 'The readout called it a basic framework agreement.');
      const files = ['s1.yaml', 's2.yaml', 's3.yaml'].map((n) => join(tmp.dir, n));
      files.forEach((f, i) => writeFileSync(f, sheet.replace(/^id: (.+)$/m, `id: $1-${i}`)));
      const quoteErrors = async (fs: string[]) => (await loadSheets(fs, tmp.dir, { reportOnly: true })).problems.filter((p) => p.rule === 'quote-not-in-source' && p.message.includes('basic framework')).map((p) => [p.file, p.message]);
      const before = await quoteErrors(files);
      expect(before.map((e) => e[0])).toEqual(['s1.yaml', 's2.yaml', 's3.yaml']);
      expect(new Set(before.map((e) => e[1]))).toEqual(new Set(["quote “basic framework consensus” is not in the archived text of source 'src-a'; closest passage (8 characters different): “basic framework agreement”"]));
      // the article archived again, now with the words: found, in every sheet (a new size, so a new archive)
      writeFileSync(archive, 'The readout called it a “basic framework consensus”, officials said.');
      expect(await quoteErrors(files)).toEqual([]);
      writeFileSync(archive, 'The readout called it a basic framework accord, no more.');
      expect((await quoteErrors(files.slice(0, 1)))[0]?.[1]).toContain('closest passage (10 characters different): “basic framework”');
    } finally {
      tmp.cleanup();
    }
  });

  it('every quote of the sample is in its archived source, from a copy of data/ anywhere', async () => {
    expect(existsSync(SOURCES)).toBe(true);
    const tmp = tempDir();
    try {
      // <somewhere>/checkout/data/<week>/*.yaml and <somewhere>/checkout/data/archive/*
      cpSync(DATA, join(tmp.dir, 'checkout', 'data'), { recursive: true });
      const files = await findFactSheetFiles([join(tmp.dir, 'checkout', 'data')]);
      const r = await loadSheets(files, tmp.dir);
      expect(r.problems.filter((p) => ['quote-not-in-source', 'archive-unreadable'].includes(p.rule))).toEqual([]);
      // the checks really ran: every archived source read, dozens of quotes found
      let found = 0;
      for (const f of files) {
        const report = checkQuotes((await loadSheets([f], tmp.dir)).sheets[0], f);
        expect(report.unreadable).toEqual([]);
        found += report.quotes.filter((q) => q.found).length;
        expect(report.quotes.filter((q) => q.checked.length > 0 && !q.found)).toEqual([]);
      }
      expect(found).toBeGreaterThan(40);

      // one word changed in a quote of the W38 sheet: an error at that quote, naming the passage
      const w38 = join(tmp.dir, 'checkout', 'data', '2025-W38', 'tiktok-us-spinoff.yaml');
      const text = readFileSync(w38, 'utf8');
      expect(text).toContain('There are bigger fishes to fry');
      writeFileSync(w38, text.replace('There are bigger fishes to fry', 'There are bigger fish to fry'));
      const after = await loadSheets([w38], tmp.dir);
      const errs = after.problems.filter((p) => p.rule === 'quote-not-in-source');
      expect(errs).toHaveLength(1);
      expect(errs[0]!.message).toContain('There are bigger fish to fry” is not in the archived text of source \'cnn-2025-09-20\'; closest passage (2 characters different): “…');
      expect(errs[0]!.message).toContain('There are bigger fishes to fry');
      expect(readFileSync(w38, 'utf8').split('\n')[errs[0]!.line - 1]).toMatch(/view:/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('archives that cannot be read', () => {
  it('a folder, a device, a binary file and a file too large are warnings, not crashes', async () => {
    const { readArchive, MAX_ARCHIVE_BYTES } = await import('../../../src/validate/archive.js');
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.dir, 'bin.txt'), Buffer.from([0x41, 0, 0x42]));
      writeFileSync(join(tmp.dir, 'big.txt'), '');
      const { truncateSync } = await import('node:fs');
      truncateSync(join(tmp.dir, 'big.txt'), MAX_ARCHIVE_BYTES + 1);
      expect(readArchive(tmp.dir)).toEqual({ error: 'not a regular file' });
      expect(readArchive('/dev/null')).toEqual({ error: 'not a regular file' });
      expect(readArchive(join(tmp.dir, 'bin.txt'))).toEqual({ error: 'binary file (not text, HTML or PDF)' });
      expect(readArchive(join(tmp.dir, 'big.txt'))).toEqual({ error: 'larger than an archived article may be (32 MB)' });
      expect(readArchive(join(tmp.dir, 'none.txt'))).toEqual({ error: 'no such file' });
    } finally {
      tmp.cleanup();
    }
  });
});
