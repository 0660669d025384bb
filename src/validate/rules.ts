import type { Severity } from './problems.js';

/**
 * The catalogue of validation rules: every rule id `brief validate` can report, with its default
 * severity and what it means. The ids are stable (CI configurations and editors may key on them);
 * docs/rules.md is generated from it (`npm run gen:rules`), and a test keeps the two in step.
 */
export interface Rule {
  id: string;
  severity: Severity;
  /** What the rule checks (its first sentence is the short description code scanning shows). */
  description: string;
  /** Optional: how to fix it (Markdown), shown in code scanning's help and in docs/rules.md. */
  fix?: string;
}

export const RULES: readonly Rule[] = [
  // Reading and parsing the file
  { id: 'file-empty', severity: 'error', description: 'The file is empty or holds only comments.' },
  { id: 'file-binary', severity: 'error', description: 'The file is binary (contains NUL bytes), not YAML text.' },
  { id: 'file-encoding', severity: 'error', description: 'The file is not valid UTF-8.' },
  { id: 'file-too-large', severity: 'error', description: 'The file is larger than a fact sheet may be (2 MB).' },
  { id: 'yaml-syntax', severity: 'error', description: 'The YAML cannot be parsed (bad indentation, unclosed quote, tab indent, …).', fix: 'Look at the line and the one above it: indentation with spaces only, quotes closed, a quote inside a quoted text written `\\"` (inside `"…"`) or `\'\'` (inside `\'…\'`), and quote a text holding `: ` or starting with `[`, `{`, `*`, `&`, `!`, `%`, `@` or a backtick.' },
  { id: 'yaml-duplicate-key', severity: 'error', description: 'A key appears twice in the same mapping.', fix: 'Keep one of the two keys (YAML keeps only the last, silently, in other tools).' },
  { id: 'yaml-multiple-documents', severity: 'error', description: 'The file holds more than one YAML document.' },
  { id: 'yaml-alias', severity: 'error', description: 'Too many YAML alias expansions.' },
  { id: 'yaml-complex-key', severity: 'error', description: 'A list or mapping used as a key (`? [a, b]`); keys are plain words.', fix: 'Write the key as a plain word (`id:`, `title:`, …); a list or mapping belongs after the colon, as the value.' },
  // Bounds on the work and the output (src/validate/shape.ts, src/validate/problems.ts)
  { id: 'list-too-long', severity: 'error', description: 'A list with more than 1,000 items (only the first 1,000 are checked).', fix: 'A briefing holds a few dozen items per list at most: split the topic, or keep the items that matter this week.' },
  { id: 'nesting-too-deep', severity: 'error', description: 'Values nested more than 32 levels deep (the sheet is not checked further).', fix: 'A fact sheet is a few levels of mappings and lists (`brief schema` shows them): look for brackets that never close.' },
  { id: 'problems-not-listed', severity: 'error', description: 'More problems than are listed (100 per file, 1,000 per run): their count, by severity.', fix: 'Fix the problems listed above it (often one mistake repeated), then run `brief validate` again.' },
  // The JSON Schema (schema/fact-sheet.schema.json)
  { id: 'schema-required', severity: 'error', description: 'A required field is missing (the message names it and where it belongs).', fix: 'Add the field the message names, at the place it names (`brief schema` lists every field).' },
  { id: 'schema-unknown-key', severity: 'error', description: 'A key the schema does not know (suggests the nearest known key).', fix: 'Rename the key to the suggested one, or remove it; `brief schema` lists the keys each place takes.' },
  { id: 'schema-enum', severity: 'error', description: 'A value outside the allowed list (lists them, suggests the nearest; likelihood lists the ICD 203 scale).', fix: 'Use one of the values the message lists.' },
  { id: 'schema-type', severity: 'error', description: 'A value of the wrong kind (text, number, list, mapping, true/false).' },
  { id: 'schema-date', severity: 'error', description: 'Not a date, or not a real date; says the expected format (YYYY-MM-DD, or YYYY-MM / YYYY where partial dates are allowed).', fix: 'Write dates as `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` where a partial date is allowed), with a real month and day.' },
  { id: 'schema-id', severity: 'error', description: 'An id that is not kebab-case (lowercase letters, digits, single hyphens).' },
  { id: 'schema-lang', severity: 'error', description: 'A language tag (lang) that is not BCP 47: a language, then a script or region after hyphens (en, ar, zh-Hans, pt-BR).' },
  { id: 'schema-url', severity: 'error', description: 'A web address that does not start with http:// or https://.' },
  { id: 'schema-empty', severity: 'error', description: 'A text that must not be empty is empty.' },
  { id: 'schema-too-short', severity: 'error', description: 'A text shorter than its minimum length.' },
  { id: 'schema-too-long', severity: 'error', description: 'A text longer than its maximum length.' },
  { id: 'schema-too-few', severity: 'error', description: 'A list with fewer items than required (e.g. a claim with no sources).' },
  { id: 'schema-duplicate-item', severity: 'error', description: 'A list that must hold distinct values names one twice.' },
  { id: 'schema-range', severity: 'error', description: 'A number outside its allowed range (e.g. credibility 1–6).' },
  // Clean text (src/validate/checks-text.ts)
  { id: 'text-blank', severity: 'error', description: 'A text of only white space (a title of five spaces passes a minimum length, but says nothing).', fix: 'Write the text, or leave out a field that may be left out.' },
  { id: 'text-control', severity: 'error', description: 'A value or key with a control character (C0 but tab and line feed, DEL, C1); tab and line feed only in prose fields.', fix: 'Remove the character (a `\\e`, `\\a` or `\\n` escape in a quoted text makes one); a title, id, name or date is one line.' },
  { id: 'text-bidi-control', severity: 'warning', description: 'A value with an explicit bidirectional control: an override, embedding or isolate (U+202A–U+202E, U+2066–U+2069). An override forces the order of the letters after it ("\\u202Eevil" shows "live"), an embedding reorders the rest of its line. The print leaves them out: brief sets each text\'s direction itself.', fix: 'Remove the character (text pasted from a word processor may carry one; a `\\u202e` escape in a quoted text writes one). The marks U+200E, U+200F and U+061C are fine.' },
  // Meaning: references and dates (src/checks.ts)
  { id: 'topic-duplicate', severity: 'error', description: 'Two fact sheets of one week folder share a topic id (the second is reported).', fix: 'Each topic has one fact sheet a week: rename one id, or remove the copy.' },
  { id: 'source-unknown', severity: 'error', description: 'A cited source id (or derived_from) that is not in the sources list.', fix: 'Add the source to `sources:` with that id, or correct the id.' },
  { id: 'id-duplicate', severity: 'error', description: 'Two items of the same list share an id.' },
  { id: 'party-unknown', severity: 'error', description: 'A position or characterisation names a party not in status.parties.' },
  { id: 'judgment-unknown', severity: 'error', description: 'The BLUF points at a key judgment that does not exist.' },
  { id: 'bluf-likelihood', severity: 'warning', description: 'The BLUF uses an ICD 203 likelihood term (likely, very likely, roughly even chance, …) that none of the key judgments it points at carries: a judgment moved, the bottom line still says what it used to.', fix: 'Say in the BLUF what its judgments say, or list the judgment the term belongs to in `bluf.judgments`.' },
  { id: 'date-after-as-of', severity: 'error', description: 'A source, expert view, characterisation or status date after the sheet’s as_of (source dates are allowed in a reconstructed edition).', fix: 'Correct the date, or move `as_of` forward if the sheet really describes a later day; a sheet written later from later sources declares `reconstructed:` with its basis.' },
  { id: 'milestone-occurred-future', severity: 'error', description: 'A milestone marked occurred but dated after as_of.' },
  { id: 'milestone-order', severity: 'error', description: 'Milestones not in date order.' },
  // Meaning: evidence and currency (src/checks-sources.ts)
  { id: 'claim-unsourced', severity: 'error', description: 'A BLUF or key judgment with no source behind it: none of the sources it cites exists.', fix: 'Cite at least one source from `sources:` for the claim.' },
  { id: 'sources-weak', severity: 'warning', description: 'A claim (BLUF, status, characterisation, deadline, milestone, sticking point, position, key judgment, watch item) resting only on sources graded E or F for reliability. Expert views (see expert-unverified) and internal notes are not checked.', fix: 'Add a source graded A–D for reliability, or say in the text that the claim rests on weak reporting.' },
  { id: 'sources-single', severity: 'warning', description: 'A BLUF or key judgment resting on one independent source (rewrites linked by derived_from count as one).', fix: 'Add a second, independent source, or lower the confidence and note the gap.' },
  { id: 'sources-withheld', severity: 'warning', description: 'A claim whose every source has a more restrictive handling level than the claim: an audience cleared for the claim but not for its sources (the public briefing, say) reads it with no source.', fix: 'Give the claim the handling of its sources, or cite a source the audience may see as well.' },
  { id: 'confirmed-uncorroborated', severity: 'warning', description: 'A source graded credibility 1 (“confirmed”) that no claim cites together with an independent source.' },
  { id: 'expert-unverified', severity: 'warning', description: 'An expert view with verified: false and no verification_note saying so.' },
  { id: 'as-of-stale', severity: 'warning', description: 'as_of is older than the Monday of the ISO week the sheet is filed under.', fix: 'Update `as_of` (and the facts) for this week, or file the sheet under the week it describes.' },
  { id: 'week-folder', severity: 'warning', description: 'A fact sheet `brief build` never reads: beside the week folders of a data folder given to `brief validate` (`data/loose.yaml` next to `data/2025-W38/`; a folder of sheets and no weeks is checked as it is), or in a folder meant as a week but not named as one (`2025-w38`, `2025-W5`, `2025-38`).', fix: 'Move the sheet into the folder of its week, named `YYYY-Www` (capital W, two digits).' },
  { id: 'as-of-after-week', severity: 'error', description: 'as_of is after the Sunday of the ISO week the sheet is filed under.', fix: 'Move the sheet to the folder of the week its `as_of` falls in, or correct `as_of`.' },
  // Meaning: the evidence itself (src/validate/checks-evidence.ts, quotes.ts; docs/evidence.md)
  { id: 'quote-not-in-source', severity: 'error', description: 'A quote (a kind: quote characterisation or expert view, or a passage in double quotation marks in a claim) is not in the archived text of any source its claim cites; names the closest passage and how many characters differ.', fix: 'Quote the archived text exactly (an ellipsis marks a gap), cite the source that has it, or make the passage a paraphrase without quotation marks.' },
  { id: 'archive-unreadable', severity: 'warning', description: 'A source’s archive (its archived copy: text, HTML or PDF, relative to the sheet) cannot be read, so its quotes are not checked.', fix: 'Correct the `archive:` path (relative to the fact sheet), or add the archived copy.' },
  { id: 'source-undated', severity: 'warning', description: 'A source with no date and no date_note saying why.', fix: 'Give the publication `date:`, or a `date_note:` saying why there is none.' },
  { id: 'deadline-passed', severity: 'warning', description: 'A deadline dated on or before as_of (or to a month or year that includes it) with no recorded outcome (outcome: what happened, or “outcome unreported”).', fix: 'Record `outcome:` (what happened, or "outcome unreported"), and do not forecast a decision already taken.' },
  // Week over week (src/validate/previous.ts): from `brief build` and `brief diff`, about the edition a topic is compared with
  { id: 'previous-edition-invalid', severity: 'warning', description: 'The previous edition of a topic (its sheet in the nearest earlier week) has errors, so this week\'s "What changed" cannot be worked out for it; the message names the edition\'s first error. Reported by `brief build` and `brief diff`, not by `brief validate` of this week.', fix: 'Fix the earlier sheet (`brief validate data/<that week>`), or accept that the topic shows no changes this week.' },
  // Printing (src/validate/checks-glyphs.ts)
  { id: 'font-lang-missing', severity: 'warning', description: 'A sheet or text declares Japanese or Traditional Chinese (lang ja, zh-Hant, zh-TW, zh-HK) but that language’s font is not installed: its Chinese characters print in Simplified Chinese forms.', fix: 'Install the font beside brief (`npm i @fontsource/noto-sans-jp` or `@fontsource/noto-sans-tc`), or accept the Simplified forms.' },
  { id: 'glyph-missing', severity: 'warning', description: 'Characters none of brief’s bundled fonts has (named with their code points), or a letter and combining marks that no one bundled font has together (a letter is set with its marks from one font): they print as boxes showing their code points (brief’s last-resort font), never in a font of the machine. Letters written decomposed that have a composed form (g + U+0306 for ğ) print composed and are not warned of.', fix: 'Replace the character (or write the letter with a mark it has in a bundled font), or add a font that has it (docs/fonts-and-scripts.md says how).' },
];

const byId = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id; an unlisted schema keyword gets a generic entry. */
export function ruleOf(id: string): Rule {
  return byId.get(id) ?? { id, severity: 'error', description: id.startsWith('schema-') ? `Fails the schema keyword '${id.slice(7)}'.` : id };
}
