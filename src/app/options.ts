import { BriefError, ExitCode } from '../errors.js';
import { nearest } from '../util/nearest.js';

/**
 * A library call's options checked for names it does not take: a JavaScript caller (no types to
 * catch it) who writes the command line's `data` or `out` for `dataDir` or `outDir` would otherwise
 * build the default folders without a word. `known` lists every option of the call (the compiler
 * keeps it complete); an unknown name is a usage error that names the nearest known one.
 */
export function checkOptions<T extends object>(call: string, options: T | undefined, known: Record<keyof Required<T>, true>): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new BriefError('usage', `${call}() takes an options object ({ ${Object.keys(known).slice(0, 3).join(', ')}, … }); got ${Array.isArray(options) ? 'a list' : options === null ? 'null' : `a ${typeof options}`}`, { exitCode: ExitCode.usage });
  }
  const names = Object.keys(known);
  const unknown = Object.keys(options).filter((k) => !Object.hasOwn(known, k));
  if (unknown.length === 0) return;
  const said = unknown.map((k) => {
    const near = ALIASES[k] ?? nearest(k, names);
    return `'${k}'${near && names.includes(near) ? ` (did you mean '${near}'?)` : ''}`;
  });
  throw new BriefError('usage', `${call}() has no option${unknown.length === 1 ? '' : 's'} ${said.join(', ')}; its options are ${names.join(', ')}`, { exitCode: ExitCode.usage });
}

/** The command line's names for the options whose library names differ. */
const ALIASES: Record<string, string> = { data: 'dataDir', out: 'outDir', templates: 'templatesDir', audience: 'audiences', html: 'writeHtml' };
