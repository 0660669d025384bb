import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreviousEditions } from '../validate/previous.js';
import { readTextCached } from '../util/file-cache.js';
import type { TemplateSet } from '../render/render.js';
import { LANG_FONTS } from '../util/font-catalogue.js';
import { writeAtomic } from './write.js';

/**
 * incremental: a document is not printed again when every input it is made from is unchanged since
 * the build that wrote it, and the files it wrote are still those bytes. Each output PDF has a
 * manifest beside it, `<out>/<week>/.brief/<audience>.json`: a hash of its inputs, and the hashes of
 * the PDF (and HTML) written from them.
 *
 * The inputs: the week's fact sheets (names and texts: a briefing holds every topic of the week),
 * the previous edition each topic is compared with (week, name, text), the audience's config and
 * template files, brief's own code and version, the versions of the packages it prints with (fonts,
 * the optional language fonts or their absence, Handlebars, pdf-lib, Puppeteer) and the browser
 * executable (name and size). Nothing in the hash names an absolute path or a time, so the manifests
 * of shards built on other machines are the same bytes, and a checkout in another folder still finds
 * its outputs up to date.
 *
 * A wrong "unchanged" would keep a stale PDF, so anything in doubt rebuilds: a missing or unreadable
 * manifest, an output that is missing or was changed, an HTML file asked for that was not written.
 */
export interface Manifest {
  /** The hash of the inputs the outputs were made from. */
  inputs: string;
  /** sha256 of the PDF written. */
  pdf: string;
  /** sha256 of the HTML written beside it (with --html). */
  html?: string;
  pages: number;
  bytes: number;
  marking: string;
  /** The topics the document shows (absent in manifests of older versions). */
  topics?: number;
}

const FORMAT = 'brief-manifest-1';

/** Where the manifest of an output PDF is kept. */
export const manifestPath = (pdfPath: string): string => join(dirname(pdfPath), '.brief', `${basename(pdfPath, '.pdf')}.json`);

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The file gen-dist.mjs writes into dist/ with the code digest (codeDigest), computed once at build time. */
export const CODE_DIGEST_FILE = 'code-digest.json';

/**
 * A digest of brief's compiled code under `root` (every module, the generated validators and flags,
 * by path relative to root and content): any change to how a document is made changes it, not only
 * a version bump. The digest file itself is left out.
 */
export function codeDigest(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:c?js|json|ts)$/.test(e.name) && !e.name.endsWith('.d.ts') && p !== join(root, CODE_DIGEST_FILE)) {
        hash.update(`\0${relative(root, p)}\0`).update(readFileSync(p));
      }
    }
  };
  walk(root);
  return hash.digest('hex');
}

let toolDigest: string | undefined;

/**
 * brief's code (codeDigest: read from the file written at build time, else computed: ~1 MB of
 * reading and hashing that would otherwise come before a cold build's print), its version and the
 * versions of its dependencies. Once per process.
 */
function toolFingerprint(): string {
  if (toolDigest) return toolDigest;
  const codeRoot = fileURLToPath(new URL('..', import.meta.url)); // dist/ (src/ when run from source)
  let code: string;
  try {
    code = (JSON.parse(readFileSync(join(codeRoot, CODE_DIGEST_FILE), 'utf8')) as { digest: string }).digest;
  } catch {
    code = codeDigest(codeRoot);
  }
  const hash = createHash('sha256').update(FORMAT).update(`\0code\0${code}`);
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies?: Record<string, string> };
  hash.update(`\0brief@${pkg.version}`);
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    let version = '?';
    try { version = (require(`${name}/package.json`) as { version: string }).version; } catch { /* a package whose exports hide it */ }
    hash.update(`\0${name}@${version}`);
  }
  // The optional language fonts (not dependencies): installing one changes what text in its language prints with.
  for (const { pkg: name } of LANG_FONTS) {
    let version = 'absent';
    try { version = (require(`${name}/package.json`) as { version: string }).version; } catch { /* not installed */ }
    hash.update(`\0${name}@${version}`);
  }
  toolDigest = hash.digest('hex');
  return toolDigest;
}

/** The browser executable, by name and size (a new version is another size; its path and time differ from machine to machine). */
export function browserIdentity(path: string): string {
  let size = -1;
  try { size = statSync(path).size; } catch { /* gone: printing will say so */ }
  return `${basename(path)}:${size}`;
}

export interface DocumentInputs {
  week: string;
  /** The week's fact sheets: file name (display path) → text. */
  sheets: ReadonlyMap<string, string>;
  previous: PreviousEditions;
  set: TemplateSet;
  templatesDir: string;
  browser: string;
}

/** The hash of everything a document is made from (see the top of this file). */
export async function inputsHash(inputs: DocumentInputs): Promise<string> {
  const hash = createHash('sha256').update(toolFingerprint()).update(`\0browser\0${inputs.browser}\0week\0${inputs.week}`);
  const { dir, ...config } = inputs.set.audience;
  hash.update(`\0audience\0${basename(dir)}\0${JSON.stringify(config)}`);
  const templates = await Promise.all(inputs.set.files.map(async (f) => [relative(inputs.templatesDir, f), await readTextCached(f)] as const));
  for (const [name, text] of templates.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) hash.update(`\0template\0${name}\0${text}`);
  const sheets = [...inputs.sheets].map(([name, text]) => [basename(name), text] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, text] of sheets) hash.update(`\0sheet\0${name}\0${text}`);
  const previous = [...inputs.previous.byTopic].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [topic, p] of previous) hash.update(`\0previous\0${topic}\0${p.week}\0${basename(p.file)}\0${p.text ?? ''}`);
  // The previous week's topics this week dropped: the cover names them.
  for (const d of inputs.previous.dropped) hash.update(`\0dropped\0${d.id}\0${d.week}\0${d.text}`);
  return hash.digest('hex');
}

async function readJson(file: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest & { format?: string };
    return m.format === FORMAT && typeof m.inputs === 'string' && typeof m.pdf === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

async function hashOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/**
 * The manifest of an output whose inputs hash to `inputs` and whose files are still the bytes that
 * build wrote (the HTML too when `html` is asked for); undefined when it must be built.
 */
export async function upToDate(pdfPath: string, inputs: string, html: boolean): Promise<Manifest | undefined> {
  const m = await readJson(manifestPath(pdfPath));
  if (!m || m.inputs !== inputs || (html && !m.html)) return undefined;
  const [pdf, page] = await Promise.all([hashOf(pdfPath), html ? hashOf(pdfPath.replace(/\.pdf$/, '.html')) : undefined]);
  return pdf === m.pdf && (!html || page === m.html) ? m : undefined;
}

/** Record what an output was built from, after its files are written. */
export async function recordManifest(pdfPath: string, inputs: string, written: { pdf: Uint8Array; html?: string; pages: number; marking: string; topics: number }): Promise<void> {
  const m = {
    format: FORMAT, inputs, pdf: sha256(written.pdf), ...(written.html !== undefined ? { html: sha256(written.html) } : {}),
    pages: written.pages, bytes: written.pdf.length, marking: written.marking, topics: written.topics,
  };
  await writeAtomic(manifestPath(pdfPath), `${JSON.stringify(m, null, 2)}\n`);
}
