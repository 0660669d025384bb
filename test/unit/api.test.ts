import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

/**
 * The library's surface, pinned: a name added or removed here is a change to the documented API
 * (README.md, "Library API"), not an accident of an `export`.
 */
describe('library API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BriefError', 'ExitCode', 'Printer', 'RULES', 'Session', 'build', 'formatGithub', 'formatHuman', 'formatJson',
      'formatSarif', 'loadAudiences', 'newWeek', 'renderBriefing', 'validate', 'watch', 'weeklyDiff',
    ]);
  });

  it('validate returns every problem of every file and never throws for bad data', async () => {
    const r = await api.validate(['test/fixtures/invalid']);
    expect(r.files.length).toBeGreaterThan(1);
    expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
    expect(new Set(r.problems.map((p) => p.file)).size).toBeGreaterThan(1);
  });

  it('validate of a path that does not exist is a BriefError with the usage exit code', async () => {
    await expect(api.validate(['no/such/folder'])).rejects.toMatchObject({ exitCode: api.ExitCode.usage });
  });
});

describe('Printer.stats', () => {
  it('is a read-only snapshot: counters cannot be set from outside', () => {
    const printer = new api.Printer({ concurrency: 1 });
    const stats = printer.stats;
    expect(stats).toMatchObject({ launches: 0, prints: 0, crashes: 0 });
    expect(() => { (stats as { prints: number }).prints = 9; }).toThrow(TypeError);
    expect(printer.stats.prints).toBe(0);
  });
});
