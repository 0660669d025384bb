import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/load/yaml.js';
import { validateLoaded } from '../../../src/validate/validate.js';
import { composeBriefing } from '../../../src/compose/compose.js';
import { singleSource, sourceWarnings } from '../../../src/compose/warnings.js';
import { loadAudience } from '../../../src/load/audience.js';
import type { FactSheet } from '../../../src/schema/index.js';
import { FIXTURES, TEMPLATES } from '../../helpers.js';

const MINIMAL = readFileSync(join(FIXTURES, 'valid/minimal.yaml'), 'utf8');
const rules = (text: string) => validateLoaded(parseYaml('sheet.yaml', text)).problems.map((p) => `${p.rule} ${p.line}:${p.col}`);
const SRC_A = 'date: 2025-09-20, reliability: B';

describe('reconstructed editions and dates', () => {
  const late = MINIMAL.replace(SRC_A, 'date: 2025-09-25, reliability: B');

  it('a source dated after as_of is an error outside a reconstructed edition', () => {
    expect(rules(MINIMAL)).toEqual([]);
    expect(rules(late)).toEqual(['date-after-as-of 54:60']);
  });

  it('a reconstructed edition (with its basis) may cite sources dated after as_of; other dates still may not be', () => {
    const rebuilt = late.replace('handling: TLP:CLEAR\n', 'handling: TLP:CLEAR\nreconstructed:\n  basis: Rebuilt later from sources published after as_of.\n');
    expect(rules(rebuilt)).toEqual([]);
    expect(rules(rebuilt.replace('date: 2025-09-19, sources: [src-a]', 'date: 2025-09-22, sources: [src-a]'))).toEqual(['date-after-as-of 23:66']);
    // the basis is required
    expect(rules(late.replace('handling: TLP:CLEAR\n', 'handling: TLP:CLEAR\nreconstructed: {}\n'))).toContain('schema-required 7:1');
  });

  it('an undated source needs a date_note', () => {
    expect(rules(MINIMAL.replace(', date_note: Undated rewrite }', ' }'))).toEqual(['source-undated 55:7']);
  });
});

describe('deadline-passed', () => {
  const withDeadline = (fields: string) => MINIMAL.replace('{ id: ban, label: Enforcement deadline, extensions: 3,', `{ id: ban, label: Enforcement deadline, ${fields} extensions: 3,`);

  it('warns for a deadline on or before as_of, or dated to a month that includes it, until the outcome is recorded', () => {
    expect(rules(withDeadline('date: 2025-09-20,'))).toEqual(['deadline-passed 23:53']);
    expect(rules(withDeadline('date: 2025-09,'))).toEqual(['deadline-passed 23:53']);
    expect(rules(withDeadline('date: "2025",'))).toEqual(['deadline-passed 23:53']);
    expect(rules(withDeadline('date: 2025-09-21,'))).toEqual([]);
    expect(rules(withDeadline('date: 2025-10,'))).toEqual([]);
    expect(rules(withDeadline('date: 2025-09-15, outcome: outcome unreported,'))).toEqual([]);
  });

  it('says whether it has passed or may have', () => {
    const msg = (f: string) => validateLoaded(parseYaml('sheet.yaml', withDeadline(f))).problems[0]!.message;
    expect(msg('date: 2025-09-15,')).toContain("deadline 'ban' (2025-09-15) is on or before the sheet's as_of (2025-09-20)");
    expect(msg('date: 2025-09,')).toContain("deadline 'ban' is dated only to 2025-09, which includes the sheet's as_of (2025-09-20): it may already have passed");
  });
});

describe('warnings that travel', () => {
  const sheet = (sources: FactSheet['sources']): FactSheet => ({
    id: 't', title: 'T', topic: 'x', as_of: '2025-09-20', handling: 'TLP:CLEAR',
    bluf: { text: 'A bottom line of some length.', sources: ['a', 'r'] },
    status: { stage: 'negotiating', since: '2025', summary: 'Talks go on.', parties: [{ id: 'us', name: 'US' }], sources: ['a'] },
    sticking_points: [], expert_views: [],
    key_judgments: [{ id: 'kj', statement: 'A judgment.', likelihood: 'likely', confidence: 'low', sources: ['a', 'r'] },
      { id: 'kj2', statement: 'Another.', likelihood: 'unlikely', confidence: 'low', sources: ['a', 'b'] }],
    sources,
  });
  const sources: FactSheet['sources'] = [
    { id: 'a', publisher: 'CNN', title: 'An analysis', date: '2025-09-20', reliability: 'B', credibility: 2 },
    { id: 'r', publisher: 'Rewrite site', title: 'A rewrite', reliability: 'E', credibility: 3, derived_from: 'a', date_note: 'undated' },
    { id: 'b', publisher: 'Blog', title: 'A post', reliability: 'F', credibility: 6, reader_warning: 'Quotes people no one else names.', date_note: 'undated' },
  ];

  it('grades, rewrites and reader_warning become reader-safe warnings', () => {
    const pub = (id: string) => sources.find((s) => s.id === id)?.publisher;
    expect(sourceWarnings(sources[0]!, pub)).toEqual([]);
    expect(sourceWarnings(sources[1]!, pub)).toEqual(['Judged unreliable.', 'A rewrite of another source (CNN), not independent of it.']);
    expect(sourceWarnings(sources[2]!, pub)).toEqual(['Reliability cannot be judged.', 'What it reports cannot be verified.', 'Quotes people no one else names.']);
  });

  it('a claim on one independent source (a rewrite counts as its original) says so, in the public briefing too', async () => {
    const s = sheet(sources);
    expect(singleSource(s, ['a', 'r'])?.id).toBe('a');
    expect(singleSource(s, ['a', 'b'])).toBeUndefined();
    const view = composeBriefing([s], await loadAudience(TEMPLATES, 'public'), { week: '2025-W38' });
    const t = view.topics[0]!;
    expect(t.bluf?.singleSource).toBe('Rests on one independent source (CNN).');
    expect(t.keyJudgments.map((k) => k.singleSource)).toEqual(['Rests on one independent source (CNN).', undefined]);
    expect(t.sources.map((x) => x.warnings.length)).toEqual([0, 2, 3]);
    expect(view.reconstructed).toEqual([]);
  });

  it('a reconstructed edition is named on the briefing once when every topic shares its basis', async () => {
    const basis = 'Rebuilt later.';
    const a = { ...sheet(sources), reconstructed: { basis } };
    const b = { ...a, id: 'u', title: 'U' };
    const audience = await loadAudience(TEMPLATES, 'executive');
    expect(composeBriefing([a, b], audience, { week: '2025-W38' }).reconstructed).toEqual([{ title: '', basis }]);
    expect(composeBriefing([a, { ...b, reconstructed: undefined }], audience, { week: '2025-W38' }).reconstructed).toEqual([{ title: 'T', basis }]);
  });
});
