import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { cacheDir } from '../util/cache-dir.js';
import { compiler } from './handlebars.js';

/**
 * template-cache: compiled Handlebars templates kept on disk between runs, so a cold start does not
 * compile every template again (~45 ms). An entry is the output of `Handlebars.precompile` for one
 * template text, named by the hash of that text and the Handlebars version: an edited template is a
 * new entry, never a stale one. The cache lives in the tool's own node_modules/.cache/brief (as
 * trusted as the tool's code, or BRIEF_CACHE_DIR); when it cannot be written, templates are simply compiled.
 */
const require = createRequire(import.meta.url);
const VERSION = (require('handlebars/package.json') as { version: string }).version;

type Options = CompileOptions;
type CompileOptions = Parameters<typeof Handlebars.precompile>[1];

/**
 * `text` compiled for the environment `hb` (its helpers and partials), from the disk cache when
 * possible; else precompiled by the full Handlebars, loaded then, and written to the cache. A syntax
 * or compile error (Handlebars' own) is thrown; only texts that compiled are cached.
 */
export function compileCached(hb: typeof Handlebars, text: string, options: Options = {}): Handlebars.TemplateDelegate {
  const key = createHash('sha256').update(`${VERSION}\0${JSON.stringify(options)}\0${text}`).digest('hex').slice(0, 32);
  const dir = join(cacheDir(), 'templates'); // read now, not at import: the environment may change between runs in one process
  const file = join(dir, `${key}.js`);
  let spec: string;
  try {
    spec = readFileSync(file, 'utf8');
  } catch {
    spec = compiler().precompile(text, options) as string; // the compiler is loaded only now
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, spec);
      renameSync(tmp, file);
    } catch {
      // read-only install: the template is used from memory
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- precompiled template code, as Handlebars' runtime expects
  return hb.template(new Function(`return ${spec}`)() as Parameters<typeof hb.template>[0]);
}
