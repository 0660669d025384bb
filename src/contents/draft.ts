import type { Page } from '../print/devtools.js';

/**
 * draft: the measuring print of a document with a contents page, and the in-place revision after it.
 *
 * A draft is the document with everything invisible and no running headers or footers. `visibility`
 * does not move anything, so a draft has the final layout and Chromium still writes a named
 * destination for every link target, but it paints almost nothing: it prints in a fraction of the
 * time of the real thing. After the draft, the page is not loaded again: the draft style is removed
 * and the measured page numbers are written into the already parsed document (through the DevTools
 * DOM domain, no page script runs), so the HTML and its fonts are parsed once per document.
 */
export const DRAFT_STYLE_ID = 'brief-draft-style';

const DRAFT_CSS = 'body *{visibility:hidden!important}'
  + '@page{@top-left{content:none!important}@top-center{content:none!important}@top-right{content:none!important}'
  + '@bottom-left{content:none!important}@bottom-center{content:none!important}@bottom-right{content:none!important}}';

/** The HTML with the draft style added last in its head (so it wins over the document's own styles). */
export function withDraftStyle(html: string): string {
  const style = `<style id="${DRAFT_STYLE_ID}">${DRAFT_CSS}</style>`;
  const at = html.search(/<\/head\s*>/i);
  if (at >= 0) return `${html.slice(0, at)}${style}${html.slice(at)}`;
  const body = html.search(/<body[\s>]/i);
  return body >= 0 ? `${html.slice(0, body)}${style}${html.slice(body)}` : `${style}${html}`;
}

/**
 * The HTML with the draft style first in its body: the document's shell (head and all) stays that of
 * the real thing, so the printer can put the draft onto a page showing it, and the real document
 * back, by replacing only the body (watch mode). A style element in the body applies as one in the head.
 */
export function withDraftStyleInBody(html: string): string {
  const style = `<style id="${DRAFT_STYLE_ID}">${DRAFT_CSS}</style>`;
  const body = /<body[^>]*>/i.exec(html);
  return body ? `${html.slice(0, body.index + body[0].length)}${style}${html.slice(body.index + body[0].length)}` : withDraftStyle(html);
}

/**
 * The attribute that marks where a page number is shown: `<span data-page-of="anchor">12</span>`
 * shows the page the element with id `anchor` is printed on. The element holds nothing but the number.
 */
export const PAGE_OF = 'data-page-of';

/**
 * Turn the draft on `page` into the final document: remove the draft style (if there is one) and
 * write `numbers` into the `[data-page-of]` elements of those anchors (others keep theirs). Returns
 * false, changing nothing, when the document cannot be revised in place (an anchor without a plain
 * holder, one that holds nothing but its number): the caller then loads the revised HTML.
 */
export async function reviseInPlace(page: Page, numbers: ReadonlyMap<string, number | undefined>): Promise<boolean> {
  const { root } = await page.send('DOM.getDocument', { depth: 0 });
  const [{ nodeIds }, { nodeId: style }] = await Promise.all([
    page.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[${PAGE_OF}]` }),
    page.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${DRAFT_STYLE_ID}` }),
  ]);
  // Each holder's markup, numbers written in the way withPageNumbers writes them into the HTML.
  const edits = await Promise.all(nodeIds.map(async (nodeId) => {
    const { outerHTML } = await page.send('DOM.getOuterHTML', { nodeId });
    return { nodeId, ...writePageNumbers(outerHTML, numbers, true) };
  }));
  const found = new Set(edits.flatMap((e) => [...e.found]));
  if ([...numbers.keys()].some((a) => !found.has(a))) return false;
  await Promise.all([
    ...edits.flatMap((e) => (e.found.size > 0 ? [page.send('DOM.setOuterHTML', { nodeId: e.nodeId, outerHTML: e.html })] : [])),
    ...(style ? [page.send('DOM.removeNode', { nodeId: style })] : []),
  ]);
  return true;
}

/**
 * The HTML with `numbers` written into its `[data-page-of]` elements, as reviseInPlace writes them
 * into the loaded page (so the HTML kept beside the PDF is what was printed), or undefined when an
 * anchor has no plain `<… data-page-of="anchor">number</…>` holder.
 */
export function withPageNumbers(html: string, numbers: ReadonlyMap<string, number | undefined>): string | undefined {
  const written = writePageNumbers(html, numbers);
  return [...numbers.keys()].every((a) => written.found.has(a)) ? written.html : undefined;
}

/** A plain holder: one element with a data-page-of attribute and nothing but text (the number) in it. */
const HOLDER = String.raw`(<[a-z][a-z0-9-]*\b[^<>]*?\sdata-page-of="([^"<>]*)"[^<>]*>)[^<>]*(<\/[a-z][a-z0-9-]*>)`;
const HOLDERS = new RegExp(HOLDER, 'gi');
const WHOLE_HOLDER = new RegExp(`^${HOLDER}$`, 'i');

/**
 * `numbers` written into the plain holders in `html` (with `whole`, only when all of `html` is one
 * holder: an element's own markup), and the anchors whose holder was found.
 */
function writePageNumbers(html: string, numbers: ReadonlyMap<string, number | undefined>, whole = false): { html: string; found: Set<string> } {
  const found = new Set<string>();
  const out = html.replace(whole ? WHOLE_HOLDER : HOLDERS, (m, open: string, anchor: string, close: string) => {
    if (!numbers.has(anchor)) return m;
    found.add(anchor);
    return `${open}${numbers.get(anchor) ?? ''}${close}`;
  });
  return { html: out, found };
}
