import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';

/**
 * Everything a PDF holds besides its drawn text, as searchable strings: the raw bytes, every
 * stream inflated (content streams, object streams, XMP), and every string and name of every
 * object decoded (document info, outline titles, named destinations, link URIs, annotations).
 */
export async function pdfInternals(bytes: Uint8Array): Promise<string> {
  const parts: string[] = [Buffer.from(bytes).toString('latin1')];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  const seen = new Set<PDFObject>();
  const visit = (o: PDFObject | undefined): void => {
    if (!o || seen.has(o)) return;
    seen.add(o);
    if (o instanceof PDFString || o instanceof PDFHexString) parts.push(o.decodeText(), o.asString());
    else if (o instanceof PDFName) parts.push(o.decodeText());
    else if (o instanceof PDFArray) o.asArray().forEach(visit);
    else if (o instanceof PDFDict) for (const [k, v] of o.entries()) { visit(k); visit(v); }
    if (o instanceof PDFRawStream) {
      visit(o.dict);
      const filter = o.dict.get(PDFName.of('Filter'));
      try {
        parts.push(Buffer.from(filter ? inflateSync(o.contents) : o.contents).toString('latin1'));
      } catch {
        /* not Flate: its raw bytes are already in parts[0] */
      }
    }
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
  visit(doc.context.trailerInfo.Info);
  return parts.join('\n');
}

/** The text of each page, read back with pdf-parse, whitespace collapsed. */
export async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => p.text.replace(/\s+/g, ' '));
  } finally {
    await parser.destroy();
  }
}
