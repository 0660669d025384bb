import { LIKELIHOOD } from '../schema/index.js';

/** labels: how the schema's values read in a briefing (shared by the view and the change lines). */
export const STAGE_LABELS: Record<string, string> = {
  exploratory: 'Exploratory', negotiating: 'Negotiating', framework_agreed: 'Framework agreed',
  agreement_in_principle: 'Agreement in principle', signed: 'Signed', regulatory_review: 'Regulatory review',
  implemented: 'Implemented', stalled: 'Stalled', collapsed: 'Collapsed',
};

/** "roughly even chance" → "45–55%" (the ICD 203 range, printed with an en dash and no space before %). */
export function likelihoodRange(term: string): string {
  const l = LIKELIHOOD.find((x) => x.term === term);
  return l ? `${l.low}–${l.high}%` : '';
}

/** Section titles: the h2 of each section partial (the `sectionTitle` helper) and the contents' entries. */
export const SECTION_TITLES: Record<string, string> = {
  bluf: 'Bottom line up front',
  changes: 'What changed since the last edition',
  status: 'Deal status',
  timeline: 'Timeline',
  sticking_points: 'Sticking points',
  key_judgments: 'Key judgments',
  expert_views: 'Expert views',
  watch_next: 'What to watch next',
  notes: 'Analyst notes',
  source_summary: 'About the sources',
  sources: 'Sources',
};
