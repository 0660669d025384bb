import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadAudiences, type Audience } from '../load/audience.js';
import { allDocuments } from './batch.js';
import { composeBriefing, type BriefingView } from '../compose/compose.js';
import { resolveWeek } from '../load/data.js';
import { loadWeek } from '../validate/sheets.js';
import { BriefError, ExitCode } from '../errors.js';
import { countPages } from '../pdf/pdf-info.js';
import { inlineFonts } from '../render/fonts.js';
import { Printer, type PrinterOptions } from '../print/printer.js';
import { Session } from './session.js';
import { loadPreviousEditions, type PreviousEditions } from '../validate/previous.js';
import { printBriefing, type BriefingPrintResult } from '../contents/print-briefing.js';
import { hasErrors, type Problem } from '../validate/problems.js';
import { loadTemplateSet, type TemplateSet } from '../render/render.js';
import type { FactSheet } from '../schema/index.js';
import { tocEntries } from '../contents/toc.js';
import { prepareOutDir, writeAtomic } from './write.js';
import { missingText, type TextBlock } from '../pdf/fidelity.js';
import { pdfPageTexts } from '../pdf/pdf-text.js';
import { rm } from 'node:fs/promises';
import { browserIdentity, inputsHash, manifestPath, recordManifest, upToDate } from './incremental.js';

/** build: wires the stages together (load → validate → compose → render → print → write); prints nothing. */
export interface BuildOptions {
  dataDir?: string;
  templatesDir?: string;
  outDir?: string;
  /** ISO week, e.g. 2025-W38; default: the latest week in dataDir. */
  week?: string;
  /** Audience names; default: every audience under templates/audiences. */
  audiences?: readonly string[];
  /** Also write the HTML beside each PDF. */
  writeHtml?: boolean;
  /** The session whose printer and contents layouts to use (it stays open); otherwise one is made and closed. */
  session?: Session;
  /** A printer to reuse (its browser stays open), when no session is given. */
  printer?: Printer;
  printerOptions?: PrinterOptions;
  /**
   * Print only the documents whose inputs changed since the build that wrote them (incremental.ts:
   * a manifest beside each PDF); the others are kept as they are. Default: every document is printed.
   */
  incremental?: boolean;
  /** With `incremental`: print every document all the same (and write its manifest). */
  force?: boolean;
  /**
   * Check each PDF holds the text its HTML showed, block by block (pdf/fidelity.ts); a block
   * missing fails the build, naming the topic, the section and the first words missing. Every
   * document is printed (an unchanged one too: it is the print that is checked).
   */
  verify?: boolean;
  /**
   * Write a one-page (page-budget) document as soon as a print of it fits, before the draft that
   * confirms it takes no more fit steps than it needs; should it need fewer, the better print
   * replaces it a moment later (watch and preview: the reader sees the page sooner). Not with
   * `verify`, which checks a print before it is written.
   */
  writeEarly?: boolean;
  /** Called once per finished document (progress). */
  onDocument?: (doc: DocumentResult) => void;
}

export interface DocumentResult {
  audience: string;
  path: string;
  htmlPath?: string;
  pages: number;
  bytes: number;
  ms: number;
  marking: string;
  /** How many topics it shows: none when every topic of the week is above the audience's handling level. */
  topics?: number;
  /** Not printed again: its inputs and its files were unchanged (an incremental build). */
  skipped?: boolean;
}

export interface BuildResult {
  week: string;
  documents: DocumentResult[];
  /** Warnings from validation (errors abort the build). */
  problems: Problem[];
  /** Documents printed a second time because the browser crashed (they succeeded). */
  retried: number;
}

export { ValidationFailed } from '../errors.js';
export { DEFAULTS } from '../config.js';
import { ValidationFailed } from '../errors.js';
import { DEFAULTS } from '../config.js';
import { clip } from '../util/text.js';
import { checkOptions, PRINTER_OPTIONS, type OptionKind } from './options.js';

