import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ROOT } from '../helpers.js';

/** The example workflow for users (.github/workflows/briefing.yml) parses and has the pieces the README promises. */
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> };
type Job = { 'runs-on': string; needs?: string; if?: string; steps: Step[] };

describe('the example GitHub Actions workflow', () => {
  const doc = parseDocument(readFileSync(join(ROOT, '.github/workflows/briefing.yml'), 'utf8'), { uniqueKeys: true });
  const wf = doc.toJS() as { name: string; on: Record<string, any>; permissions: Record<string, string>; jobs: Record<string, Job> };

  it('is valid YAML with no errors or warnings', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(typeof wf.name).toBe('string');
  });

  it('runs on pull requests, on a weekly schedule and on demand', () => {
    expect(wf.on).toHaveProperty('pull_request');
    expect(wf.on).toHaveProperty('workflow_dispatch');
    const cron: string = wf.on.schedule[0].cron;
    const fields = cron.trim().split(/\s+/);
    expect(fields).toHaveLength(5);
    expect(fields[4]).toMatch(/^[0-6]$/); // one day of the week: weekly
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('validates every pull request with GitHub annotations', () => {
    const v = wf.jobs.validate!;
    expect(v.if).toBeUndefined();
    expect(v.steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
    expect(v.steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    expect(v.steps.map((s) => s.run)).toContain('npx brief validate --format github data/');
  });

  it('builds on the schedule or on demand only, after validation, and uploads the PDFs', () => {
    const b = wf.jobs.build!;
    expect(b.needs).toBe('validate');
    expect(b.if).toContain("github.event_name == 'schedule'");
    expect(b.if).toContain("github.event_name == 'workflow_dispatch'");
    expect(b.steps.map((s) => s.run)).toContain('npm run setup');
    const upload = b.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ path: 'out/**/*.pdf', 'if-no-files-found': 'error' });
    // the week input reaches the shell through env, never pasted into the script
    for (const s of b.steps) expect(s.run ?? '').not.toContain('${{');
  });
});
