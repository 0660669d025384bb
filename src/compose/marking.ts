import type { Change } from './diff.js';
import { maxTlp, type RedactedSheet } from './handling.js';
import type { Tlp } from '../schema/index.js';

/**
 * marking: the "changes since last week" section can mention items that are printed nowhere else
 * (a sticking point or judgment dropped since the previous edition). Their levels count for the
 * marking too, so that it is never lower than what the PDF contains.
 */

type Levelled = { id?: string; handling?: Tlp | undefined };
const levelIn = (list: readonly Levelled[] | undefined, id: string): Tlp | undefined => list?.find((x) => x.id === id)?.handling;

/** The level of what one change mentions, in one (redacted) edition; undefined when the item is not in it. */
function levelInEdition(change: Change, s: RedactedSheet): Tlp | undefined {
  switch (change.kind) {
    case 'stage': return s.status?.handling;
    // (the bottom line is at the sheet's level; a revision the diff cannot place, at the sheet's too)
    case 'bluf-revised': case 'revised': return s.handling;
    case 'milestone-added': case 'milestone-occurred': case 'milestone-changed': case 'milestone-removed': return levelIn(s.status?.milestones, change.id);
    case 'deadline-added': case 'deadline-extended': case 'deadline-moved': case 'deadline-removed': return levelIn(s.status?.deadlines, change.id);
    case 'sticking-point-opened': case 'sticking-point-status': case 'sticking-point-resolved': case 'sticking-point-dropped': case 'sticking-point-significance':
      return levelIn(s.sticking_points, change.id);
    case 'position-added': case 'position-changed': case 'position-dropped': {
      const positions = s.sticking_points.find((sp) => sp.id === change.stickingPoint)?.positions.filter((p) => p.party === change.party) ?? [];
      return positions.length > 0 ? maxTlp(positions.map((p) => p.handling!)) : undefined;
    }
    case 'expert-view-added': case 'expert-view-changed': case 'expert-view-dropped': return levelIn(s.expert_views, change.id);
    case 'judgment-added': case 'judgment-changed': case 'judgment-reworded': case 'judgment-dropped': return levelIn(s.key_judgments, change.id);
    case 'source-added': case 'source-dropped': return levelIn(s.sources, change.id);
  }
}

/** The most restrictive level a change mentions across both editions; the audience's maximum when it cannot be told. */
export function changeLevel(change: Change, editions: readonly (RedactedSheet | undefined)[], max: Tlp): Tlp {
  const found = editions.flatMap((s) => (s ? [s.handling, levelInEdition(change, s)] : [])).filter((l): l is Tlp => l !== undefined);
  const itemFound = editions.some((s) => s && levelInEdition(change, s) !== undefined);
  return itemFound ? maxTlp(found) : max;
}
