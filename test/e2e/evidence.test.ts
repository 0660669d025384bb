import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../process-helpers.js';
import { readPdf, ROOT, squash, tempDir } from '../helpers.js';

describe('brief evidence (the audit trail)', () => {
  it('lists each claim with its sources and grades, and every quote with the archive passage found', async () => {
    const r = await brief(['evidence', '--week', '2025-W38', '--topic', 'tiktok-us-spinoff']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2025-W38 · TikTok: the U.S. spin-off talks [tiktok-us-spinoff] · as of 2025-09-20');
    expect(r.stdout).toContain('  BLUF — cnn-2025-09-20 B2, bargaining-chip-web F3\n');
    expect(r.stdout).toMatch(/quote “approved the TikTok deal”\n\s+found in cnn-2025-09-20: “…[^”]*On Friday, Trump that he and Xi had "approved the TikTok deal" follow/);
    expect(r.stdout).toContain("key judgment 'kj-deadline-extended-again' (very likely, moderate confidence) — cnn-2025-09-20 B2, linchpin-state-media D3");
    expect(r.stdout).toContain('caution: Quotes experts no other source names and may be fabricated');
    expect(r.stdout).not.toContain('NOT FOUND');
    expect(r.stdout).not.toContain('us-china-trade');
    // the sheets' warnings in one line, as after a build (`brief validate` lists them)
    expect(r.stderr).toMatch(/^brief: \d+ warnings? in 1 fact sheet \(not errors; `brief validate` lists them\)\n$/);
  });

  it('--json gives the same as data, and a reconstructed week says so', async () => {
    const r = await brief(['evidence', '--week', '2025-W37', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { week: string; topics: { id: string; reconstructed?: string; claims: { what: string; singleSource: boolean; quotes: { found?: unknown }[] }[]; sources: { id: string; archive?: { readable: boolean } }[] }[] };
    expect(report.topics.map((t) => t.id)).toEqual(['tiktok-us-spinoff', 'us-china-trade']);
    for (const t of report.topics) {
      expect(t.reconstructed).toMatch(/^Written after the fact, not on 12 September/);
      expect(t.sources.every((s) => s.archive?.readable)).toBe(true);
      expect(t.claims.flatMap((c) => c.quotes).every((q) => q.found)).toBe(true);
    }
    const truce = report.topics[1]!.claims.find((c) => c.what.startsWith("key judgment 'kj-truce-holds-to-november'"));
    expect(truce?.singleSource).toBe(true);
  });

  it('refuses an unknown topic with exit 2', async () => {
    const r = await brief(['evidence', '--topic', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no topic 'nope' in 2025-W38");
  });
});

describe('the sample PDFs say what the editions are and carry the sources’ warnings', () => {
  const tmp = tempDir();
  const text = new Map<string, string>();
  const page1 = new Map<string, string>();
  beforeAll(async () => {
    const r = await brief(['build', '--week', 'all', '--out', tmp.dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const week of ['2025-W37', '2025-W38']) for (const a of ['analyst', 'executive', 'public']) {
      const pdf = await readPdf(join(tmp.dir, week, `${a}.pdf`));
      text.set(`${week}/${a}`, pdf.text);
      page1.set(`${week}/${a}`, squash(pdf.raw.split(/-- 1 of \d+ --/)[0] ?? ''));
      expect(page1.get(`${week}/${a}`)!.length).toBeLessThan(pdf.text.length);
    }
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('every audience’s W37 PDF says on page 1 that the edition is reconstructed, with its basis', () => {
    for (const a of ['analyst', 'executive', 'public']) {
      expect(page1.get(`2025-W37/${a}`), a).toContain('Reconstructed edition. Written after the fact, not on 12 September: every source in hand was published after the Madrid talks');
      expect(page1.get(`2025-W38/${a}`), a).not.toContain('Reconstructed edition');
    }
  });

  it('W38 changes measured against W37 say it was a reconstruction (audiences that print changes)', () => {
    for (const a of ['analyst', 'public']) expect(text.get(`2025-W38/${a}`), a).toContain('so these changes are measured against a reconstruction: Written after the fact');
  });

  it('the public PDF warns beside the fabricated-expert source and the rewrite, and flags the one-source judgment', () => {
    const pub = text.get('2025-W38/public')!;
    expect(pub).toContain('“China’s TikTok Compromise: A Strategic Bargaining Chip in US-China Relations”. Caution: Judged unreliable. What it reports is improbable. Quotes experts no other source names and may be fabricated');
    expect(pub).toContain('Caution: Judged unreliable. A rewrite of another source (CNN), not independent of it.');
    expect(pub).toContain('Rests on one independent source (CNN).');
    expect(pub).toContain('Outcome: outcome unreported');
  });
});
