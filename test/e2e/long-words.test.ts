/**
 * Words with no break opportunity (an identifier, a URL-like name, a long compound) in every printed
 * field, every audience: nothing is cut, runs off the page or under the TLP label. `--verify` finds
 * every block of the page's text in the PDF, every word pdftotext finds lies inside the sheet's
 * printable area (5 mm from each edge), and no inserted word is cut short. Before: a party's name
 * made its column as wide as its longest word, so the positions were squeezed to a word a line and
 * the table ran off the page, the words past its edge lost; a sticking point's title without its
 * table, and a contents entry's title with its page number, were clipped (a flex item is as wide as
 * its longest word); a heading broke across pages; a topic's title ran under the running head's
 * TLP label and off the page.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Session } from '../../src/app/session.js';
import { DATA, weeksOnly, TEMPLATES, hasTool, tempDir } from '../helpers.js';

const tmp = tempDir('brief-long-words-');
const session = new Session({ printerOptions: { concurrency: 2 }, cacheDir: join(tmp.dir, 'cache') });
afterAll(async () => {
  await session.close();
  tmp.cleanup();
});

/** The k-th word: `n` characters with no break opportunity (wide letters, or a long mixed-case word), named Q<k> to be told apart. */
const word = (n: number, k: number) => `Q${k}${(k % 2 === 0 ? 'Mw'.repeat(n) : 'Supercalifragilisticexpialidocious'.repeat(5))}`.slice(0, n);
const words: string[] = [];

/** Fields replaced by one long word (each within its schema limit), and fields that get one appended. */
const REPLACED: Record<string, number> = { title: 120, topic: 80, name: 110, label: 120, stance: 110, affiliation: 120, role: 120, speaker: 120, publisher: 120, author: 120 };
const APPENDED = new Set(['statement', 'summary']);

/** Words in table cells are left out of the check for cut words: pdftotext reads a table's cells interleaved. */
const take = (w: string, path: string) => { if (!/parties|milestones/.test(path)) words.push(w); return w; };

function longWordWeek(): string {
  const data = join(tmp.dir, 'data');
  cpSync(DATA, data, { recursive: true, filter: weeksOnly });
  let k = 0;
  const walk = (v: unknown, key?: string, path = ''): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, key, `${path}/${i}`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([kk, x]) => [kk, walk(x, kk, `${path}/${kk}`)]));
    if (typeof v !== 'string' || key === undefined) return v;
    if (REPLACED[key] !== undefined) return `X ${take(word(REPLACED[key]! - 2, k++), path)}`;
    if (APPENDED.has(key) && v.length < 100) return `${v} ${take(word(90, k++), path)}`;
    return v;
  };
  for (const week of readdirSync(data)) {
    for (const f of readdirSync(join(data, week))) {
      const file = join(data, week, f);
      writeFileSync(file, stringify(walk(parse(readFileSync(file, 'utf8')))));
    }
  }
  return data;
}

/**
 * The inserted words a PDF shows cut: wherever its text (pdftotext, which leaves out what lies
 * off the page or is clipped) has a word's start, the whole word follows, or its start and "…"
 * (the executive page's and a running head's shortened texts).
 */
function cut(pdf: string): string[] {
  // The pages' text without their running heads (up to the head's TLP label) and feet (from the
  // as-of date), joined: a word that runs on to the next page is read whole.
  const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').map((page) => {
    const lines = page.split('\n');
    const label = lines.findIndex((l) => /^TLP:[A-Z+]+$/.test(l.trim()));
    const foot = lines.findIndex((l) => /^As of /.test(l.trim()));
    return lines.slice(label < 0 || label > 6 ? 0 : label + 1, foot < 0 ? undefined : foot).join('\n');
  });
  const text = pages.join('').replace(/[\s\u200b]+/g, '');
  const out: string[] = [];
  for (const w of words) {
    const start = w.slice(0, w.indexOf('M') > 0 && w.indexOf('M') < 6 ? w.indexOf('M') + 2 : 6);
    for (let at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
      if (text.startsWith(w, at)) continue;
      let n = start.length;
      while (n < w.length && text[at + n] === w[n]) n++;
      if (text[at + n] !== '…') out.push(`${w.slice(0, 12)}… (${n} of ${w.length} characters)`);
    }
  }
  return out;
}

/** Words whose box leaves the printable area (5 mm from the edges, where printers print): [page, word, xMin, yMin, xMax, yMax]. */
function offPage(pdf: string): [number, string, number, number, number, number][] {
  const out: [number, string, number, number, number, number][] = [];
  let page = 0;
  let width = 0;
  let height = 0;
  const edge = (5 / 25.4) * 72;
  for (const line of execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
    if (p) { page++; width = Number(p[1]); height = Number(p[2]); continue; }
    const w = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (!w) continue;
    const [x0, y0, x1, y1] = [1, 2, 3, 4].map((i) => Number(w[i]));
    if (x0! < edge || y0! < edge || x1! > width - edge || y1! > height - edge) out.push([page, w[5]!.slice(0, 30), x0!, y0!, x1!, y1!]);
  }
  return out;
}

describe.skipIf(!hasTool('pdftotext'))('words with no break opportunity', () => {
  it('in every printed field, every audience: every word on the page, inside its margins, and every block in the PDF (--verify)', async () => {
    const data = longWordWeek();
    const result = await build({ dataDir: data, templatesDir: TEMPLATES, outDir: join(tmp.dir, 'out'), week: '2025-W38', session, verify: true });
    expect(result.documents.map((d) => d.audience).sort()).toEqual(['analyst', 'executive', 'public']);
    for (const doc of result.documents) {
      expect(JSON.stringify(offPage(doc.path)), doc.path).toBe('[]');
      expect(cut(doc.path), doc.path).toEqual([]);
    }
    // An audience without the positions' tables: a sticking point's title stands alone in its head.
    const templates = join(tmp.dir, 'templates');
    mkdirSync(join(templates, 'audiences', 'titles'), { recursive: true });
    writeFileSync(join(templates, 'audiences', 'titles', 'audience.yaml'),
      readFileSync(join(TEMPLATES, 'audiences', 'public', 'audience.yaml'), 'utf8').replace(/^( +positions:) true$/m, '$1 false'));
    const titles = await build({ dataDir: data, templatesDir: templates, outDir: join(tmp.dir, 'out-titles'), week: '2025-W38', audiences: ['titles'], session, verify: true });
    expect(JSON.stringify(offPage(titles.documents[0]!.path))).toBe('[]');
    expect(cut(titles.documents[0]!.path)).toEqual([]);
  }, 120_000);
});
