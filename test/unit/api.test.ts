import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

/**
 * The library's surface, pinned: a name added or removed here is a change to the documented API
 * (README.md, "Library API"), not an accident of an `export`.
 */
describe('library API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BriefError', 'DocumentsFailed', 'ExitCode', 'Printer', 'RULES', 'Session', 'ValidationFailed', 'build', 'formatGithub', 'formatHuman', 'formatJson',
      'formatSarif', 'loadAudiences', 'loadTemplateSet', 'newWeek', 'renderBriefing', 'validate', 'watch', 'weeklyDiff',
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

  it('validate takes one path as a string too, and defaults to data/ as the command line does', async () => {
    expect((await api.validate('data/2025-W38')).files).toEqual((await api.validate(['data/2025-W38'])).files);
    expect((await api.validate()).files).toEqual((await api.validate(['data'])).files);
    await expect(api.validate(42 as unknown as string)).rejects.toMatchObject({ exitCode: api.ExitCode.usage, message: expect.stringContaining('a path or a list of paths') });
  });

  it('an option a call does not take is a usage error naming the one meant (a JavaScript caller writing the command line\'s names)', async () => {
    const call = (f: () => Promise<unknown>) => f().then(() => undefined, (e: unknown) => e as api.BriefError);
    const e = await call(() => api.build({ week: '2025-W38', data: 'elsewhere', out: 'x' } as never));
    expect(e).toBeInstanceOf(api.BriefError);
    expect(e!.exitCode).toBe(api.ExitCode.usage);
    expect(e!.message).toContain("build() has no options 'data' (did you mean 'dataDir'?), 'out' (did you mean 'outDir'?)");
    expect((await call(() => api.weeklyDiff({ dataDri: 'data' } as never)))!.message).toContain("'dataDri' (did you mean 'dataDir'?)");
    expect((await call(() => api.newWeek({ weak: '2025-W39' } as never)))!.message).toContain("'weak' (did you mean 'week'?)");
    expect((await call(() => api.validate('data', { root: '.' } as never)))!.message).toContain("validate() has no option 'root'");
    expect((await call(() => api.build('2025-W38' as never)))!.message).toContain('build() takes an options object');
    expect(() => api.watch({ audience: ['executive'] } as never)).toThrow("watch() has no option 'audience' (did you mean 'audiences'?)");
  });

  it('an option of the wrong kind, nested ones and a constructor\'s too, is a usage error saying what it takes', async () => {
    const call = (f: () => Promise<unknown>) => f().then(() => undefined, (e: unknown) => e as api.BriefError);
    expect((await call(() => api.build({ audiences: 'public' } as never)))!.message).toContain("option audiences takes a list of names (['public']); got a string");
    expect((await call(() => api.build({ outDir: 5 } as never)))!.message).toContain('option outDir takes a string; got 5');
    expect((await call(() => api.build({ printerOptions: { concurency: 2 } } as never)))!.message).toContain("has no option 'concurency' (did you mean 'concurrency'?) in printerOptions");
    expect((await call(() => api.validate('data', { cwd: 5 } as never)))!).toMatchObject({ exitCode: api.ExitCode.usage, message: expect.stringContaining('option cwd takes a string') });
    const level = await call(() => api.weeklyDiff({ maxHandling: 'AMBER' } as never));
    expect(level!.message).toContain("option maxHandling takes one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED; got 'AMBER'; did you mean 'TLP:AMBER'?");
    expect(() => new api.Printer({ concurency: 3 } as never)).toThrow("new Printer() has no option 'concurency' (did you mean 'concurrency'?)");
    expect(() => new api.Session({ printerOpts: {} } as never)).toThrow("new Session() has no option 'printerOpts'");
    expect(() => api.renderBriefing([], { name: 'public' } as never, '2025-W38')).toThrow('renderBriefing() takes a template set second: loadTemplateSet(templatesDir, audience)');
  });

  it('validate hands back the caller\'s own sheets: editing one changes neither a later validate nor what a build reads', async () => {
    const a = await api.validate('data/2025-W38');
    const title = a.sheets[0]!.title;
    a.sheets[0]!.title = 'MUTATED BY CALLER';
    const b = await api.validate('data/2025-W38');
    expect(b.sheets[0]).not.toBe(a.sheets[0]);
    expect(b.sheets[0]!.title).toBe(title);
  });

  it('renders a briefing from sheets in memory: loadAudiences, loadTemplateSet, renderBriefing', async () => {
    const sheets = (await api.validate('data/2025-W38')).sheets;
    const [audience] = await api.loadAudiences(undefined, ['public']);
    const { html, view } = api.renderBriefing(sheets, await api.loadTemplateSet(undefined, audience!), '2025-W38');
    expect(view.topics.length).toBe(2);
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('TLP:CLEAR');
  });

  it('weeklyDiff and newWeek default to data/ as build does (no TypeError without options)', async () => {
    expect((await api.weeklyDiff()).week).toBe('2025-W38');
    await expect(api.newWeek({ week: '2025-W38' })).rejects.toMatchObject({ exitCode: api.ExitCode.usage, message: expect.stringContaining('already exist') });
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
