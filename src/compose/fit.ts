import type { BriefingView, TopicView } from './compose.js';
import type { SectionName } from '../load/audience.js';
import { plural } from '../util/text.js';

/**
 * fit: pure. How a page with a budget (the executive page) gives way when the week does not fit:
 * the lowest topics shrink step by step. First they leave out their last sections one at a time, in
 * the audience's order (the executive page: what to watch, then the sticking points), keeping their
 * bottom line and stage in full; then they take a compact form (title, the BLUF's first sentence,
 * the stage), then a line (title and stage over the BLUF's first sentence: every topic shown keeps
 * its bottom line), then leave the page, named in a line at its end ("n more topics in the analyst
 * briefing: …"). A topic that gave way says what it no longer prints (leftOutSections). The first
 * topic gives way last. Each step makes the page no longer, so the printer can halve its way to the
 * fewest steps that fit (print-briefing.ts).
 */
type Form = { trim: number } | 'compact' | 'line' | 'out';

/** Sections a topic keeps whatever its form: its bottom line and its stage. */
const KEPT = new Set(['bluf', 'status']);

/** How many of the audience's sections a topic can leave out before its compact form: those after the last kept one. */
function trims(view: BriefingView): number {
  const sections = view.audience.sections;
  let last = -1;
  sections.forEach((s, i) => { if (KEPT.has(s)) last = i; });
  return sections.length - 1 - last;
}

/** Each step's change: which topic (by index) takes which form. */
function stepsFor(n: number, trimmable: number): [number, Form][] {
  const forms: Form[] = [...Array.from({ length: trimmable }, (_, k) => ({ trim: k + 1 })), 'compact', 'line'];
  const steps: [number, Form][] = [];
  for (const form of [...forms, 'out' as const]) {
    for (let i = n - 1; i >= 1; i--) steps.push([i, form]);
  }
  for (const form of forms) steps.push([0, form]);
  return steps;
}

/** What sections left out held, in words ("4 sticking points and 6 items to watch"); undefined when nothing. */
function whatIsLeftOut(t: TopicView, left: readonly SectionName[]): string | undefined {
  const words = left.flatMap((s): string[] => {
    const n = s === 'sticking_points' ? t.stickingPoints.length + t.moreStickingPoints
      : s === 'watch_next' ? t.watchNext.length + t.moreWatchNext
      : s === 'key_judgments' ? t.keyJudgments.length
      : s === 'expert_views' ? t.expertViews.length
      : s === 'notes' ? t.notes.length
      : s === 'sources' ? t.sources.length : undefined;
    if (n !== undefined) return n === 0 ? [] : [plural(n, ...WORDS[s]!)];
    if (s === 'timeline') return (t.status?.milestones.length ?? 0) > 0 ? ['the timeline'] : [];
    if (s === 'changes') return t.changes ? ['what changed since the last edition'] : [];
    if (s === 'source_summary') return t.sourceSummary ? ['a note on the sources'] : [];
    return [];
  });
  if (words.length === 0) return undefined;
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const WORDS: Partial<Record<SectionName, [string, string]>> = {
  sticking_points: ['sticking point', 'sticking points'],
  watch_next: ['item to watch', 'items to watch'],
  key_judgments: ['key judgment', 'key judgments'],
  expert_views: ['expert view', 'expert views'],
  notes: ['analyst note', 'analyst notes'],
  sources: ['source', 'sources'],
};

/** How many steps a view can take. */
export const fitSteps = (view: BriefingView): number => stepsFor(view.topics.length, trims(view)).length;

/** The view after the first `step` steps (0: as composed). */
export function fitPage(view: BriefingView, step: number): BriefingView {
  if (step <= 0) return view;
  const forms: (Form | 'full')[] = view.topics.map(() => 'full');
  for (const [i, form] of stepsFor(view.topics.length, trims(view)).slice(0, step)) forms[i] = form;
  const sections = view.audience.sections;
  const topics = view.topics.flatMap((t, i): TopicView[] => {
    const form = forms[i]!;
    if (form === 'out') return [];
    if (typeof form === 'object') {
      const kept = sections.slice(0, sections.length - form.trim);
      return [{ ...t, fit: 'full', sections: kept, leftOutSections: whatIsLeftOut(t, sections.slice(kept.length)) }];
    }
    if (form === 'compact') return [{ ...t, fit: form, leftOutSections: whatIsLeftOut(t, sections.filter((s) => !KEPT.has(s))) }];
    return [{ ...t, fit: form }];
  });
  const leftOut = view.topics.filter((_, i) => forms[i] === 'out').map((t) => ({ n: t.n, title: t.title, ...(t.lang ? { lang: t.lang } : {}) }));
  return { ...view, topics, moreTopics: leftOut.length, leftOut, totalTopics: view.topics.length };
}
