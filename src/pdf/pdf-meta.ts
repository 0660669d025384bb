import { dictionaryAround, PdfLite } from './pdf-lite.js';
import { xmpPacket } from './xmp.js';
import { cleanMetadata, dataDate, fileId, type PdfMetadata } from './metadata.js';
import { roleMapFor } from './role-map.js';

export type { PdfMetadata };

/**
 * pdf-meta: the post-processing step after Chromium. Chromium writes only the Title, a random file
 * /ID and the clock's time; this sets the document information (Title, Author, Subject, Keywords,
 * Creator, Producer, dates taken from the data), the document language, viewer preferences, and a
 * file /ID derived from the content, so the same inputs give byte-identical PDFs. pdf-lib copies
 * every other object as it is: the structure tree (tags), /MarkInfo and the outline survive.
 */
/**
 * Set the metadata of a PDF Chromium printed; returns the new bytes. The fast path (pdf-lite) appends
 * an incremental update and fixes the two non-deterministic things Chromium writes (the clock in the
 * old /Info, the tag ids) in place with strings of the same length, so no offset moves and nothing
 * else is touched; a PDF it does not understand goes through pdf-lib's full rewrite instead.
 */
export async function applyPdfMetadata(pdf: Uint8Array, given: PdfMetadata): Promise<Uint8Array> {
  const meta = cleanMetadata(given);
  try {
    return appendMetadata(pdf, meta);
  } catch {
    const { rewriteMetadata } = await import('./pdf-full.js'); // pdf-lib, loaded only when needed
    return rewriteMetadata(pdf, meta);
  }
}

