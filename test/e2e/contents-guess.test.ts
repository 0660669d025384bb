/**
 * The contents page numbers are printed from a guess when there is a good one (the last layout of a
 * document with the same audience, topics and contents), and the print checks the guess: a right
 * guess costs one print, a wrong one a second print with the measured numbers. Either way the
 * numbers printed are the pages the sections are on.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/app/build.js';
import { Printer } from '../../src/print/printer.js';
import { Session } from '../../src/app/session.js';
import { destinationPages } from '../../src/contents/toc.js';
import { DATA, TEMPLATES, tempDir } from '../helpers.js';
import { pageTexts } from '../pdf-strings.js';
import { writeGeneratedWeek } from '../generated-week.js';

/** Every PDF written (its path and bytes), in order: the writes themselves are as they were. */
const pdfWrites = vi.hoisted(() => [] as { path: string; bytes: Buffer }[]);
vi.mock('../../src/app/write.js', async (actual) => {
  const real = await actual<typeof import('../../src/app/write.js')>();
  return {
    ...real,
    writeAtomic: (path: string, data: Uint8Array | string) => {
      if (path.endsWith('.pdf')) pdfWrites.push({ path, bytes: Buffer.from(data) });
      return real.writeAtomic(path, data);
    },
  };
});

const tmp = tempDir();
const data = join(tmp.dir, 'data');
const printer = new Printer({ concurrency: 1 });
/** One run of the tool: its session (the printer, the contents layouts in memory, the cache folder). */
const aRun = (cacheDir = join(tmp.dir, 'cache-main')) => new Session({ printer, cacheDir });
const session = aRun();

