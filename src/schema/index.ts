import { readFileSync } from 'node:fs';
export type * from './fact-sheet.js';

/** Path of the JSON Schema, the single source of truth for fact sheets (types are generated from it). */
export const schemaUrl = new URL('../../schema/fact-sheet.schema.json', import.meta.url);

let cached: Record<string, unknown> | undefined;
export function factSheetSchema(): Record<string, unknown> {
  cached ??= JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;
  return cached;
}

/** The fixed deal-stage ladder, in order (the last two are off-ladder states). */
export const STAGES = [
  'exploratory', 'negotiating', 'framework_agreed', 'agreement_in_principle',
  'signed', 'regulatory_review', 'implemented', 'stalled', 'collapsed',
] as const;

/** ICD 203 likelihood terms with their probability ranges (percent). */
export const LIKELIHOOD = [
  { term: 'almost no chance', low: 1, high: 5 },
  { term: 'very unlikely', low: 5, high: 20 },
  { term: 'unlikely', low: 20, high: 45 },
  { term: 'roughly even chance', low: 45, high: 55 },
  { term: 'likely', low: 55, high: 80 },
  { term: 'very likely', low: 80, high: 95 },
  { term: 'almost certain', low: 95, high: 99 },
] as const;

/** TLP 2.0 labels from least to most restrictive. */
export const TLP_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const tlpRank = (t: Tlp): number => TLP_LEVELS.indexOf(t);
