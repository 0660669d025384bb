import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAudiences } from '../../src/load/audience.js';
import { build, type BuildResult } from '../../src/app/build.js';
import { composeBriefing } from '../../src/compose/compose.js';
import { loadWeek } from '../../src/validate/sheets.js';
import { Printer } from '../../src/print/printer.js';
import { TLP_LEVELS, tlpRank, type FactSheet, type Tlp } from '../../src/schema/index.js';
import { FIXTURES, TEMPLATES, tempDir } from '../helpers.js';
import { pageTexts, pdfInternals } from '../pdf-strings.js';

/**
 * Handling: nothing above an audience's TLP level may reach its HTML or PDF. The fixture's
 * restricted items each hold a unique canary (KX<kind><level>, ids kxsrcid-<level> …); the level of
 * a canary is the least restrictive level at which it may be shown, read from its suffix.
 */
const DATA = join(FIXTURES, 'handling');
const WEEK = '2025-W38';
const CODES: Record<string, Tlp> = { clr: 'TLP:CLEAR', grn: 'TLP:GREEN', amb: 'TLP:AMBER', str: 'TLP:AMBER+STRICT', red: 'TLP:RED' };

interface Canary { token: string; level: Tlp; kind: 'text' | 'id' }
function canaries(): Canary[] {
  const found = new Map<string, Canary>();
  for (const f of readdirSync(DATA).flatMap((w) => readdirSync(join(DATA, w)).map((f) => join(w, f)))) {
    const yaml = readFileSync(join(DATA, f), 'utf8');
    for (const m of yaml.matchAll(/\b(KX[A-Z]+?)(CLR|GRN|AMB|STR|RED)\b/g)) found.set(m[0], { token: m[0], level: CODES[m[2]!.toLowerCase()]!, kind: 'text' });
    for (const m of yaml.matchAll(/\b(kxsrcu)(clr|grn|amb|str|red)\b/g)) found.set(m[0], { token: m[0], level: CODES[m[2]!]!, kind: 'text' });
    for (const m of yaml.matchAll(/\b(kxsrcid|kxkjid)-(clr|grn|amb|str|red)\b/g)) found.set(m[0], { token: m[0], level: CODES[m[2]!]!, kind: 'id' });
  }
  return [...found.values()];
}

const above = (c: Canary, max: Tlp) => tlpRank(c.level) > tlpRank(max);
const FULL = (level: Tlp) => `full-${level.replace('TLP:', '').replace('+', '-').toLowerCase()}`;

