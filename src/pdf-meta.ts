import { createHash } from 'node:crypto';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';

/**
 * pdf-meta: the post-processing step after Chromium. Chromium writes only the Title, a random file
 * /ID and the clock's time; this sets the document information (Title, Author, Subject, Keywords,
 * Creator, Producer, dates taken from the data), the document language, viewer preferences, and a
 * file /ID derived from the content, so the same inputs give byte-identical PDFs. pdf-lib copies
 * every other object as it is: the structure tree (tags), /MarkInfo and the outline survive.
 */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 language of the document, e.g. 'en'. */
  language: string;
  /** The date the document is of (from the data, never the clock): YYYY-MM-DD or a full ISO time. */
  date: string;
  creator?: string;
  producer?: string;
  /** Text that identifies the content (e.g. the HTML printed); hashed into the file /ID. */
  fingerprint: string;
}

/** "2025-09-20" → that day at 00:00 UTC; anything else Date can parse is taken as is. */
export function dataDate(d: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${d}`);
  return date;
}

/** Set the metadata of a PDF Chromium printed; returns the new bytes. */
export async function applyPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const when = dataDate(meta.date);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords.join('; ')]); // pdf-lib joins with spaces; titles contain spaces
  doc.setCreator(meta.creator ?? 'brief');
  doc.setProducer(meta.producer ?? 'brief (Chromium Skia/PDF, pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage(meta.language);

  const catalog = doc.catalog;
  // Open with the bookmarks panel showing; PDF/UA asks viewers to show the Title, not the file name.
  if (catalog.get(PDFName.of('Outlines'))) catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict) ?? doc.context.obj({});
  prefs.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
  catalog.set(PDFName.of('ViewerPreferences'), prefs);

  // A file identifier from the content, not from chance.
  const id = createHash('sha256').update(meta.fingerprint).update(JSON.stringify({ ...meta, fingerprint: undefined })).digest('hex').slice(0, 32);
  const ids = PDFArray.withContext(doc.context);
  ids.push(PDFHexString.of(id));
  ids.push(PDFHexString.of(id));
  doc.context.trailerInfo.ID = ids;

  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
