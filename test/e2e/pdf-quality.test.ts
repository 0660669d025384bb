import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAudience } from '../../src/load/audience.js';
import { build } from '../../src/app/build.js';
import { composeBriefing } from '../../src/compose/compose.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { Printer } from '../../src/print/printer.js';
import { tocEntries } from '../../src/contents/toc.js';
import { DATA, FIXTURES, TEMPLATES, hasTool, tempDir } from '../helpers.js';
import { pageTexts } from '../pdf-strings.js';

/**
 * The print quality of real PDFs: checked with qpdf and poppler (pdfinfo, pdffonts, pdftotext) and
 * read back with pdf-parse. Built once: the sample week for analyst and public (the analyst one
 * twice, for reproducibility), and a stress fixture (Chinese text, a very long URL and word) for a
 * Letter-size audience.
 */
const WEEK = '2025-W38';
const QPDF = hasTool('qpdf');
const POPPLER = hasTool('pdfinfo') && hasTool('pdffonts') && hasTool('pdftotext');
const missing = (tool: string) => `${tool} is not installed (CI installs it: apt-get install ${tool === 'qpdf' ? 'qpdf' : 'poppler-utils'})`;
if (!QPDF) console.warn(`skipping qpdf checks: ${missing('qpdf')}`);
if (!POPPLER) console.warn(`skipping pdfinfo/pdffonts/pdftotext checks: ${missing('pdfinfo')}`);

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });


interface Outline { title: string; page: number; y: number; kids: Outline[] }
interface QpdfOutline { title: string; destpageposfrom1: number; dest: unknown; kids: QpdfOutline[] }
function outline(file: string): Outline[] {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: QpdfOutline[] };
  const map = (items: QpdfOutline[]): Outline[] =>
    items.map((o) => ({ title: o.title, page: o.destpageposfrom1, y: Array.isArray(o.dest) ? Number(o.dest[3]) : NaN, kids: map(o.kids) }));
  return map(json.outlines);
}
const flat = (items: Outline[]): Outline[] => items.flatMap((o) => [o, ...flat(o.kids)]);

