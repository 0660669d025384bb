import { rankStickingPoints } from '../../src/compose/compose.js';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { run } from '../../src/cli/main.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { Printer } from '../../src/print/printer.js';
import { DATA, TEMPLATES, readPdf, squash, tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';

const WEEK = '2025-W38';
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: {}, isTTY: false });
  return { code, stdout, stderr };
}

/** A new audience is a folder of config and templates: no code. */
describe('audiences as folders', () => {
  const tmp = tempDir();
  const templates = join(tmp.dir, 'templates');
  const out = join(tmp.dir, 'out');
  const printer = new Printer();

  beforeAll(() => {
    cpSync(TEMPLATES, templates, { recursive: true });
    const dir = join(templates, 'audiences', 'brief-test');
    mkdirSync(join(dir, 'partials'), { recursive: true });
    writeFileSync(join(dir, 'audience.yaml'), [
      'title: Test audience', 'description: Made by the audiences test.', 'max_handling: TLP:CLEAR', 'page_size: Letter',
      'sections: [bluf, sticking_points]', 'limits: { sticking_points: 2 }', 'show: { positions: false }', '',
    ].join('\n'));
    writeFileSync(join(dir, 'partials', 'section-bluf.hbs'), '<section class="bluf"><p class="marker">MARKER-7Q2 override partial</p><p>{{bluf.text}}</p></section>\n');
    writeFileSync(join(dir, 'style.css'), '.marker { color: rgb(1, 2, 3); }\n');
  });
  afterAll(async () => {
    await printer.close();
    tmp.cleanup();
  });

  it('brief audiences lists the new audience with its description, page size, marking and budget', async () => {
    const r = await cli(['audiences', '--templates', templates]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^AUDIENCE\s+PAGE\s+MAX MARKING\s+BUDGET\s+DESCRIPTION$/);
    expect(lines.find((l) => l.startsWith('brief-test'))).toMatch(/^brief-test\s+Letter\s+TLP:CLEAR\s+-\s+Made by the audiences test\.$/);
    expect(lines.find((l) => l.startsWith('executive'))).toMatch(/^executive\s+A4\s+TLP:AMBER\s+1 page\s+A one-page read/);
  });

  it('builds with its own partial and stylesheet, the base partials for the rest, on Letter paper', async () => {
    const result = await build({ dataDir: DATA, templatesDir: templates, outDir: out, week: WEEK, audiences: ['brief-test'], printer, writeHtml: true });
    const path = join(out, WEEK, 'brief-test.pdf');
    expect(result.documents.map((d) => d.path)).toEqual([path]);
    const pdf = await readPdf(path);
    expect(pdf.text).toContain('MARKER-7Q2 override partial');
    const { sheets } = await loadWeek(DATA, WEEK);
    // Sticking points come from the base partial, limited to two per topic, without positions.
    for (const s of sheets) {
      expect(pdf.text).toContain(squash(s.sticking_points[0]!.title));
      expect(pdf.text).not.toContain(squash(s.sticking_points[2]!.title));
    }
    expect(pdf.text).not.toContain('Flexibility'); // the positions table's header: show.positions is false
    expect(pdf.text).not.toContain('Bottom line up front'); // the base BLUF partial was overridden
    const html = readFileSync(join(out, WEEK, 'brief-test.html'), 'utf8');
    expect(html).toContain('.marker { color: rgb(1, 2, 3); }');
    const page = (await PDFDocument.load(readFileSync(path))).getPage(0).getSize();
    expect([Math.round(page.width), Math.round(page.height)]).toEqual([612, 792]);
  });

  it('the executive briefing is exactly one page holding every topic', async () => {
    const result = await build({ dataDir: DATA, templatesDir: templates, outDir: out, week: WEEK, audiences: ['executive'], printer });
    expect(result.documents[0]!.pages).toBe(1);
    const pdf = await readPdf(result.documents[0]!.path);
    expect(pdf.pages).toBe(1);
    const { sheets } = await loadWeek(DATA, WEEK);
    expect(sheets.length).toBeGreaterThanOrEqual(2);
    // Every topic: its title and the start of its bottom line (a topic the page had to shrink keeps
    // the BLUF's first sentence); the first topic in full, its top-ranked sticking point shown.
    for (const s of sheets) {
      expect(pdf.text).toContain(squash(s.title));
      expect(pdf.text).toContain(squash(s.bluf.text).slice(0, 60));
    }
    const top = rankStickingPoints(sheets[0]!.sticking_points)[0]!;
    expect(pdf.text).toContain(squash(top.title));
  });

  it('a briefing over its page budget fails and says by how much', async () => {
    const dir = join(templates, 'audiences', 'too-long');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'audience.yaml'), 'title: Too long\ndescription: Over budget.\nmax_handling: TLP:AMBER\npage_budget: 1\nsections: [bluf, status, sticking_points, expert_views, key_judgments]\n');
    await expect(build({ dataDir: DATA, templatesDir: templates, outDir: out, week: WEEK, audiences: ['too-long'], printer }))
      .rejects.toThrow(/too-long\.pdf: \d+ pages, over the too-long audience's budget of 1 by \d+ pages?/);
  });

  it('an invalid audience config is a usage error naming the file and the field', async () => {
    const dir = join(templates, 'audiences', 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'audience.yaml'), 'title: Bad\ndescription: Bad.\nmax_handling: TLP:AMBER\npage_size: A5\nsections: [bluf]\n');
    const r = await cli(['audiences', '--templates', templates]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid audience config \(one problem\):\n\s+.*audiences\/bad\/audience\.yaml:4:12: page_size is 'A5'; it must be one of A4, Letter/);
  });

  it('an invalid one among others checked at the same moment keeps its own problems, in the file\'s order (the validator is shared)', async () => {
    const own = join(tmp.dir, 'templates-race');
    cpSync(TEMPLATES, own, { recursive: true });
    const dir = join(own, 'audiences', 'aaa-bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'audience.yaml'), 'title: 42\ndescription: Bad.\nmax_handling: TLP:AMBER\nsections: [bluf]\nbogus_key: 1\n');
    // a fresh process each time: the message's module loads while the other audiences are checked
    for (let round = 0; round < 3; round++) {
      const r = await brief(['audiences', '--templates', own]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/invalid audience config \(2 problems\):\n\s+.*aaa-bad\/audience\.yaml:1:8: title must be a text; got 42\n\s+.*aaa-bad\/audience\.yaml:5:1: unknown key 'bogus_key'/);
    }
  });
});
