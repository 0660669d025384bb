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
 * What the edition was rebuilt from and when: printed on page 1 of every audience's PDF and wherever later editions measure changes against it.
 */
export type BasisOfTheReconstruction = string;
/**
 * When the reconstruction was written.
 */
export type CalendarDate = string;
/**
 * Default TLP 2.0 handling level of every item in the sheet that does not set its own.
 */
export type Handling = 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER' | 'TLP:AMBER+STRICT' | 'TLP:RED';
/**
 * Language of the sheet's text (BCP 47), when it is not English.
 */
export type Language = string;
/**
 * One line for the cover and the contents: the newest dated development (CRS Insight style).
 */
export type CoverLine = string;
/**
 * The BLUF text.
 */
export type BLUFText = string;
/**
 * An identifier unique within the sheet (kebab-case).
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * Ids of the key judgments the BLUF summarises.
 */
export type KeyJudgmentsSummarised = Id[];
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
 * Where things stand, in a few sentences.
 */
export type StatusSummary = string;
/**
 * The parties to the deal.
 *
 * @minItems 2
 */
export type Parties = [Party, Party, ...Party[]];
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id1 = string;
/**
 * Name as printed.
 */
export type PartyName = string;
/**
 * The party's role in the deal.
 */
export type Role = string;
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id2 = string;
/**
 * What the party says about where things stand, verbatim when `kind` is quote.
 */
export type WhatThePartySays = string;
/**
 * Language of the words quoted (BCP 47), when they are not in the sheet's language.
 */
export type Language1 = string;
/**
 * Whether `text` is a direct quote or a paraphrase. A quote is printed in quotation marks: write it without them (a pair around the whole text is dropped).
 */
export type QuoteOrParaphrase = 'quote' | 'paraphrase';
/**
 * Who said it, as the source gives it.
 */
export type Speaker = string;
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
 * Each party's own characterisation of where things stand (they often differ).
 */
export type Characterisations = Characterisation[];
/**
 * What the deadline is for.
 */
export type Label = string;
/**
 * A date as precise as the source allows: YYYY-MM-DD, YYYY-MM or YYYY.
 */
export type DateMayBePartial2 = string;
/**
 * How many times the deadline has been extended so far.
 */
export type Extensions = number;
/**
 * Context: how the deadline moved, and on what source.
 */
export type DeadlineNote = string;
/**
 * What happened when the deadline fell, or 'outcome unreported' (a deadline on or before as_of without it is warned about: deadline-passed); for a deadline dated only to a month or year that includes as_of, may say it was not yet due.
 */
export type Outcome = string;
/**
 * Deadlines in force, with how often each was extended.
 */
export type Deadlines = Deadline[];
/**
 * How the sources state the date, when it is not exact.
 */
export type DateAsStated = string;
/**
 * The event, in a short line.
 */
export type EventTitle = string;
/**
 * One or two sentences of detail.
 */
export type Detail = string;
/**
 * occurred: it happened; scheduled: fixed date; planned: announced, date loose.
 */
export type State = 'occurred' | 'scheduled' | 'planned';
/**
 * What sort of event it is (drives the timeline marker).
 */
export type KindOfEvent =
  'talks' | 'call' | 'meeting' | 'statement' | 'deadline' | 'extension' | 'legal' | 'other';
/**
 * Dated events, in date order.
 */
export type Milestones = Milestone[];
/**
 * The issue in a short line.
 */
export type Issue = string;
/**
 * What the disagreement is about.
 */
export type WhatItIsAbout = string;
/**
 * open, narrowing, resolved or deadlocked.
 */
export type Status = 'open' | 'narrowing' | 'resolved' | 'deadlocked';
/**
 * How much the issue matters to the deal: high, medium or low.
 */
export type Significance = 'high' | 'medium' | 'low';
/**
 * Each party's position on the issue.
 *
 * @minItems 1
 */
export type Positions = [Position, ...Position[]];
/**
 * The party's position, as the source states it.
 */
export type PositionText = string;
/**
 * How flexible the position is: red line, firm, conditional, flexible, or unknown.
 */
export type Flexibility = 'red_line' | 'firm' | 'conditional' | 'flexible' | 'unknown';
/**
 * On what basis we know the position.
 */
