import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFills } from '../page-fill.js';
import { writeGeneratedWeek } from '../generated-week.js';
import { parse } from 'yaml';
import { PdfLite } from '../../src/pdf/pdf-lite.js';
import { SECTION_TITLES } from '../../src/compose/labels.js';

/**
 * The reader's view of the printed pages: no page but the last under a quarter filled (the sample
 * and generated weeks of 1–8 topics of varied length: test/generated-week.ts), and the executive page
 * holds weeks of 1–10 topics. Fill is measured from the PDF's ink (test/page-fill.ts). The generated
 * weeks are one data folder, a week per size (2025-W39 has one topic, W40 two, …), built in two
 * batches (one browser each).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'brief.js');
const POPPLER = (() => { try { execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const AUDIENCES = ['analyst', 'public', 'executive'];
const weekOf = (n: number) => `2025-W${38 + n}`;
let dir: string;
let out: string;

const build = (data: string, outDir: string, weeks: string, audiences: string, ...extra: string[]) =>
  execFileSync(process.execPath, [BIN, 'build', '--data', data, '--week', weeks, '--audience', audiences, '--out', outDir, ...extra], { cwd: ROOT, stdio: 'pipe' });

/** The fill of every page of a PDF, each page but the last asserted at a quarter or more. */
function expectFilled(pdf: string, what: string): number[] {
  const fills = pageFills(pdf);
  fills.slice(0, -1).forEach((f, i) => expect(f, `${what}, page ${i + 1} of ${fills.length}: ${Math.round(f * 100)}% filled`).toBeGreaterThanOrEqual(0.25));
  return fills;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'brief-reader-'));
  out = join(dir, 'out');
  if (!POPPLER) return;
  const data = join(dir, 'data');
  for (let n = 1; n <= 10; n++) writeGeneratedWeek(data, n, weekOf(n));
  build(data, out, Array.from({ length: 10 }, (_, i) => weekOf(i + 1)).join(','), AUDIENCES.join(','));
  cpSync(join(ROOT, 'data'), join(dir, 'sample-data'), { recursive: true });
  build(join(dir, 'sample-data'), join(dir, 'sample'), 'all', 'all', '--html');
}, 300_000);
afterAll(() => { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); });

