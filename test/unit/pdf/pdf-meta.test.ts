import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { applyPdfMetadata } from '../../../src/pdf/pdf-meta.js';
import { dataDate, type PdfMetadata } from '../../../src/pdf/metadata.js';
import { destinationPages } from '../../../src/contents/toc.js';
import { PdfLite } from '../../../src/pdf/pdf-lite.js';

const META: PdfMetadata = {
  title: 'Weekly briefing 2025-W38 · Analyst briefing',
  author: 'brief',
  subject: 'Analyst briefing; handling TLP:GREEN',
  keywords: ['TLP:GREEN', 'TikTok: the U.S. spin-off talks', '字节跳动'],
  language: 'en',
  date: '2025-09-20',
  fingerprint: '<html>one</html>',
};

/** A small PDF with an outline-like catalog entry and named destinations, as Chromium writes them. */
async function samplePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date()); // the clock: must not survive
  const p1 = doc.addPage();
  const p2 = doc.addPage();
  const p3 = doc.addPage();
  const dests = doc.context.obj({
    t1: [p2.ref, PDFName.of('XYZ'), 0, 800, 0],
    't1-sources': [p3.ref, PDFName.of('XYZ'), 0, 500, 0],
  });
  doc.catalog.set(PDFName.of('Dests'), dests);
  doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
  const names = doc.context.obj({ Names: [PDFString.of('t2'), [p1.ref, PDFName.of('Fit')]] });
  doc.catalog.set(PDFName.of('Names'), doc.context.obj({ Dests: names }));
  return doc.save({ useObjectStreams: false });
}

describe('applyPdfMetadata', () => {
  it('sets the document information, dated from the data, and keeps the catalog', async () => {
    const out = await applyPdfMetadata(await samplePdf(), META);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getAuthor()).toBe('brief');
    expect(doc.getSubject()).toBe(META.subject);
    expect(doc.getKeywords()).toBe('TLP:GREEN; TikTok: the U.S. spin-off talks; 字节跳动');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-09-20T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-09-20T00:00:00.000Z');
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en)');
    expect(doc.catalog.get(PDFName.of('MarkInfo'))).toBeDefined();
    expect(doc.getPageCount()).toBe(3);
  });

  it('gives the same bytes for the same content and a different /ID for different content', async () => {
    const pdf = await samplePdf();
    const a = await applyPdfMetadata(pdf, META);
    const b = await applyPdfMetadata(await samplePdf(), META);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await applyPdfMetadata(pdf, { ...META, fingerprint: '<html>two</html>' });
    const id = async (bytes: Uint8Array) => {
      const ids = (await PDFDocument.load(bytes)).context.trailerInfo.ID as PDFArray;
      return (ids.get(0) as PDFHexString).asString();
    };
    expect(await id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(await id(a)).not.toBe(await id(c));
  });

  it('writes the same metadata as an XMP packet, escaped, uncompressed', async () => {
    const out = await applyPdfMetadata(await samplePdf(), { ...META, title: 'Tom & Jerry <draft>' });
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    const stream = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    expect(stream.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/XML');
    expect(stream.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xmp = new TextDecoder().decode(stream.getContents());
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Tom &amp; Jerry &lt;draft&gt;</rdf:li>');
    expect(xmp).toContain('<rdf:li>字节跳动</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2025-09-20T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<rdf:Bag><rdf:li>en</rdf:li></rdf:Bag>');
  });

  it('refuses a date that is not one', () => {
    expect(() => dataDate('someday')).toThrow(/not a date/);
    expect(dataDate('2025-09-20').toISOString()).toBe('2025-09-20T00:00:00.000Z');
  });
});

describe('destinationPages', () => {
  it('reads named destinations from the /Dests dictionary and the name tree', async () => {
    const pages = await destinationPages(await samplePdf());
    expect(Object.fromEntries(pages)).toEqual({ t1: 2, 't1-sources': 3, t2: 1 });
  });
});

describe('PdfLite', () => {
  /** Three pages, named destinations in /Dests, and a stream whose data holds a decoy `n 0 obj`. */
  async function decoyPdf(): Promise<{ pdf: Uint8Array; decoy: number }> {
    const doc = await PDFDocument.create();
    const [p1, p2, p3] = [doc.addPage(), doc.addPage(), doc.addPage()];
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(doc.context.obj({ a: [p1.ref, PDFName.of('Fit')], b: [p3.ref, PDFName.of('Fit')] })));
    const decoy = p2.ref.objectNumber;
    doc.catalog.set(PDFName.of('Decoy'), doc.context.register(doc.context.stream(`\n${decoy} 0 obj\n<< /Type /Catalog >>\nendobj\n`)));
    return { pdf: await doc.save({ useObjectStreams: false }), decoy };
  }

  it('finds objects by the xref table: an `n 0 obj` inside a stream is not taken for the object', async () => {
    const { pdf, decoy } = await decoyPdf();
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.indexOf(`\n${decoy} 0 obj\n<< /Type /Catalog`)).toBeGreaterThan(text.indexOf(`\n${decoy} 0 obj\n<<\n/Type /Page`)); // scanning would take the decoy (the later one)
    const lite = new PdfLite(pdf);
    expect(lite.pages()).toHaveLength(3);
    expect(Object.fromEntries(lite.destinations())).toEqual({ a: 1, b: 3 });
  });

  it('reads an updated file (two xref tables) by scanning', async () => {
    const doc = await PDFDocument.create();
    const [p1, , p3] = [doc.addPage(), doc.addPage(), doc.addPage()];
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(doc.context.obj({ a: [p1.ref, PDFName.of('Fit')], b: [p3.ref, PDFName.of('Fit')] })));
    const updated = await applyPdfMetadata(await doc.save({ useObjectStreams: false }), META);
    expect(Buffer.from(updated).toString('latin1')).toMatch(/\/Prev \d+/);
    const lite = new PdfLite(updated);
    expect(lite.pages()).toHaveLength(3);
    expect(Object.fromEntries(lite.destinations())).toEqual({ a: 1, b: 3 });
  });

  it('reads a file whose xref table has an entry it does not expect (not digits, a wrong offset) by scanning', async () => {
    const doc = await PDFDocument.create();
    const [p1, , p3] = [doc.addPage(), doc.addPage(), doc.addPage()];
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(doc.context.obj({ a: [p1.ref, PDFName.of('Fit')], b: [p3.ref, PDFName.of('Fit')] })));
    const pdf = await doc.save({ useObjectStreams: false });
    const text = Buffer.from(pdf).toString('latin1');
    const xref = Number(/startxref\s+(\d+)/.exec(text)![1]);
    const first = text.indexOf('\n', xref + 'xref\n0 '.length) + 1 + 20; // object 1's entry (after object 0's)
    for (const broken of ['00000000x9', '0000000001']) {
      const bytes = Uint8Array.from(pdf);
      bytes.set(Buffer.from(broken, 'latin1'), first);
      expect(Buffer.from(bytes).toString('latin1').slice(first, first + 20)).toMatch(new RegExp(`^${broken} 00000 n`));
      const lite = new PdfLite(bytes);
      expect(lite.pages()).toHaveLength(3);
      expect(Object.fromEntries(lite.destinations())).toEqual({ a: 1, b: 3 });
    }
  });

  it('is read once for the same bytes (PdfLite.of), and afresh for other bytes', async () => {
    const { pdf } = await decoyPdf();
    expect(PdfLite.of(pdf)).toBe(PdfLite.of(pdf));
    expect(PdfLite.of(Uint8Array.from(pdf))).not.toBe(PdfLite.of(pdf));
  });
});

