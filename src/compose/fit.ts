import type { BriefingView, TopicView } from './compose.js';

/**
 * fit: pure. How a page with a budget (the executive page) gives way when the week does not fit:
 * the lowest topics shrink step by step, first to a compact form (title, the BLUF's first sentence,
 * the stage), then to a line (title and stage over the BLUF's first sentence: every topic shown
 * keeps its bottom line), then out of the page ("n more topics in the analyst briefing"); the
 * first topic gives way last. The printer measures and asks for the next step (print-briefing.ts).
 */
type Fit = NonNullable<TopicView['fit']> | 'out';

/** Each step's change: which topic (by index) takes which form. */
function stepsFor(n: number): [number, Fit][] {
  const steps: [number, Fit][] = [];
  for (const form of ['compact', 'line', 'out'] as const) {
    for (let i = n - 1; i >= 1; i--) steps.push([i, form]);
  }
  steps.push([0, 'compact'], [0, 'line']);
  return steps;
}

/** How many steps a view of `n` topics can take. */
export const fitSteps = (n: number): number => stepsFor(n).length;

/** The view after the first `step` steps (0: as composed). */
export function fitPage(view: BriefingView, step: number): BriefingView {
  if (step <= 0) return view;
  const forms: Fit[] = view.topics.map(() => 'full');
  for (const [i, form] of stepsFor(view.topics.length).slice(0, step)) forms[i] = form;
  const topics = view.topics.flatMap((t, i) => (forms[i] === 'out' ? [] : [{ ...t, fit: forms[i] as TopicView['fit'] }]));
  return { ...view, topics, moreTopics: view.topics.length - topics.length, totalTopics: view.topics.length };
}