export type Basis =
  | 'official_statement'
  | 'readout'
  | 'state_media'
  | 'unnamed_official'
  | 'press_report'
  | 'analyst_inference';
/**
 * Issues the parties disagree on, each with every party's position.
 */
export type StickingPoints = StickingPoint[];
/**
 * The expert's name as the source gives it.
 */
export type Name = string;
/**
 * Title as the source gives it.
 */
export type Role1 = string;
/**
 * Organisation as the source gives it.
 */
export type Affiliation = string;
/**
 * The view: a direct quote (verbatim) or a paraphrase, as `kind` says.
 */
export type View = string;
/**
 * Language of the words quoted (BCP 47), when they are not in the sheet's language.
 */
export type Language2 = string;
/**
 * Whether `view` is a direct quote or a paraphrase. A quote is printed in quotation marks: write it without them (a pair around the whole text is dropped).
 */
export type QuoteOrParaphrase1 = 'quote' | 'paraphrase';
/**
 * A short label of the expert's stance.
 */
export type Stance = string;
/**
 * Whether the person and affiliation could be verified in another independent source.
 */
export type Verified = boolean;
/**
 * How the person was (or could not be) verified.
 */
export type VerificationNote = string;
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
 * The judgment, without a likelihood term or confidence in the text.
 */
export type Statement = string;
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
 * Why we judge so.
 */
export type Basis1 = string;
/**
 * Linchpin assumptions.
 */
export type Assumptions = string[];
/**
 * What would change the judgment.
 */
export type Indicators = string[];
/**
 * Why likelihood or confidence moved since the last edition.
 */
export type WhyItChanged = string;
/**
 * Our judgments, each with an ICD 203 likelihood term and a confidence level.
 */
export type KeyJudgments = KeyJudgment[];
/**
 * The event or signal to watch.
 */
export type WhatToWatch = string;
/**
 * Upcoming events or signals worth watching.
 */
export type WhatToWatchNext = WatchItem[];
/**
 * The note.
 */
export type NoteText = string;
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
 * Who published it (the outlet), as precisely as known.
 */
export type Publisher = string;
/**
 * The headline or document title.
 */
export type Headline = string;
/**
 * Byline, when signed.
 */
export type Author = string;
/**
 * A date as precise as the source allows: YYYY-MM-DD, YYYY-MM or YYYY.
 */
export type DateMayBePartial3 = string;
/**
 * Why the source has no date (or how it was dated): without a date or this note the source is warned about (source-undated).
 */
export type WhyUndated = string;
/**
 * Web address (http or https only).
 */
export type WebAddress = string;
/**
 * What sort of source it is.
 */
export type KindOfSource =
  'news' | 'analysis' | 'state_media' | 'official' | 'think_tank' | 'blog' | 'aggregator' | 'other';
/**
 * Admiralty reliability of the source: A completely reliable … F cannot be judged.
 */
export type ReliabilityAdmiraltyAF = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
/**
 * Admiralty credibility of what it carries: 1 confirmed … 6 cannot be judged.
 */
export type CredibilityAdmiralty16 = number;
/**
 * An identifier unique within the sheet (kebab-case).
 */
export type Id4 = string;
/**
 * Where the collected copy of the article is kept (free text; see archive for the copy quotes are checked against).
 */
export type CollectedCopy = string;
/**
 * Path of the archived copy (text, HTML or PDF), relative to the fact sheet: every quote a claim citing this source makes is checked against it (quote-not-in-source).
 */
export type ArchivedCopy = string;
/**
 * Why the source is graded so; what it was derived from; its errors.
 */
export type GradingNotes = string;
/**
 * A reader-safe warning printed beside the source in every audience that lists it (public included), added to the one the grade implies (unreliable, cannot be judged, derived).
 */
export type WarningForReaders = string;
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "date".
 */
export type CalendarDate1 = string;
/**
 * A piece of text.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "text".
 */
export type Text = string;
/**
 * BCP 47 language tag of the text (en, ar, zh-Hans, pt-BR): the briefing marks the text with it, so screen readers, hyphenation and text extraction use the right language.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "lang".
 */
export type Language3 = string;

/**
 * One topic's facts for one week: deal status, sticking points, expert views, key judgments and the sources every claim rests on.
 */