/** Compose one audience's view; with `previous`, each topic gets its changes since then. */
function composeView(sheets: readonly FactSheet[], set: TemplateSet, week: string, previous?: PreviousEditions): BriefingView {
  return composeBriefing(sheets, set.audience, { week, previous });
}

/**
 * Compose and render one audience's HTML (no browser; the contents has no page numbers), as a file
 * that stands alone: its fonts inline.
 */
export function renderBriefing(sheets: readonly FactSheet[], set: TemplateSet, week: string, previous?: PreviousEditions): { view: BriefingView; html: string } {
  if (!Array.isArray(sheets)) throw new BriefError('usage', `renderBriefing() takes a list of fact sheets first; got ${sheets === null ? 'null' : `a ${typeof sheets}`}`);
  if (typeof (set as Partial<TemplateSet> | undefined)?.render !== 'function') {
    throw new BriefError('usage', 'renderBriefing() takes a template set second: loadTemplateSet(templatesDir, audience), with an audience from loadAudiences()');
  }
  const composed = composeView(sheets, set, week, previous);
  const view = composed.audience.has.contents ? { ...composed, toc: tocEntries(composed) } : composed;
  return { view, html: inlineFonts(set.render(view)) };
}

/**
 * A document's files are this build's or none: when making them fails, the PDF, HTML and manifest
 * an earlier build left at its path are removed, so no stale briefing stands beside a new set as if
 * current (and a full disk leaves no HTML without its PDF).
 */
async function replacedOrRemoved<T>(path: string, make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (e) {
    await Promise.all([path, path.replace(/\.pdf$/, '.html'), manifestPath(path)].map((f) => rm(f, { force: true }).catch(() => {})));
    throw e;
  }
}

/**
 * Whether an incremental build of the week may find its documents up to date, so that it need not
 * start the browser before it knows: each document asked for has a manifest, and no fact sheet of
 * the week was saved after the oldest of them (a sheet saved since, as after an edit, most likely
 * prints: the browser starts while the week is validated). Only a hint: the inputs' hash decides.
 */
export async function mayBeUpToDate(outDir: string, dataDir: string, week: string, audiences: readonly string[] | undefined): Promise<boolean> {
  const dir = dirname(manifestPath(join(outDir, week, 'x.pdf')));
  const have = await readdir(dir).catch(() => [] as string[]);
  const wanted = audiences ? audiences.map((a) => `${a}.json`) : have.filter((n) => n.endsWith('.json'));
  if (wanted.length === 0 || !wanted.every((n) => have.includes(n))) return false;
  const written = Math.min(...(await Promise.all(wanted.map((n) => stat(join(dir, n)).then((s) => s.mtimeMs, () => 0)))));
  const sheets = (await readdir(join(dataDir, week)).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n));
  const saved = await Promise.all(sheets.map((n) => stat(join(dataDir, week, n)).then((s) => s.mtimeMs, () => 0)));
  return saved.every((t) => t <= written);
}

/**
 * Fail with `font-machine` when the PDF embeds a font that is not brief's: a template that names
 * another font, or a character Chromium found in no font of the document (docs/fonts-and-scripts.md).
 * Every build checks it (a few indexOf over the bytes the metadata step reads anyway).
 */
function checkFonts(path: string, foreign: readonly string[]): void {
  if (foreign.length === 0) return;
  throw new BriefError('font-machine', `${path}: printed with ${foreign.length === 1 ? 'a font' : 'fonts'} of this machine, not brief's: ${foreign.join(', ')}; a template's font-family names a font brief does not bundle (use var(--serif) or var(--sans), or add the font: docs/fonts-and-scripts.md), or the text holds a character no font of the document has (\`brief validate\` warns of it: glyph-missing)`, { exitCode: ExitCode.render });
}

