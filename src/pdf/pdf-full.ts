import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { dataDate, fileId, type PdfMetadata } from './metadata.js';
import { ROLE_MAP } from './role-map.js';
import { xmpPacket } from './xmp.js';

/**
 * pdf-full: the pdf-lib paths (a full parse and rewrite), for PDFs the fast pdf-lite paths do not
 * read. Loaded on demand: importing pdf-lib costs ~100 ms of start-up.
 */
const nameOf = (o: unknown): string | undefined =>
  o instanceof PDFName ? o.decodeText() : o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;


/** Named destinations of a PDF → 1-based page numbers (both the /Dests dictionary and the name tree). */
export async function destinationPagesFull(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map<string, number>(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const record = (name: string | undefined, dest: unknown) => {
    let d = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
    if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'));
    if (!name || !(d instanceof PDFArray)) return;
    const page = d.get(0);
    const n = page instanceof PDFRef ? pageOf.get(page.toString()) : undefined;
    if (n !== undefined) out.set(name, n);
  };
  const catalog = doc.catalog;
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [k, v] of dests?.entries() ?? []) record(k.decodeText(), v);
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) record(nameOf(names.lookup(i)), names.get(i + 1));
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict), 0);
  return out;
}

/** The full rewrite with pdf-lib, for PDFs pdf-lite does not read. */
export async function rewriteMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const when = dataDate(meta.date);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords.join('; ')]); // pdf-lib joins with spaces; titles contain spaces
  const creator = meta.creator ?? 'brief';
  const producer = meta.producer ?? 'brief (Chromium Skia/PDF, pdf-lib)';
  doc.setCreator(creator);
  doc.setProducer(producer);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage(meta.language);

  const catalog = doc.catalog;
  // A /RoleMap for the non-standard structure types the tags use (role-map.ts).
  const tree = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const used = new Set<string>();
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    const type = o instanceof PDFDict ? o.get(PDFName.of('S')) : undefined;
    if (type instanceof PDFName) used.add(type.decodeText());
  }
  const roles = Object.entries(ROLE_MAP).filter(([type]) => used.has(type));
  if (tree && roles.length > 0 && !tree.has(PDFName.of('RoleMap'))) tree.set(PDFName.of('RoleMap'), doc.context.obj(Object.fromEntries(roles.map(([k, v]) => [k, PDFName.of(v)]))));
  // The same, as an XMP packet (uncompressed, so any tool can find it).
  const packet = new TextEncoder().encode(xmpPacket({ ...meta, date: when.toISOString().replace('.000Z', 'Z'), creator, producer }));
  catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(packet, { Type: 'Metadata', Subtype: 'XML' })));
  // Open with the bookmarks panel showing; PDF/UA asks viewers to show the Title, not the file name.
  if (catalog.get(PDFName.of('Outlines'))) catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const prefs = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict) ?? doc.context.obj({});
  prefs.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
  catalog.set(PDFName.of('ViewerPreferences'), prefs);

  renumberStructureIds(doc);

  const id = fileId(meta);
  const ids = PDFArray.withContext(doc.context);
  ids.push(PDFHexString.of(id));
  ids.push(PDFHexString.of(id));
  doc.context.trailerInfo.ID = ids;

  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

const textOf = (o: unknown): string | undefined => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/**
 * Chromium names tagged elements after its DOM node ids ("node00002522"), which depend on how many
 * nodes the renderer made before (a reused page, a second print). Renumber them in their order,
 * everywhere they are used: the elements' /ID, table cells' /Headers and the structure's /IDTree.
 */
export function renumberStructureIds(doc: PDFDocument): void {
  const elems: PDFDict[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('ID')) && obj.get(PDFName.of('S'))) elems.push(obj);
  }
  const old = [...new Set(elems.map((e) => textOf(e.get(PDFName.of('ID')))).filter((s): s is string => !!s))];
  const key = (s: string) => [Number(/\d+/.exec(s)?.[0] ?? NaN), s] as const;
  old.sort((a, b) => { const [x, p] = key(a); const [y, q] = key(b); return x - y || (p < q ? -1 : p > q ? 1 : 0); });
  const width = String(old.length).length;
  const map = new Map(old.map((id, i) => [id, `node${String(i + 1).padStart(Math.max(8, width), '0')}`]));
  const renamed = (o: unknown) => {
    const t = textOf(o);
    return t !== undefined && map.has(t) ? PDFString.of(map.get(t)!) : undefined;
  };
  const fixArray = (arr: PDFArray | undefined) => {
    for (let i = 0; arr && i < arr.size(); i++) {
      const r = renamed(arr.get(i));
      if (r) arr.set(i, r);
    }
  };
  for (const e of elems) {
    const r = renamed(e.get(PDFName.of('ID')));
    if (r) e.set(PDFName.of('ID'), r);
  }
  // /Headers in attribute dictionaries (/A is a dictionary or an array of them)
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const a = obj.lookup(PDFName.of('A'));
    const dicts = a instanceof PDFDict ? [a] : a instanceof PDFArray ? a.asArray().map((x) => doc.context.lookup(x)) : [];
    for (const d of dicts) if (d instanceof PDFDict) fixArray(d.lookupMaybe(PDFName.of('Headers'), PDFArray));
  }
  // The ID tree: keys and limits keep their order, as the renumbering keeps it.
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i < names.size(); i += 2) {
      const r = renamed(names.lookup(i));
      if (r) names.set(i, r);
    }
    fixArray(node.lookupMaybe(PDFName.of('Limits'), PDFArray));
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(root?.lookupMaybe(PDFName.of('IDTree'), PDFDict), 0);
}
