/**
 * pdf-lite: just enough PDF reading for the PDFs Chromium (Skia) writes — a classic xref table, no
 * object streams, uncompressed dictionaries — to find objects (by the xref table), the page order
 * and the named destinations without parsing the whole file (pdf-lib's full parse costs ~100×
 * more). Used on our own printer's output only; anything unexpected throws, and callers fall back
 * to pdf-lib.
 */
export class PdfLite {
  readonly text: string;
  private readonly offsets = new Map<number, number>();

  /**
   * The reading of a PDF's bytes, made once: a printed briefing is read for its contents' page
   * numbers, for its pagination and for its metadata, one after another. (The bytes of a PDF are
   * never changed in place: pdf-meta copies them.)
   */
  static of(bytes: Uint8Array): PdfLite {
    let lite = read.get(bytes);
    if (!lite) read.set(bytes, (lite = new PdfLite(bytes)));
    return lite;
  }

  constructor(readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (!this.readXref()) {
      this.offsets.clear();
      for (const m of this.text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)) this.offsets.set(Number(m[1]), m.index + m[0].length);
    }
  }

  /**
   * Object offsets from the file's one classic xref table (what Chromium writes), each checked to
   * point at its `n 0 obj`; false when there is anything else (the caller scans the whole text).
   */
  private readXref(): boolean {
    const { dict, startxref } = this.trailer();
    if (/\/Prev\b/.test(dict)) return false; // updated: more than one table
    const head = /^xref\s+0\s+(\d+)\s*?\r?\n/.exec(this.text.slice(startxref, startxref + 32));
    if (!head) return false;
    const count = Number(head[1]);
    const b = this.bytes;
    let at = startxref + head[0].length;
    if (at + count * 20 > b.length) return false;
    // "oooooooooo ggggg n\r\n": 20 bytes each, read as bytes (thousands of entries)
    for (let n = 0; n < count; n++, at += 20) {
      const kind = b[at + 17];
      if (kind === 0x66 /* f */) continue;
      if (kind !== 0x6e /* n */ || b[at + 10] !== 0x20 || b[at + 16] !== 0x20) return false;
      let offset = 0;
      for (let i = at; i < at + 10; i++) {
        const digit = b[i]! - 0x30;
        if (digit < 0 || digit > 9) return false;
        offset = offset * 10 + digit;
      }
      const label = `${n} 0 obj`;
      if (!this.text.startsWith(label, offset)) return false;
      this.offsets.set(n, offset + label.length);
    }
    return true;
  }

  /** The text of object `n` up to its `endobj` (a stream's data included). */
  object(n: number): string {
    const start = this.offsets.get(n);
    if (start === undefined) throw new Error(`pdf-lite: no object ${n}`);
    const end = this.text.indexOf('endobj', start);
    if (end < 0) throw new Error(`pdf-lite: object ${n} has no end`);
    return this.text.slice(start, end).trim();
  }

  /** The dictionary text of object `n` (without a stream's data). */
  dict(n: number): string {
    const obj = this.object(n);
    const s = obj.indexOf('stream');
    return s >= 0 ? obj.slice(0, s) : obj;
  }

  /** The last trailer dictionary's text and the last startxref offset. */
  trailer(): { dict: string; startxref: number } {
    const t = this.text.lastIndexOf('trailer');
    const sx = this.text.lastIndexOf('startxref');
    if (t < 0 || sx < 0) throw new Error('pdf-lite: no trailer');
    return { dict: this.text.slice(t + 7, sx).trim(), startxref: Number(/\d+/.exec(this.text.slice(sx + 9))?.[0]) };
  }

  /** The object number a key of a dictionary refers to (`/Root 30 0 R` → 30). */
  static ref(dict: string, key: string): number | undefined {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  }

  get catalog(): number {
    const root = PdfLite.ref(this.trailer().dict, 'Root');
    if (root === undefined) throw new Error('pdf-lite: no /Root');
    return root;
  }

  /** Page object numbers in page order (walks the /Pages tree). */
  pages(): number[] {
    const out: number[] = [];
    const walk = (n: number, depth: number) => {
      if (depth > 32) throw new Error('pdf-lite: page tree too deep');
      const d = this.dict(n);
      if (/\/Type\s*\/Page(?![a-zA-Z])/.test(d)) { out.push(n); return; }
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(d)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]), depth + 1);
    };
    const root = PdfLite.ref(this.dict(this.catalog), 'Pages');
    if (root === undefined) throw new Error('pdf-lite: no /Pages');
    walk(root, 0);
    return out;
  }

  /** The first page's height in points (its /MediaBox, or the page tree's). */
  pageHeight(): number {
    const first = this.pages()[0];
    const own = first === undefined ? undefined : /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(this.dict(first));
    const box = own ?? /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(this.text);
    if (!box) throw new Error('pdf-lite: no /MediaBox');
    return Number(box[4]) - Number(box[2]);
  }

  /** Named destinations (the catalog's /Dests dictionary) → 1-based page numbers. */
  destinations(): Map<string, number> {
    return new Map([...this.destinationPoints()].map(([k, v]) => [k, v.page]));
  }

  /** Named destinations → 1-based page and the destination's height on it (PDF points from the bottom; NaN when not given). */
  destinationPoints(): Map<string, { page: number; y: number }> {
    const pageNo = new Map(this.pages().map((n, i) => [n, i + 1]));
    const out = new Map<string, { page: number; y: number }>();
    const catalog = this.dict(this.catalog);
    const destsRef = PdfLite.ref(catalog, 'Dests');
    if (destsRef === undefined) {
      if (/\/Names\b/.test(catalog)) throw new Error('pdf-lite: destinations in a name tree');
      return out;
    }
    for (const m of this.dict(destsRef).matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R(?:\s*\/XYZ\s+[-\d.]+\s+([-\d.]+))?/g)) {
      const name = m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      const page = pageNo.get(Number(m[2]));
      if (page !== undefined) out.set(Buffer.from(name, 'latin1').toString('utf8'), { page, y: m[3] === undefined ? NaN : Number(m[3]) });
    }
    return out;
  }
}