/** Fail with `text-missing` when the PDF lacks a block of text its HTML showed. */
async function verifyText(path: string, pdf: Uint8Array, blocks: TextBlock[]): Promise<void> {
  const missing = missingText(blocks, await pdfPageTexts(pdf));
  if (missing.length === 0) return;
  // The topic's heading as read from the page holds the bidi isolates brief wrapped its text in.
  const topic = (t: string) => clip(t.replace(/[\u2066-\u2069]/g, ''), 80);
  const lines = missing.slice(0, 5).map(({ block, missing: words }) => `  ${block.topic ? `topic "${topic(block.topic)}"` : 'outside the topics'}${block.section ? `, section ${block.section}` : ''}: missing "${words}"`);
  throw new BriefError('text-missing', `${path}: ${missing.length} block${missing.length === 1 ? '' : 's'} of text shown in the HTML ${missing.length === 1 ? 'is' : 'are'} not in the PDF:\n${lines.join('\n')}${missing.length > 5 ? `\n  … and ${missing.length - 5} more` : ''}`, { exitCode: ExitCode.render });
}

/** Every option build() takes (checkOptions). */
export const BUILD_OPTIONS: Record<keyof Required<BuildOptions>, OptionKind> = {
  dataDir: 'string', templatesDir: 'string', outDir: 'string', week: 'string', audiences: 'strings', writeHtml: 'boolean', session: 'object', printer: 'object',
  printerOptions: PRINTER_OPTIONS, incremental: 'boolean', force: 'boolean', verify: 'boolean', writeEarly: 'boolean', onDocument: 'function',
};

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  checkOptions('build', options, BUILD_OPTIONS);
  const dataDir = options.dataDir ?? DEFAULTS.dataDir;
  const templatesDir = options.templatesDir ?? DEFAULTS.templatesDir;
  const outDir = options.outDir ?? DEFAULTS.outDir;
  const week = await resolveWeek(dataDir, options.week);
  // State that outlives one build (the browser, the contents layouts) belongs to a session: the
  // caller's, else one made for this build alone.
  const session = options.session ?? new Session({ printer: options.printer, printerOptions: options.printerOptions });
  const { printer } = session;
  const releaseLayouts = session.layouts.hold();
  const incremental = !!options.incremental;
  // Start the browser while the YAML is parsed and validated; it is closed on every exit path. An
  // incremental build whose documents all have manifests may print nothing: it starts the browser
  // when a document turns out to need it.
  let warm: Promise<unknown> | undefined;
  const startBrowser = () => {
    if (warm) return;
    warm = printer.warmUp();
    warm.catch(() => {}); // reported where it is awaited
  };
  // (a session's browser already running, as in watch mode, needs no hint)
  if (!incremental || options.force || printer.launched || !(await mayBeUpToDate(outDir, dataDir, week, options.audiences))) startBrowser();
  try {
    // An output folder that cannot take the briefings (read-only, full, under /proc) fails now, not after the printing.
    const loading = loadWeek(dataDir, week);
    const audiencesLoading = loadAudiences(templatesDir, options.audiences);
    // The templates and the previous editions are read while the week's sheets are validated (the
    // previous editions wait for the sheets' ids only at the end); their failures count only once
    // the sheets are known to be valid.
    const setsLoading = audiencesLoading.then((list) => Promise.all(list.map((a: Audience) => loadTemplateSet(templatesDir, a))));
    const ids = loading.then((l) => l.sheets.map((s) => s.id));
    const previousLoading = loadPreviousEditions(dataDir, week, ids);
    // (each failure is met where it is awaited below, or not at all: none may go unhandled)
    for (const p of [ids, setsLoading, previousLoading]) p.catch(() => {});
    // Every one settled, the first failure in this order said: the data's before the output folder's
    // (not whichever happened to fail first).
    const settled = await Promise.allSettled([loading, audiencesLoading, prepareOutDir(join(outDir, week))]);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    const loaded = (settled[0] as PromiseFulfilledResult<Awaited<typeof loading>>).value;
    if (hasErrors(loaded.problems)) throw new ValidationFailed(loaded.problems);
    if (loaded.sheets.length === 0) throw new BriefError('week-empty', `no fact sheets in ${join(dataDir, week)}`, { exitCode: ExitCode.usage });
    const [sets, previous, browser] = await Promise.all([
      setsLoading,
      previousLoading,
      incremental ? printer.browserPath().then(browserIdentity, () => 'none') : '',
    ]);
    // Documents are named by their output path (a batch's summary names what failed and what was written).
    const documents = await allDocuments(sets.map((s) => join(outDir, week, `${s.audience.name}.pdf`)), sets.map(async (set) => {
      const path = join(outDir, week, `${set.audience.name}.pdf`);
      const hashInputs = () => inputsHash({ week, sheets: loaded.texts, previous, set, templatesDir, browser });
      // The inputs' hash decides only when the document may be kept: with a manifest to compare it
      // with, and neither `force` nor `verify`. Otherwise it is only recorded after the print, and
      // is worked out while the browser prints (the first build of a process also fingerprints
      // brief's code and packages: ~13 ms that would come before a cold build's print).
      const decides = incremental && !options.force && !options.verify && existsSync(manifestPath(path));
      const inputs = decides ? await hashInputs() : undefined;
      if (inputs !== undefined) {
        const kept = await upToDate(path, inputs, !!options.writeHtml);
        if (kept) {
          const doc: DocumentResult = { audience: set.audience.name, path, pages: kept.pages, bytes: kept.bytes, ms: 0, marking: kept.marking, skipped: true, ...(kept.topics !== undefined ? { topics: kept.topics } : {}) };
          if (options.writeHtml) doc.htmlPath = path.replace(/\.pdf$/, '.html');
          options.onDocument?.(doc);
          return doc;
        }
        startBrowser();
      }
      return session.inFlight(() => replacedOrRemoved(path, async () => {
        // (the next turn of the event loop: once the page has been handed its document, or while the browser starts)
        const recorded = !incremental ? undefined : inputs !== undefined ? Promise.resolve(inputs) : new Promise<string>((resolve, reject) => setImmediate(() => hashInputs().then(resolve, reject)));
        recorded?.catch(() => {}); // (awaited below)
        const view = composeView(loaded.sheets, set, week, previous);
        let early: Uint8Array | undefined;
        const onFits = options.writeEarly && !options.verify
          ? async (fitted: BriefingPrintResult) => { checkFonts(path, fitted.foreign); await writeAtomic(path, fitted.pdf); early = fitted.pdf; }
          : undefined;
        const { pdf, html, ms, blocks, foreign } = await printBriefing(printer, session.layouts, set, view, path, { verify: options.verify, ...(onFits ? { onFits } : {}) });
        checkFonts(path, foreign);
        if (blocks) await verifyText(path, pdf, blocks);
        const pages = countPages(pdf);
        const budget = set.audience.page_budget;
        if (budget !== undefined && pages > budget) {
          throw new BriefError('page-budget', `${path}: ${pages} pages, over the ${set.audience.name} audience's budget of ${budget} by ${pages - budget} page${pages - budget === 1 ? '' : 's'}; shorten the content or raise page_budget in ${join(set.audience.dir, 'audience.yaml')}`, { exitCode: ExitCode.render });
        }
        const doc: DocumentResult = { audience: set.audience.name, path, pages, bytes: pdf.length, ms, marking: view.marking, topics: view.totalTopics ?? view.topics.length };
        // The PDF first (what a reader waits for, in watch mode after each save), then its HTML.
        if (pdf !== early) await writeAtomic(path, pdf);
        let standalone: string | undefined;
        if (options.writeHtml) {
          doc.htmlPath = path.replace(/\.pdf$/, '.html');
          standalone = inlineFonts(html); // a file that stands alone: its fonts inline
          await writeAtomic(doc.htmlPath, standalone);
        }
        // The manifest last: an interrupted build leaves none, or one the written files do not match.
        if (recorded !== undefined) await recordManifest(path, await recorded, { pdf, html: standalone, pages, marking: view.marking, topics: doc.topics! });
        options.onDocument?.(doc);
        return doc;
      }));
    }));
    return { week, documents, problems: [...loaded.problems, ...previous.problems], retried: printer.stats.crashes };
  } finally {
    releaseLayouts();
    if (!options.session) await session.close();
  }
}
