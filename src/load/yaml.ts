import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';

// js-yaml too is loaded on first use: the CLI's reports import this module (for code frames), and
// `brief build` should have its browser starting before any parser is loaded. Its ES module build is
// one file, ~3× quicker to load than its CommonJS build (many files), and is the copy positions.ts
// uses: loadQuickParser() loads it; a synchronous caller that comes first gets the CommonJS build.
type JsYaml = Pick<typeof import('js-yaml'), 'load' | 'CORE_SCHEMA'>;
let jsYamlModule: JsYaml | undefined;
const quick = (): JsYaml => (jsYamlModule ??= createRequire(import.meta.url)('js-yaml') as JsYaml);

/** Load the quick parser (js-yaml's ES module) before the first quickParse. */
export async function loadQuickParser(): Promise<void> {
  jsYamlModule ??= (await import('js-yaml')).default;
}

/**
 * The positioned parser (`yaml`'s document API) is loaded on first use: a build whose sheets the
 * quick path reads never needs it (~30 ms of start-up).
 */
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { BriefError, ExitCode } from '../errors.js';
import { stampOf } from '../util/file-cache.js';
import { positionRecorder, type PositionIndex } from './positions.js';
import type { Problem } from '../errors.js';

/** Fact sheets larger than this are refused before parsing (a hand-written sheet is a few kB). */
export const MAX_FACT_SHEET_BYTES = 2 * 1024 * 1024;

/** A parsed YAML file that remembers where every value came from. */
export interface LoadedYaml {
  file: string;
  text: string;
  doc: Document | undefined;
  /** Line and column look-up for `doc` (only with the positioned parse). */
  lineCounter?: LineCounter;
  /** The plain data (undefined when the file could not be parsed). */
  data: unknown;
  /** Problems found while reading and parsing: encoding, syntax, duplicate keys, aliases. */
  problems: Problem[];
  /**
   * Parsed by the quick path (js-yaml): `doc` is undefined, and positions come from `lazyIndex`
   * (or `index`). Where lazyIndex() gives no index, every position is 1:1: callers keep such a
   * result only when it has no problem at all, and otherwise parse again with parseYaml() (see
   * sheets.ts validateFile).
   */
  quick?: boolean;
  /** Where the values of a quick-parsed sheet are (positions.ts), added when it has problems. */
  index?: PositionIndex;
  /** Or made on the first look-up of a position (undefined when the index cannot be made). */
  lazyIndex?: () => PositionIndex | undefined;
}

/** Anchors, aliases, tags and merge keys: left to the full parser (alias limits, exact semantics). */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,:-])[&*!][^\s]|<<\s*:/m;
/** An explicit key (`? …`) or a list or mapping as a key: left to the full parser, which reports it. */
const COMPLEX_KEY = /^[ \t-]*(?:\?[ \t]*(?:[[{]|$)|[[{].*[\]}][ \t]*:(?:[ \t]|$))/m;
/**
 * Whether a `?`, `[` or `{` starts a line (after spaces, tabs and dashes), as COMPLEX_KEY needs:
 * a search for the three characters is several times quicker than COMPLEX_KEY on a long sheet.
 */
function mayHaveComplexKey(text: string): boolean {
  for (const ch of ['?', '[', '{']) {
    for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
      let j = i - 1;
      while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 45)) j--;
      const c = j < 0 ? 10 : text.charCodeAt(j);
      // a line starts after any of JavaScript's line terminators, as `^` in a multiline pattern has it
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
    }
  }
  return false;
}
/** A quicker test first: most sheets have none of these characters at all. */
const MAYBE_FULL = /[&*!]|<</;

/**
 * The quick path: js-yaml (~10× faster than the document API) with the YAML 1.2 core schema, which
 * reads the same data as `yaml` does (dates stay strings). Returns undefined for anything it should
 * not decide: syntax errors, duplicate keys, several documents, anchors/aliases/tags, an empty file.
 * `record: false`: the parse notes no positions (noting them costs a clean sheet ~20% of its parse);
 * a position asked for later parses the text again to note them.
 */
