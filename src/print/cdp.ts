import type { CDPSession, Page } from 'puppeteer-core';
import { fontResponse } from '../render/fonts.js';

/**
 * cdp: one DevTools session of our own per page, for what Puppeteer's API does slowly or not at
 * all: loading a document straight into the page, and editing its DOM without running a script.
 */
const sessions = new WeakMap<Page, Promise<{ cdp: CDPSession; frameId: string }>>();

export function pageSession(page: Page): Promise<{ cdp: CDPSession; frameId: string }> {
  let s = sessions.get(page);
  if (!s) {
    s = (async () => {
      const cdp = await page.createCDPSession();
      // A renderer that dies is told by Inspector.targetCrashed (Puppeteer's page 'error' event).
      const [{ frameTree }] = await Promise.all([cdp.send('Page.getFrameTree'), cdp.send('Inspector.enable')]);
      return { cdp, frameId: frameTree.frame.id };
    })();
    sessions.set(page, s);
  }
  return s;
}

/**
 * Replace the page's document with `html` (DevTools' Page.setDocumentContent: no script, no
 * navigation, ~10 % quicker than Puppeteer's setContent) and wait for its load event.
 */
export async function loadDocument(page: Page, html: string): Promise<void> {
  const { cdp, frameId } = await pageSession(page);
  const loaded = new Promise<void>((resolve) => page.once('load', () => resolve()));
  shells.delete(page);
  await cdp.send('Page.setDocumentContent', { frameId, html });
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
  const { cdp } = await pageSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'body' });
  if (!nodeId) return false;
  await cdp.send('DOM.setOuterHTML', { nodeId, outerHTML: body });
  return true;
}

/** Paper sizes in inches, as Puppeteer's `format` gives them (a CSS @page size wins: preferCSSPageSize). */
const PAPER = { A4: { paperWidth: 8.27, paperHeight: 11.7 }, Letter: { paperWidth: 8.5, paperHeight: 11 } } as const;

/**
 * Print the page to PDF (DevTools' Page.printToPDF), the bytes returned in the answer. Puppeteer's
 * page.pdf first waits for `document.fonts.ready` by a script in an isolated world, then reads the
 * PDF back as a stream, in further round trips (a batch took 6-19 % less time without them). The
 * wait is not needed here: a document's font loads, inline (data: URLs) or by reference (answered by
 * blockRequests), hold its load event, which loadDocument waits for (on fresh pages with each font's
 * answer held back 200 ms, the PDFs were the same bytes; test/e2e/pdf-quality.test.ts checks every
 * font is embedded).
 */
export async function printPdf(page: Page, options: { paper: keyof typeof PAPER; tagged: boolean; outline: boolean }): Promise<Uint8Array> {
  const { cdp } = await pageSession(page);
  const { data } = await cdp.send('Page.printToPDF', {
    ...PAPER[options.paper], marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
    printBackground: true, preferCSSPageSize: true, generateTaggedPDF: options.tagged, generateDocumentOutline: options.outline,
    transferMode: 'ReturnAsBase64',
  });
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/**
 * Refuse every request the page makes over the network or from files, but answer those for our own
 * fonts by reference (fonts.ts fontResponse) from their files. DevTools' Fetch domain pauses each
 * request before it is sent (all schemes; inline data: URLs are never sent, so never paused) and this
 * session fails it at once, or fulfils it. The page's renderer keeps a font it has loaded (its memory
 * cache, by URL) for the next documents it prints, which ask for it no more (with `no-store` too, as
 * tried: the header below only says what is true of the answer). Puppeteer's own request interception
 * would do the same, at the cost of a request object and a round trip through its event handlers for
 * every data: URL too.
 */
export async function blockRequests(page: Page, onFont?: (url: string) => void): Promise<void> {
  const { cdp } = await pageSession(page);
  cdp.on('Fetch.requestPaused', (e: { requestId: string; resourceType?: string; request: { url: string; method: string } }) => {
    const font = e.request.method === 'GET' ? fontResponse(e.request.url) : undefined;
    if (font !== undefined) onFont?.(e.request.url);
    (font !== undefined
      ? cdp.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 200, responseHeaders: FONT_HEADERS, body: font })
      // A navigation (a template's <meta http-equiv="refresh">, a frame) is answered "204 No
      // Content", which cancels it: the document printed stays; a refused one would be replaced
      // by an error page.
      : e.resourceType === 'Document'
        ? cdp.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 204, body: '' })
        : cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
    ).catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
}

/** A font's answer: cacheable for the renderer's life, and readable by a page of any origin (fonts load in CORS mode). */
const FONT_HEADERS = [
  { name: 'Content-Type', value: 'font/woff2' },
  { name: 'Cache-Control', value: 'public, max-age=31536000, immutable' },
  { name: 'Access-Control-Allow-Origin', value: '*' },
];

/**
 * Free the documents this page has replaced (a renderer grew from ~55 to ~120 MB over 24 documents
 * without a collection): a full garbage collection in the renderer, a few ms. The printer asks for
 * one every COLLECT_EVERY documents a page prints and when it is idle (print.ts collectWhenIdle).
 */
export function collectGarbage(page: Page): void {
  void pageSession(page).then(({ cdp }) => cdp.send('HeapProfiler.collectGarbage')).catch(() => {});
}