describe.skipIf(!POPPLER)('pages a reader can use', () => {
  it('the sample: no page but the last is under a quarter filled (both weeks, every audience)', () => {
    const sample = join(dir, 'sample');
    for (const week of ['2025-W37', '2025-W38']) for (const a of AUDIENCES) expectFilled(join(sample, week, `${a}.pdf`), `${week} ${a}`);
  });

  it('the sample\'s executive page is used to its foot: the second topic keeps its whole bottom line, its judgments and its stage, leaving out what does not fit', () => {
    const sample = join(dir, 'sample');
    for (const week of ['2025-W37', '2025-W38']) {
      const pdf = join(sample, week, 'executive.pdf');
      const [fill] = pageFills(pdf);
      expect(fill, `${week} executive: ${Math.round(fill! * 100)}% filled`).toBeGreaterThanOrEqual(0.9);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const trade = parse(readFileSync(join(ROOT, 'data', week, 'us-china-trade.yaml'), 'utf8')) as { bluf: { text: string } };
      expect(text).toContain(trade.bluf.text.replace(/\s+/g, ' ').trim());
      const second = text.slice(text.indexOf('2. US–China trade'));
      expect(second).toMatch(/Likelihood: \S+.*Confidence: \S+/);
      expect(second).toMatch(/step \d of 7/);
      // What it leaves out is said, with the counts, and where to find it; so is what the first
      // topic's limits leave out of its lists.
      const sheet = parse(readFileSync(join(ROOT, 'data', week, 'us-china-trade.yaml'), 'utf8')) as { sticking_points: unknown[]; watch_next: unknown[] };
      // (spaces dropped: pdftotext splits letter-spaced capitals into pieces)
      const tight = (t: string) => t.replace(/\s+/g, '');
      const watch = `${sheet.watch_next.length}ITEMSTOWATCHINTHEANALYSTBRIEFING`;
      expect(tight(second)).toContain(second.includes('TOP STICKING POINTS') ? `·${watch}` : `·${sheet.sticking_points.length}STICKINGPOINTSAND${watch}`);
      const tiktok = parse(readFileSync(join(ROOT, 'data', week, 'tiktok-us-spinoff.yaml'), 'utf8')) as { sticking_points: unknown[]; watch_next: unknown[] };
      const first = tight(text.slice(0, text.indexOf('2. US–China trade')));
      for (const [label, n] of [['TOPSTICKINGPOINTS', tiktok.sticking_points.length], ['WHATTOWATCHNEXT', tiktok.watch_next.length]] as const) {
        if (n > 3) expect(first).toContain(`${label}·${n - 3}MOREINTHEANALYSTBRIEFING`); // (the audience's limits: 3 each)
        else expect(first).not.toContain(`${label}·`);
      }
    }
  });

  it('a section\'s heading is never left at the foot of a page: "What changed since the last edition" keeps more than its "Compared with…" line with it (the sample and the generated weeks)', () => {
    const pdfs = [
      ...['2025-W37', '2025-W38'].flatMap((w) => ['analyst', 'public'].map((a) => join(dir, 'sample', w, `${a}.pdf`))),
      ...Array.from({ length: 8 }, (_, i) => weekOf(i + 1)).flatMap((w) => ['analyst', 'public'].map((a) => join(out, w, `${a}.pdf`))),
    ];
    let headings = 0;
    for (const pdf of pdfs) {
      const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
      pages.forEach((page, i) => {
        const lines = page.split('\n').map((l) => l.trim());
        const at = lines.indexOf('What changed since the last edition'); // the heading's own line (the contents' entry has its page number)
        if (at < 0) return;
        headings++;
        // what follows it on the page, but the opening "Compared with…" line and the running foot
        const after = lines.slice(at + 1).filter((l) => l && !/^Compared with the .* edition/.test(l) && !/^As of .*Page \d+ of \d+/.test(l) && !/^TLP:\w+$/.test(l));
        expect(after.length, `${pdf}, page ${i + 1}: the heading ends the page`).toBeGreaterThanOrEqual(1);
      });
    }
    expect(headings).toBeGreaterThan(10);
  });

  it('a key judgment\'s statement and a sticking point\'s summary are never split across two pages (the sample and the generated weeks, analyst and public)', () => {
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    const count = (text: string, part: string) => text.split(part).length - 1;
    const runs = [
      { data: join(dir, 'sample-data'), out: join(dir, 'sample'), weeks: ['2025-W37', '2025-W38'] },
      { data: join(dir, 'data'), out, weeks: Array.from({ length: 8 }, (_, i) => weekOf(i + 1)) },
    ];
    let seen = 0;
    for (const run of runs) {
      for (const week of run.weeks) {
        const statements = readdirSync(join(run.data, week)).flatMap((f) => {
          const sheet = parse(readFileSync(join(run.data, week, f), 'utf8')) as { key_judgments?: { statement: string }[]; sticking_points?: { summary?: string }[] };
          return [...(sheet.key_judgments ?? []).map((k) => k.statement), ...(sheet.sticking_points ?? []).flatMap((p) => (p.summary ? [p.summary] : []))].map(norm);
        });
        for (const a of ['analyst', 'public']) {
          const pdf = join(run.out, week, `${a}.pdf`);
          const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').map(norm);
          for (const statement of statements) {
            // Every place a page shows the statement's first words, it shows the whole statement
            // (the bottom line's box also quotes it, so places are counted, not just found).
            const start = statement.split(' ').slice(0, 10).join(' ');
            pages.forEach((page, i) => {
              if (!page.includes(start)) return;
              seen++;
              expect(count(page, statement), `${pdf}, page ${i + 1}: "${statement.slice(0, 50)}…" runs onto the next page`).toBe(count(page, start));
            });
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('every page carries its TLP label at its head and at its foot, and not a third time: the cover\'s and the masthead\'s own label is the HTML\'s, not the print\'s', () => {
    for (const week of ['2025-W37', '2025-W38']) {
      for (const a of AUDIENCES) {
        const pdf = join(dir, 'sample', week, `${a}.pdf`);
        const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
        pages.forEach((page, i) => {
          const lines = page.split('\n').filter((l) => l.trim());
          // Between head and foot no line ends with a label (the page's own items carry theirs
          // before their text; the cover's distribution line has "Handling: TLP:GREEN.").
          const ends = lines.slice(1, -1).filter((l) => /TLP:[A-Z+]+\s*$/.test(l));
          expect(ends, `${week} ${a}, page ${i + 1}: a label between head and foot`).toEqual([]);
          expect(lines[0], `${week} ${a}, page ${i + 1}: the head`).toMatch(/TLP:[A-Z+]+\s*$/);
          expect(lines.at(-1), `${week} ${a}, page ${i + 1}: the foot`).toMatch(/TLP:[A-Z+]+\s*$/);
        });
      }
      // The HTML on screen has no page boxes: there the cover (or masthead) shows the label.
      const html = readFileSync(join(dir, 'sample', week, 'analyst.html'), 'utf8');
      expect(html).toMatch(/class="cover-marking"><span class="tlp [^"]*">TLP:[A-Z+]+<\/span>/);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('a generated week of %i topics: no page but the last under a quarter filled, in every audience', (n) => {
    for (const a of AUDIENCES) {
      const fills = expectFilled(join(out, weekOf(n), `${a}.pdf`), `${a}, ${n} topics`);
      if (a === 'executive') expect(fills).toHaveLength(1); else expect(fills.length).toBeGreaterThan(n);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('a generated week of %i topics: the cover is one page, listing the topics in order (topic 2 before topic 10)', (n) => {
    for (const a of ['analyst', 'public']) {
      const pdf = join(out, weekOf(n), `${a}.pdf`);
      const dests = PdfLite.of(new Uint8Array(readFileSync(pdf))).destinations();
      expect(dests.get('cover-end'), `${a}: the cover ends on page 1`).toBe(1);
      const cover = execFileSync('pdftotext', ['-l', '1', pdf, '-'], { encoding: 'utf8' });
      const listed = [...cover.matchAll(/^Topic (\d+):/gm)].map((m) => Number(m[1]));
      expect(listed, a).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it.each([4, 5, 6, 7, 8, 9, 10])('a generated week of %i topics: the analyst contents fits one page under the document\'s running head, each topic\'s sections run on under it, and every number it shows is its entry\'s page', (n) => {
    const pdf = join(out, weekOf(n), 'analyst.pdf');
    const dests = PdfLite.of(new Uint8Array(readFileSync(pdf))).destinations();
    const first = dests.get('contents')!;
    expect(dests.get('contents-end'), 'the contents ends on the page it starts on').toBe(first);
    const page = execFileSync('pdftotext', ['-f', String(first), '-l', String(first), pdf, '-'], { encoding: 'utf8' });
    // (when topic 1 starts on the contents page, below it, the head names topic 1: its run of pages)
    const head = page.slice(0, page.indexOf('Contents'));
    if (dests.get('t1') === first) expect(head).toMatch(/^\s*(TLP:GREEN\s*)?1\. Topic 1:/);
    else expect(head, 'the contents page\'s running head').toMatch(/Weekly briefing \d{4}-W\d\d · Analyst briefing/);
    if (n >= 8) expect(dests.get('t1'), 'topic 1 opens the page after the contents').toBe(first + 1);
    const text = execFileSync('pdftotext', ['-f', String(first), '-l', String(first), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const contents = text.slice(text.indexOf('Contents'));
    const byTitle = new Map(Object.entries(SECTION_TITLES).map(([key, title]) => [title, key.replace(/_/g, '-')]));
    const sections = new RegExp(`(${[...byTitle.keys()].join('|')}) (\\d+)`, 'g');
    let checked = 0;
    for (let k = 1; k <= n; k++) {
      // Topic k's entry and its sections: up to the next topic's entry (`k+1. Topic …`).
      const from = contents.indexOf(`${k}. Topic `);
      const to = k < n ? contents.indexOf(`${k + 1}. Topic `, from) : contents.length;
      expect(from, `topic ${k} in the contents`).toBeGreaterThanOrEqual(0);
      const part = contents.slice(from, to);
      expect(Number(/^\d+\. Topic \d+: \D*?(\d+)/.exec(part)?.[1]), `topic ${k}'s page`).toBe(dests.get(`t${k}`));
      const entries = [...part.matchAll(sections)];
      expect(entries.length, `topic ${k}'s sections`).toBeGreaterThanOrEqual(4);
      for (const [, title, page] of entries) {
        expect(Number(page), `topic ${k}: ${title}`).toBe(dests.get(`t${k}-${byTitle.get(title!)}`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(n * 4);
    // Run on: a topic's sections take two or three lines, not a line each.
    const lines = execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(first), pdf, '-'], { encoding: 'utf8' }).split('\n').filter((l) => /\d\s*$/.test(l));
    expect(lines.length).toBeLessThan(checked / 2);
  });

  it.each([1, 2, 3, 4, 6, 8, 10])('the executive page holds a week of %i topics on one page', (n) => {
    const text = execFileSync('pdftotext', ['-layout', join(out, weekOf(n), 'executive.pdf'), '-'], { encoding: 'utf8' });
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(1);
    expect(text).not.toMatch(/Page 1 of 1/);
    // Every topic is on the page, or counted in the line that says how many more there are.
    const shown = n === 1 ? Number(text.includes('Topic 1')) : (text.match(/^\s*\d+\.\s+Topic \d+/gm) ?? []).length;
    const more = /(\d+) more topics? in the analyst briefing/.exec(text.replace(/\s+/g, ' '));
    expect(shown + Number(more?.[1] ?? 0)).toBe(n);
    // The topics left out are named there, in order, so the reader knows what the analyst briefing adds.
    const named = text.replace(/\s+/g, ' ').split(/more topics? in the analyst briefing:/)[1] ?? '';
    expect([...named.matchAll(/(\d+)\. Topic (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]))
      .toEqual(Array.from({ length: n - shown }, (_, i) => [shown + i + 1, shown + i + 1]));
    // And every topic on the page leads with its bottom line, one-line topics too (the generated
    // topics take one of the sample's two BLUFs).
    expect((text.replace(/\s+/g, ' ').match(/In Madrid the two sides|The tariff truce now runs/g) ?? []).length).toBe(shown);
    // Confidence beside every likelihood printed.
    expect((text.match(/Likelihood:/g) ?? []).length).toBe((text.match(/Confidence:/g) ?? []).length);
    if (n >= 3) expect(text).toMatch(/deadlocked|open/i);
  });

  describe('topic_break in the audience config', () => {
    /** A project audience: the public one's config with `extra` added. */
    function audience(name: string, extra: string): string {
      const templates = join(dir, `templates-${name}`);
      mkdirSync(join(templates, 'audiences', name), { recursive: true });
      writeFileSync(join(templates, 'audiences', name, 'audience.yaml'), `${readFileSync(join(ROOT, 'templates', 'audiences', 'public', 'audience.yaml'), 'utf8')}${extra}\n`);
      return templates;
    }
    /** For each topic of a PDF: whether it opens a page (it starts on a later page than the block before it ends on). */
    const opensPage = (pdf: string, n: number) => {
      const points = new PdfLite(new Uint8Array(readFileSync(pdf))).destinationPoints();
      return Array.from({ length: n }, (_, i) => points.get(`t${i + 1}`)!.page > points.get(i === 0 ? 'cover-end' : `t${i}-end`)!.page);
    };

    it('page: every topic opens a new page (auto let some follow on in the same week)', () => {
      const n = 3;
      expect(opensPage(join(out, weekOf(n), 'public.pdf'), n)).toContain(false);
      execFileSync(process.execPath, [BIN, 'build', '--data', join(dir, 'data'), '--templates', audience('paged', 'topic_break: page'), '--week', weekOf(n), '--audience', 'paged', '--out', join(dir, 'out-paged')], { cwd: ROOT, stdio: 'pipe' });
      expect(opensPage(join(dir, 'out-paged', weekOf(n), 'paged.pdf'), n)).toEqual([true, true, true]);
    });

    it('any other value is a usage error naming the file, the field and the values allowed', () => {
      let stderr = '';
      let status = 0;
      try {
        execFileSync(process.execPath, [BIN, 'build', '--data', join(dir, 'data'), '--templates', audience('bad', 'topic_break: always'), '--week', weekOf(1), '--audience', 'bad', '--out', join(dir, 'out-bad')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
      } catch (e) {
        ({ stderr, status } = e as { stderr: string; status: number });
      }
      expect(status).toBe(2);
      expect(stderr).toMatch(/invalid audience config \(one problem\):\n\s+.*audiences\/bad\/audience\.yaml:\d+:14: topic_break is 'always'; it must be one of auto, page/);
    });
  });
});