export function quickParse(file: string, text: string, options: { record?: boolean } = {}): LoadedYaml | undefined {
  if (MAYBE_FULL.test(text) && NEEDS_FULL_PARSER.test(text)) return undefined;
  if (mayHaveComplexKey(text) && COMPLEX_KEY.test(text)) return undefined;
  let data: unknown;
  const recorder = options.record === false ? undefined : positionRecorder();
  try {
    const jsYaml = quick();
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false, ...(recorder ? { listener: recorder.listener } : {}) });
  } catch {
    return undefined;
  }
  if (data === undefined || data === null) return undefined;
  // The index is made from the parse's notes when the first position is asked for (a clean sheet
  // never asks); unrecorded, from a second parse that notes them (the same parser on the same text).
  let index: PositionIndex | undefined | null = null;
  const lazyIndex = () => (index === null ? (index = recorder ? recorder.index(text, data) : indexPositions(text)) : index);
  return { file, text, doc: undefined, data, problems: [], quick: true, lazyIndex };
}

/** The position index of a text the quick parser reads (positions.ts); undefined when it cannot be made. */
export function indexPositions(text: string): PositionIndex | undefined {
  const recorder = positionRecorder();
  let data: unknown;
  try {
    const jsYaml = quick();
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false, listener: recorder.listener });
  } catch {
    return undefined;
  }
  return recorder.index(text, data);
}

