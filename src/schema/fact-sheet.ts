/* Generated from schema/fact-sheet.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/**
 * Stable identifier of the topic, the same every week (kebab-case). The week-over-week comparison matches fact sheets by this id.
 */
export type TopicId = string;
/**
 * Headline of the topic as printed on the briefing.
 */
export type Title = string;
/**
 * The wider subject the topic belongs to, printed above the title.
 */
export type SubjectArea = string;
/**
 * The date up to which the fact sheet reflects what was known (YYYY-MM-DD). No dated fact may be later.
 */
export type AsOf = string;
/**
 * Default TLP 2.0 handling level of every item in the sheet that does not set its own.
 */
export type Handling = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
/**
 * One line for the cover and the contents: the newest dated development (CRS Insight style).
 */
export type CoverLine = string;
/**
 * An identifier unique within the sheet (kebab-case).
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * Ids of the entries in `sources` this claim rests on.
 *
 * @minItems 1
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "sourceIds".
 */
export type Sources = [Id, ...Id[]];
/**
 * Where the deal stands on the fixed ladder.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "stage".
 */
export type Stage =
  | 'exploratory'
  | 'negotiating'
  | 'framework_agreed'
  | 'agreement_in_principle'
  | 'signed'
  | 'regulatory_review'
  | 'implemented'
  | 'stalled'
  | 'collapsed';
/**
 * When the deal reached this stage.
 */
export type DateMayBePartial = string;
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id1 = string;
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id2 = string;
/**
 * A date as precise as the source allows: YYYY-MM-DD, YYYY-MM or YYYY.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "partialDate".
 */
export type DateMayBePartial1 = string;
/**
 * Traffic Light Protocol 2.0 label: who may see this.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "tlp".
 */
export type TLPLabel = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
/**
 * A date as precise as the source allows: YYYY-MM-DD, YYYY-MM or YYYY.
 */
export type DateMayBePartial2 = string;
/**
 * Issues the parties disagree on, each with every party's position.
 */
export type StickingPoints = StickingPoint[];
/**
 * Ids of the entries in `sources` this claim rests on.
 *
 * @minItems 1
 */
export type Sources1 = [Id, ...Id[]];
/**
 * Named outside experts' views, with attribution as the source gives it.
 */
export type ExpertViews = ExpertView[];
/**
 * ICD 203 likelihood term.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "likelihood".
 */
export type Likelihood =
  | 'almost no chance'
  | 'very unlikely'
  | 'unlikely'
  | 'roughly even chance'
  | 'likely'
  | 'very likely'
  | 'almost certain';
/**
 * Confidence in the basis of the judgment.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "confidence".
 */
export type Confidence = 'low' | 'moderate' | 'high';
/**
 * Our judgments, each with an ICD 203 likelihood term and a confidence level.
 */
export type KeyJudgments = KeyJudgment[];
/**
 * Upcoming events or signals worth watching.
 */
export type WhatToWatchNext = WatchItem[];
/**
 * Internal notes for analysts; never printed for audiences that hide notes.
 */
export type AnalystNotes = Note[];
/**
 * One paragraph: which sources carry the BLUF and where the source base is weak.
 */
export type SourceSummary = string;
/**
 * Every source a claim rests on, graded with the Admiralty system.
 *
 * @minItems 1
 */
export type Sources2 = [Source, ...Source[]];
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id3 = string;
/**
 * A date as precise as the source allows: YYYY-MM-DD, YYYY-MM or YYYY.
 */
export type DateMayBePartial3 = string;
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id4 = string;
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "date".
 */
export type CalendarDate = string;
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "text".
 */
export type Text = string;

/**
 * One topic's facts for one week: deal status, sticking points, expert views, key judgments and the sources every claim rests on.
 */
export interface FactSheet {
  id: TopicId;
  title: Title;
  topic: SubjectArea;
  as_of: AsOf;
  handling: Handling;
  summary?: CoverLine;
  bluf: BottomLineUpFront;
  status: DealStatus;
  sticking_points: StickingPoints;
  expert_views: ExpertViews;
  key_judgments: KeyJudgments;
  watch_next?: WhatToWatchNext;
  notes?: AnalystNotes;
  source_summary?: SourceSummary;
  sources: Sources2;
}
/**
 * The conclusion in one to three sentences (about 80 words), pointing at the key judgments it summarises.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "bluf".
 */
