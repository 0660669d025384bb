// What the floors share: the HTML as brief sends it to a page (each inline font replaced by a URL
// under FONT_ORIGIN, answered from memory), and a page that prints it as brief prints (JavaScript
// off, print media, every other request refused, Page.setDocumentContent then Page.printToPDF).
import { createHash } from 'node:crypto';
import { FONT_ORIGIN } from '../../dist/render/fonts.js';

export function fontsByReference() {
  const fonts = new Map();
  const rewrite = (html) => html.replace(/url\(data:font\/woff2;base64,([^)]*)\)/g, (m, base64) => {
    const url = `${FONT_ORIGIN}/${createHash('sha256').update(base64).digest('hex').slice(0, 16)}.woff2`;
    fonts.set(url, base64);
    return `url(${url})`;
  });
  return { fonts, rewrite };
}

export async function openPrintPage(browser, fonts) {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  const cdp = await page.createCDPSession();
  const { frameTree } = await cdp.send('Page.getFrameTree');
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const body = fonts.get(request.url);
    (body ? cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, body, responseHeaders: [{ name: 'Content-Type', value: 'font/woff2' }, { name: 'Access-Control-Allow-Origin', value: '*' }] })
      : cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' })).catch(() => {});
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  // In print media from the start, as brief's pages are (print/printer.ts configure): a page in
  // screen media restyles the document when it prints, where a stylesheet has an `@media print` rule.
  await cdp.send('Emulation.setEmulatedMedia', { media: 'print' });
  return {
    /** The document loaded and printed: the PDF's bytes. */
    async print(html) {
      const loaded = new Promise((r) => page.once('load', r));
      await cdp.send('Page.setDocumentContent', { frameId: frameTree.frame.id, html });
      await loaded;
      const { data } = await cdp.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64' });
      return Buffer.from(data, 'base64');
    },
  };
}
