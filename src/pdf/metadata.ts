import { createHash } from 'node:crypto';
import type { XmpFields } from './xmp.js';

/** What brief writes into a PDF's document information and XMP, shared by the fast path (pdf-meta) and the full rewrite (pdf-full). */
export interface PdfMetadata extends Omit<XmpFields, 'creator' | 'producer'> {
  /** Default 'brief'. */
  creator?: string;
  /** Default 'brief (Chromium Skia/PDF)'. */
  producer?: string;
  /** The document's headings as written (the bookmarks' titles are mended to them: pdf-meta outlineFixes). */
  headings?: string[] | undefined;
  /** Text that identifies the content (e.g. the HTML printed); hashed into the file /ID. */
  fingerprint: string;
}

/** "2025-09-20" → that day at 00:00 UTC; anything else Date can parse is taken as is. */
export function dataDate(d: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${d}`);
  return date;
}

/** The file identifier: from the content, not from chance. */
export const fileId = (meta: PdfMetadata) =>
  createHash('sha256').update(meta.fingerprint).update(JSON.stringify({ ...meta, fingerprint: undefined })).digest('hex').slice(0, 32);

