import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/**
 * Generated weeks of 1–8 topics of varied length, from the sample's W38 sheets: sample-like topics
 * (each keeps a different share of its lists), one long topic (six parties, ten sticking points) and
 * one with only the fields the schema requires. The k-th topic is the same in every week, so a week
 * of n topics is the week of n − 1 and one more.
 */
const ROOT = join(import.meta.dirname, '..');
export const GENERATED_WEEK = '2025-W38';

type Sheet = Record<string, unknown>;
type Item = Record<string, unknown>;
const samples = ['tiktok-us-spinoff', 'us-china-trade'].map((f) => yaml.load(readFileSync(join(ROOT, 'data', GENERATED_WEEK, `${f}.yaml`), 'utf8')) as Sheet);

/** A sample-like sheet: the k-th keeps a share of each list. */
function sampleLike(k: number): Sheet {
  const s = structuredClone(samples[k % 2]!);
  const keep = (name: string, n: number) => { const l = s[name] as unknown[]; s[name] = l.slice(0, Math.max(1, Math.min(l.length, n))); };
  keep('sticking_points', [1, 4, 2, 6, 1, 3, 5, 2, 1, 4][k % 10]!);
  keep('expert_views', [1, 3, 1, 2][k % 4]!);
  return s;
}

/** The long one: six parties, ten sticking points (the sample's, again under new ids), every party placed. */
function long(): Sheet {
  const s = structuredClone(samples[0]!);
  const status = s.status as { parties: Item[] };
  status.parties = [...status.parties, { id: 'eu', name: 'European Commission' }, { id: 'investors', name: 'The consortium of U.S. investors led by Oracle and Silver Lake' }].slice(0, 6);
  const points = s.sticking_points as Item[];
  const more: Item[] = [];
  for (let i = 0; more.length < 10; i++) {
    const p = structuredClone(points[i % points.length]!);
    const positions = p.positions as Item[];
    for (const party of ['eu', 'investors']) if (i % 2 === 0) positions.push({ ...positions[0]!, party });
    more.push({ ...p, id: `${String(p.id)}-${i}`, title: `${String(p.title)} (${i + 1})` });
  }
  s.sticking_points = more;
  return s;
}

/** Only what the schema requires. */
function bare(): Sheet {
  const s = structuredClone(samples[1]!);
  const status = s.status as Item;
  const bluf = s.bluf as Item;
  const sources = (s.sources as Item[]).slice(0, 1);
  const only = [String(sources[0]!.id)];
  return {
    id: s.id, title: s.title, topic: s.topic, as_of: s.as_of, handling: s.handling,
    bluf: { text: bluf.text, sources: only },
    status: { stage: status.stage, since: status.since, summary: status.summary, parties: status.parties, milestones: [], sources: only },
    sticking_points: [], expert_views: [], key_judgments: [], sources,
  };
}

/** The k-th topic (0-based) of a generated week. */
export function generatedSheet(k: number): Sheet {
  const s = k === 1 ? long() : k === 3 ? bare() : sampleLike(k);
  return { ...s, id: `topic-${k + 1}`, title: `Topic ${k + 1}: ${String(s.title)}` };
}

/**
 * Write a generated week of `n` topics under `data` (data/<week>/topic-k.yaml). A week after the
 * sheets' as_of only warns (as-of-stale), so weeks of several sizes can share one data folder.
 */
export function writeGeneratedWeek(data: string, n: number, week = GENERATED_WEEK): void {
  mkdirSync(join(data, week), { recursive: true });
  for (let k = 0; k < n; k++) writeFileSync(join(data, week, `topic-${k + 1}.yaml`), yaml.dump(generatedSheet(k), { lineWidth: -1 }));
}
