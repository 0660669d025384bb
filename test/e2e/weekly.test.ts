import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAudience } from '../../src/load/audience.js';
import { build, renderBriefing, type BuildResult } from '../../src/app/build.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { formatDate } from '../../src/util/dates.js';
import { loadPreviousEditions } from '../../src/validate/previous.js';
import { Printer } from '../../src/print/printer.js';
import { loadTemplateSet } from '../../src/render/render.js';
import type { FactSheet } from '../../src/schema/index.js';
import { weeklyDiff, type WeeklyDiff } from '../../src/app/weekly-diff.js';
import { DATA, ROOT, TEMPLATES, readPdf, squash, tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';

const WEEK = '2025-W38';

/** End to end: the W38 weekly briefing, compared with W37, read back from the PDFs. */
describe(`the ${WEEK} weekly briefing`, () => {
  const tmp = tempDir();
  const printer = new Printer();
  let result: BuildResult;
  let sheets: FactSheet[];
  const pdf: Record<string, string> = {};
  const diffs: Record<string, WeeklyDiff> = {};

  beforeAll(async () => {
    sheets = (await loadWeek(DATA, WEEK)).sheets;
    result = await build({ dataDir: DATA, templatesDir: TEMPLATES, outDir: tmp.dir, week: WEEK, audiences: ['analyst', 'public'], printer });
    for (const a of ['analyst', 'public']) {
      pdf[a] = (await readPdf(join(tmp.dir, WEEK, `${a}.pdf`))).text;
      diffs[a] = await weeklyDiff({ dataDir: DATA, week: WEEK, maxHandling: (await loadAudience(TEMPLATES, a)).max_handling });
    }
  });
  afterAll(async () => {
    await printer.close();
    tmp.cleanup();
  });

  it('has a cover with the week, its date range, the marking and a summary line per topic', () => {
    for (const doc of result.documents) {
      const text = pdf[doc.audience]!;
      expect(text).toContain(`Weekly briefing ${WEEK}`);
      expect(text).toContain('15 September 2025 – 21 September 2025');
      expect(text).toContain(`Handling: ${doc.marking}`);
      for (const s of sheets) expect(text).toContain(squash(s.summary!));
    }
    expect(result.documents.find((d) => d.audience === 'public')!.marking).toBe('TLP:CLEAR');
  });

  it('has a table of contents listing every topic in order (analyst)', () => {
    const text = pdf.analyst!;
    const contents = text.indexOf('Contents');
    expect(contents).toBeGreaterThan(0);
    let at = contents;
    sheets.forEach((s, i) => {
      const entry = text.indexOf(`${i + 1}. ${squash(s.title)}`, at);
      expect(entry).toBeGreaterThan(at);
      at = entry;
    });
  });

  it('opens each chapter’s changes with the comparison against W37, and prints every change the diff found', async () => {
    for (const a of ['analyst', 'public']) {
      const hasContents = (await loadAudience(TEMPLATES, a)).sections.includes('contents');
      const text = pdf[a]!;
      const diff = diffs[a]!;
      expect(diff.topics.length).toBe(sheets.length);
      // once per chapter, and once more per chapter on the contents page of an audience that has one
      const listed = hasContents ? sheets.length : 0;
      expect(text.split('What changed since the last edition').length - 1).toBe(sheets.length + listed);
      for (const t of diff.topics) {
        expect(t.previousWeek).toBe('2025-W37');
        expect(text).toContain(`Compared with the 2025-W37 edition (as of ${formatDate(t.changes!.previousAsOf)})`);
        expect(t.lines.length).toBeGreaterThan(0);
        // Lines may wrap at a hyphen, which the PDF text drops: compare without hyphens and spaces.
        const flat = (s: string) => s.replace(/[-\s]/g, '');
        for (const line of t.lines) {
          expect(flat(text)).toContain(flat(line.text));
          // The reasons of judgment moves are judgment details, which the partner briefing hides.
          if (line.detail && a === 'analyst') expect(flat(text)).toContain(flat(line.detail));
          if (line.detail && a === 'public') expect(flat(text)).not.toContain(flat(line.detail));
        }
      }
    }
  });

  it('reports the specific W37 → W38 changes the sources support', () => {
    const text = pdf.analyst!;
    // TikTok: the Madrid "basic framework consensus" moved the talks to a framework.
    expect(text).toContain('Stage moved from Negotiating to Framework agreed');
    expect(text).toContain('Newly planned, October 2025: Trump–Xi meeting at the APEC summit in South Korea.');
    expect(text).toMatch(/Likelihood up from unlikely to roughly even chance \(45–55%\): A final, signed agreement spinning off TikTok/);
    expect(text).toContain('Confidence: still low.');
    expect(text).toContain('Why: Up from unlikely in the reconstructed W37 edition: the Madrid “basic framework consensus”');
    // W37 was reconstructed later: the changes say what they are measured against.
    expect(text).toContain('so these changes are measured against a reconstruction: Written after the fact, not on 12 September');
    // Trade: new sticking points named in the sources, and the truce judgment moved up.
    expect(text).toContain('New sticking point (open, high significance): U.S. semiconductor export controls.');
    expect(text).toContain('Rare earths and high-tech magnets');
    expect(text).toMatch(/Likelihood up from likely to very likely \(80–95%\): Neither side will reimpose or raise tariffs/);
    expect(text).toContain('Confidence: still moderate.');
  });
});

describe('changes never mention what an audience may not see', () => {
  it('a new TLP:GREEN milestone appears in the analyst changes, and nowhere in the public briefing', async () => {
    const tmp = tempDir();
    try {
      cpSync(DATA, tmp.dir, { recursive: true });
      const file = join(tmp.dir, WEEK, 'tiktok-us-spinoff.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('  milestones:\n');
      writeFileSync(file, text.replace('  milestones:\n', `  milestones:\n    - { id: test-restricted, date: "2019", title: "Restricted test milestone", state: occurred, handling: "TLP:GREEN", sources: [cnn-2025-09-20] }\n`));
      const loaded = await loadWeek(tmp.dir, WEEK);
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const previous = await loadPreviousEditions(tmp.dir, WEEK, loaded.sheets.map((s) => s.id));
      const html = async (name: string) => renderBriefing(loaded.sheets, await loadTemplateSet(TEMPLATES, await loadAudience(TEMPLATES, name)), WEEK, previous).html;
      expect(await html('analyst')).toContain('New milestone, 2019: Restricted test milestone.');
      const pub = await html('public');
      expect(pub).toContain('What changed since the last edition');
      expect(pub).not.toContain('Restricted test milestone');
    } finally {
      tmp.cleanup();
    }
  });
});


describe('a topic the week no longer covers', () => {
  it('is named on the cover and by brief diff (text and JSON), for the audiences that may see its title; an edit of it rebuilds', async () => {
    const tmp = tempDir();
    const printer = new Printer();
    try {
      cpSync(DATA, tmp.dir, { recursive: true });
      expect((await brief(['new-week', '--data', tmp.dir, '2025-W39'])).code).toBe(0);
      rmSync(join(tmp.dir, '2025-W39', 'us-china-trade.yaml'));
      const out = join(tmp.dir, 'out');
      const opts = { dataDir: tmp.dir, templatesDir: TEMPLATES, outDir: out, week: '2025-W39', audiences: ['analyst', 'public', 'executive'], printer };
      await build(opts);
      const line = 'Not in this edition (covered in 2025-W38): US–China trade: the tariff truce and the wider deal';
      for (const a of ['analyst', 'public', 'executive']) {
        const text = (await readPdf(join(out, '2025-W39', `${a}.pdf`))).text.replace(/\s+/g, ' ');
        expect(text, a).toContain(line); // the executive page at its foot
      }
      const exec = await readPdf(join(out, '2025-W39', 'executive.pdf'));
      expect(exec.pages).toBe(1);
      const text = await brief(['diff', '--data', tmp.dir, '--week', '2025-W39']);
      expect(text.stdout).toContain('Not in this edition (covered in 2025-W38):\n  US–China trade: the tariff truce and the wider deal [us-china-trade]');
      const json = JSON.parse((await brief(['diff', '--data', tmp.dir, '--week', '2025-W39', '--json'])).stdout) as { dropped: unknown };
      expect(json.dropped).toEqual([{ id: 'us-china-trade', title: 'US–China trade: the tariff truce and the wider deal', week: '2025-W38' }]);
      // one topic asked for: the others are not "dropped"
      expect((await brief(['diff', '--data', tmp.dir, '--week', '2025-W39', '--topic', 'tiktok-us-spinoff'])).stdout).not.toContain('Not in this edition');
      // above an audience's level, the dropped topic's title is not named for it
      const prev = join(tmp.dir, '2025-W38', 'us-china-trade.yaml');
      writeFileSync(prev, readFileSync(prev, 'utf8').replace(/^handling: .*$/m, 'handling: TLP:AMBER').replace(/^title: .*$/m, 'title: "Trade: a restricted title"'));
      const again = await build(opts);
      expect(again.documents.every((d) => !d.skipped), 'an edit of the dropped topic\'s sheet rebuilds').toBe(true);
      expect((await readPdf(join(out, '2025-W39', 'analyst.pdf'))).text).toContain('Not in this edition (covered in 2025-W38): Trade: a restricted title');
      expect((await readPdf(join(out, '2025-W39', 'public.pdf'))).text).not.toMatch(/Not in this edition|restricted title/);
      expect((await readPdf(join(out, '2025-W39', 'executive.pdf'))).text.replace(/\s+/g, ' ')).toContain('Not in this edition (covered in 2025-W38): Trade: a restricted title');
    } finally {
      await printer.close();
      tmp.cleanup();
    }
  }, 120_000);
});

describe('brief diff and brief new-week', () => {
  it('diff --json gives the typed changes and their sentences', async () => {
    const r = await brief(['diff', '--week', WEEK, '--topic', 'tiktok-us-spinoff', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { week: string; topics: { id: string; previousWeek: string; changes: { kind: string; from?: string; to?: string }[]; lines: { text: string }[] }[] };
    expect(out.week).toBe(WEEK);
    expect(out.topics.map((t) => t.id)).toEqual(['tiktok-us-spinoff']);
    expect(out.topics[0]!.previousWeek).toBe('2025-W37');
    expect(out.topics[0]!.changes).toContainEqual({ kind: 'stage', from: 'negotiating', to: 'framework_agreed', since: '2025-09' });
    expect(out.topics[0]!.lines.length).toBe(out.topics[0]!.changes.length);
    // W37 was reconstructed: the comparison says so
    expect((out.topics[0] as unknown as { previousReconstructed: string }).previousReconstructed).toMatch(/^Written after the fact, not on 12 September/);
    const text = await brief(['diff', '--week', WEEK, '--topic', 'tiktok-us-spinoff']);
    expect(text.stdout).toContain('(The 2025-W37 edition was reconstructed later: Written after the fact');
  });

  it('diff says first coverage for the first week, and refuses an unknown topic with exit 2', async () => {
    const first = await brief(['diff', '--week', '2025-W37']);
    expect(first.code).toBe(0);
    expect(first.stdout.split('First coverage: no earlier edition of this topic.').length - 1).toBe(2);
    const bad = await brief(['diff', '--topic', 'no-such-topic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no topic 'no-such-topic'");
  });

  it('new-week writes the next week into a copy of data/, then refuses to overwrite it', async () => {
    const tmp = tempDir();
    try {
      cpSync(DATA, tmp.dir, { recursive: true });
      const first = await brief(['new-week', '--data', tmp.dir, '2025-W39']);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`wrote ${join(tmp.dir, '2025-W39', 'tiktok-us-spinoff.yaml')}`);
      const diff = await brief(['diff', '--data', tmp.dir, '--week', '2025-W39']);
      expect(diff.stdout.split('Nothing changed since the 20 September 2025 edition.').length - 1).toBe(2);
      const again = await brief(['new-week', '--data', tmp.dir, '2025-W39']);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exist');
      expect(again.stderr).toContain(join(tmp.dir, '2025-W39', 'us-china-trade.yaml'));
    } finally {
      tmp.cleanup();
    }
  });
});
