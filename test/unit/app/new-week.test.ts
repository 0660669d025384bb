import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listWeeks } from '../../../src/load/data.js';
import { loadWeek } from '../../../src/validate/sheets.js';
import { nextWeek, weekRange } from '../../../src/util/week.js';
import { carryForward, newWeek, withoutChangeReasons, withoutReconstructed } from '../../../src/app/new-week.js';
import { weeklyDiff } from '../../../src/app/weekly-diff.js';
import { DATA, tempDir } from '../../helpers.js';

describe('new-week on a temp copy of data/', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    cpSync(DATA, tmp.dir, { recursive: true });
  });
  afterEach(() => tmp.cleanup());

  it('carries every topic of the latest week into the next week, changing only as_of to its Monday and leaving the judgments\' change reasons behind', async () => {
    const latest = (await listWeeks(tmp.dir)).at(-1)!;
    const next = nextWeek(latest);
    const monday = weekRange(next).start;
    const r = await newWeek({ dataDir: tmp.dir });
    expect(r).toMatchObject({ week: next, from: latest, asOf: monday });
    const names = readdirSync(join(tmp.dir, latest)).filter((n) => n.endsWith('.yaml')).sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(r.files.map((f) => f.split('/').at(-1))).toEqual(names);
    expect(r.reasonsCleared).toBe(4); // the sample's W38 explains four moves
    for (const name of names) {
      const before = withoutChangeReasons(readFileSync(join(tmp.dir, latest, name), 'utf8')).text.split('\n');
      const after = readFileSync(join(tmp.dir, next, name), 'utf8').split('\n');
      expect(after.join('\n')).not.toContain('change_reason');
      // Comments, quoting and folding kept: but for the reasons, the files differ in the as_of line only.
      expect(after).toHaveLength(before.length);
      const differ = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]));
      expect(differ).toHaveLength(1);
      expect(differ[0]![1]).toMatch(new RegExp(`^as_of: "?${monday}"?$`));
    }
    const loaded = await loadWeek(tmp.dir, next);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.sheets.map((s) => s.as_of)).toEqual(names.map(() => monday));
    // The carried-forward week compares with the week it came from, and nothing changed.
    const diff = await weeklyDiff({ dataDir: tmp.dir });
    expect(diff.week).toBe(next);
    expect(diff.topics.map((t) => [t.previousWeek, t.changes?.changes.length])).toEqual(names.map(() => [latest, 0]));
  });

  it('a change reason in any block form goes with the lines under it and nothing else; a form it cannot read leaves the text as it was', () => {
    const sheet = 'key_judgments:\n  - id: a\n    change_reason: >-\n      Up from likely:\n\n      two lines.\n    likelihood: likely\n\n  - id: b\n    change_reason: "One line."\n    confidence: low\nsources: []\n';
    expect(withoutChangeReasons(sheet)).toEqual({ text: 'key_judgments:\n  - id: a\n    likelihood: likely\n\n  - id: b\n    confidence: low\nsources: []\n', cleared: 2 });
    const flow = 'key_judgments:\n  - { id: a, change_reason: "Inline." }\n';
    expect(withoutChangeReasons(flow)).toEqual({ text: flow, cleared: 0 });
  });

  it('names the topics it does not carry (covered the week before, paused in the week carried from), with the file to resume one from', async () => {
    rmSync(join(tmp.dir, '2025-W38', 'us-china-trade.yaml'));
    const r = await newWeek({ dataDir: tmp.dir });
    expect(r.files.map((f) => f.split('/').at(-1))).toEqual(['tiktok-us-spinoff.yaml']);
    expect(r.notCarried).toHaveLength(1);
    expect(r.notCarried[0]).toMatchObject({ id: 'us-china-trade', week: '2025-W37' });
    expect(existsSync(r.notCarried[0]!.file)).toBe(true);
  });

  it('refuses to overwrite an existing file, names it, and writes nothing', async () => {
    const dir = join(tmp.dir, '2025-W50');
    mkdirSync(dir);
    writeFileSync(join(dir, 'us-china-trade.yaml'), '# my edits\n');
    await expect(newWeek({ dataDir: tmp.dir, week: '2025-W50' })).rejects.toMatchObject({
      exitCode: 2, message: expect.stringContaining(join(dir, 'us-china-trade.yaml')),
    });
    expect(readFileSync(join(dir, 'us-china-trade.yaml'), 'utf8')).toBe('# my edits\n');
    expect(existsSync(join(dir, 'tiktok-us-spinoff.yaml'))).toBe(false);
  });

  it('takes an explicit week, carried from the nearest earlier week, and rejects a week with nothing before it', async () => {
    const r = await newWeek({ dataDir: tmp.dir, week: '2025-W52' });
    expect(r).toMatchObject({ week: '2025-W52', from: (await listWeeks(tmp.dir)).filter((w) => w < '2025-W52').at(-1), asOf: '2025-12-22' });
    await expect(newWeek({ dataDir: tmp.dir, week: '2025-W30' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('no week before 2025-W30') });
    await expect(newWeek({ dataDir: tmp.dir, week: '2025-W60' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('not an ISO week') });
  });
});

