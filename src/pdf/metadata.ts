import { createHash } from 'node:crypto';
import type { XmpFields } from './xmp.js';

/** What brief writes into a PDF's document information and XMP, shared by the fast path (pdf-meta) and the full rewrite (pdf-full). */
export interface PdfMetadata extends Omit<XmpFields, 'creator' | 'producer'> {
  /** Default 'brief'. */
  creator?: string;
  /** Default 'brief (Chromium Skia/PDF)'. */
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

/**
 * Metadata text is one line of visible characters: a control character (which XMP's XML may not
 * even hold), a line separator or a bidirectional override from a fact sheet becomes a space, as
 * a viewer's document properties and a terminal running pdfinfo show it.
 */
const cleanText = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
export function cleanMetadata(meta: PdfMetadata): PdfMetadata {
  return {
    ...meta, title: cleanText(meta.title), author: cleanText(meta.author), subject: cleanText(meta.subject),
    keywords: meta.keywords.map(cleanText), language: cleanText(meta.language),
    ...(meta.creator === undefined ? {} : { creator: cleanText(meta.creator) }),
    ...(meta.producer === undefined ? {} : { producer: cleanText(meta.producer) }),
  };
}

/** The file identifier: from the content, not from chance. */
export const fileId = (meta: PdfMetadata) =>
  createHash('sha256').update(meta.fingerprint).update(JSON.stringify({ ...meta, fingerprint: undefined })).digest('hex').slice(0, 32);

