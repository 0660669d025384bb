import type { ErrorObject } from 'ajv';
import { LIKELIHOOD } from '../schema/index.js';
import { clip } from '../util/text.js';

/** Human wording of one ajv error, with a stable rule id. */
export interface SchemaMessage {
  rule: string;
  message: string;
  /** For errors about a key (unknown key), the key, so the position points at it. */
  key?: string;
}

/** "status.milestones[2].date" from "/status/milestones/2/date". */
export function dottedPath(pointer: string): string {
  if (!pointer) return 'the fact sheet';
  return pointer.slice(1).split('/').reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

import { distance, nearest } from '../util/nearest.js';

/** A value quoted in a message, cut to `max` characters (a message must not carry a whole file). */
/** What an id written another way would be in kebab-case ('Src A_2' → 'src-a-2'), for the example. */
function kebab(value: unknown): string {
  const id = typeof value === 'string' ? value.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') : '';
  return id === '' ? 'cnn-2025-09-20' : id;
}

export const quoted = (v: string, max = 60): string => `'${clip(v, max)}'`;

/**
 * Some names of a list, for a message: all of them when there are few, else the first `max` and a
 * count of the rest ("a, b, c and 7,997 more").
 */
export function someOf(names: readonly string[], max = 5): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, max).map((n) => clip(n, 40)).join(', ');
  return names.length <= max ? shown : `${shown} and ${(names.length - max).toLocaleString('en-US')} more`;
}

/**
 * The few candidates closest to a value (a typo's likely intent), from a sorted list: with many
 * candidates only the value's neighbours in sort order are weighed (ids that share its beginning),
 * so a sheet citing thousands of unknown ids among thousands of known ones costs a binary search
 * each, not a comparison with every id.
 */
