import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/app/build.js';
import { Printer } from '../../src/print/printer.js';
import { audienceOf, watch, type Watcher } from '../../src/app/watch.js';
import { DATA, TEMPLATES, readPdf, tempDir } from '../helpers.js';

type Event =
  | { kind: 'start'; files: string[]; audiences: string[] | undefined }
  | { kind: 'build'; result: BuildResult; audiences: string[] | undefined }
  | { kind: 'error'; error: unknown };

/** Watch mode in-process on a temp copy of data/ and templates/: save → rebuild; error → reported, still watching. */
describe('brief watch', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const templates = join(tmp.dir, 'templates');
  const out = join(tmp.dir, 'out');
  const printer = new Printer();
  const events: Event[] = [];
  let waiting: (() => void) | undefined;
  let watcher: Watcher;

  /** The next build or error event after `from` (skipping starts). */
  async function next(from: number, timeoutMs = 30_000): Promise<Event> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = events.slice(from).find((x) => x.kind !== 'start');
      if (e) return e;
      if (Date.now() > deadline) throw new Error(`no build or error event; got ${JSON.stringify(events.slice(from).map((x) => x.kind))}`);
      await new Promise<void>((r) => {
        waiting = r;
        setTimeout(r, 250);
      });
    }
  }
  const push = (e: Event) => {
    events.push(e);
    waiting?.();
  };
  /**
   * Wait until the builds the last test caused are over: no event for 500 ms and none running. (A
   * file changed while it was read, or a second write within 50 ms, gets one more build, rightly.)
   */
  async function settle(): Promise<void> {
    for (let seen = -1; seen !== events.length || events.at(-1)?.kind === 'start'; ) {
      seen = events.length;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  beforeAll(async () => {
    cpSync(DATA, data, { recursive: true });
    cpSync(TEMPLATES, templates, { recursive: true });
    watcher = watch({
      dataDir: data, templatesDir: templates, outDir: out, week: '2025-W38', audiences: ['executive', 'public'], printer,
      onStart: (e) => push({ kind: 'start', ...e }),
      onBuild: (result, e) => push({ kind: 'build', result, audiences: e.audiences }),
      onError: (error) => push({ kind: 'error', error }),
    });
    await watcher.ready;
  }, 90_000);
  afterAll(async () => {
    await watcher.close();
    await printer.close();
    tmp.cleanup();
  });
  beforeEach(settle, 30_000);

  it('builds the requested audiences first, writing the HTML beside each PDF', async () => {
    const first = await next(0);
    expect(first.kind).toBe('build');
    const docs = (first as Extract<Event, { kind: 'build' }>).result.documents.map((d) => d.audience).sort();
    expect(docs).toEqual(['executive', 'public']);
    for (const a of docs) {
      expect(existsSync(join(out, '2025-W38', `${a}.pdf`))).toBe(true);
      expect(readFileSync(join(out, '2025-W38', `${a}.html`), 'utf8')).toContain('<!doctype html>');
    }
  });

  it("rebuilds only the audience whose stylesheet changed", async () => {
    const from = events.length;
    const before = statSync(join(out, '2025-W38', 'executive.pdf')).mtimeMs;
    appendFileSync(join(templates, 'audiences', 'public', 'style.css'), '\n.bluf { border-left-width: 3pt; }\n');
    const e = await next(from);
    expect(e.kind).toBe('build');
    expect((e as Extract<Event, { kind: 'build' }>).result.documents.map((d) => d.audience)).toEqual(['public']);
    expect(statSync(join(out, '2025-W38', 'executive.pdf')).mtimeMs).toBe(before);
  });

  it('reports a broken template and keeps watching; the fix is rebuilt', async () => {
    const partial = join(templates, 'audiences', 'executive', 'partials', 'section-bluf.hbs');
    const good = readFileSync(partial, 'utf8');
    let from = events.length;
    writeFileSync(partial, '{{#if bluf}}<p>unclosed');
    const bad = await next(from);
    expect(bad.kind).toBe('error');
    expect(String((bad as Extract<Event, { kind: 'error' }>).error)).toMatch(/section-bluf\.hbs:\d+: template syntax error/);

    from = events.length;
    writeFileSync(partial, good.replace('Bottom line', 'Bottom line (watch test)'));
    const fixed = await next(from);
    expect(fixed.kind).toBe('build');
    const pdf = await readPdf(join(out, '2025-W38', 'executive.pdf'));
    expect(pdf.text).toContain('BOTTOM LINE (WATCH TEST)');
  });

  it('rebuilds every requested audience when a fact sheet changes, with the browser kept warm', async () => {
    const from = events.length;
    const sheet = join(data, '2025-W38', 'us-china-trade.yaml');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace(/^title: .*$/m, 'title: "US–China trade: renamed by the watch test"'));
    const e = await next(from);
    expect(e.kind).toBe('build');
    expect((e as Extract<Event, { kind: 'build' }>).result.documents.map((d) => d.audience).sort()).toEqual(['executive', 'public']);
    expect((await readPdf(join(out, '2025-W38', 'public.pdf'))).text).toContain('renamed by the watch test');
    expect(printer.stats.launches).toBe(1);
  });

  it('prints nothing for a save that leaves every input as it was; a truncate-then-write save prints once', async () => {
    const sheet = join(data, '2025-W38', 'us-china-trade.yaml');
    const pdfs = ['executive', 'public'].map((a) => join(out, '2025-W38', `${a}.pdf`));
    const text = readFileSync(sheet, 'utf8');
    const stamps = () => pdfs.map((p) => statSync(p).mtimeMs);
    const before = stamps();
    let from = events.length;
    writeFileSync(sheet, text); // the same bytes
    const same = await next(from);
    expect(same.kind).toBe('build');
    expect((same as Extract<Event, { kind: 'build' }>).result.documents.map((d) => [d.audience, d.skipped]).sort()).toEqual([['executive', true], ['public', true]]);
    await settle();
    expect(stamps()).toEqual(before);

    // As a shell's `>` or an editor writing in place: the file emptied, then written. The watcher
    // hears both (and looks again 60 ms later): whatever it builds on the way (the empty file is
    // an error, or the build already reads the new text), the new text is printed once.
    from = events.length;
    writeFileSync(sheet, '');
    writeFileSync(sheet, text.replace(/^title: .*$/m, 'title: "US–China trade: written in place"'));
    await next(from);
    await settle();
    const builds = events.slice(from).filter((e): e is Extract<Event, { kind: 'build' }> => e.kind === 'build');
    expect(builds.filter((b) => b.result.documents.some((d) => !d.skipped))).toHaveLength(1);
    expect((await readPdf(pdfs[1]!)).text).toContain('written in place');
    writeFileSync(sheet, text);
  });

  /** Save as vim, JetBrains and `sed -i` do: a new file written beside, then renamed over the old one. */
  const renameSave = (file: string, text: string) => {
    const tmp = `${file}.tmp-${process.pid}`; // not a watched extension: never reported itself
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  };

  it('sees every one of three atomic (rename-over) saves in a row, each rebuilt with its text', async () => {
    const sheet = join(data, '2025-W38', 'tiktok-us-spinoff.yaml');
    const original = readFileSync(sheet, 'utf8');
    for (const n of [1, 2, 3]) {
      const from = events.length;
      renameSave(sheet, original.replace(/^title: .*$/m, `title: "TikTok rename-save number ${n}"`));
      const e = await next(from);
      expect(e.kind, `save ${n}`).toBe('build');
      expect((await readPdf(join(out, '2025-W38', 'public.pdf'))).text, `save ${n}`).toContain(`TikTok rename-save number ${n}`);
    }
  });

  it('coalesces a burst of saves: never two builds at once, the last text printed', async () => {
    const from = events.length;
    const sheet = join(data, '2025-W38', 'tiktok-us-spinoff.yaml');
    const original = readFileSync(sheet, 'utf8');
    for (const n of [1, 2, 3, 4, 5]) renameSave(sheet, original.replace(/^title: .*$/m, `title: "TikTok burst save ${n}"`));
    // Wait for builds until one has printed the last save.
    for (let seen = from; ; ) {
      const e = await next(seen);
      seen = events.indexOf(e) + 1;
      expect(e.kind).toBe('build');
      if ((await readPdf(join(out, '2025-W38', 'public.pdf'))).text.includes('TikTok burst save 5')) break;
    }
    const kinds = events.slice(from).map((e) => e.kind);
    // Starts and ends alternate: a build never starts while another runs.
    kinds.forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'start' : 'build'));
    expect(kinds.length / 2).toBeLessThan(5); // five saves, fewer builds
  });

  it("ignores editors' temp, swap and backup files", async () => {
    const dir = join(data, '2025-W38');
    const from = events.length;
    for (const name of ['us-china-trade.yaml~', '.us-china-trade.yaml.swp', '4913', 'sedAbC123', 'us-china-trade.yaml___jb_tmp___', '#us-china-trade.yaml#']) {
      writeFileSync(join(dir, name), 'title: not a fact sheet\n');
      rmSync(join(dir, name));
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(events.slice(from)).toEqual([]);
  });

  it('maps a changed file to its audience (or to all)', () => {
    expect(audienceOf('/t', '/t/audiences/executive/partials/x.hbs')).toBe('executive');
    expect(audienceOf('/t', '/t/audiences/public/style.css')).toBe('public');
    expect(audienceOf('/t', '/t/base/style.css')).toBeUndefined();
    expect(audienceOf('/t', '/t/audiences')).toBeUndefined();
  });
});

describe('brief watch with no --week', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const out = join(tmp.dir, 'out');
  const printer = new Printer();
  const built: string[] = [];
  let watcher: Watcher;

  beforeAll(async () => {
    cpSync(DATA, data, { recursive: true });
    watcher = watch({ dataDir: data, templatesDir: TEMPLATES, outDir: out, audiences: ['public'], printer, onBuild: (r) => built.push(r.week) });
    await watcher.ready;
  }, 90_000);
  afterAll(async () => {
    await watcher.close();
    await printer.close();
    tmp.cleanup();
  });

  it('picks up a new week folder and builds it', async () => {
    expect(built).toEqual(['2025-W38']);
    mkdirSync(join(data, '2025-W39'));
    const sheet = readFileSync(join(data, '2025-W38', 'us-china-trade.yaml'), 'utf8');
    writeFileSync(join(data, '2025-W39', 'us-china-trade.yaml'), sheet.replace(/^title: .*$/m, 'title: "A new week, seen by watch"'));
    const deadline = Date.now() + 30_000;
    while (!built.includes('2025-W39') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(built).toContain('2025-W39');
    expect((await readPdf(join(out, '2025-W39', 'public.pdf'))).text).toContain('A new week, seen by watch');
  });
});
