import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../cli-in-process.js';

/** Usage mistakes get a message that says what is wrong, and exit 2 (never the defaults, never a silent help page). */
describe('usage messages', () => {
  it('help for a command that does not exist says so, with the one meant', async () => {
    expect(await runInProcess(['help', 'biuld'])).toEqual({ code: 2, stdout: '', stderr: "brief: no command 'biuld'; did you mean 'build'?\nRun 'brief --help' for the commands.\n" });
    expect((await runInProcess(['help', 'nosuch'])).stderr).toBe("brief: no command 'nosuch'\nRun 'brief --help' for the commands.\n");
    const ok = await runInProcess(['help', 'build']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Usage: brief build');
  });

  it('an empty --audience or --week (an unset shell variable) is a mistake, not the default', async () => {
    const audience = await runInProcess(['build', '--audience', '', '--out', '/nonexistent/never-written']);
    expect(audience).toMatchObject({ code: 2, stderr: expect.stringContaining("--audience takes one or more audience names (or 'all'); got ''") });
    const week = await runInProcess(['diff', '--week', ' ']);
    expect(week).toMatchObject({ code: 2, stderr: expect.stringContaining('--week takes a week, e.g. 2025-W38; got an empty value') });
    expect((await runInProcess(['build', '--week', '2026-w50'])).stderr).toContain("'2026-w50' is not an ISO week; expected YYYY-Www, e.g. 2025-W38 (did you mean 2026-W50?)");
  });

  it('diff for an audience whose briefing has no changes section says so first, then what it may see', async () => {
    const exec = await runInProcess(['diff', '--audience', 'executive']);
    expect(exec.code).toBe(0);
    expect(exec.stderr).toMatch(/^brief: the executive briefing has no "changes" section \(its sections: bluf, status, sticking_points, watch_next\)/);
    expect(exec.stdout).not.toMatch(/position/); // the executive audience hides positions
    expect((await runInProcess(['diff', '--audience', 'analyst'])).stderr).not.toContain('no "changes" section');
  });
});