export function closest(value: string, sorted: readonly string[], n = 3): string[] {
  let pool: readonly string[] = sorted;
  if (sorted.length > 64) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < value) lo = mid + 1; else hi = mid; }
    pool = sorted.slice(Math.max(0, lo - 16), lo + 16);
  }
  const most = Math.max(2, Math.floor(value.length / 3));
  return pool
    .filter((c) => Math.abs(c.length - value.length) <= most)
    .map((c) => ({ c, d: distance(value.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= most)
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, n)
    .map((x) => x.c);
}

const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' :
  typeof v === 'string' ? `the text '${clip(v, 41)}'` : `${typeof v} ${String(v)}`;

const typeWords: Record<string, string> = {
  string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false',
  array: 'a list', object: 'a mapping (key: value lines)', null: 'nothing',
};

function isDateSchema(s: unknown): boolean {
  const p = (s as { pattern?: string } | undefined)?.pattern ?? '';
  return p.startsWith('^\\d{4}');
}

export function describeSchemaError(err: ErrorObject, _data: unknown): SchemaMessage {
  const where = dottedPath(err.instancePath);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return { rule: 'schema-required', message: `missing required field '${String(params.missingProperty)}' in ${where}` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = nearest(key, allowed);
      return {
        rule: 'schema-unknown-key', key,
        message: `unknown key ${quoted(key)} in ${where}${guess ? `; did you mean '${guess}'?` : ''} (allowed: ${allowed.join(', ')})`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      if (allowed.join('|') === LIKELIHOOD.map((l) => l.term).join('|')) {
        const guess = typeof err.data === 'string' ? nearest(err.data, allowed) : undefined;
        const scale = LIKELIHOOD.map((l) => `${l.term} (${l.low}–${l.high}%)`).join(', ');
        return {
          rule: 'schema-enum',
          message: `${describeValue(err.data)} is not a likelihood term of the ICD 203 scale for ${where}${guess ? `; did you mean '${guess}'?` : ''} (the scale: ${scale})`,
        };
      }
      // TLP 1.0's WHITE: TLP 2.0 (FIRST, 2022) renamed it CLEAR; the old name is not a typo to guess at.
      if (typeof err.data === 'string' && /^tlp:white$/i.test(err.data.trim()) && allowed.includes('TLP:CLEAR')) {
        return { rule: 'schema-enum', message: `${describeValue(err.data)} is not allowed for ${where}: TLP 2.0 renamed it TLP:CLEAR; write TLP:CLEAR (allowed: ${allowed.join(', ')})` };
      }
      // The value meant, written another way ('amber' for TLP:AMBER, 'Framework agreed' for
      // framework_agreed) before a typo's nearest.
      const norm = (s: string) => s.trim().toLowerCase().replace(/^tlp[: ]\s*/, '').replace(/[\s_-]+/g, '_');
      const guess = typeof err.data === 'string' ? allowed.find((a) => norm(a) === norm(err.data as string)) ?? nearest(err.data, allowed) : undefined;
      return {
        rule: 'schema-enum',
        message: `${describeValue(err.data)} is not allowed for ${where}${guess ? `; did you mean '${guess}'?` : ''} (allowed: ${allowed.join(', ')})`,
      };
    }
    case 'type': {
      // `id: 2025` or `title: true`: YAML reads an unquoted number or true/false as that, not as text.
      const quote = params.type === 'string' && (typeof err.data === 'number' || typeof err.data === 'boolean')
        ? ` (YAML reads it as a ${typeof err.data === 'number' ? 'number' : 'true/false value'}; for text, put it in quotes)` : '';
      return { rule: 'schema-type', message: `${where} must be ${typeWords[String(params.type)] ?? String(params.type)}; found ${describeValue(err.data)}${quote}` };
    }
    case 'format':
      if (params.format === 'date') {
        return typeof err.data === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(err.data)
          ? { rule: 'schema-date', message: `${describeValue(err.data)} in ${where} is not a real date (no such day in the calendar); expected YYYY-MM-DD, e.g. 2025-09-20` }
          : { rule: 'schema-date', message: `${describeValue(err.data)} in ${where} is not a date in the expected format; expected YYYY-MM-DD, e.g. 2025-09-20` };
      }
      return { rule: 'schema-format', message: `${where} must be a valid ${String(params.format)}` };
    case 'pattern': {
      if (isDateSchema(err.parentSchema)) {
        const partial = (err.parentSchema as { pattern: string }).pattern.includes('(-');
        return { rule: 'schema-date', message: `${describeValue(err.data)} in ${where} is not a date; expected ${partial ? 'YYYY-MM-DD, YYYY-MM or YYYY' : 'YYYY-MM-DD'}, e.g. 2025-09-20` };
      }
      if (String(params.pattern).startsWith('^[A-Za-z]{2,3}')) {
        const tag = typeof err.data === 'string' ? err.data.trim().replace(/_/g, '-') : '';
        const guess = tag !== err.data && new RegExp(String(params.pattern)).test(tag) ? `; did you mean ${quoted(tag)}?` : '';
        return { rule: 'schema-lang', message: `${describeValue(err.data)} in ${where} is not a BCP 47 language tag: a language, then a script or region after hyphens (en, ar, zh-Hans, pt-BR)${guess}` };
      }
      if (String(params.pattern).startsWith('^https?')) {
        return { rule: 'schema-url', message: `${where} must be a web address starting with http:// or https://; found ${describeValue(err.data)}` };
      }
      return { rule: 'schema-id', message: `${describeValue(err.data)} in ${where} is not a valid id; use lowercase letters, digits and single hyphens (kebab-case), e.g. ${quoted(kebab(err.data))}` };
    }
    case 'minLength':
      return params.limit === 1
        ? { rule: 'schema-empty', message: `${where} must not be empty` }
        : { rule: 'schema-too-short', message: `${where} is too short: at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { rule: 'schema-too-long', message: `${where} is too long: at most ${String(params.limit)} characters (found ${String((err.data as string).length)})` };
    case 'minItems':
      return { rule: 'schema-too-few', message: `${where} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { rule: 'schema-too-many', message: `${where} may have at most ${String(params.limit)} items` };
    case 'uniqueItems':
      return { rule: 'schema-duplicate-item', message: `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)})` };
    case 'minimum':
    case 'maximum':
      return { rule: 'schema-range', message: `${where} must be ${err.keyword === 'minimum' ? '≥' : '≤'} ${String(params.limit)}; found ${String(err.data)}` };
    default:
      return { rule: `schema-${err.keyword}`, message: `${where} ${err.message ?? 'is invalid'}` };
  }
}
