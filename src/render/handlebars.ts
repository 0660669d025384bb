import { createRequire } from 'node:module';
import type FullHandlebars from 'handlebars';
import RuntimeHandlebars from 'handlebars/runtime.js';

/**
 * handlebars: the runtime, which is all a run needs when its templates are compiled already (the
 * disk cache of template-cache.ts), and the compiler, loaded only when a template must be parsed or
 * compiled: the full library takes ~15–35 ms longer to load at every start.
 */
export const Handlebars = RuntimeHandlebars as unknown as typeof FullHandlebars;

const require = createRequire(import.meta.url);

/** The full Handlebars (parse, precompile), loaded on first use. */
export function compiler(): typeof FullHandlebars {
  return require('handlebars') as typeof FullHandlebars;
}
