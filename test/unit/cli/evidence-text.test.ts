import { describe, expect, it } from 'vitest';
import { formatEvidence } from '../../../src/cli/evidence-text.js';

describe('brief evidence as text', () => {
  it('a claim that cites no source says so (not a dash with nothing after it)', () => {
    const text = formatEvidence({
      week: '2025-W38', problems: [],
      topics: [{ id: 't', title: 'T', file: 'data/2025-W38/t.yaml', asOf: '2025-09-20', sources: [], claims: [
        { pointer: '/notes/0', what: 'note 1 (TLP:AMBER)', text: 'An analyst note.', sources: [], singleSource: false, quotes: [] },
        { pointer: '/bluf', what: 'BLUF', text: 'The bottom line.', sources: [{ id: 'src-a', grade: 'B2' }], singleSource: true, quotes: [] },
      ] }],
    });
    expect(text).toContain('  note 1 (TLP:AMBER) — no source cited\n    An analyst note.\n');
    expect(text).toContain('  BLUF — src-a B2 — ONE INDEPENDENT SOURCE\n');
  });
});