describe('the full rewrite (pdf-full), for PDFs the fast path does not read', () => {
  it('sets the same document information and keeps the pages and destinations', async () => {
    const { rewriteMetadata, destinationPagesFull } = await import('../../../src/pdf/pdf-full.js');
    const pdf = await samplePdf();
    const out = await rewriteMetadata(pdf, META);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getSubject()).toBe(META.subject);
    expect(doc.getKeywords()).toBe('TLP:GREEN; TikTok: the U.S. spin-off talks; 字节跳动');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-09-20T00:00:00.000Z');
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en)');
    expect(doc.getPageCount()).toBe(3);
    expect(Object.fromEntries(await destinationPagesFull(out))).toMatchObject({ t1: 2, 't1-sources': 3, t2: 1 });
    // deterministic: the same input gives the same bytes
    expect(Buffer.from(await rewriteMetadata(await samplePdf(), META)).equals(Buffer.from(out))).toBe(true);
  });

  it('is what applyPdfMetadata falls back to when the fast path cannot read the file', async () => {
    const doc = await PDFDocument.load(await samplePdf());
    const compressed = await doc.save({ useObjectStreams: true }); // object streams: not Chromium's form
    const out = await applyPdfMetadata(compressed, META);
    expect((await PDFDocument.load(out, { updateMetadata: false })).getTitle()).toBe(META.title);
  });
});

describe('the role map (pdf/role-map.ts)', () => {
  /** A tagged PDF whose structure tree uses Aside and Strong (PDF 2.0 types) beside P. */
  async function taggedPdf(objectStreams: boolean): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage();
    const ctx = doc.context;
    const root = ctx.register(ctx.obj({ Type: 'StructTreeRoot' }));
    const kids = ['Aside', 'Strong', 'P'].map((s) => ctx.register(ctx.obj({ Type: 'StructElem', S: s, P: root })));
    (ctx.lookup(root) as unknown as { set(k: PDFName, v: unknown): void }).set(PDFName.of('K'), ctx.obj(kids));
    doc.catalog.set(PDFName.of('StructTreeRoot'), root);
    return doc.save({ useObjectStreams: objectStreams });
  }
  const roleMap = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const tree = doc.catalog.lookup(PDFName.of('StructTreeRoot')) as unknown as { lookup(k: PDFName): { entries(): [PDFName, PDFName][] } | undefined };
    return Object.fromEntries((tree.lookup(PDFName.of('RoleMap'))?.entries() ?? []).map(([k, v]) => [k.decodeText(), v.decodeText()]));
  };

  it('maps the non-standard types a document uses, and only those, on the fast path and the full rewrite', async () => {
    for (const objectStreams of [false, true]) {
      expect(await roleMap(await applyPdfMetadata(await taggedPdf(objectStreams), META)), `object streams: ${objectStreams}`).toEqual({ Aside: 'Div', Strong: 'Span' });
    }
  });
});