export interface BottomLineUpFront {
  /**
   * The BLUF text.
   */
  text: string;
  /**
   * Ids of the key judgments the BLUF summarises.
   */
  judgments?: Id[];
  sources: Sources;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "status".
 */
export interface DealStatus {
  stage: Stage;
  since: DateMayBePartial;
  /**
   * Where things stand, in a few sentences.
   */
  summary: string;
  /**
   * The parties to the deal.
   *
   * @minItems 2
   */
  parties: [Party, Party, ...Party[]];
  /**
   * Each party's own characterisation of where things stand (they often differ).
   */
  characterisations?: Characterisation[];
  /**
   * Deadlines in force, with how often each was extended.
   */
  deadlines?: Deadline[];
  /**
   * Dated events, in date order.
   */
  milestones: Milestone[];
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "party".
 */
export interface Party {
  id: Id1;
  /**
   * Name as printed.
   */
  name: string;
  /**
   * The party's role in the deal.
   */
  role?: string;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "characterisation".
 */
export interface Characterisation {
  id?: Id;
  party: Id2;
  /**
   * What the party says about where things stand, verbatim when `kind` is quote.
   */
  text: string;
  /**
   * Whether `text` is a direct quote or a paraphrase.
   */
  kind: 'quote' | 'paraphrase';
  /**
   * Who said it, as the source gives it.
   */
  speaker?: string;
  date?: DateMayBePartial1;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "deadline".
 */
export interface Deadline {
  id: Id;
  /**
   * What the deadline is for.
   */
  label: string;
  date?: DateMayBePartial2;
  /**
   * How many times the deadline has been extended so far.
   */
  extensions?: number;
  /**
   * Context: how the deadline moved, and on what source.
   */
  note?: string;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "milestone".
 */
export interface Milestone {
  id: Id;
  date: DateMayBePartial1;
  /**
   * How the sources state the date, when it is not exact.
   */
  date_text?: string;
  /**
   * The event, in a short line.
   */
  title: string;
  /**
   * One or two sentences of detail.
   */
  detail?: string;
  /**
   * occurred: it happened; scheduled: fixed date; planned: announced, date loose.
   */
  state: 'occurred' | 'scheduled' | 'planned';
  /**
   * What sort of event it is (drives the timeline marker).
   */
  kind?: 'talks' | 'call' | 'meeting' | 'statement' | 'deadline' | 'extension' | 'legal' | 'other';
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "stickingPoint".
 */
export interface StickingPoint {
  id: Id;
  /**
   * The issue in a short line.
   */
  title: string;
  /**
   * What the disagreement is about.
   */
  summary?: string;
  /**
   * open, narrowing, resolved or deadlocked.
   */
  status: 'open' | 'narrowing' | 'resolved' | 'deadlocked';
  /**
   * How much the issue matters to the deal: high, medium or low.
   */
  significance: 'high' | 'medium' | 'low';
  /**
   * Each party's position on the issue.
   *
   * @minItems 1
   */
  positions: [Position, ...Position[]];
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  party: Id;
  /**
   * The party's position, as the source states it.
   */
  text: string;
  /**
   * How flexible the position is: red line, firm, conditional, flexible, or unknown.
   */
  flexibility: 'red_line' | 'firm' | 'conditional' | 'flexible' | 'unknown';
  /**
   * On what basis we know the position.
   */
  basis:
    | 'official_statement'
    | 'readout'
    | 'state_media'
    | 'unnamed_official'
    | 'press_report'
    | 'analyst_inference';
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "expertView".
 */
export interface ExpertView {
  id: Id;
  /**
   * The expert's name as the source gives it.
   */
  name: string;
  /**
   * Title as the source gives it.
   */
  role?: string;
  /**
   * Organisation as the source gives it.
   */
  affiliation: string;
  /**
   * The view: a direct quote (verbatim) or a paraphrase, as `kind` says.
   */
  view: string;
  /**
   * Whether `view` is a direct quote or a paraphrase.
   */
  kind: 'quote' | 'paraphrase';
  /**
   * A short label of the expert's stance.
   */
  stance: string;
  date?: DateMayBePartial1;
  /**
   * Whether the person and affiliation could be verified in another independent source.
   */
  verified: boolean;
  /**
   * How the person was (or could not be) verified.
   */
  verification_note?: string;
  sources: Sources1;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "keyJudgment".
 */
export interface KeyJudgment {
  id: Id;
  /**
   * The judgment, without a likelihood term or confidence in the text.
   */
  statement: string;
  likelihood: Likelihood;
  confidence: Confidence;
  /**
   * Why we judge so.
   */
  basis?: string;
  /**
   * Linchpin assumptions.
   */
  assumptions?: string[];
  /**
   * What would change the judgment.
   */
  indicators?: string[];
  /**
   * Why likelihood or confidence moved since the last edition.
   */
  change_reason?: string;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "watchItem".
 */
export interface WatchItem {
  /**
   * The event or signal to watch.
   */
  text: string;
  date?: DateMayBePartial1;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "note".
 */
export interface Note {
  /**
   * The note.
   */
  text: string;
  sources?: Sources;
  handling?: TLPLabel;
}
/**
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  id: Id3;
  /**
   * Who published it (the outlet), as precisely as known.
   */
  publisher: string;
  /**
   * The headline or document title.
   */
  title: string;
  /**
   * Byline, when signed.
   */
  author?: string;
  date?: DateMayBePartial3;
  /**
   * Web address (http or https only).
   */
  url?: string;
  /**
   * What sort of source it is.
   */
  kind?: 'news' | 'analysis' | 'state_media' | 'official' | 'think_tank' | 'blog' | 'aggregator' | 'other';
  /**
   * Admiralty reliability of the source: A completely reliable … F cannot be judged.
   */
  reliability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  /**
   * Admiralty credibility of what it carries: 1 confirmed … 6 cannot be judged.
   */
  credibility: number;
  derived_from?: Id4;
  /**
   * Where the collected copy of the article is kept.
   */
  file?: string;
  /**
   * Why the source is graded so; what it was derived from; its errors.
   */
  notes?: string;
  handling?: TLPLabel;
}