/** Build one week's analyst briefing; how many prints it took, and the contents as printed next to the real pages. */
async function analyst(week: string, outDir = join(tmp.dir, 'out'), run = session): Promise<{ prints: number; shown: number[]; real: number[]; joined: boolean }> {
  const before = printer.stats.prints;
  const r = await build({ dataDir: data, templatesDir: TEMPLATES, outDir, week, audiences: ['analyst'], session: run, writeHtml: true });
  const doc = r.documents[0]!;
  const prints = printer.stats.prints - before;
  // The anchors in contents order, from the HTML that was printed, and the pages they are on in the PDF.
  const anchors = [...readFileSync(doc.htmlPath!, 'utf8').matchAll(/data-page-of="([^"]+)"/g)].map((m) => m[1]!);
  const dests = await destinationPages(new Uint8Array(readFileSync(doc.path)));
  const real = anchors.map((a) => dests.get(a)!);
  // Whether a block continues the pages of the one before (pagination.ts): that layout is printed
  // and measured in turn, a print or two more than the contents alone.
  const joined = [...readFileSync(doc.htmlPath!, 'utf8').matchAll(/#([\w-]+) \{ page: topic-([\w-]+); \}/g)].some((m) => m[1] !== m[2]);
  // The numbers the contents page shows, in order: each entry ends with its page number.
  const contents = (await pageTexts(readFileSync(doc.path)))[1]!;
  const shown = [...contents.replace(/^.*?Contents/, '').matchAll(/[A-Za-z)]\s+(\d{1,3})(?=\s|$)/g)].map((m) => Number(m[1]));
  return { prints, shown: shown.slice(0, anchors.length), real, joined };
}

beforeAll(() => {
  // Four weeks of the same two topics, alike but for the week; 2025-W43 keeps one expert view of
  // six, so its later sections move up.
  for (const week of ['2025-W40', '2025-W41', '2025-W42', '2025-W43']) cpSync(join(DATA, '2025-W38'), join(data, week), { recursive: true });
  const file = join(data, '2025-W43', 'tiktok-us-spinoff.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const views = doc.get('expert_views') as { items: unknown[] };
  views.items.splice(1);
  writeFileSync(file, doc.toString());
  mkdirSync(join(tmp.dir, 'out'), { recursive: true });
});
afterAll(async () => {
  await printer.close();
  tmp.cleanup();
});

describe('contents page numbers from a guess, checked by the print', () => {
  it('the first briefing of a kind is measured by a draft print: two prints, right numbers', async () => {
    const { prints, shown, real, joined } = await analyst('2025-W40');
    if (joined) expect(prints).toBeLessThanOrEqual(4); else expect(prints).toBe(2);
    expect(real.length).toBeGreaterThan(10);
    expect(shown).toEqual(real);
  });

  it('another week of the same topics and layout prints once, from the guess, with the right numbers', async () => {
    const { prints, shown, real } = await analyst('2025-W41');
    expect(prints).toBe(1);
    expect(shown).toEqual(real);
  });

  it('a wrong guess (sections moved) is corrected by a second print', async () => {
    const w42 = await analyst('2025-W42');
    const { prints, shown, real } = await analyst('2025-W43');
    expect(real).not.toEqual(w42.real); // the guess from 2025-W42 was wrong
    expect(prints).toBe(2);
    expect(shown).toEqual(real);
  });

  it('the next run starts from the layout this run measured (kept on disk), and a stale one is corrected', async () => {
    const out = join(tmp.dir, 'out-runs');
    // Runs of the tool: each a new session (nothing in memory), with a cache folder of this test's own.
    const cache = join(tmp.dir, 'cache');
    {
      const first = aRun(cache);
      const measured = await analyst('2025-W40', out, first);
      if (measured.joined) expect(measured.prints).toBeLessThanOrEqual(4); else expect(measured.prints).toBe(2);
      await analyst('2025-W43', out, first);
      const again = await analyst('2025-W40', out, aRun(cache));
      expect(again.prints).toBe(1);
      expect(again.shown).toEqual(again.real);
      // A stale entry (2025-W43's output recorded with 2025-W40's pages) costs a print, not a wrong number.
      const file = join(tmp.dir, 'cache', 'layouts.json');
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { documents: Record<string, { pages: (number | null)[] }> };
      const key = (week: string) => `analyst\0${join(out, week, 'analyst.pdf')}`;
      expect(saved.documents[key('2025-W43')]?.pages).not.toEqual(saved.documents[key('2025-W40')]?.pages);
      saved.documents[key('2025-W43')]!.pages = saved.documents[key('2025-W40')]!.pages;
      writeFileSync(file, JSON.stringify(saved));
      const stale = await analyst('2025-W43', out, aRun(cache));
      expect(stale.prints).toBe(2);
      expect(stale.shown).toEqual(stale.real);
    }
  });

  it('a briefing without a contents page keeps its pagination too: another week of the same topics prints once, with the same joins', async () => {
    const generated = join(tmp.dir, 'generated');
    for (const week of ['2025-W40', '2025-W41']) writeGeneratedWeek(generated, 3, week);
    const publicOf = async (week: string) => {
      const before = printer.stats.prints;
      const r = await build({ dataDir: generated, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out-generated'), week, audiences: ['public'], session, writeHtml: true });
      const css = [...readFileSync(r.documents[0]!.htmlPath!, 'utf8').matchAll(/#([\w-]+) \{ page: topic-([\w-]+); \}/g)].map((m) => `${m[1]}→${m[2]}`);
      return { prints: printer.stats.prints - before, css };
    };
    const first = await publicOf('2025-W40');
    expect(first.css.some((c) => c.split('→')[0] !== c.split('→')[1])).toBe(true); // some topic follows on
    expect(first.prints).toBeGreaterThanOrEqual(2);
    const second = await publicOf('2025-W41');
    expect(second.prints).toBe(1);
    expect(second.css).toEqual(first.css);
  });

  it('the executive page starts from the fit step it last needed, confirmed by a draft: fewer prints, the same bytes, a wrong guess only costs prints', async () => {
    const cache = join(tmp.dir, 'cache-fit');
    const executive = async (outDir: string, run: Session) => {
      const before = printer.stats.prints;
      const r = await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir, week: '2025-W38', audiences: ['executive'], session: run, force: true });
      return { prints: printer.stats.prints - before, pdf: readFileSync(r.documents[0]!.path) };
    };
    const fresh = await executive(join(tmp.dir, 'out-fit-1'), aRun(cache));
    expect(fresh.prints).toBeGreaterThanOrEqual(3); // the sample's two topics overflow one page in full: steps are searched for
    const file = join(cache, 'layouts.json');
    const fits = (JSON.parse(readFileSync(file, 'utf8')) as { fits: Record<string, number> }).fits;
    expect(fits['executive\u00002']).toBeGreaterThan(0);
    const again = await executive(join(tmp.dir, 'out-fit-2'), aRun(cache)); // a new run reads the step from disk
    expect(again.prints).toBe(2); // the guessed step, and a draft of one step fewer that overflows
    expect(again.pdf.equals(fresh.pdf)).toBe(true);
    // a wrong guess (one step too many, which fits too): the search runs and finds the same page
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { fits: Record<string, number> };
    saved.fits['executive\u00002'] = saved.fits['executive\u00002']! + 1;
    writeFileSync(file, JSON.stringify(saved));
    const wrong = await executive(join(tmp.dir, 'out-fit-3'), aRun(cache));
    expect(wrong.pdf.equals(fresh.pdf)).toBe(true);
    expect(wrong.prints).toBeGreaterThan(again.prints);
    // the guess bounded the search (the draft showed one step fewer fits too): fewer prints than a search from nothing
    expect(wrong.prints).toBeLessThan(fresh.prints + 2);
    // a document rebuilt starts from its own last step, whatever another briefing of its kind needed since
    const other = JSON.parse(readFileSync(file, 'utf8')) as { fits: Record<string, number> };
    other.fits['executive\u00002'] = other.fits['executive\u00002']! + 1;
    writeFileSync(file, JSON.stringify(other));
    const own = await executive(join(tmp.dir, 'out-fit-1'), aRun(cache));
    expect(own.prints).toBe(2);
    expect(own.pdf.equals(fresh.pdf)).toBe(true);
  });

  it('watch and preview write the executive page as soon as a print of it fits; should fewer steps fit, the better print replaces it, and the file ends as a plain build writes it', async () => {
    const cache = join(tmp.dir, 'cache-early');
    const executive = async (outDir: string, writeEarly: boolean) => {
      pdfWrites.length = 0;
      const r = await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir, week: '2025-W38', audiences: ['executive'], session: aRun(cache), force: true, writeEarly });
      return { writes: pdfWrites.filter((w) => w.path === r.documents[0]!.path).map((w) => w.bytes), pdf: readFileSync(r.documents[0]!.path) };
    };
    const plain = await executive(join(tmp.dir, 'out-early-0'), false); // the search from nothing; the step is remembered
    expect(plain.writes).toHaveLength(1);
    // the right step guessed: written once, the print the draft then confirms
    const right = await executive(join(tmp.dir, 'out-early-1'), true);
    expect(right.writes).toHaveLength(1);
    expect(right.pdf.equals(plain.pdf)).toBe(true);
    // one step too many guessed (it fits too): that page is written first, then replaced by the right one
    const file = join(cache, 'layouts.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { fits: Record<string, number> };
    saved.fits['executive\u00002'] = saved.fits['executive\u00002']! + 1;
    writeFileSync(file, JSON.stringify(saved));
    const wrong = await executive(join(tmp.dir, 'out-early-2'), true);
    expect(wrong.writes).toHaveLength(2);
    expect(wrong.writes[0]!.equals(plain.pdf)).toBe(false);
    expect(wrong.pdf.equals(plain.pdf)).toBe(true);
    // one step too few guessed (it overflows): nothing is written before the search has found the page
    const step = (JSON.parse(readFileSync(file, 'utf8')) as { fits: Record<string, number> }).fits['executive\u00002']!;
    saved.fits['executive\u00002'] = step - 1;
    writeFileSync(file, JSON.stringify(saved));
    const few = await executive(join(tmp.dir, 'out-early-3'), true);
    expect(few.writes).toHaveLength(1);
    expect(few.pdf.equals(plain.pdf)).toBe(true);
  });
});