describe('week messages', () => {
  it('a week that is not one says why, and the week meant', async () => {
    const { notAWeek } = await import('../../../src/util/week.js');
    expect(notAWeek('2025-W53')).toBe("'2025-W53' is not an ISO week: 2025 has 52 weeks");
    expect(notAWeek('2025-W00')).toContain('numbered 01 to 52');
    expect(notAWeek('2026-w50')).toBe("'2026-w50' is not an ISO week; expected YYYY-Www, e.g. 2025-W38 (did you mean 2026-W50?)");
    expect(notAWeek('next')).toBe("'next' is not an ISO week; expected YYYY-Www, e.g. 2025-W38");
  });

  it('new-week of the first week there is, or into an empty data folder, says what to do instead', async () => {
    const tmp = tempDir();
    try {
      await expect(newWeek({ dataDir: tmp.dir })).rejects.toThrow(/no week folders .* write the first by hand \(`brief init` writes an example/);
      mkdirSync(join(tmp.dir, '2025-W38'));
      await expect(newWeek({ dataDir: tmp.dir, week: '2025-W38' })).rejects.toThrow(/2025-W38 already exists, and there is no week before it to carry forward; `brief new-week` alone makes the next week \(2025-W39\)/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('carryForward', () => {
  it('keeps the quoting and a trailing comment, touches only the top-level as_of, and never moves it back', () => {
    const text = 'id: x\nas_of: 2025-09-20   # last edit\nnotes:\n  - text: "as_of: 2025-01-01"\n';
    expect(carryForward(text, '2025-09-22')).toBe('id: x\nas_of: 2025-09-22   # last edit\nnotes:\n  - text: "as_of: 2025-01-01"\n');
    expect(carryForward("as_of: '2025-09-20'\r\nid: x\r\n", '2025-09-22')).toBe("as_of: '2025-09-22'\r\nid: x\r\n");
    expect(carryForward('as_of: "2025-09-30"\n', '2025-09-22')).toBe('as_of: "2025-09-30"\n');
    expect(carryForward('id: x\n  as_of: 2025-09-20\n', '2025-09-22')).toBeUndefined();
  });
});

describe('a reconstructed edition carried forward', () => {
  it('leaves its reconstructed: block behind (the next edition is written live), whatever its form, and nothing else', () => {
    const block = 'id: x\nas_of: 2025-09-22\nreconstructed:\n  basis: >-\n    Rebuilt from articles\n\n    of that week.\n\n# the sources\nsources: []\n';
    expect(withoutReconstructed(block)).toBe('id: x\nas_of: 2025-09-22\n\n# the sources\nsources: []\n');
    expect(withoutReconstructed('reconstructed: {basis: "Rebuilt"}\nid: x\n')).toBe('id: x\n');
    expect(withoutReconstructed('id: x\nreconstructed:\n  basis: Rebuilt\n')).toBe('id: x\n');
    expect(withoutReconstructed('id: x\nnotes:\n  - text: "reconstructed: no"\n')).toBeUndefined();
  });

  it('new-week writes the new sheet without it, says so, and the sheet is valid', async () => {
    const tmp = tempDir();
    try {
      cpSync(join(DATA, '2025-W38'), join(tmp.dir, '2025-W38'), { recursive: true });
      const file = join(tmp.dir, '2025-W38', 'us-china-trade.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^as_of: .*$/m, (l) => `${l}\nreconstructed:\n  basis: "Rebuilt on 3 December 2026 from articles of that week."`));
      const r = await newWeek({ dataDir: tmp.dir });
      expect(r.unreconstructed).toEqual([join(tmp.dir, '2025-W39', 'us-china-trade.yaml')]);
      expect(readFileSync(r.unreconstructed[0]!, 'utf8')).not.toMatch(/^reconstructed:/m);
      const week = await loadWeek(tmp.dir, '2025-W39');
      expect(week.sheets.map((s) => s.reconstructed)).toEqual([undefined, undefined]);
      expect(week.problems.filter((p) => p.severity === 'error')).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });
});
