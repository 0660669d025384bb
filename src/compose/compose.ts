import type { Audience, AudienceShow, SectionName } from '../load/audience.js';
import { allowedFor, levelOf, markingClass, maxTlp, redactSheet } from './handling.js';
import { LIKELIHOOD, STAGES, type FactSheet, type Tlp } from '../schema/index.js';
import { weekRange } from '../util/week.js';
import { unquoted } from '../util/text.js';
import { likelihoodRange, STAGE_LABELS } from './labels.js';
import { weekChanges } from './changes.js';
import type { ChangesView } from './diff-text.js';
import type { PreviousEditions } from '../validate/previous.js';
import { singleSource, singleSourceNote, sourceWarnings } from './warnings.js';

/** An entry of the contents page; the contents pass (contents/) measures its page. */
export interface TocEntry {
  /** Id of the element the entry points at (a topic or a section). */
  anchor: string;
  title: string;
  level: 1 | 2;
  /** Printed page number (1 = the cover); undefined until the first pass has measured it. */
  page?: number | undefined;
}

/**
 * compose: pure. Fact sheets + audience → the view model the templates print. Items above the
 * audience's handling level are dropped here, before any HTML exists, and the marking is the most
 * restrictive level of what is left.
 */

export interface Citation { n: number; id: string; anchor: string }
type Cited<T> = Omit<T, 'sources'> & { cites: Citation[]; level: Tlp };

export interface SourceView extends Cited<Omit<FactSheet['sources'][number], 'id'>> {
  id: string; n: number; anchor: string; grade: string; derivedFromN?: number | undefined;
  /** Reader-safe warnings printed beside the source in every audience (warnings.ts). */
  warnings: string[];
}

export interface StageStep { stage: string; label: string; current: boolean; passed: boolean }

export { allowedFor, maxTlp, redactSheet } from './handling.js';

export interface TopicView {
  id: string;
  anchor: string;
  n: number;
  title: string;
  topic: string;
  asOf: string;
  summary: string | undefined;
  /** The sheet's language (BCP 47), when it declares one: the topic's element carries it. */
  lang?: string | undefined;
  level: Tlp;
  bluf: (Cited<FactSheet['bluf']> & {
    singleSource?: string | undefined;
    /** The key judgments the BLUF rests on (those the audience may see): likelihood and confidence from data, never from prose. */
    basis: BlufJudgment[];
    /** The BLUF's first sentence (the executive page's compact form). */
    firstSentence: string;
  }) | undefined;
  /**
   * How much of the topic a page with a budget prints (the executive page's fitting, fitPage):
   * full (with `sections`, only those); compact (title, the BLUF's first sentence, the stage); line
   * (title and stage over the BLUF's first sentence).
   */
  fit?: 'full' | 'compact' | 'line';
  /**
   * What a topic that gave way (trimmed or compact) no longer prints, as a reader is told it
   * ("4 sticking points and 6 items to watch"; fitPage): the page says where to find it.
   */
  leftOutSections?: string;
  /** The sections a full topic that gave way prints, fewer than the audience's (fitPage); templates read them through topicSections. */
  sections?: SectionName[];
  /** The basis of a reconstructed edition (printed on page 1 and in the topic's heading). */
  reconstructed?: string | undefined;
  status: {
    stage: string; stageLabel: string; since: string; summary: string; offLadder: boolean; ladder: StageStep[];
    /** 1-based position on the ladder (0 when off the ladder) and the ladder's length. */
    step: number; steps: number;
    parties: FactSheet['status']['parties'];
    characterisations: (Cited<NonNullable<FactSheet['status']['characterisations']>[number]> & { partyName: string })[];
    deadlines: Cited<NonNullable<FactSheet['status']['deadlines']>[number]>[];
    milestones: Cited<NonNullable<FactSheet['status']['milestones']>[number]>[];
    cites: Citation[];
  } | undefined;
  stickingPoints: (Cited<Omit<FactSheet['sticking_points'][number], 'positions'>> & {
    positions: (Cited<FactSheet['sticking_points'][number]['positions'][number]> & { partyName: string })[];
    /** The party column's width (CSS), sized to the names in it. */
    partyWidth: string;
  })[];
  expertViews: Cited<FactSheet['expert_views'][number]>[];
  /** Sticking points the audience may see but that its `limits` left out. */
  moreStickingPoints: number;
  keyJudgments: (Cited<FactSheet['key_judgments'][number]> & { range: string; scaleIndex: number; singleSource?: string | undefined })[];
  watchNext: Cited<NonNullable<FactSheet['watch_next']>[number]>[];
  /** Items to watch the audience may see but that its `limits` left out. */
  moreWatchNext: number;
  notes: Cited<NonNullable<FactSheet['notes']>[number]>[];
  sourceSummary: string | undefined;
  sources: SourceView[];
  /** What changed since the previous edition, when the audience shows it (changes.ts). */
  changes?: ChangesView;
}