describe('PDF print quality', () => {
  const tmp = tempDir();
  const printer = new Printer();
  const out = (run: string, audience: string) => join(tmp.dir, run, WEEK, `${audience}.pdf`);
  const analyst = () => out('a', 'analyst');
  const letter = () => out('c', 'letter');
  const all = () => [analyst(), out('a', 'public'), letter()];

  beforeAll(async () => {
    // A Letter-size audience with a contents page, in a copy of the templates.
    const templates = join(tmp.dir, 'templates');
    cpSync(join(TEMPLATES, 'base'), join(templates, 'base'), { recursive: true });
    mkdirSync(join(templates, 'audiences', 'letter'), { recursive: true });
    writeFileSync(join(templates, 'audiences', 'letter', 'audience.yaml'), readFileSync(join(TEMPLATES, 'audiences', 'analyst', 'audience.yaml'), 'utf8')
      .replace(/page_size: A4/, 'page_size: Letter').replace(/^title: .*$/m, 'title: Letter briefing'));
    await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'a'), week: WEEK, audiences: ['analyst', 'public'], printer });
    // The second build: another browser, one page at a time, the other order (pages are reused).
    const other = new Printer({ concurrency: 1 });
    try {
      await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'b'), week: WEEK, audiences: ['public', 'analyst'], printer: other });
    } finally {
      await other.close();
    }
    await build({ dataDir: join(FIXTURES, 'print'), templatesDir: templates, outDir: join(tmp.dir, 'c'), week: WEEK, audiences: ['letter'], printer });
  }, 180_000);
  afterAll(async () => {
    await printer.close();
    tmp.cleanup();
  });

  it('builds byte-identical PDFs from the same inputs', () => {
    for (const audience of ['analyst', 'public']) {
      const a = readFileSync(out('a', audience));
      const b = readFileSync(out('b', audience));
      expect(a.length).toBeGreaterThan(10_000);
      expect(a.equals(b), `${audience}.pdf differs between two builds`).toBe(true);
    }
  });

  it.skipIf(!QPDF)('passes qpdf --check', () => {
    for (const f of all()) expect(run('qpdf', ['--check', f]), f).toMatch(/No syntax or stream encoding errors found/);
  });

  it.skipIf(!POPPLER)('is tagged and carries Title, Author, Subject, Keywords and the as_of date as creation date', () => {
    for (const f of all()) {
      const info = run('pdfinfo', ['-isodates', f]);
      expect(info, f).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^Title:\s+Weekly briefing 2025-W38 · (Analyst|Partner|Letter) briefing$/m);
      expect(info).toMatch(/^Author:\s+brief$/m);
      expect(info).toMatch(/^Subject:\s+.*briefing for 15 September 2025 – 21 September 2025, information as of 20 September 2025.*Handling: TLP:/m);
      expect(info).toMatch(/^Keywords:\s+TLP:\w+; 2025-W38; /m);
      expect(info).toMatch(/^CreationDate:\s+2025-09-20T00:00:00Z$/m);
      expect(info).toMatch(/^ModDate:\s+2025-09-20T00:00:00Z$/m);
      expect(info).toMatch(/^Metadata Stream:\s+yes$/m);
      expect(run('pdfinfo', ['-meta', f])).toMatch(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Weekly briefing 2025-W38 · \w+ briefing<\/rdf:li>/);
    }
    expect(run('pdfinfo', [analyst()])).toMatch(/^Page size:\s+594\.96 x 841\.92 pts \(A4\)$/m);
    expect(run('pdfinfo', [letter()])).toMatch(/^Page size:\s+612 x 792 pts \(letter\)$/m);
  });

  it.skipIf(!QPDF)('has an outline: Contents, each topic, and each topic\'s sections under it', async () => {
    const sheets = (await loadWeek(DATA, WEEK)).sheets;
    const view = composeBriefing(sheets, await loadAudience(TEMPLATES, 'analyst'), { week: WEEK });
    const items = outline(analyst());
    expect(items.map((o) => o.title)).toContain('Contents');
    for (const t of view.topics) {
      const top = items.find((o) => o.title === `${t.n}. ${t.title}`);
      expect(top, `outline entry for topic ${t.title}`).toBeDefined();
      expect(top!.kids.map((k) => k.title)).toEqual(expect.arrayContaining(['Bottom line up front', 'Deal status', 'Sticking points', 'Key judgments', 'Expert views', 'Sources']));
      // sticking-point headings carry only their titles (no badge text)
      const sp = top!.kids.find((k) => k.title === 'Sticking points')!;
      expect(sp.kids.map((k) => k.title)).toEqual(t.stickingPoints.map((s) => s.title));
    }
  });

  it.skipIf(!QPDF)('leaves no heading alone at the foot of a page', () => {
    // Every heading starts at least 12 mm above the bottom margin (20 mm): room for the heading and
    // more than one line of what follows it, or Chromium would have moved it to the next page.
    const floor = (20 + 12) * (72 / 25.4);
    for (const f of all()) {
      for (const o of flat(outline(f))) expect(o.y, `${f}: "${o.title}" on page ${o.page}`).toBeGreaterThan(floor);
    }
  });

  it('gives every visual alternative text in the tagged PDF', async () => {
    const sheets = (await loadWeek(DATA, WEEK)).sheets;
    const view = composeBriefing(sheets, await loadAudience(TEMPLATES, 'analyst'), { week: WEEK });
    const visuals = view.topics.reduce((n, t) => n + (t.status ? 1 : 0) + (t.status?.milestones.length ? 1 : 0) + t.keyJudgments.length, 0);
    const raw = readFileSync(analyst()).toString('latin1');
    // One Figure per visual, each with its text (no untexted Figure wrapped around it).
    expect(raw.match(/\/S \/Figure/g)?.length ?? 0).toBe(visuals);
    expect(raw.match(/\/Alt [(<]/g)?.length ?? 0).toBe(visuals);
  });

  it.skipIf(!QPDF)('tags expert quotes as BlockQuote, and maps every structure type PDF 1.7 does not define (RoleMap)', async () => {
    const sheets = (await loadWeek(DATA, WEEK)).sheets;
    const quotes = sheets.reduce((n, s) => n + s.expert_views.filter((v) => v.kind === 'quote').length, 0);
    const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', analyst()])) as { qpdf: [unknown, Record<string, { value?: unknown }>] };
    const objects = Object.values(json.qpdf[1]).map((o) => o.value);
    const elements = objects.filter((o): o is Record<string, string> => !!o && typeof o === 'object' && (o as Record<string, unknown>)['/Type'] === '/StructElem');
    const types = elements.map((e) => e['/S']!.slice(1));
    expect(types.filter((t) => t === 'BlockQuote')).toHaveLength(quotes);
    const STANDARD = new Set(['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure', 'Formula', 'Form']);
    const root = objects.find((o) => !!o && typeof o === 'object' && (o as Record<string, unknown>)['/Type'] === '/StructTreeRoot') as Record<string, unknown>;
    const roleMap = (root['/RoleMap'] ?? {}) as Record<string, string>;
    const others = [...new Set(types.filter((t) => !STANDARD.has(t)))];
    expect(others.length).toBeGreaterThan(0); // the changes box is an <aside>: Chromium tags it Aside (PDF 2.0)
    for (const t of others) expect(STANDARD.has(roleMap[`/${t}`]?.slice(1) ?? ''), `${t} → ${roleMap[`/${t}`]}`).toBe(true);
  });

  it('prints a contents page whose page numbers are right', async () => {
    const sheets = (await loadWeek(DATA, WEEK)).sheets;
    const view = composeBriefing(sheets, await loadAudience(TEMPLATES, 'analyst'), { week: WEEK });
    const entries = tocEntries(view);
    const pages = await pageTexts(readFileSync(analyst()));
    const contents = pages[1]!;
    expect(contents).toMatch(/^.*Contents/);
    let at = 0;
    const outlineItems = QPDF ? outline(analyst()) : [];
    let topicOutline: Outline | undefined;
    for (const e of entries) {
      const re = new RegExp(`${e.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\d+)`, 'g');
      re.lastIndex = at;
      const m = re.exec(contents);
      expect(m, `contents entry "${e.title}"`).not.toBeNull();
      at = re.lastIndex;
      const page = Number(m![1]);
      expect(page).toBeGreaterThan(2);
      expect(pages[page - 1]!.toLowerCase(), `"${e.title}" should be on page ${page}`).toContain(e.title.toLowerCase());
      if (QPDF) {
        if (e.level === 1) topicOutline = outlineItems.find((o) => o.title === e.title);
        const o = e.level === 1 ? topicOutline : topicOutline?.kids.find((k) => k.title === e.title);
        expect(o?.page, `outline page of "${e.title}"`).toBe(page);
      }
    }
  });

  it('prints the TLP label twice, the title, the as_of date and "Page X of Y" on every page', async () => {
    const pages = await pageTexts(readFileSync(analyst()));
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text.match(/TLP:GREEN/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(text).toContain('As of 20 September 2025');
      // The running head: the briefing on the contents page, the topic (or run of topics) on the others.
      if (i === 1) expect(text).toContain('Weekly briefing 2025-W38 · Analyst briefing');
      if (i > 1) expect(text).toMatch(/^\s*\d\. \S/m);
    });
  });

  it.skipIf(!POPPLER)('embeds every font from the npm packages, with no synthesised Type 3 glyphs', () => {
    for (const f of all()) {
      const rows = run('pdffonts', [f]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        expect(row, f).toMatch(/^[A-Z]{6}\+NotoS(ans|erif)\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      }
    }
  });

  it.skipIf(!POPPLER)('prints Chinese names as real glyphs from Noto Sans SC', async () => {
    expect(run('pdffonts', [letter()])).toMatch(/\+NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = (await pageTexts(readFileSync(letter()))).join(' ');
    expect(text).toContain('字节跳动');
    expect(text).toContain('抖音');
  });

  it.skipIf(!POPPLER)('wraps a very long URL and word inside the right margin, and keeps the URL a link', () => {
    const right = 612 - (18 / 25.4) * 72;
    const xs = [...run('pdftotext', ['-bbox', letter(), '-']).matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(right + 1);
    const text = run('pdftotext', [letter(), '-']);
    expect(text).toContain('Donaudampfschiff');
    // The URL is broken across lines anywhere (break-all): printed whole once the lines are joined.
    expect(text.replace(/\n/g, '')).toContain('query=abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789&more=1');
    const raw = readFileSync(letter()).toString('latin1');
    expect(raw).toContain('/URI (https://example.com/a/very/long/path/that/never/breaks/');
  });

  it('links citations to the source list and contents entries to the sections', () => {
    const raw = readFileSync(analyst()).toString('latin1');
    expect(raw).toMatch(/\/Dest \/t1-src-cnn-2025-09-20/);
    for (const d of ['t1', 't1-bluf', 't1-sources', 't2', 't2-key-judgments']) expect(raw).toContain(`/Dest /${d}`);
    expect(raw).toMatch(/\/PageMode \/UseOutlines/);
  });
});
