import type { Events, Page } from './devtools.js';
import { BriefError, ExitCode } from '../errors.js';

/**
 * cdp: what the printer does on a page through DevTools that a browser API would do slowly or not at
 * all: loading a document straight into the page, and editing its DOM without running a script.
 */

/**
 * Replace the page's document with `html` (DevTools' Page.setDocumentContent: no script, no
 * navigation, ~10 % quicker than Puppeteer's setContent) and wait for its load event.
 */
export async function loadDocument(page: Page, html: string): Promise<void> {
  const loaded = new Promise<void>((resolve) => page.once('load', () => resolve()));
  shells.delete(page);
  fontsReady.delete(page);
  await page.send('Page.setDocumentContent', { frameId: page.frameId, html });
  await loaded;
  noteShell(page, html);
}

/**
 * Everything of the document a page shows but its body (doctype, html element, head with its
 * styles and fonts, what follows the body), as loaded: the next document with the same
 * shell needs only its body put in (replaceBody).
 */
const shells = new WeakMap<Page, string>();

/** The page now shows `html`'s shell (its head was edited into it, as draft.ts does). */
export function noteShell(page: Page, html: string): void {
  fontsReady.delete(page);
  const parts = splitBody(html);
  if (parts) shells.set(page, parts.shell); else shells.delete(page);
}

/** `html` as its body element and the rest, or undefined when it has no plain `<body …>…</body>`. */
function splitBody(html: string): { shell: string; body: string } | undefined {
  if (last?.html !== html) last = { html, parts: split(html) }; // asked for the same HTML several times in a row
  return last.parts;
}
let last: { html: string; parts: { shell: string; body: string } | undefined } | undefined;

function split(html: string): { shell: string; body: string } | undefined {
  const BODY = /<body[\s>]/gi;
  const open = BODY.exec(html)?.index;
  const close = html.lastIndexOf('</body>');
  if (open === undefined || close < open || BODY.exec(html)) return undefined; // none, or more than one
  const end = close + '</body>'.length;
  return { shell: `${html.slice(0, open)}\0${html.slice(end)}`, body: html.slice(open, end) };
}

/**
 * Show `html` on a page whose document has the same shell (the same audience's briefing again, as
 * in watch mode) by replacing only its body (DOM.setOuterHTML: no script runs): the head's styles
 * and fonts are neither parsed nor looked up again (~90 ms of an 18-page briefing's ~130 ms
 * load). False, changing nothing, when the shells differ: the caller loads the document.
 */
export async function replaceBody(page: Page, html: string): Promise<boolean> {
  return sameShell(page, html) && setBody(page, splitBody(html)!.body);
}

/** Whether `html` would go onto `page` by replaceBody. */
function sameShell(page: Page, html: string): boolean {
  const loaded = shells.get(page);
  return loaded !== undefined && splitBody(html)?.shell === loaded;
}

async function setBody(page: Page, body: string): Promise<boolean> {
  const ahead = bodyAhead.get(page);
  bodyAhead.delete(page);
  const early = ahead?.generation === page.domGeneration ? await ahead.nodeId : undefined;
  // Asked for now when it was not asked ahead, or when the node ids changed meanwhile.
  const nodeId = early !== undefined && ahead!.generation === page.domGeneration ? early : await bodyNode(page);
  if (!nodeId) return false;
  // A body that may declare fonts of its own (a template's <style> or <link> there) has them checked at the print.
  if (/@font-face|@import|<link\b/i.test(body)) fontsReady.delete(page);
  await page.send('DOM.setOuterHTML', { nodeId, outerHTML: body });
  return true;
}

/** The body element's node id: the document to depth 2 (its html element's children), no query. */
async function bodyNode(page: Page): Promise<number | undefined> {
  const { root } = await page.send('DOM.getDocument', { depth: 2 });
  return root.children?.find((n) => n.nodeName === 'HTML')?.children?.find((n) => n.nodeName === 'BODY')?.nodeId;
}

/**
 * The body's node id asked for ahead, after a print of a document whose body was replaced (the next
 * save in watch mode will replace it again), with the page's DOM generation then: the round trip
 * is made while the page is idle, not between a save and its print. Used only in that generation.
 */
