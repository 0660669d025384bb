import type { Audience, AudienceShow, SectionName } from './audience.js';
import { LIKELIHOOD, STAGES, TLP_LEVELS, tlpRank, type FactSheet, type Tlp } from './schema/index.js';
import type { TocEntry } from './toc.js';
import { weekRange } from './week.js';

/**
 * compose: pure. Fact sheets + audience → the view model the templates print. Items above the
 * audience's handling level are dropped here, before any HTML exists, and the marking is the most
 * restrictive level of what is left.
 */

export interface Citation { n: number; id: string; anchor: string }
type Cited<T> = Omit<T, 'sources'> & { cites: Citation[]; level: Tlp };

export interface SourceView extends Cited<Omit<FactSheet['sources'][number], 'id'>> {
  id: string; n: number; anchor: string; grade: string; derivedFromN?: number | undefined;
}

export interface StageStep { stage: string; label: string; current: boolean; passed: boolean }

export interface TopicView {
  id: string;
  anchor: string;
  n: number;
  title: string;
  topic: string;
  asOf: string;
  summary: string | undefined;
  level: Tlp;
  bluf: Cited<FactSheet['bluf']> | undefined;
  status: {
    stage: string; stageLabel: string; since: string; summary: string; offLadder: boolean; ladder: StageStep[];
    parties: FactSheet['status']['parties'];
    characterisations: (Cited<NonNullable<FactSheet['status']['characterisations']>[number]> & { partyName: string })[];
    deadlines: Cited<NonNullable<FactSheet['status']['deadlines']>[number]>[];
    milestones: Cited<NonNullable<FactSheet['status']['milestones']>[number]>[];
    cites: Citation[];
  } | undefined;
  stickingPoints: (Cited<Omit<FactSheet['sticking_points'][number], 'positions'>> & {
    positions: (Cited<FactSheet['sticking_points'][number]['positions'][number]> & { partyName: string })[];
  })[];
  expertViews: Cited<FactSheet['expert_views'][number]>[];
  keyJudgments: (Cited<FactSheet['key_judgments'][number]> & { range: string; scaleIndex: number })[];
  watchNext: Cited<NonNullable<FactSheet['watch_next']>[number]>[];
  notes: Cited<NonNullable<FactSheet['notes']>[number]>[];
  sourceSummary: string | undefined;
  sources: SourceView[];
  /** Filled by the week-over-week comparison when a previous edition exists. */
  changes?: unknown;
}

export interface BriefingView {
  week: string;
  weekStart: string;
  weekEnd: string;
  asOf: string;
  title: string;
  audience: { name: string; title: string; description: string; pageSize: 'A4' | 'Letter'; show: AudienceShow; sections: SectionName[]; has: Record<string, boolean> };
  marking: Tlp;
  markingClass: string;
  topics: TopicView[];
  /** The table of contents, when the audience has one (filled in by the printing step). */
  toc?: TocEntry[];
}

export const STAGE_LABELS: Record<string, string> = {
  exploratory: 'Exploratory', negotiating: 'Negotiating', framework_agreed: 'Framework agreed',
  agreement_in_principle: 'Agreement in principle', signed: 'Signed', regulatory_review: 'Regulatory review',
  implemented: 'Implemented', stalled: 'Stalled', collapsed: 'Collapsed',
};

const LADDER = STAGES.slice(0, 7);

export const maxTlp = (levels: Iterable<Tlp>): Tlp => {
  let max = 0;
  for (const l of levels) max = Math.max(max, tlpRank(l));
  return TLP_LEVELS[max]!;
};

