import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PDFParse } from 'pdf-parse';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const DATA = join(ROOT, 'data');
export const TEMPLATES = join(ROOT, 'templates');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/**
 * For copying the sample's weeks without data/archive/ (cpSync's filter): tests that rewrite the
 * sheets' text (scripts, long words) make their quotes differ from the archived articles, which is
 * not what they test; without the archives those quotes are not checked (a warning says so).
 */
export const weeksOnly = (src: string): boolean => src !== join(DATA, 'archive') && !src.startsWith(join(DATA, 'archive', '/'));

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'brief-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Text and page count of a PDF, read back with pdf-parse; whitespace collapsed to single spaces. */
export async function readPdf(fileOrBytes: string | Uint8Array): Promise<{ text: string; pages: number; raw: string }> {
  const data = typeof fileOrBytes === 'string' ? readFileSync(fileOrBytes) : fileOrBytes;
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const result = await parser.getText();
    return { raw: result.text, text: result.text.replace(/\s+/g, ' '), pages: result.total };
  } finally {
    await parser.destroy();
  }
}

/** Collapse whitespace, so a sentence wrapped across lines in the PDF still matches. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Whether a command-line tool is installed (poppler, qpdf). */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
