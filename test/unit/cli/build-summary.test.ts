import { describe, expect, it } from 'vitest';
import { failureSummary } from '../../../src/cli/build-summary.js';
import { ValidationFailed } from '../../../src/errors.js';
import type { DocumentResult } from '../../../src/app/build.js';

const doc = (path: string, skipped: boolean): DocumentResult => ({ audience: 'analyst', path, pages: 3, bytes: 1000, ms: skipped ? 0 : 500, marking: 'TLP:CLEAR', ...(skipped ? { skipped } : {}) });

describe('the summary of a batch with a failed week', () => {
  it('tells the briefings printed from the unchanged ones (not written), and that the failed week\'s files are an earlier build\'s', async () => {
    const { text, exitCode } = await failureSummary([{ week: '2025-W41', error: new ValidationFailed([]) }], [doc('out/2025-W40/analyst.pdf', true), doc('out/2025-W42/analyst.pdf', false)]);
    expect(exitCode).toBe(1);
    expect(text).toContain('brief: 1 week failed; 1 briefing written, 1 unchanged:');
    expect(text).toContain('nothing was built for this week (any briefings of it in the output folder are from an earlier build)');
    expect(text).toContain('  written: out/2025-W42/analyst.pdf\n');
    expect(text).toContain('  unchanged (not printed again): out/2025-W40/analyst.pdf\n');
  });
});
