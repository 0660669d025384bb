import { xml } from '../util/xml.js';

/**
 * xmp: the document's XMP metadata packet (ISO 16684), the form of the document information that
 * accessibility checkers and archives read. It says the same as the Info dictionary, from the data.
 */
export interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** ISO 8601 date-time of the document (from the data). */
  date: string;
  creator: string;
  producer: string;
}

export function xmpPacket(f: XmpFields): string {
  const li = (items: string[]) => items.map((i) => `<rdf:li>${xml(i)}</rdf:li>`).join('');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(f.title)}</dc:title>`,
    `<dc:creator><rdf:Seq>${li([f.author])}</rdf:Seq></dc:creator>`,
    `<dc:description>${alt(f.subject)}</dc:description>`,
    `<dc:subject><rdf:Bag>${li(f.keywords)}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag>${li([f.language])}</rdf:Bag></dc:language>`,
    `<pdf:Keywords>${xml(f.keywords.join('; '))}</pdf:Keywords>`,
    `<pdf:Producer>${xml(f.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${xml(f.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${xml(f.date)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xml(f.date)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xml(f.date)}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
