/**
 * pdf-text: the text of a PDF, page by page, as a reader's copy and search would find it (pdfjs,
 * loaded only when asked: it takes ~300 ms to load). Used by `brief build --verify` (fidelity.ts).
 */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // A copy: pdfjs takes the buffer over (it is detached afterwards), and the caller still writes it.
  const doc = await getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