/** A key judgment as the BLUF cites it. */
export interface BlufJudgment { id: string; statement: string; likelihood: string; range: string; confidence: string }

export interface BriefingView {
  week: string;
  weekStart: string;
  weekEnd: string;
  asOf: string;
  title: string;
  audience: {
    name: string; title: string; description: string; pageSize: 'A4' | 'Letter'; show: AudienceShow; sections: SectionName[]; has: Record<string, boolean>;
    /** The audience's maximum handling level: anything added to the view later (e.g. week-over-week changes) must come from sheets redacted to it (redactSheet). */
    maxHandling: Tlp;
    /** The audience's page budget (one page: no page numbers, the page fits itself: fit.ts). */
    pageBudget?: number | undefined;
    /** page: every topic opens a new page (the audience's topic_break); otherwise pagination.ts decides. */
    topicBreak?: 'auto' | 'page';
  };
  marking: Tlp;
  markingClass: string;
  topics: TopicView[];
  /** How many topics a page budget left out (fitPage). */
  moreTopics?: number;
  /** The topics a page budget left out, in order, named in a line at the end of the page (fitPage). */
  leftOut?: { n: number; title: string; lang?: string }[];
  /** All the week's topics, when fitPage left some out. */
  totalTopics?: number;
  /**
   * Which blocks (cover, contents, topics: pages.ts) open a new page (contents/pagination.ts): block
   * anchor → the anchor of the block whose run of pages it continues. Unset: every block opens a page.
   */
  joins?: Record<string, string>;
  /**
   * The previous week's topics this week has no sheet for, that the audience may see (when it shows
   * the changes since last week): the cover names them, so a topic does not leave without a word.
   */
  dropped: { id: string; title: string; week: string }[];
  /** Reconstructed editions' bases, printed on page 1 (with the topics' titles when not every topic shares it). */
  reconstructed: { title: string; basis: string }[];
  /** The table of contents, when the audience has one (filled in by the printing step). */
  toc?: TocEntry[];
}

const LADDER = STAGES.slice(0, 7);

