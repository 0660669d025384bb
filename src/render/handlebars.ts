import { createRequire } from 'node:module';
import type FullHandlebars from 'handlebars';

/**
 * handlebars: the runtime, which is all a run needs when its templates are compiled already (the
 * disk cache of template-cache.ts), and the compiler, loaded only when a template must be parsed or
 * compiled: the full library takes ~15–35 ms longer to load at every start.
 */
const require = createRequire(import.meta.url);

/** The runtime's one-file build (the same code as its 22 CommonJS modules, loaded in ~4 ms instead of ~9–17). */
export const Handlebars = require('handlebars/dist/handlebars.runtime.min.js') as typeof FullHandlebars;

/** The full Handlebars (parse, precompile), loaded on first use. */
export function compiler(): typeof FullHandlebars {
  return require('handlebars') as typeof FullHandlebars;
}
