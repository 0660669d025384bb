import type Handlebars from 'handlebars';
import { likelihoodScaleSvg } from './likelihood-scale.js';
import { stageTrackerSvg, type StageTrackerInput } from './stage-tracker.js';
import { timelineSvg, type TimelineInput } from './timeline.js';

/**
 * Template helpers that draw the visuals as inline SVG at build time (the page runs no script).
 * The SVG builders escape every text they embed, so the SafeString holds no raw data.
 */
export function registerVisualHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('stageTracker', (status: unknown) => {
    const s = status as StageTrackerInput | undefined;
    return s?.ladder ? new hb.SafeString(stageTrackerSvg(s)) : '';
  });
  hb.registerHelper('timeline', (status: unknown, asOf: unknown) => {
    const s = status as Omit<TimelineInput, 'asOf'> | undefined;
    if (!s?.milestones || typeof asOf !== 'string') return '';
    return new hb.SafeString(timelineSvg({ milestones: s.milestones, deadlines: s.deadlines ?? [], asOf }));
  });
  hb.registerHelper('likelihoodScale', (term: unknown) => (typeof term === 'string' ? new hb.SafeString(likelihoodScaleSvg(term)) : ''));
}
