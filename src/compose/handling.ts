import { TLP_LEVELS, tlpRank, type FactSheet, type Tlp } from '../schema/index.js';

/**
 * handling: the TLP filter, in one place. redactSheet() returns a fact sheet with everything above
 * an audience's level removed — before anything is composed, rendered or compared — so nothing
 * restricted can reach a view, an HTML page or a PDF. compose uses it; so should anything that
 * derives content from fact sheets (e.g. the week-over-week comparison: compare redacted sheets).
 */

/** Whether an item at `level` may be shown to an audience whose maximum is `max`. */
export const allowedFor = (max: Tlp) => (level: Tlp): boolean => tlpRank(level) <= tlpRank(max);

/** The most restrictive of some levels (TLP:CLEAR for none). */
export const maxTlp = (levels: Iterable<Tlp>): Tlp => {
  let max = 0;
  for (const l of levels) max = Math.max(max, tlpRank(l));
  return TLP_LEVELS[max]!;
};

/** The CSS class of a marking: 'TLP:AMBER+STRICT' → 'tlp-amber-strict'. */
export const markingClass = (t: Tlp): string => t.replace('TLP:', 'tlp-').replace('+', '-').toLowerCase();

/** An item's effective level: its own, else its parent's — and never less restricted than its parent, inside which it is shown. */
export const levelOf = (item: { handling?: Tlp | undefined }, parent: Tlp): Tlp => maxTlp([item.handling ?? parent, parent]);

/** The schema definitions that carry `handling`; a test checks this matches schema/fact-sheet.schema.json. */
export const HANDLED = ['status', 'characterisation', 'deadline', 'milestone', 'position', 'stickingPoint', 'expertView', 'keyJudgment', 'watchItem', 'note', 'source'] as const;

type Status = FactSheet['status'];
/**
 * A fact sheet as one audience may see it: every kept item's `handling` is its effective level,
 * every `sources` list names only kept sources (it may be empty), `bluf.judgments` and
 * `derived_from` point only at kept items, and `status` is undefined when it is above the level.
 */
export type RedactedSheet = Omit<FactSheet, 'status'> & { handling: Tlp; status: Status | undefined };

/** The sheet as an audience with maximum level `max` may see it; undefined when the whole sheet is above it. */
export function redactSheet(sheet: FactSheet, max: Tlp): RedactedSheet | undefined {
  const ok = allowedFor(max);
  const top = sheet.handling;
  if (!ok(top)) return undefined;

  const sources = sheet.sources.filter((s) => ok(levelOf(s, top)));
  const kept = new Set(sources.map((s) => s.id));
  const cites = <L extends readonly string[] | undefined>(ids: L): L => (ids?.filter((id) => kept.has(id)) ?? ids) as L;

  /** Keep the items at or below the level, each with its effective level and only kept sources. */
  function items<T extends { handling?: Tlp | undefined; sources?: readonly string[] | undefined }>(list: readonly T[] | undefined, parent: Tlp): T[] | undefined {
    if (list === undefined) return undefined;
    const out: T[] = [];
    for (const item of list) {
      const handling = levelOf(item, parent);
      if (ok(handling)) out.push({ ...item, handling, ...('sources' in item ? { sources: cites(item.sources) } : {}) });
    }
    return out;
  }
  const must = <T>(list: T[] | undefined): T[] => list ?? [];

  const statusLevel = levelOf(sheet.status, top);
  const status: Status | undefined = ok(statusLevel)
    ? {
        ...sheet.status,
        handling: statusLevel,
        sources: cites(sheet.status.sources),
        characterisations: items(sheet.status.characterisations, statusLevel),
        deadlines: items(sheet.status.deadlines, statusLevel),
        milestones: must(items(sheet.status.milestones, statusLevel)),
      }
    : undefined;
  if (status && status.characterisations === undefined) delete status.characterisations;
  if (status && status.deadlines === undefined) delete status.deadlines;

  const keyJudgments = must(items(sheet.key_judgments, top));
  const judgmentIds = new Set(keyJudgments.map((kj) => kj.id));
  const optional = <K extends 'watch_next' | 'notes'>(key: K) => (sheet[key] === undefined ? {} : { [key]: items(sheet[key], top) });

  return {
    ...sheet,
    bluf: { ...sheet.bluf, sources: cites(sheet.bluf.sources), ...(sheet.bluf.judgments ? { judgments: sheet.bluf.judgments.filter((id) => judgmentIds.has(id)) } : {}) },
    status,
    sticking_points: must(items(sheet.sticking_points, top)).map((sp) => ({ ...sp, positions: must(items(sp.positions, sp.handling ?? top)) })),
    expert_views: must(items(sheet.expert_views, top)),
    key_judgments: keyJudgments,
    ...optional('watch_next'),
    ...optional('notes'),
    sources: sources.map((s) => {
      const { derived_from: from, ...rest } = s;
      return { ...rest, handling: levelOf(s, top), ...(from !== undefined && kept.has(from) ? { derived_from: from } : {}) };
    }),
  } as RedactedSheet;
}
