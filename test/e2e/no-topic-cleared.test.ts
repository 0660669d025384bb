import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA, readPdf, squash, tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';

/** A week whose every topic is above an audience's level: its briefing says so, dates nothing, and the build says so too. */
describe('a briefing with no topic cleared for its audience', () => {
  const tmp = tempDir('brief-no-topic-');
  afterAll(() => tmp.cleanup());
  const data = join(tmp.dir, 'data');
  mkdirSync(join(data, '2025-W38'), { recursive: true });
  for (const f of ['tiktok-us-spinoff.yaml', 'us-china-trade.yaml']) {
    writeFileSync(join(data, '2025-W38', f), readFileSync(join(DATA, '2025-W38', f), 'utf8').replace(/^handling: .*$/m, 'handling: TLP:RED'));
  }

  it('every audience (a week all TLP:RED): the cover says no topic is cleared, gives no date of information; the build warns, names the file and still succeeds', async () => {
    const out = join(tmp.dir, 'out');
    const r = await brief(['build', '--data', 'data', '--out', 'out', '--audience', 'public,executive,analyst'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    for (const audience of ['public', 'executive', 'analyst']) {
      expect(r.stderr).toContain(`brief: ${join('out', '2025-W38', `${audience}.pdf`)}: no topic of the week may be shown to the ${audience} audience`);
      const { text, pages } = await readPdf(join(out, '2025-W38', `${audience}.pdf`));
      expect(pages, audience).toBe(1); // (no contents page for no topics)
      expect(squash(text)).toContain('No topic of this week is cleared for this audience (TLP:');
      expect(text).not.toMatch(/as of/i); // the week's dates only: no sheet's as_of may be shown, and none is made up
      expect(text).not.toMatch(/TikTok|tariff/i);
    }
    // an unchanged rebuild says it again (the manifest keeps the count)
    const again = await brief(['build', '--data', 'data', '--out', 'out', '--audience', 'public'], tmp.dir);
    expect(again.stdout).toContain('unchanged');
    expect(again.stderr).toContain('public.pdf: no topic of the week may be shown to the public audience');
  }, 120_000);
});
