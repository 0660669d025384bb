import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { meantWeek } from '../../../src/util/week.js';
import { validate } from '../../../src/app/validate.js';
import { DATA, tempDir } from '../../helpers.js';
import { runInProcess } from '../../cli-in-process.js';

describe('sheets a build never reads', () => {
  const tmp = tempDir('brief-week-folders-');
  afterAll(() => tmp.cleanup());
  const data = join(tmp.dir, 'data');
  const sheet = join(DATA, '2025-W38', 'tiktok-us-spinoff.yaml');
  cpSync(join(DATA, '2025-W38'), join(data, '2025-W38'), { recursive: true });
  for (const folder of ['2025-w39', '2025-W5', '2025-40', 'drafts', join('2025-W38', 'more')]) {
    mkdirSync(join(data, folder), { recursive: true });
    cpSync(sheet, join(data, folder, 'x.yaml'));
  }
  cpSync(sheet, join(data, 'loose.yaml'));

  it('a folder meant as a week is read as the week it names', () => {
    expect(['2026-w51', '2026-W5', '2026-51', '2026W51', '2026_w51', '2026-W51', '2026-W54', 'drafts', '2026'].map(meantWeek))
      .toEqual(['2026-W51', '2026-W05', '2026-W51', '2026-W51', '2026-W51', undefined, undefined, undefined, undefined]);
  });

  it('validate warns of each (week-folder), saying why and what to do; a week folder\'s subfolder is read by a build and not warned of', async () => {
    const result = await validate([data], { cwd: tmp.dir });
    const warned = result.problems.filter((p) => p.rule === 'week-folder').map((p) => [p.file, p.severity, p.line, p.message]);
    expect(warned).toEqual([
      ['data/2025-40/x.yaml', 'warning', 1, "the folder '2025-40' is not named as a week, so `brief build` never reads this sheet: rename it 2025-W40"],
      ['data/2025-W5/x.yaml', 'warning', 1, "the folder '2025-W5' is not named as a week, so `brief build` never reads this sheet: rename it 2025-W05"],
      ['data/2025-w39/x.yaml', 'warning', 1, "the folder '2025-w39' is not named as a week, so `brief build` never reads this sheet: rename it 2025-W39"],
      ['data/drafts/x.yaml', 'warning', 1, `this sheet is in no week folder, so \`brief build\` never reads it: move it into the folder of its week (${join(data, '<YYYY-Www>')})`],
      ['data/loose.yaml', 'warning', 1, `this sheet is in no week folder, so \`brief build\` never reads it: move it into the folder of its week (${join(data, '<YYYY-Www>')})`],
    ]);
  });

  it('a file named on the command line, or a folder of sheets with no weeks in it, is the user\'s choice: no warning', async () => {
    const named = await validate([join(data, 'drafts', 'x.yaml'), join(data, 'loose.yaml')]);
    expect(named.problems.filter((p) => p.rule === 'week-folder')).toEqual([]);
    expect((await validate([join(data, 'drafts')])).problems.filter((p) => p.rule === 'week-folder')).toEqual([]);
  });

  it('the command line reports them as warnings (exit 0)', async () => {
    const r = await runInProcess(['validate', join(data, 'drafts', '..')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/loose\.yaml:1:1: warning week-folder: this sheet is in no week folder/);
    expect(r.stderr.match(/warning week-folder/g)).toHaveLength(5);
  });
});
