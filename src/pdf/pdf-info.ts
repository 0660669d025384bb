/** Bytes JavaScript's `\s` matches in a latin1 reading: tab, line feed, vertical tab, form feed, carriage return, space, no-break space. */
const SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);
const TYPE = Buffer.from('/Type', 'latin1');
const PAGE = Buffer.from('/Page', 'latin1');
const isLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Page count of a PDF Chromium wrote (its page objects are not in object streams): the `/Type
 * /Page` entries, `/Pages` not counted (as /\/Type\s*\/Page(?![a-zA-Z])/g over the bytes read as
 * latin1, searched in the bytes: a build counts every print's pages, and decoding each PDF to text
 * for it cost more than the search).
 */
export function countPages(pdf: Uint8Array): number {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(TYPE); at >= 0; at = bytes.indexOf(TYPE, at + 1)) {
    let i = at + TYPE.length;
    while (i < bytes.length && SPACE.has(bytes[i]!)) i++;
    if (i + PAGE.length <= bytes.length && bytes.compare(PAGE, 0, PAGE.length, i, i + PAGE.length) === 0 && !isLetter(bytes[i + PAGE.length])) count++;
  }
  return count;
}
