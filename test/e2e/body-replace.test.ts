/**
 * A document with the same shell (head, styles, inline fonts) as the one a page shows gets only its
 * body replaced (cdp.ts replaceBody), as in watch mode. The PDF must be byte for byte the one a
 * freshly loaded page prints.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.js';
import { Printer } from '../../src/print/printer.js';
import { DATA, TEMPLATES, readPdf, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('replacing only the body of a page’s document', () => {
  it('prints the same bytes as a fresh load, for a briefing with and one without a contents page', async () => {
    // The same week twice: as filed, and after a save that changes a sentence of the BLUF.
    const before = join(tmp.dir, 'before');
    const after = join(tmp.dir, 'after');
    cpSync(join(DATA, '2025-W38'), join(before, '2025-W38'), { recursive: true });
    cpSync(join(DATA, '2025-W38'), join(after, '2025-W38'), { recursive: true });
    const sheet = join(after, '2025-W38', 'us-china-trade.yaml');
    const text = readFileSync(sheet, 'utf8');
    const edited = text.replace(/(bluf:\s*\n\s*text: >?-?\s*\n?\s*)/, '$1Edited after a save. ');
    expect(edited).not.toBe(text);
    writeFileSync(sheet, edited);

    const warm = new Printer({ concurrency: 1 });
    const fresh = new Printer({ concurrency: 1 });
    try {
      for (const audience of ['executive', 'analyst']) {
        const opts = { templatesDir: TEMPLATES, week: '2025-W38', audiences: [audience] };
        // A document printed more than once in a build (the executive page fitting itself, fit.ts;
        // a briefing's measuring draft, pagination.ts) replaces its own body for the later prints.
        const start = warm.stats.bodyReplacements;
        await build({ ...opts, dataDir: before, outDir: join(tmp.dir, 'out-other'), printer: warm });
        const fitting = warm.stats.bodyReplacements - start;
        // Another document with the same shell (another output file, as in a batch) is loaded whole:
        // its first print is not a replacement, only its later ones may be.
        const [prints2, replaced2] = [warm.stats.prints, warm.stats.bodyReplacements];
        await build({ ...opts, dataDir: before, outDir: join(tmp.dir, 'out-patched'), printer: warm });
        expect(warm.stats.bodyReplacements - replaced2, audience).toBeLessThanOrEqual(warm.stats.prints - prints2 - 1);
        // The same document after a save (watch mode) gets only its body replaced.
        const before3 = warm.stats.bodyReplacements;
        const patched = (await build({ ...opts, dataDir: after, outDir: join(tmp.dir, 'out-patched'), printer: warm })).documents[0]!;
        expect(warm.stats.bodyReplacements - before3, audience).toBeGreaterThanOrEqual(1); // the body really was replaced
        const freshStart = fresh.stats.bodyReplacements;
        const loaded = (await build({ ...opts, dataDir: after, outDir: join(tmp.dir, `out-fresh-${audience}`), printer: fresh })).documents[0]!;
        // The fresh printer loads the document whole; only its own later passes may replace its body.
        expect(fresh.stats.bodyReplacements - freshStart, audience).toBeLessThanOrEqual(Math.max(fitting, 2));
        const bytes = readFileSync(patched.path);
        expect(bytes.equals(readFileSync(loaded.path)), audience).toBe(true);
        expect((await readPdf(bytes)).text).toContain('Edited after a save.');
      }
    } finally {
      await Promise.all([warm.close(), fresh.close()]);
    }
  });
});