const bodyAhead = new WeakMap<Page, { generation: number; nodeId: Promise<number | undefined> }>();

/** Ask for the body's node now, for the next replaceBody on this page (see bodyAhead). */
export function bodyNodeAhead(page: Page): void {
  const nodeId = bodyNode(page).catch(() => undefined);
  bodyAhead.set(page, { generation: page.domGeneration, nodeId });
}

/**
 * The shell whose every declared font face has loaded on this page (printPdf's check passed), while
 * the document stays: a body replaced under the same head (replaceBody: watch mode's next save)
 * declares no face the check has not loaded, so its print need not ask again (~3–5 ms of a one-page
 * print). A document loaded, or a head edited, is checked again.
 */
const fontsReady = new WeakMap<Page, string>();

/** Whether every font face the page's document declares is known to have loaded (see fontsReady). */
export function fontsConfirmed(page: Page): boolean {
  const shell = shells.get(page);
  return shell !== undefined && fontsReady.get(page) === shell;
}

/** Paper sizes in inches, as Puppeteer's `format` gives them (a CSS @page size wins: preferCSSPageSize). */
const PAPER = { A4: { paperWidth: 8.27, paperHeight: 11.7 }, Letter: { paperWidth: 8.5, paperHeight: 11 } } as const;

/**
 * Load every font face the document declares and wait until each has loaded; the faces that did
 * not load (family, weight, style) are returned. A face with a unicode-range is only requested when
 * layout first meets one of its characters, which can be after the load event and while printing:
 * Chromium then paints the text set in it invisible (the face's block period), and a page that had
 * loaded the font for an earlier document does not, so the PDF lost text and depended on the batch.
 * fonts.ts declares only the faces whose ranges the document's text touches, so loading all of them
 * is loading what the document may use. DevTools' Runtime.evaluate runs with the page's scripts
 * disabled (Emulation.setScriptExecutionDisabled stops the document's scripts, not DevTools');
 * the page runs none of its own, so nothing in it can answer for document.fonts.
 */