/** Compose one topic for one audience. Returns undefined when the whole sheet is above the audience's level. */
export function composeTopic(sheet: FactSheet, audience: Audience, n: number): TopicView | undefined {
  const max = tlpRank(audience.max_handling);
  if (tlpRank(sheet.handling) > max) return undefined;
  const prefix = `t${n}`;
  const used: Tlp[] = [sheet.handling];
  const allowed = (level: Tlp) => tlpRank(level) <= max;
  const levelOf = (item: { handling?: Tlp | undefined }, parent: Tlp): Tlp => item.handling ?? parent;

  // Sources first, so citations can be numbered; a source above the level is never cited.
  const keptSources = sheet.sources.filter((s) => allowed(levelOf(s, sheet.handling)));
  const numbers = new Map(keptSources.map((s, i) => [s.id, i + 1]));
  const cite = (ids: readonly string[] | undefined): Citation[] =>
    (ids ?? []).filter((id) => numbers.has(id)).map((id) => ({ n: numbers.get(id)!, id, anchor: `${prefix}-src-${id}` }));

  function keep<T extends { handling?: Tlp | undefined; sources?: readonly string[] | undefined }>(items: readonly T[] | undefined, parent: Tlp, limit?: number): Cited<T>[] {
    const out: Cited<T>[] = [];
    for (const item of items ?? []) {
      const level = levelOf(item, parent);
      if (!allowed(level)) continue;
      if (limit !== undefined && out.length >= limit) break;
      used.push(level);
      const { sources, ...rest } = item;
      out.push({ ...rest, cites: cite(sources), level } as unknown as Cited<T>);
    }
    return out;
  }

  const lim = audience.limits;
  const partyName = (id: string) => sheet.status.parties.find((p) => p.id === id)?.name ?? id;
  const statusLevel = levelOf(sheet.status, sheet.handling);
  let status: TopicView['status'];
  if (allowed(statusLevel)) {
    used.push(statusLevel);
    const stage = sheet.status.stage;
    const idx = LADDER.indexOf(stage as (typeof LADDER)[number]);
    status = {
      stage, stageLabel: STAGE_LABELS[stage] ?? stage, since: sheet.status.since, summary: sheet.status.summary,
      offLadder: idx < 0,
      ladder: LADDER.map((s, i) => ({ stage: s, label: STAGE_LABELS[s]!, current: s === stage, passed: idx >= 0 && i < idx })),
      parties: sheet.status.parties,
      characterisations: keep(sheet.status.characterisations, statusLevel).map((c) => ({ ...c, partyName: partyName(c.party) })),
      deadlines: keep(sheet.status.deadlines, statusLevel),
      milestones: keep(sheet.status.milestones, statusLevel, lim.milestones),
      cites: cite(sheet.status.sources),
    };
  }

  const stickingPoints = keep(sheet.sticking_points, sheet.handling, lim.sticking_points).map((sp) => {
    const positions = keep((sp as unknown as FactSheet['sticking_points'][number]).positions, sp.level)
      .map((p) => ({ ...p, partyName: partyName(p.party) }));
    return { ...sp, positions };
  });
  const keyJudgments = keep(sheet.key_judgments, sheet.handling, lim.key_judgments).map((kj) => {
    const scaleIndex = LIKELIHOOD.findIndex((l) => l.term === kj.likelihood);
    const l = LIKELIHOOD[scaleIndex]!;
    return { ...kj, scaleIndex, range: `${l.low}–${l.high} %` };
  });
  const { sources: blufSources, ...bluf } = sheet.bluf;

  const topic: TopicView = {
    id: sheet.id, anchor: prefix, n, title: sheet.title, topic: sheet.topic, asOf: sheet.as_of, summary: sheet.summary,
    level: sheet.handling,
    bluf: { ...bluf, cites: cite(blufSources), level: sheet.handling },
    status,
    stickingPoints,
    expertViews: keep(sheet.expert_views, sheet.handling, lim.expert_views),
    keyJudgments,
    watchNext: keep(sheet.watch_next, sheet.handling, lim.watch_next),
    notes: audience.sections.includes('notes') ? keep(sheet.notes, sheet.handling, lim.notes) : [],
    sourceSummary: sheet.source_summary,
    sources: keptSources.map((s, i) => {
      const level = levelOf(s, sheet.handling);
      used.push(level);
      const { sources: _unused, ...rest } = s as typeof s & { sources?: string[] };
      return { ...rest, n: i + 1, anchor: `${prefix}-src-${s.id}`, grade: `${s.reliability}${s.credibility}`, cites: [], level,
        derivedFromN: s.derived_from ? numbers.get(s.derived_from) : undefined };
    }),
  };
  topic.level = maxTlp(used);
  return topic;
}

export interface ComposeOptions { week: string; title?: string }

/** Compose the weekly briefing for one audience from the week's fact sheets (already validated). */
export function composeBriefing(sheets: readonly FactSheet[], audience: Audience, options: ComposeOptions): BriefingView {
  const topics = sheets
    .map((s, i) => composeTopic(s, audience, i + 1))
    .filter((t): t is TopicView => t !== undefined)
    .map((t, i) => ({ ...t, n: i + 1 }));
  const marking = maxTlp(topics.map((t) => t.level));
  const { start, end } = weekRange(options.week);
  const asOf = topics.map((t) => t.asOf).sort().at(-1) ?? end;
  const has = Object.fromEntries(audience.sections.map((s) => [s, true]));
  return {
    week: options.week, weekStart: start, weekEnd: end, asOf,
    title: options.title ?? `Weekly briefing ${options.week}`,
    audience: { name: audience.name, title: audience.title, description: audience.description, pageSize: audience.page_size, show: audience.show, sections: audience.sections, has },
    marking, markingClass: marking.replace('TLP:', 'tlp-').replace('+', '-').toLowerCase(),
    topics,
  };
}
