import { BriefError, ExitCode } from '../errors.js';
import { nearest } from './nearest.js';

/**
 * options: a library call's options checked, names and values: a JavaScript caller (no types to catch it)
 * who writes the command line's `data` or `out` for `dataDir` or `outDir`, `audiences: 'public'`
 * for `['public']` or `maxHandling: 'AMBER'` for `'TLP:AMBER'` would otherwise build the default
 * folders without a word, get a TypeError from deep inside, or a silently empty answer. `known`
 * lists every option of the call (the compiler keeps it complete) with the kind of value it takes
 * (`true`: anything); an unknown name or a value of the wrong kind is a usage error that says what
 * was meant.
 */
export type OptionKind = true | 'string' | 'strings' | 'boolean' | 'number' | 'function' | 'object' | { oneOf: readonly string[] } | { [name: string]: OptionKind };

/** printerOptions, wherever a call takes them (a Printer, a Session, build, watch). */
export const PRINTER_OPTIONS = { executablePath: 'string', concurrency: 'number', timeoutMs: 'number' } as const satisfies Record<string, OptionKind>;

/** `aliases`: other names callers use for options (the command line's), each to the option meant. */
export function checkOptions<T extends object>(call: string, options: T | undefined, known: Record<keyof Required<T>, OptionKind>, aliases: Readonly<Record<string, string>> = {}): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new BriefError('usage', `${call}() takes an options object ({ ${Object.keys(known).slice(0, 3).join(', ')}, … }); got ${describe(options)}`, { exitCode: ExitCode.usage });
  }
  const problems = problemsOf(options as Record<string, unknown>, known as Record<string, OptionKind>, '', aliases);
  if (problems.length > 0) throw new BriefError('usage', `${call}() ${problems.join('; ')}`, { exitCode: ExitCode.usage });
}

function problemsOf(options: Record<string, unknown>, known: Record<string, OptionKind>, within: string, aliases: Readonly<Record<string, string>>): string[] {
  const names = Object.keys(known);
  const unknown = Object.keys(options).filter((k) => !Object.hasOwn(known, k));
  const out: string[] = [];
  if (unknown.length > 0) {
    const said = unknown.map((k) => {
      const near = aliases[k] ?? nearest(k, names);
      return `'${k}'${near && names.includes(near) ? ` (did you mean '${near}'?)` : ''}`;
    });
    out.push(`has no option${unknown.length === 1 ? '' : 's'} ${said.join(', ')}${within ? ` in ${within}` : ''}; its options are ${names.join(', ')}`);
  }
  for (const name of names) {
    const value = options[name];
    if (value === undefined || !Object.hasOwn(options, name)) continue;
    const kind = known[name]!;
    const where = within ? `${within}.${name}` : name;
    if (typeof kind === 'object' && !('oneOf' in kind && Array.isArray(kind.oneOf))) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) out.push(`option ${where} takes an object; got ${describe(value)}`);
      else out.push(...problemsOf(value as Record<string, unknown>, kind as Record<string, OptionKind>, where, aliases));
      continue;
    }
    const wrong = wrongValue(kind, value);
    if (wrong) out.push(`option ${where} ${wrong}`);
  }
  return out;
}

/** What is wrong with a value for a kind of option, or undefined. */
function wrongValue(kind: OptionKind, value: unknown): string | undefined {
  if (typeof kind === 'object') {
    const { oneOf } = kind as { oneOf: readonly string[] };
    if (oneOf.includes(value as string)) return undefined;
    // (a value written another way: 'amber' or 'AMBER' for 'TLP:AMBER')
    const bare = (s: string) => s.toLowerCase().replace(/^[^:]*:/, '');
    const meant = typeof value === 'string' ? oneOf.find((o) => o.toLowerCase() === value.toLowerCase() || bare(o) === bare(value)) : undefined;
    return `takes one of ${oneOf.join(', ')}; got ${describe(value)}${meant ? `; did you mean '${meant}'?` : ''}`;
  }
  switch (kind) {
    case 'string': return typeof value === 'string' ? undefined : `takes a string; got ${describe(value)}`;
    case 'boolean': return typeof value === 'boolean' ? undefined : `takes true or false; got ${describe(value)}`;
    case 'number': return typeof value === 'number' && Number.isFinite(value) && value > 0 ? undefined : `takes a number above 0; got ${describe(value)}`;
    case 'function': return typeof value === 'function' ? undefined : `takes a function; got ${describe(value)}`;
    case 'object': return value !== null && typeof value === 'object' ? undefined : `takes an object; got ${describe(value)}`;
    case 'strings':
      if (typeof value === 'string') return `takes a list of names (['${value}']); got a string`;
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : `takes a list of names; got ${describe(value)}`;
    default: return undefined;
  }
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'` : typeof v === 'number' ? String(v) : `a ${typeof v}`;