export interface Position {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

const fileProblem = (file: string, rule: string, message: string, line = 1, col = 1): Problem => ({
  file, line, col, endLine: line, endCol: col, severity: 'error', rule, message, pointer: '',
});

/**
 * One decoder for every file (making one per file cost a run over 300 small sheets ~5 ms): it keeps
 * nothing between calls, as it is never asked to stream.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decode bytes as UTF-8 text, or say why not. */
function decode(file: string, bytes: Uint8Array, size = bytes.length): { text?: string; problem?: Problem } {
  if (size > MAX_FACT_SHEET_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return { problem: fileProblem(file, 'file-too-large', `file is ${bytes.length > MAX_FACT_SHEET_BYTES && size === bytes.length ? 'more than 2 MB' : `${mb} MB`}; a fact sheet may be at most ${MAX_FACT_SHEET_BYTES / 1024 / 1024} MB`) };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: fileProblem(file, 'file-encoding', 'file is UTF-16 (as Windows Notepad saves "Unicode"); save it as UTF-8') };
  }
  if (bytes.includes(0)) {
    return { problem: fileProblem(file, 'file-binary', 'file looks binary (it contains NUL bytes); expected a YAML text file') };
  }
  try {
    let text = UTF8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    let at = firstInvalidUtf8(bytes);
    // An incomplete sequence is only noticed at the byte after it: point at its lead byte.
    for (let k = 1; k <= 3 && at - k >= 0; k++) if (bytes[at - k]! >= 0xc0) { at -= k; break; } else if (bytes[at - k]! < 0x80) break;
    const lineStart = bytes.lastIndexOf(10, at - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((b) => b === 10).length + 1;
    const col = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1;
    const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    return { problem: fileProblem(file, 'file-encoding', `file is not valid UTF-8: byte 0x${hex} at line ${line}, column ${col} (byte offset ${at}); save the file as UTF-8 (it may be Latin-1 or Windows-1252)`, line, col) };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let lo = 0, hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try { dec.decode(bytes.subarray(0, mid + 1), { stream: true }); lo = mid + 1; } catch { hi = mid; }
  }
  return lo;
}

const TOO_DEEP = 'values are nested too deep to be read (hundreds of levels); a fact sheet is a few levels of mappings and lists';

/** Parse YAML text with positions. Never throws for bad input: problems are returned. */
export function parseYaml(file: string, text: string): LoadedYaml {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const result: LoadedYaml = { file, text, doc: undefined, lineCounter, data: undefined, problems: [] };
  const at = (offset: number) => lineCounter.linePos(offset);
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    result.problems.push(fileProblem(file, 'nesting-too-deep', TOO_DEEP));
    return result;
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0 || list.every((d) => d.contents === null)) {
    const onlyComments = text.trim().length > 0;
    result.problems.push(fileProblem(file, 'file-empty', onlyComments
      ? 'file holds only comments; expected a fact sheet (a YAML mapping with id, title, as_of, …)'
      : 'file is empty; expected a fact sheet (a YAML mapping with id, title, as_of, …)'));
    return result;
  }
  if (list.length > 1) {
    const second = list[1]!;
    const pos = at(second.range[0]);
    result.problems.push(fileProblem(file, 'yaml-multiple-documents',
      `file holds ${list.length} YAML documents; expected exactly one fact sheet per file`, pos.line, pos.col));
  }
  const doc = list[0]!;
  result.doc = doc;
  const seen = new Set<string>();
  // A tab in the indentation throws the parser off for the rest of the block: report only the tabs.
  const tabs = doc.errors.filter((e) => e.code === 'TAB_AS_INDENT');
  for (const err of tabs.length > 0 ? tabs : [...doc.errors, ...doc.warnings]) {
    const quote = unclosedQuote(text, err.code, err.message, err.pos[0]) ?? closedEarly(text, err.code, err.message, err.pos[0]) ?? unclosedFlow(text, err.message, err.pos[0]);
    const pos = at(quote?.offset ?? err.pos[0]);
    const end = at(quote ? quote.offset + 1 : err.pos[1]);
    const deep = /Maximum call stack/i.test(err.message);
    const rule = err.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : deep ? 'nesting-too-deep' : 'yaml-syntax';
    const message = deep ? TOO_DEEP : quote?.message ?? yamlMessage(err.code, err.message, text.slice(err.pos[0]));
    // One mistake often yields several parser errors on the same line, in other words each
    // ("Unexpected scalar token" after the unquoted ': '): report the line's first one only.
    const key = `${pos.line}:${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.problems.push({
      file, line: pos.line, col: pos.col, endLine: end.line, endCol: end.col,
      severity: err.name === 'YAMLWarning' ? 'warning' : 'error', rule, message, pointer: '',
    });
  }
  if (result.problems.some((p) => p.severity === 'error')) return result;
  // A list or mapping used as a key (`? [a, b]`, `{a: 1}: x`): the library would turn it into text,
  // with a warning of its own on stderr. A fact sheet's keys are plain words.
  const { isScalar, visit } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (pair.key === null || isScalar(pair.key)) return;
      const range = (pair.key as Node).range;
      const pos = at(range?.[0] ?? 0);
      const end = at(range?.[1] ?? 0);
      result.problems.push({ file, line: pos.line, col: pos.col, endLine: end.line, endCol: end.col, severity: 'error', rule: 'yaml-complex-key',
        message: `a ${yaml().isSeq(pair.key) ? 'list' : 'mapping'} is used as a key; the keys of a fact sheet are plain words (id:, title:, …)`, pointer: '' });
    },
  });
  if (result.problems.some((p) => p.severity === 'error')) return result;
  try {
    result.data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof RangeError) result.problems.push(fileProblem(file, 'nesting-too-deep', TOO_DEEP));
    else result.problems.push(fileProblem(file, 'yaml-alias', /alias/i.test(msg)
      ? 'too many alias expansions (a YAML "billion laughs" structure?); fact sheets should not need aliases'
      : `cannot read the YAML: ${msg}`));
  }
  return result;
}

/** The first line of a yaml error message, without its own position suffix, in plainer words. */
function yamlMessage(code: string, message: string, rest: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'TAB_AS_INDENT') return 'tab used for indentation; YAML indents with spaces only';
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*("[^"\n]*"|'[^'\n]*'|[^:,{}\n]+?)\s*:/.exec(rest)?.[1];
    return `duplicate key${key ? ` '${key.replace(/^["']|["']$/g, '')}'` : ''}: each key may appear only once in a mapping`;
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    return "bad indentation or an unquoted ': ' — keys of one mapping start in the same column, and a value containing ': ' must be in quotes (title: \"Xi: a deal\")";
  }
  if (code === 'BAD_INDENT' && !/flow (sequence|map)|same column/i.test(first)) return `bad indentation: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
  const hint = YAML_HINTS[code]?.(first);
  return hint ? `${hint} (YAML: ${first.replace(/\.$/, '')})` : first;
}

/** An unclosed [ list ] or { mapping }: point at the line where it opens. */
function unclosedFlow(text: string, message: string, offset: number): { offset: number; message: string } | undefined {
  const close = /flow (?:sequence|map|mapping|collection)\b.*end with an? ([\]}])/i.exec(message)?.[1];
  if (!close) return undefined;
  const open = close === ']' ? '[' : '{';
  const count = (l: string, c: string) => l.split(c).length - 1;
  const lines = text.slice(0, offset).split('\n');
  let start = 0;
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) {
    if (count(lines[i]!, open) > count(lines[i]!, close)) start = at + lines[i]!.lastIndexOf(open);
  }
  return { offset: start, message: `a ${open} … ${close} ${open === '[' ? 'list' : 'mapping'} is never closed: add the closing ${close}` };
}