/** A PDF text string: a literal for plain ASCII, UTF-16BE hex otherwise. */
function pdfText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  return `<FEFF${utf16}>`;
}

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** `D:YYYYMMDDHHmmSS…` of the data date, exactly `length` characters long (for in-place fixes). */
function sameLengthDate(when: Date, length: number): string {
  const base = `D:${when.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
  for (const suffix of ["+00'00'", "+00'00", 'Z', '']) if (base.length + suffix.length === length) return base + suffix;
  return length >= base.length ? base.padEnd(length, '0') : base.slice(0, length);
}

/** A PDF text string's value: a literal `(…)` with its escapes, or hex (UTF-16BE with a BOM, else bytes). */
function decodePdfText(raw: string): string {
  if (raw.startsWith('<')) {
    const bytes = Buffer.from(raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
  }
  const body = raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e);
  const bytes = Buffer.from(body, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : body;
}

const outlineKey = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();

/**
 * Chromium titles bookmarks with the heading's laid-out text: a line break loses its space
 * ("Caspian LittoralAgreement"), text-transform shows ("STATUS"). Each outline item whose title is
 * a heading's text but for spaces and case gets the heading's real text: [object, new dictionary].
 */
export function outlineFixes(text: string, headings: readonly string[]): [number, string][] {
  const byKey = new Map<string, string>();
  for (const h of headings) if (!byKey.has(outlineKey(h))) byKey.set(outlineKey(h), h);
  const out: [number, string][] = [];
  for (const m of titledObjects(text)) {
    const dict = m[2]!;
    if (!/\/Parent\s+\d+\s+0\s+R/.test(dict)) continue;
    const title = /\/Title\s*(\((?:[^\\()]|\\[\s\S])*\)|<[0-9A-Fa-f\s]*>)/.exec(dict);
    if (!title) continue;
    const now = decodePdfText(title[1]!);
    const real = byKey.get(outlineKey(now));
    if (real === undefined || real === now) continue;
    out.push([Number(m[1]), dict.replace(title[0], `/Title ${pdfText(real)}`)]);
  }
  return out;
}

/**
 * The objects a scan of every object would find that hold `/Title`, found from each `/Title` back
 * to the line that starts its object: a briefing has a few dozen titles among thousands of objects,
 * and the scan of all of them was most of the metadata's time.
 */
function* titledObjects(text: string): Generator<RegExpExecArray> {
  let done = -1;
  for (let at = text.indexOf('/Title'); at >= 0; at = text.indexOf('/Title', at + 1)) {
    if (at < done) continue;
    const m = dictionaryAround(text, at);
    if (!m) continue;
    done = m.index + m[0].length;
    yield m;
  }
}

function appendMetadata(pdf: Uint8Array, meta: PdfMetadata): Uint8Array {
  const lite = PdfLite.of(pdf);
  const { text } = lite;
  const when = dataDate(meta.date);
  const { dict: trailer, startxref } = lite.trailer();
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = lite.catalog;
  if (!Number.isInteger(size) || !/^xref\b/.test(text.slice(startxref, startxref + 4))) throw new Error('pdf-lite: no classic xref');

  // 1. In place, same length, in a copy of the bytes: the clock in the old /Info, the old /ID in
  // the trailer, and Chromium's tag ids.
  const head = Buffer.concat(text.endsWith('\n') ? [pdf] : [pdf, Buffer.from('\n')]);
  const patch = (at: number, s: string) => head.write(s, at, 'latin1');
  for (const m of text.matchAll(/\/(?:CreationDate|ModDate)\s*\((D:[^)]*)\)/g)) patch(m.index + m[0].length - 1 - m[1]!.length, sameLengthDate(when, m[1]!.length));
  const trailerAt = text.lastIndexOf('trailer');
  for (const m of text.slice(trailerAt).matchAll(/\/ID\s*\[\s*<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\s*\]/g)) {
    for (const h of m[0].matchAll(/<([0-9a-fA-F]*)>/g)) patch(trailerAt + m.index + h.index + 1, '0'.repeat(h[1]!.length));
  }
  const tags = [...text.matchAll(/\(node(\d+)\)/g)];
  const ids = [...new Set(tags.map((m) => m[1]!))].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1));
  const rename = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, '0')]));
  if (ids.some((id, i) => String(i + 1).length > id.length)) throw new Error('pdf-lite: tag ids too short to renumber in place');
  for (const m of tags) patch(m.index + '(node'.length, rename.get(m[1]!)!);

  // 2. Appended: a new /Info, the XMP packet, the catalog with language, metadata and viewer settings.
  const creator = meta.creator ?? 'brief';
  const producer = meta.producer ?? 'brief (Chromium Skia/PDF)';
  const date = pdfText(pdfDate(when));
  const info = `<</Title ${pdfText(meta.title)}\n/Author ${pdfText(meta.author)}\n/Subject ${pdfText(meta.subject)}\n/Keywords ${pdfText(meta.keywords.join('; '))}\n/Creator ${pdfText(creator)}\n/Producer ${pdfText(producer)}\n/CreationDate ${date}\n/ModDate ${date}>>`;
  const xmp = Buffer.from(xmpPacket({ ...meta, date: when.toISOString().replace('.000Z', 'Z'), creator, producer }), 'utf8');
  let catalog = lite.dict(root).trim();
  if (!catalog.startsWith('<<') || !catalog.endsWith('>>')) throw new Error('pdf-lite: unexpected catalog');
  catalog = catalog.slice(0, -2).replace(/\/(Lang|Metadata|PageMode)\s*(\((?:[^()\\]|\\.)*\)|<[^<>]*>|\/\w+|\d+\s+0\s+R)/g, '');
  if (!/\/ViewerPreferences/.test(catalog)) catalog += '\n/ViewerPreferences <</DisplayDocTitle true>>';
  if (/\/Outlines\s+\d+\s+0\s+R/.test(catalog)) catalog += '\n/PageMode /UseOutlines';
  catalog += `\n/Lang ${pdfText(meta.language)}\n/Metadata ${size + 1} 0 R>>`;

  const parts: Buffer[] = [head];
  let offset = head.length;
  const offsets: number[] = [];
  const add = (b: Buffer) => { parts.push(b); offset += b.length; };
  const obj = (n: number, body: Buffer) => { offsets[n] = offset; add(Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')])); };
  obj(root, Buffer.from(catalog, 'latin1'));
  obj(size, Buffer.from(info, 'latin1'));
  obj(size + 1, Buffer.concat([Buffer.from(`<</Type /Metadata\n/Subtype /XML\n/Length ${xmp.length}>> stream\n`, 'latin1'), xmp, Buffer.from('\nendstream', 'latin1')]));
  const retitled = meta.headings ? outlineFixes(text, meta.headings) : [];
  // The structure tree root with a /RoleMap for the non-standard types the tags use (role-map.ts).
  const treeRoot = PdfLite.ref(lite.dict(root), 'StructTreeRoot');
  const roles = Object.entries(roleMapFor(text));
  if (treeRoot !== undefined && roles.length > 0) {
    const tree = lite.dict(treeRoot).trim();
    if (!tree.startsWith('<<') || !tree.endsWith('>>') || /\/RoleMap\b/.test(tree)) throw new Error('pdf-lite: unexpected structure tree root');
    retitled.push([treeRoot, `${tree.slice(0, -2)}\n/RoleMap <<${roles.map(([k, v]) => `/${k} /${v}`).join(' ')}>>>>`]);
  }
  for (const [n, dict] of retitled) obj(n, Buffer.from(dict, 'latin1'));
  const entry = (n: number) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  const xrefAt = offset;
  const id = fileId(meta);
  add(Buffer.from([
    'xref', '0 1', '0000000000 65535 f ', `${root} 1`, entry(root).trimEnd(), `${size} 2`, entry(size).trimEnd(), entry(size + 1).trimEnd(),
    ...retitled.flatMap(([n]) => [`${n} 1`, entry(n).trimEnd()]),
    'trailer', `<</Size ${size + 2}\n/Root ${root} 0 R\n/Info ${size} 0 R\n/ID [<${id}> <${id}>]\n/Prev ${startxref}>>`,
    'startxref', String(xrefAt), '%%EOF', '',
  ].join('\n').replace(/ n\n/g, ' n \n').replace('65535 f\n', '65535 f \n'), 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