/** Compose one topic for one audience. Returns undefined when the whole sheet is above the audience's level. */
export function composeTopic(original: FactSheet, audience: Audience, n: number): TopicView | undefined {
  // Everything above the audience's level goes first, in one place (handling.ts); a sheet above it
  // is dropped whole (its title, summary and BLUF are at the sheet's level). Every kept item's
  // `handling` is now its effective level.
  const sheet = redactSheet(original, audience.max_handling);
  if (!sheet) return undefined;
  const allowed = allowedFor(audience.max_handling); // checked again below, as a second line of defence
  const prefix = `t${n}`;
  /** Levels of everything that reaches the page: the marking is the most restrictive of them. */
  const used: Tlp[] = [sheet.handling];
  const shows = (s: SectionName) => audience.sections.includes(s);
  // Citations point into the topic's source list, so there are none when the list is not printed.
  const showSources = shows('sources');

  // Sources first, so citations can be numbered; a source above the level is never cited.
  const keptSources = sheet.sources.filter((s) => allowed(levelOf(s, sheet.handling)));
  const numbers = new Map(keptSources.map((s, i) => [s.id, i + 1]));
  const cite = (ids: readonly string[] | undefined): Citation[] => !showSources ? [] :
    [...new Set(ids ?? [])].filter((id) => numbers.has(id)).map((id) => ({ n: numbers.get(id)!, id, anchor: `${prefix}-src-${id}` })).sort((x, y) => x.n - y.n);

  /** The items the audience may see, at most `limit`; `shown` false when their section is not printed. */
  function keep<T extends { handling?: Tlp | undefined; sources?: readonly string[] | undefined }>(items: readonly T[] | undefined, parent: Tlp, limit?: number, shown = true): Cited<T>[] {
    const out: Cited<T>[] = [];
    if (!shown) return out;
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
  // Party names are part of the status: when the status is withheld, positions show the party id.
  const partyName = (id: string) => sheet.status?.parties.find((p) => p.id === id)?.name ?? id;
  let status: TopicView['status'];
  // The stage is printed in every topic's heading, so the status is composed whenever it is allowed.
  if (sheet.status && allowed(levelOf(sheet.status, sheet.handling))) {
    const statusLevel = levelOf(sheet.status, sheet.handling);
    used.push(statusLevel);
    const stage = sheet.status.stage;
    const idx = LADDER.indexOf(stage as (typeof LADDER)[number]);
    status = {
      stage, stageLabel: STAGE_LABELS[stage] ?? stage, since: sheet.status.since, summary: sheet.status.summary,
      offLadder: idx < 0,
      ladder: LADDER.map((s, i) => ({ stage: s, label: STAGE_LABELS[s]!, current: s === stage, passed: idx >= 0 && i < idx })),
      step: idx + 1, steps: LADDER.length,
      parties: sheet.status.parties,
      characterisations: keep(sheet.status.characterisations, statusLevel, undefined, shows('status')).map((c) => ({ ...c, text: c.kind === 'quote' ? unquoted(c.text) : c.text, partyName: partyName(c.party) })),
      deadlines: keep(sheet.status.deadlines, statusLevel, undefined, shows('status')),
      milestones: keep(sheet.status.milestones, statusLevel, lim.milestones, shows('status') || shows('timeline')),
      cites: cite(sheet.status.sources),
    };
  }

  // A limited list shows the points that matter most: deadlocked and open before narrowing and
  // resolved, then by significance (a stable sort: file order breaks ties).
  const ranked = lim.sticking_points === undefined ? sheet.sticking_points : rankStickingPoints(sheet.sticking_points);
  const stickingPoints = keep(ranked, sheet.handling, lim.sticking_points, shows('sticking_points')).map((sp) => {
    const positions = keep((sp as unknown as FactSheet['sticking_points'][number]).positions, sp.level, undefined, audience.show.positions)
      .map((p) => ({ ...p, partyName: partyName(p.party) }));
    return { ...sp, positions, partyWidth: partyColumnWidth(positions.map((p) => p.partyName)) };
  });
  const allowedStickingPoints = shows('sticking_points') ? sheet.sticking_points.length : 0;
  const keyJudgments = keep(sheet.key_judgments, sheet.handling, lim.key_judgments, shows('key_judgments')).map((kj) => {
    const scaleIndex = LIKELIHOOD.findIndex((l) => l.term === kj.likelihood);
    const one = singleSourceNote(singleSource(original, original.key_judgments.find((k) => k.id === kj.id)?.sources), (id) => numbers.has(id));
    return { ...kj, scaleIndex, range: likelihoodRange(kj.likelihood), singleSource: one };
  });
  const watchNext = keep(sheet.watch_next, sheet.handling, lim.watch_next, shows('watch_next'));
  const { sources: blufSources, ...bluf } = sheet.bluf;
  // The judgments the BLUF points at, whether or not the audience prints the key judgments section.
  const basis: BlufJudgment[] = (bluf.judgments ?? []).flatMap((id) => {
    const kj = sheet.key_judgments.find((k) => k.id === id);
    if (!kj || !allowed(levelOf(kj, sheet.handling))) return [];
    used.push(levelOf(kj, sheet.handling));
    return [{ id: kj.id, statement: kj.statement, likelihood: kj.likelihood, range: likelihoodRange(kj.likelihood), confidence: kj.confidence }];
  });

  const topic: TopicView = {
    id: sheet.id, anchor: prefix, n, title: sheet.title, topic: sheet.topic, asOf: sheet.as_of, summary: sheet.summary, lang: sheet.lang,
    level: sheet.handling,
    bluf: withFirstSentence({ ...bluf, cites: cite(blufSources), level: sheet.handling, basis, singleSource: singleSourceNote(singleSource(original, original.bluf.sources), (id) => numbers.has(id)) }),
    reconstructed: sheet.reconstructed?.basis,
    status,
    stickingPoints,
    moreStickingPoints: allowedStickingPoints - stickingPoints.length,
    // A quotation is printed in <q>, which adds the marks: the author's own are dropped.
    expertViews: keep(sheet.expert_views, sheet.handling, lim.expert_views, shows('expert_views')).map((e) => (e.kind === 'quote' ? { ...e, view: unquoted(e.view) } : e)),
    keyJudgments,
    watchNext,
    // (the sheet is redacted to the audience: every item left is one it may see)
    moreWatchNext: shows('watch_next') ? (sheet.watch_next ?? []).length - watchNext.length : 0,
    notes: keep(sheet.notes, sheet.handling, lim.notes, shows('notes')),
    sourceSummary: shows('source_summary') ? sheet.source_summary : undefined,
    sources: (showSources ? keptSources : []).map((s, i) => {
      const level = levelOf(s, sheet.handling);
      used.push(level);
      const { sources: _unused, derived_from: derivedFrom, ...rest } = s as typeof s & { sources?: string[] };
      return { ...rest, n: i + 1, anchor: `${prefix}-src-${s.id}`, grade: `${s.reliability}${s.credibility}`, cites: [], level,
        warnings: sourceWarnings(s, (id) => keptSources.find((k) => k.id === id)?.publisher),
        derivedFromN: derivedFrom ? numbers.get(derivedFrom) : undefined };
    }),
  };
  topic.level = maxTlp(used);
  return topic;
}

const STATUS_RANK: Record<string, number> = { deadlocked: 0, open: 1, narrowing: 2, resolved: 3 };
const SIGNIFICANCE_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** Sticking points by status (deadlocked, open, narrowing, resolved), then significance; stable. */
export function rankStickingPoints<T extends { status: string; significance: string }>(points: readonly T[]): T[] {
  return points.map((p, i) => ({ p, i }))
    .sort((a, b) => (STATUS_RANK[a.p.status] ?? 9) - (STATUS_RANK[b.p.status] ?? 9)
      || (SIGNIFICANCE_RANK[a.p.significance] ?? 9) - (SIGNIFICANCE_RANK[b.p.significance] ?? 9) || a.i - b.i)
    .map((x) => x.p);
}

/**
 * The party column's width for these names: the longest name on one line up to ~18 characters,
 * else on two or three lines, never narrower than its longest word (names do not break mid-word).
 */
export function partyColumnWidth(names: readonly string[]): string {
  const longest = Math.max(5, ...names.map((n) => n.length));
  const word = Math.max(0, ...names.flatMap((n) => n.split(/\s+/).map((w) => w.length)));
  // never narrower than the longest word, up to a word of 30 characters: a longer one (an
  // identifier without a break) breaks inside the column rather than squeeze the positions
  const chars = longest <= 18 ? longest : Math.max(Math.min(word, 30), Math.min(26, Math.ceil(longest / (longest > 48 ? 3 : 2))));
  // ~0.55 em a character at the column's size, plus the cell's padding.
  return `${(chars * 0.55 + 1.2).toFixed(1)}em`;
}


/**
 * The first sentence of a text (by the language's sentence rules: "U.S. and" does not end one).
 * A line break inside a paragraph is a space, as the page shows it: Unicode's rules end a sentence
 * at every line break, which cut a BLUF written over several lines (a YAML `|` block) after its
 * first line. A blank line (or U+2029) ends a paragraph, and with it the sentence.
 */
export function firstSentence(text: string): string {
  const paragraph = text.trim().split(/\r?\n[ \t]*\r?\n|\u2029/)[0]!.replace(/[ \t]*(?:\r\n|[\r\n\u0085\u2028])[ \t]*/g, ' ');
  const first = new Intl.Segmenter('en', { granularity: 'sentence' }).segment(paragraph)[Symbol.iterator]().next();
  return first.done ? paragraph : first.value.segment.trim();
}

/**
 * The BLUF with its `firstSentence`, worked out when a template first reads it: ICU's sentence
 * rules take ~25 ms of a cold process to load, and only a compact page (the executive's) shows it.
 */
function withFirstSentence<T extends { text: string }>(bluf: T): T & { firstSentence: string } {
  let sentence: string | undefined;
  return Object.defineProperty(bluf, 'firstSentence', { enumerable: true, get: () => (sentence ??= firstSentence(bluf.text)) }) as T & { firstSentence: string };
}

export interface ComposeOptions {
  week: string;
  title?: string;
  /** The previous editions of the week's topics: each topic gets its changes since then (when the audience shows them). */
  previous?: PreviousEditions;
}

/** Compose the weekly briefing for one audience from the week's fact sheets (already validated). */
export function composeBriefing(sheets: readonly FactSheet[], audience: Audience, options: ComposeOptions): BriefingView {
  const showChanges = audience.sections.includes('changes');
  const topics = sheets.flatMap((sheet, i) => {
    const topic = composeTopic(sheet, audience, i + 1);
    if (!topic) return [];
    // The changes since the previous edition, diffed once; what they mention counts for the
    // topic's level (and so the marking) too.
    const week = showChanges ? weekChanges(sheet, options.previous, audience.max_handling, audience.show) : undefined;
    return [week ? { ...topic, changes: week.changes, level: week.level ? maxTlp([topic.level, week.level]) : topic.level } : topic];
  }).map((t, i) => ({ ...t, n: i + 1 }));
  const allowed = allowedFor(audience.max_handling);
  // Named for every audience that may see their titles: on the covers, and at the foot of the
  // executive page (a topic that ends must not leave a reader's briefing without a word).
  const dropped = (options.previous?.dropped ?? []).filter((d) => allowed(d.handling));
  // A dropped topic's title is at its sheet's level, which counts for the marking too.
  const marking = maxTlp([...topics.map((t) => t.level), ...dropped.map((d) => d.handling)]);
  const { start, end } = weekRange(options.week);
  const asOf = topics.map((t) => t.asOf).sort().at(-1) ?? end;
  const has = Object.fromEntries(audience.sections.map((s) => [s, true]));
  return {
    week: options.week, weekStart: start, weekEnd: end, asOf,
    title: options.title ?? `Weekly briefing ${options.week}`,
    audience: { name: audience.name, title: audience.title, description: audience.description, pageSize: audience.page_size, show: audience.show, sections: audience.sections, has, maxHandling: audience.max_handling, pageBudget: audience.page_budget, topicBreak: audience.topic_break },
    marking, markingClass: markingClass(marking),
    topics,
    dropped: dropped.map(({ id, title, week }) => ({ id, title, week })),
    // One line per basis: topics rebuilt the same way share it.
    reconstructed: [...new Set(topics.flatMap((t) => (t.reconstructed ? [t.reconstructed] : [])))].map((basis) => {
      const ts = topics.filter((t) => t.reconstructed === basis);
      return { title: ts.length === topics.length ? '' : ts.map((t) => t.title).join('; '), basis };
    }),
  };
}