/** An unclosed quoted string: point at its opening quote, not at the end of the file. */
function unclosedQuote(text: string, code: string, message: string, offset: number): { offset: number; message: string } | undefined {
  const q = /Missing closing (["'])quote/.exec(message)?.[1];
  if (code !== 'MISSING_CHAR' || !q) return undefined;
  // The opening quote is the last one before the error that starts a value (after ': ', '- ', '[', '{' or ',').
  const before = text.slice(0, offset);
  const re = q === '"' ? /(?:^|[:\-[{,])[ \t]*(")/gm : /(?:^|[:\-[{,])[ \t]*(')/gm;
  let open: number | undefined;
  for (const m of before.matchAll(re)) open = m.index + m[0].length - 1;
  if (open === undefined) return undefined;
  return { offset: open, message: `a quoted string is never closed: add the closing ${q} (the string runs to the end of the file)` };
}

/**
 * Text right after a quoted value's closing quote (`summary: "Xi "approved" it"`): the quote meant
 * as part of the text ended the value. Point at that quote and say how to write one inside.
 */
function closedEarly(text: string, code: string, message: string, offset: number): { offset: number; message: string } | undefined {
  let at = -1;
  if ((code === 'UNEXPECTED_TOKEN' && /^Unexpected (scalar|flow)/.test(message)) || (code === 'MISSING_CHAR' && /^Missing , or :/.test(message))) {
    at = offset - 1;
    while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  } else if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    // The text after the early close holds ': ' (`title: ""Talks: a deal"`): the parser then
    // complains of a key; the quoted value that opens the error's line closed before its text.
    at = earlyCloseOnLine(text, offset);
  }
  const q = text[at];
  if (q !== '"' && q !== "'") return undefined;
  return {
    offset: at,
    message: q === '"'
      ? 'this " ends the quoted value, and text follows it: inside "…" write a quote as \\" (or use “ ”), or put the value in single quotes'
      : "this ' ends the quoted value, and text follows it: inside '…' write an apostrophe as '' (it''s; or use ’), or put the value in double quotes",
  };
}

/**
 * On the line of `offset`, a value that opens with a quote (after `key: ` or `- `) and whose closing
 * quote has text right after it: that quote's offset, else -1.
 */
function earlyCloseOnLine(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end);
  const open = /^\s*(?:- +)*(?:[^\s"'#][^:#]*:[ \t]+)?(["'])/.exec(line);
  if (!open) return -1;
  const q = open[1]!;
  for (let i = open[0].length; i < line.length; i++) {
    if (q === '"' && line[i] === '\\') { i++; continue; }
    if (line[i] !== q) continue;
    if (q === "'" && line[i + 1] === "'") { i++; continue; } // '' is a quote inside '…'
    return /^[ \t]*(#|$|[,\]}])/.test(line.slice(i + 1)) ? -1 : start + i;
  }
  return -1;
}

/** What the common YAML mistakes in a hand-written fact sheet mean, and how to fix them. */
const YAML_HINTS: Record<string, (m: string) => string | undefined> = {
  TAB_AS_INDENT: () => 'tab used for indentation; YAML indents with spaces only',
  BLOCK_AS_IMPLICIT_KEY: () => "a value containing ': ' must be in quotes (title: \"Xi: a deal\"), or this line is indented too far",
  MULTILINE_IMPLICIT_KEY: () => 'a key must fit on one line: is the line above missing a closing quote, or is this line indented too far?',
  BAD_INDENT: (m) => /flow sequence/i.test(m) ? 'a [ … ] list is not closed: add the ] (or indent its continuation lines)'
    : /flow map/i.test(m) ? 'a { … } mapping is not closed: add the } (or indent its continuation lines)'
    : /same column/i.test(m) ? 'bad indentation: keys of one mapping must line up: indent this line like the keys above it (spaces only)' : undefined,
  MISSING_CHAR: (m) => /quote/i.test(m) ? 'a quoted text is not closed: add the closing quote' : undefined,
  BAD_SCALAR_START: (m) => `a value cannot start with ${/character (.)/.exec(m)?.[1] ?? 'this character'} unquoted: put the value in quotes`,
};

/** A file's size and version stamp (see file-cache.ts fileStamp), from one stat. */
export interface FileVersion {
  size: number;
  stamp: string;
}

/** Why a file cannot be read, for people. */
function readError(file: string, e: unknown): BriefError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ELOOP' ? 'a symbolic link loop (a link that leads back to itself)' : String((e as Error).message);
  return new BriefError('io-read', `${file}: cannot read: ${why}`, { exitCode: ExitCode.usage, location: { file }, cause: e });
}

const notRegular = (file: string, s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }) => new BriefError('io-read',
  `${file}: cannot read: ${s.isFIFO() ? 'a FIFO (named pipe)' : s.isSocket() ? 'a socket' : s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : s.isDirectory() ? 'a folder' : 'not a regular file'}, not a regular file; fact sheets are read only from regular files`,
  { exitCode: ExitCode.usage, location: { file } });

/**
 * The size and version of a fact sheet file. Throws BriefError (exit 2) when it cannot be read or
 * is not a regular file. Synchronous, as the reading: a sheet is a few kB, and a stat and read each
 * through the thread pool cost more than the parse of a short sheet (`npm run bench:validate`).
 */
export function fileVersion(file: string): FileVersion {
  let s;
  try {
    s = statSync(file, { bigint: true });
  } catch (e) {
    throw readError(file, e);
  }
  if (!s.isFile()) throw notRegular(file, s);
  return { size: Number(s.size), stamp: stampOf(s) };
}

/**
 * Read and parse a fact sheet file. Throws BriefError (exit 2) only when the file cannot be read.
 * With `quick`, try the quick parser first (see LoadedYaml.quick). `version` is the file's stat
 * when the caller has made it already.
 */
export async function loadYamlFile(file: string, options: { quick?: boolean; version?: FileVersion } = {}): Promise<LoadedYaml> {
  return loadYamlFileSync(file, options);
}

/**
 * At most `max` + 1 bytes of a regular file, whatever its stat says (a file may grow after the
 * stat; a /proc file says 0). Opened without blocking (a FIFO put in its place since the stat
 * would otherwise block the open) and checked to be a regular file by the open handle itself; with
 * the size that handle's stat gives (more than was read, for a file over the limit).
 */
export function readBounded(file: string, max: number): { bytes: Uint8Array; size: number } {
  let fd: number;
  let size = 0;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw readError(file, e);
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw notRegular(file, s);
    size = s.size;
    // The size the stat gives, and one byte more to see the end; 64 kB where it gives none (a pipe).
    const buf = Buffer.allocUnsafe(Math.min(max + 1, s.size > 0 ? s.size + 1 : 64 * 1024));
    let out = buf;
    let length = 0;
    for (;;) {
      if (length === out.length) {
        if (out.length > max) break;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, out.length * 2));
        out.copy(bigger, 0, 0, length);
        out = bigger;
      }
      const n = readSync(fd, out, length, out.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: out.subarray(0, length), size };
  } catch (e) {
    if (e instanceof BriefError) throw e;
    throw readError(file, e);
  } finally {
    closeSync(fd);
  }
}

export function loadYamlFileSync(file: string, options: { quick?: boolean; record?: boolean; version?: FileVersion } = {}): LoadedYaml {
  // A huge file is refused before it is read into memory when its stat was made (`version`); no
  // more than the limit is ever read, and the open file's own stat gives its size.
  const { bytes, size } = options.version && options.version.size > MAX_FACT_SHEET_BYTES
    ? { bytes: new Uint8Array(0), size: options.version.size }
    : readBounded(file, MAX_FACT_SHEET_BYTES);
  const { text, problem } = decode(file, bytes, Math.max(size, bytes.length));
  if (problem) return { file, text: '', doc: undefined, data: undefined, problems: [problem] };
  return (options.quick ? quickParse(file, text!, { record: options.record }) : undefined) ?? parseYaml(file, text!);
}

/** JSON pointer ("/a/0/b") → path segments, numbers for sequence indices. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => {
    const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(seg) ? Number(seg) : seg;
  });
}

/** The pairs of each mapping of a positioned parse, by key (see locate). */
const mapKeys = new WeakMap<object, Map<string, import('yaml').Pair>>();

/**
 * Where a value sits in the YAML. With `key`, the position of the mapping key `key` inside the
 * value at `path` (for unknown keys). Falls back to the nearest ancestor that exists.
 */
export function locate(loaded: LoadedYaml, path: readonly (string | number)[], key?: string): Position {
  const none = { line: 1, col: 1, endLine: 1, endCol: 1 };
  const segs = key === undefined ? path : [...path, key];
  const index = loaded.doc ? undefined : loaded.index ?? loaded.lazyIndex?.();
  if (index) {
    const { node, key: keyNode } = index.walk(segs);
    const target = key !== undefined && keyNode ? keyNode : node;
    const start = index.linePos(target.start);
    const end = index.linePos(target.end);
    return { line: start.line, col: start.col, endLine: end.line, endCol: end.col };
  }
  const doc = loaded.doc;
  const lines = loaded.lineCounter;
  if (!doc || !lines) return none;
  const { isMap, isNode, isPair, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  for (const seg of segs) {
    if (isMap(node)) {
      let keys = mapKeys.get(node);
      if (!keys) {
        // A look-up table per mapping, made on its first use: a search of the items for each of
        // many problems in one large mapping made reports quadratic.
        keys = new Map();
        for (const p of node.items) if (isPair(p) && isScalar(p.key) && !keys.has(String(p.key.value))) keys.set(String(p.key.value), p);
        mapKeys.set(node, keys);
      }
      const pair = keys.get(String(seg));
      if (!pair) break;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      keyNode = undefined;
      node = node.items[seg];
    } else break;
  }
  const target = key !== undefined && keyNode ? keyNode : isNode(node) ? node : keyNode;
  if (!target || !target.range) return none;
  const start = lines.linePos(target.range[0]);
  const end = lines.linePos(target.range[1]);
  return { line: start.line, col: start.col, endLine: end.line, endCol: end.col };
}