export async function loadAllFonts(page: Page, origin?: string): Promise<string[]> {
  const { result, exceptionDetails } = await page.send('Runtime.evaluate', {
    expression: fontsLoaded(origin), awaitPromise: true, returnByValue: true, silent: true,
  });
  if (exceptionDetails) throw new Error(`could not load the document's fonts: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return (result.value as string[] | undefined) ?? [];
}

/** The check's script; `origin` is where the document's own fonts by reference come from (Resources.origin). */
const fontsLoaded = (origin: string | undefined) => `(async () => {
  const faces = [...document.fonts];
  await Promise.all(faces.map((f) => f.load().catch(() => {})));
  await document.fonts.ready;
  // Only the document's own faces (inline, or under the origin its resources come from) must load:
  // a face a template names from anywhere else is refused by design (blockRequests) and must not
  // fail the print.
  const origin = ${JSON.stringify(origin === undefined ? null : `${origin}/`)};
  const unquote = (s) => s.replace(/^["']|["']$/g, '');
  const own = new Set();
  for (const sheet of document.styleSheets) {
    let rules = [];
    try { rules = sheet.cssRules; } catch { continue; } // a refused remote stylesheet
    for (const rule of rules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const src = rule.style.getPropertyValue('src');
      if (src.includes('data:') || (origin !== null && src.includes(origin))) own.add(unquote(rule.style.getPropertyValue('font-family')));
    }
  }
  return faces.filter((f) => f.status !== 'loaded' && own.has(unquote(f.family))).map((f) => f.family + ' ' + f.weight + ' ' + f.style + ' ' + f.unicodeRange);
})()`;

/**
 * Print the page to PDF (DevTools' Page.printToPDF), the bytes returned in the answer, once every
 * font face the document declares has loaded (loadAllFonts): a face that cannot load fails the
 * print, never a PDF with text missing. (Puppeteer's page.pdf waits only for document.fonts.ready,
 * which says nothing of faces layout has not asked for yet, then reads the PDF back as a stream.)
 */
export async function printPdf(page: Page, options: { paper: keyof typeof PAPER; tagged: boolean; outline: boolean; origin?: string }): Promise<Uint8Array> {
  if (!fontsConfirmed(page)) {
    const shell = shells.get(page);
    const failed = await loadAllFonts(page, options.origin);
    if (failed.length > 0) throw new BriefError('font-load', `${failed.length} font face(s) did not load, so their text would be missing: ${failed.slice(0, 3).join('; ')}`, { exitCode: ExitCode.render });
    if (shell !== undefined) fontsReady.set(page, shell);
  }
  const { data } = await page.send('Page.printToPDF', {
    ...PAPER[options.paper], marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
    printBackground: true, preferCSSPageSize: true, generateTaggedPDF: options.tagged, generateDocumentOutline: options.outline,
    transferMode: 'ReturnAsBase64',
  });
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/** A resource's answer: its body as base64 and its content type. */
export interface Answer { body: string; type: string }

/**
 * Refuse every request the page makes over the network or from files, but answer those `answer`
 * knows (brief's fonts by reference: render/fonts.ts) from memory. DevTools' Fetch domain pauses each
 * request before it is sent (all schemes; inline data: URLs are never sent, so never paused) and this
 * session fails it at once, or fulfils it. The page's renderer keeps a font it has loaded (its memory
 * cache, by URL) for the next documents it prints, which ask for it no more. Puppeteer's own request
 * interception would do the same, at the cost of a request object and a round trip through its event
 * handlers for every data: URL too.
 */
export async function blockRequests(page: Page, answer: (url: string) => Answer | undefined): Promise<void> {
  page.on('Fetch.requestPaused', (e: { requestId: string; resourceType?: string; request: { url: string; method: string } }) => {
    const found = e.request.method === 'GET' ? answer(e.request.url) : undefined;
    (found !== undefined
      ? page.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 200, responseHeaders: headers(found.type), body: found.body })
      // A navigation (a template's <meta http-equiv="refresh">, a frame) is answered "204 No
      // Content", which cancels it: the document printed stays; a refused one would be replaced
      // by an error page.
      : e.resourceType === 'Document'
        ? page.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 204, body: '' })
        : page.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
    ).catch(() => {});
  });
  await page.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

/**
 * An answer's headers: cacheable for the renderer's life (the URLs name their content), and readable
 * by a page of any origin (fonts load in CORS mode).
 */
function headers(type: string): { name: string; value: string }[] {
  return [
    { name: 'Content-Type', value: type },
    { name: 'Cache-Control', value: 'public, max-age=31536000, immutable' },
    { name: 'Access-Control-Allow-Origin', value: '*' },
  ];
}

/**
 * Free the documents this page has replaced: a full garbage collection in the renderer. The printer
 * asks for one when it has been idle a moment (printer.ts collectWhenIdle: watch mode between
 * saves), never between the documents of a batch, where the next print is slower after it.
 */
export function collectGarbage(page: Page): void {
  page.send('HeapProfiler.collectGarbage').catch(() => {});
}

/**
 * The blocks of text the loaded document shows, in print media (what printing lays out): each
 * innermost paragraph, list item, cell, heading, term or quote, with the topic (its article's
 * first heading) and section (the nearest section or element with an id inside it) it is in. For `brief build --verify` (pdf/fidelity.ts).
 */
export interface TextBlock { text: string; topic?: string; section?: string }

export async function textBlocks(page: Page): Promise<TextBlock[]> {
  // (the printer's pages are in print media from the start: printer.ts configure)
  await page.send('Emulation.setEmulatedMedia', { media: 'print' });
  const { result, exceptionDetails } = await page.send('Runtime.evaluate', { expression: TEXT_BLOCKS, returnByValue: true, silent: true });
  if (exceptionDetails) throw new Error(`could not read the document's text: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as TextBlock[];
}

const TEXT_BLOCKS = `(() => {
  const SEL = 'p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, figcaption, caption, summary';
  const out = [];
  for (const el of document.body.querySelectorAll(SEL)) {
    if (el.querySelector(SEL)) continue;
    const text = el.innerText.trim();
    if (!text) continue;
    const article = el.closest('article');
    const heading = article && article.querySelector('h1, h2, h3');
    const found = el.closest('section, [id]');
    const section = found && found !== article ? found : null;
    out.push({ text, topic: heading ? heading.innerText.trim() : undefined, section: section ? (section.id || section.className || undefined) : undefined });
  }
  return out;
})()`;
