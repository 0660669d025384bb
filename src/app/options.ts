import { checkOptions as check, type OptionKind } from '../util/options.js';

export { PRINTER_OPTIONS, type OptionKind } from '../util/options.js';

/** The command line's names for the options whose library names differ. */
const ALIASES: Record<string, string> = { data: 'dataDir', out: 'outDir', templates: 'templatesDir', audience: 'audiences', html: 'writeHtml' };

/** A library call's options checked (util/options.ts), a command line's name for one pointing at the option meant. */
export function checkOptions<T extends object>(call: string, options: T | undefined, known: Record<keyof Required<T>, OptionKind>): void {
  check(call, options, known, ALIASES);
}