describe('handling: canaries above an audience level never reach its HTML or PDF', () => {
  const tmp = tempDir();
  const templates = join(tmp.dir, 'templates');
  const out = join(tmp.dir, 'out');
  const printer = new Printer();
  const all = canaries();
  let result: BuildResult;
  const shipped = ['analyst', 'executive', 'public', 'changes-only'];
  const full = TLP_LEVELS.map(FULL);
  const maxOf: Record<string, Tlp> = {};
  const docs: Record<string, { html: string; pdf: Uint8Array; pages: string[]; internals: string; marking: string }> = {};

  beforeAll(async () => {
    // The shipped audiences, plus one audience per level that prints every section and detail.
    cpSync(TEMPLATES, templates, { recursive: true });
    for (const level of TLP_LEVELS) {
      const dir = join(templates, 'audiences', FULL(level));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'audience.yaml'), `title: Everything up to ${level}\ndescription: Test audience.\nmax_handling: ${level}\n` +
        'sections: [cover, contents, bluf, changes, status, timeline, sticking_points, key_judgments, expert_views, watch_next, notes, source_summary, sources]\n');
    }
    // Items dropped since last week are mentioned only in "changes": they must count for the marking.
    mkdirSync(join(templates, 'audiences', 'changes-only'), { recursive: true });
    writeFileSync(join(templates, 'audiences', 'changes-only', 'audience.yaml'), 'title: Changes only\ndescription: Test audience.\nmax_handling: TLP:AMBER\nsections: [bluf, changes]\n');
    for (const a of await loadAudiences(templates)) maxOf[a.name] = a.max_handling;
    result = await build({ dataDir: DATA, templatesDir: templates, outDir: out, week: WEEK, audiences: [...shipped, ...full], printer, writeHtml: true });
    for (const d of result.documents) {
      const pdf = new Uint8Array(readFileSync(d.path));
      docs[d.audience] = { html: readFileSync(d.htmlPath!, 'utf8'), pdf, pages: await pageTexts(pdf), internals: await pdfInternals(pdf), marking: d.marking };
    }
  }, 180_000);
  afterAll(async () => {
    await printer.close();
    tmp.cleanup();
  });

  it('has canaries at every level, of every kind', () => {
    for (const level of TLP_LEVELS) expect(all.filter((c) => c.level === level).length).toBeGreaterThan(15);
    expect(all.some((c) => c.kind === 'id')).toBe(true);
    expect(Object.keys(docs).sort()).toEqual([...shipped, ...full].sort());
  });

  it.each([...shipped, ...TLP_LEVELS.map(FULL)])('%s: no canary above its level in the view model, the HTML, the PDF text or the PDF internals', async (name) => {
    const max = maxOf[name]!;
    const doc = docs[name]!;
    const text = doc.pages.join(' ');
    const sheets: FactSheet[] = (await loadWeek(DATA, WEEK)).sheets;
    const [audience] = await loadAudiences(templates, [name]);
    const view = JSON.stringify(composeBriefing(sheets, audience!, { week: WEEK }));
    const leaks = all.filter((c) => above(c, max)).flatMap((c) => [
      ...(view.includes(c.token) ? [`${c.token} in the view model`] : []),
      ...(doc.html.includes(c.token) ? [`${c.token} in the HTML`] : []),
      ...(text.includes(c.token) ? [`${c.token} in the PDF text`] : []),
      ...(doc.internals.includes(c.token) ? [`${c.token} in the PDF bytes, streams, outline or metadata`] : []),
    ]);
    expect(leaks).toEqual([]);
  });

  it.each(TLP_LEVELS.map((l) => [FULL(l), l] as const))('%s: every canary at or below %s is printed (so the filter does not simply drop everything)', (name, max) => {
    const doc = docs[name]!;
    const text = doc.pages.join(' ');
    const missing = all.filter((c) => !above(c, max)).flatMap((c) => [
      ...(c.kind === 'text' && !text.includes(c.token) ? [`${c.token} not in the PDF text`] : []),
      ...(c.kind === 'id' && c.token.startsWith('kxsrcid') && !doc.html.includes(c.token) ? [`${c.token} not in the HTML`] : []),
    ]);
    expect(missing).toEqual([]);
    // The internals scan really sees the outline (sticking-point headings) and link destinations (source anchors).
    const code = Object.entries(CODES).find(([, l]) => l === max)![0];
    expect(doc.internals).toContain(`KXSP${code.toUpperCase()}`);
    expect(doc.internals).toContain(`kxsrcid-${code}`);
  });

  it.each([...shipped, ...TLP_LEVELS.map(FULL)])('%s: every page is marked with the most restrictive level it contains, never lower', (name) => {
    const doc = docs[name]!;
    const text = doc.pages.join(' ');
    const present = all.filter((c) => c.kind === 'text' && text.includes(c.token)).map((c) => tlpRank(c.level));
    const expected = TLP_LEVELS[Math.max(0, ...present)]!;
    expect(doc.marking).toBe(expected);
    expect(tlpRank(expected)).toBeLessThanOrEqual(tlpRank(maxOf[name]!));
    for (const [i, page] of doc.pages.entries()) expect(page, `page ${i + 1}`).toContain(expected);
    // No label above the marking anywhere (the notes print their own level).
    for (const higher of TLP_LEVELS.slice(tlpRank(expected) + 1)) expect(text).not.toContain(higher);
  });

  it('full audiences are marked exactly at their maximum; the RED topic appears only at RED', () => {
    for (const level of TLP_LEVELS) expect(docs[FULL(level)]!.marking).toBe(level);
    expect(docs[FULL('TLP:RED')]!.pages.join(' ')).toContain('KXTOPICRED');
    expect(docs[FULL('TLP:AMBER+STRICT')]!.html).not.toContain('Whole topic');
  });

  it('a cleared item citing only a restricted source shows no citation', () => {
    const html = docs[FULL('TLP:CLEAR')]!.html;
    const li = /<li>[^<]*A cleared item that cites only a restricted source\.(.*?)<\/li>/s.exec(html);
    expect(li).not.toBeNull();
    expect(li![1]).not.toContain('cite');
    expect(docs[FULL('TLP:RED')]!.html).toMatch(/A cleared item that cites only a restricted source\.\u2060?<sup class="cites">/);
  });

  it('the shipped audiences: public has no notes or grades, analyst stops at AMBER, executive is one page', () => {
    expect(docs.public!.pages.join(' ')).not.toMatch(/KXNOTE|Analyst notes/);
    expect(docs.public!.marking).toBe('TLP:CLEAR');
    expect(docs.public!.html).not.toContain('class="grade"');
    expect(docs.public!.html).not.toContain('KXSRCN'); // source notes
    expect(docs.analyst!.html).toContain('class="grade"');
    expect(docs.analyst!.pages.join(' ')).toContain('KXSRCNAMB');
    expect(docs.analyst!.pages.join(' ')).toContain('KXNOTEAMB');
    expect(docs.executive!.pages).toHaveLength(1);
  });

  it('changes since last week: dropped items are mentioned up to the level, and counted in the marking', () => {
    const text = docs['changes-only']!.pages.join(' ');
    expect(text).toContain('KXSPDROPAMB');
    expect(text).toContain('KXKJDROPGRN');
    expect(text).not.toContain('KXSPDROPSTR');
    expect(docs['changes-only']!.marking).toBe('TLP:AMBER');
  });
});
