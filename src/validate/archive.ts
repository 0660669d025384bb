import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { setBounded } from '../util/bounded.js';

/**
 * Archived copies of sources (a source's `archive:`), read and normalised once per process while
 * unchanged (same size and mtime), so checking every quote of a batch reads each article once.
 *
 * Normalised text: Unicode NFKC; every kind of double quote is ", every single quote or apostrophe
 * is ', every dash or minus is -, with no space around it; whitespace runs are one space. Matching
 * is done on a lower-cased copy of the same length (`folded`), so the passage shown in a message
 * keeps the archive's capitals.
 */
export interface Archive {
  /** The normalised text, for showing passages. */
  text: string;
  /** `text` lower-cased character by character (same length), for matching. */
  folded: string;
}

export type ArchiveRead = { archive: Archive } | { error: string };

const cache = new Map<string, { stamp: string; read: ArchiveRead }>();

/** An archive larger than this is not read (an article is kilobytes; a sheet may name any path). */
export const MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;

/**
 * During a one-off check of many sheets (`brief validate`, see holdArchives), each archive is looked
 * at once: sheets of many weeks cite the same archived articles, and a stat for each citation of
 * each sheet costs more than the rest of the quote checks of a sheet without quotes.
 */
let held: Map<string, ArchiveRead> | undefined;

/** Start (true) or end (false) a one-off check: see `held`. */
export function holdArchives(on: boolean): void {
  held = on ? new Map() : undefined;
}

/** The archive at an absolute path, read and normalised (or why it cannot be read). */
export function readArchive(path: string): ArchiveRead {
  const kept = held?.get(path);
  if (kept) return kept;
  const read = readArchiveNow(path);
  held?.set(path, read);
  return read;
}

function readArchiveNow(path: string): ArchiveRead {
  let stamp: string;
  try {
    const s = statSync(path, { throwIfNoEntry: false }); // (a missing archive is common: no exception made)
    if (!s) return { error: 'no such file' };
    if (!s.isFile()) return { error: 'not a regular file' };
    if (s.size > MAX_ARCHIVE_BYTES) return { error: `larger than an archived article may be (${MAX_ARCHIVE_BYTES / 1024 / 1024} MB)` };
    stamp = `${s.size}:${s.mtimeMs}`;
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
  }
  const hit = cache.get(path);
  if (hit && hit.stamp === stamp) return hit.read;
  let read: ArchiveRead;
  try {
    const raw = rawText(path);
    const text = normalise(raw);
    read = text.trim() ? { archive: { text, folded: fold(text) } } : { error: 'no text in it' };
  } catch (e) {
    read = { error: (e as Error).message.split('\n')[0]! };
  }
  setBounded(cache, path, { stamp, read }, 256);
  return read;
}

/** The plain text of a text, HTML or PDF file. */
function rawText(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') {
    // poppler's pdftotext, when installed: a PDF archive is rare and this keeps validation synchronous.
    // (node:child_process is loaded here, not at start: ~7 ms of every validation for a rare archive)
    const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    try {
      return execFileSync('pdftotext', ['-enc', 'UTF-8', '-q', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
      throw new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a PDF archive needs pdftotext (poppler-utils), which is not installed' : 'pdftotext could not read it');
    }
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new Error('binary file (not text, HTML or PDF)');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return ext === '.html' || ext === '.htm' || /^\s*<(!doctype html|html)/i.test(text) ? htmlText(text) : text;
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', shy: '',
};

/** The text of an HTML page: scripts, styles and tags dropped, block ends as spaces, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

const DOUBLE = /[“”„‟«»″〝〞＂]/g;
const SINGLE = /[‘’‚‛′`´]/g;
const DASH = /[‐‑‒–—―−﹘﹣－]/g;

/** Normalise text for comparison (see Archive); ellipses are left as they are. */
export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .replace(DOUBLE, '"')
    .replace(SINGLE, "'")
    .replace(DASH, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

/** Lower-case character by character, keeping the length (a character whose lower case is longer stays). */
export function fold(s: string): string {
  // ASCII capitals lower-case one for one, in runs; only other characters are looked at one by one
  // (an article is mostly ASCII once normalised).
  return s.replace(/[A-Z]+|[^\x00-\x7f]+/g, (run) => (run.charCodeAt(0) < 0x80 ? run.toLowerCase() : foldEach(run)));
}

function foldEach(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