export interface FactSheet {
  id: TopicId;
  title: Title;
  topic: SubjectArea;
  as_of: AsOf;
  reconstructed?: ReconstructedEdition;
  handling: Handling;
  lang?: Language;
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
 * Declares the sheet a reconstruction: written later than its as_of, from sources that may be dated after it. Sources dated after as_of are then allowed (outside a reconstruction they are an error).
 */
export interface ReconstructedEdition {
  basis: BasisOfTheReconstruction;
  written?: CalendarDate;
}
/**
 * The conclusion in one to three sentences (about 80 words), pointing at the key judgments it summarises.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "bluf".
 */
export interface BottomLineUpFront {
  text: BLUFText;
  judgments?: KeyJudgmentsSummarised;
  sources: Sources;
}
/**
 * Where the deal stands: its stage on the fixed ladder, the parties, what each says, deadlines and milestones.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "status".
 */
export interface DealStatus {
  stage: Stage;
  since: DateMayBePartial;
  summary: StatusSummary;
  parties: Parties;
  characterisations?: Characterisations;
  deadlines?: Deadlines;
  milestones: Milestones;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * A party to the deal.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "party".
 */
export interface Party {
  id: Id1;
  name: PartyName;
  role?: Role;
}
/**
 * A party's own characterisation of where things stand.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "characterisation".
 */
export interface Characterisation {
  id?: Id;
  party: Id2;
  text: WhatThePartySays;
  lang?: Language1;
  kind: QuoteOrParaphrase;
  speaker?: Speaker;
  date?: DateMayBePartial1;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * A deadline in force.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "deadline".
 */
export interface Deadline {
  id: Id;
  label: Label;
  date?: DateMayBePartial2;
  extensions?: Extensions;
  note?: DeadlineNote;
  outcome?: Outcome;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * A dated event.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "milestone".
 */
export interface Milestone {
  id: Id;
  date: DateMayBePartial1;
  date_text?: DateAsStated;
  title: EventTitle;
  detail?: Detail;
  state: State;
  kind?: KindOfEvent;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * An issue the parties disagree on.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "stickingPoint".
 */
export interface StickingPoint {
  id: Id;
  title: Issue;
  summary?: WhatItIsAbout;
  status: Status;
  significance: Significance;
  positions: Positions;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * One party's position on a sticking point.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  party: Id;
  text: PositionText;
  flexibility: Flexibility;
  basis: Basis;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * A named outside expert's view.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "expertView".
 */
export interface ExpertView {
  id: Id;
  name: Name;
  role?: Role1;
  affiliation: Affiliation;
  view: View;
  lang?: Language2;
  kind: QuoteOrParaphrase1;
  stance: Stance;
  date?: DateMayBePartial1;
  verified: Verified;
  verification_note?: VerificationNote;
  sources: Sources1;
  handling?: TLPLabel;
}
/**
 * One of our judgments, with an ICD 203 likelihood and a confidence level.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "keyJudgment".
 */
export interface KeyJudgment {
  id: Id;
  statement: Statement;
  likelihood: Likelihood;
  confidence: Confidence;
  basis?: Basis1;
  assumptions?: Assumptions;
  indicators?: Indicators;
  change_reason?: WhyItChanged;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * An upcoming event or signal worth watching.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "watchItem".
 */
export interface WatchItem {
  text: WhatToWatch;
  date?: DateMayBePartial1;
  sources: Sources;
  handling?: TLPLabel;
}
/**
 * An internal analyst note.
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "note".
 */
export interface Note {
  text: NoteText;
  sources?: Sources;
  handling?: TLPLabel;
}
/**
 * A source, graded with the Admiralty system (reliability A–F, credibility 1–6).
 *
 * This interface was referenced by `FactSheet`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  id: Id3;
  publisher: Publisher;
  title: Headline;
  author?: Author;
  date?: DateMayBePartial3;
  date_note?: WhyUndated;
  url?: WebAddress;
  kind?: KindOfSource;
  reliability: ReliabilityAdmiraltyAF;
  credibility: CredibilityAdmiralty16;
  derived_from?: Id4;
  file?: CollectedCopy;
  archive?: ArchivedCopy;
  notes?: GradingNotes;
  reader_warning?: WarningForReaders;
  handling?: TLPLabel;
}