const read = new WeakMap<Uint8Array, PdfLite>();

/** An object that is a dictionary: its number and the dictionary (as matched from the start of its line). */
const OBJECT = /(?:^|[\r\n])(\d+) 0 obj\s*(<<(?:(?!endobj)[\s\S])*?>>)\s*endobj/y;

/**
 * The dictionary object whose text holds position `at` (found back from `at` to the "N 0 obj" that
 * starts its line): what a scan of every object would find there, for a few keywords among
 * thousands of objects. Undefined when `at` is in no dictionary object (a stream, an object that is
 * not a dictionary).
 */
export function dictionaryAround(text: string, at: number): RegExpExecArray | undefined {
  let start = text.lastIndexOf(' 0 obj', at);
  while (start >= 0) {
    let digits = start;
    while (digits > 0 && text.charCodeAt(digits - 1) >= 0x30 && text.charCodeAt(digits - 1) <= 0x39) digits--;
    const before = digits === 0 ? 10 : text.charCodeAt(digits - 1);
    if (digits < start && (before === 10 || before === 13)) { start = digits === 0 ? 0 : digits - 1; break; }
    start = text.lastIndexOf(' 0 obj', start - 1);
  }
  if (start < 0) return undefined;
  OBJECT.lastIndex = start;
  const m = OBJECT.exec(text);
  return m && m.index + m[0].length > at ? m : undefined;
}

/**
 * A dictionary's text without its strings (literal, with nested parentheses and escapes, and hex):
 * what its keys say, not what a string in it says ("/BaseFont /X" in a bookmark's title).
 */
export function withoutStrings(dict: string): string {
  let out = '';
  let i = 0;
  while (i < dict.length) {
    const c = dict[i]!;
    if (c === '(') {
      let depth = 0;
      for (; i < dict.length; i++) {
        const d = dict[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      i++;
      out += '()';
    } else if (c === '<' && dict[i + 1] !== '<') {
      const end = dict.indexOf('>', i);
      i = end < 0 ? dict.length : end + 1;
      out += '<>';
    } else if (c === '<') {
      out += '<<';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
