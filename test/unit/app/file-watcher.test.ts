import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRelevant, watchFiles, type FileWatcher } from '../../../src/app/file-watcher.js';
import { tempDir } from '../../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('file-watcher', () => {
  let tmp: ReturnType<typeof tempDir>;
  let watcher: FileWatcher | undefined;
  afterEach(async () => {
    await watcher?.close();
    tmp?.cleanup();
  });

  async function start(): Promise<{ dir: string; seen: { file: string; text: string | undefined }[] }> {
    tmp = tempDir();
    const dir = join(tmp.dir, 'data', '2025-W38');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), 'v: 0\n');
    const seen: { file: string; text: string | undefined }[] = [];
    watcher = watchFiles([join(tmp.dir, 'data')], {
      onChange: (file) => {
        let text: string | undefined;
        try { text = readFileSync(file, 'utf8'); } catch { text = undefined; }
        seen.push({ file, text });
      },
    });
    await watcher.ready;
    return { dir, seen };
  }

  it('reports a save made 10 ms after the previous one (chokidar alone drops it)', async () => {
    const { dir, seen } = await start();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'v: 1\n');
    await sleep(10);
    writeFileSync(file, 'v: 2\n');
    await sleep(500);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toEqual({ file, text: 'v: 2\n' });
  });

  it('reports rename-over saves, again and again, and files in a new folder', async () => {
    const { dir, seen } = await start();
    const file = join(dir, 'a.yaml');
    for (const n of [1, 2, 3]) {
      writeFileSync(`${file}.tmp`, `v: ${n}\n`);
      renameSync(`${file}.tmp`, file);
      await sleep(300);
      expect(seen.at(-1), `save ${n}`).toEqual({ file, text: `v: ${n}\n` });
    }
    mkdirSync(join(dir, '..', '2025-W39'));
    writeFileSync(join(dir, '..', '2025-W39', 'b.yaml'), 'v: new\n');
    await sleep(500);
    expect(seen.some((s) => s.file.endsWith(join('2025-W39', 'b.yaml')) && s.text === 'v: new\n')).toBe(true);
    expect(seen.every((s) => isRelevant(s.file))).toBe(true);
  });

  it('knows which files can change a briefing', () => {
    for (const f of ['/d/a.yaml', '/d/a.YML', '/t/x.hbs', '/t/style.css', '/t/a.json']) expect(isRelevant(f), f).toBe(true);
    for (const f of ['/d/a.yaml~', '/d/.a.yaml.swp', '/d/4913', '/d/sedAbC123', '/d/a.yaml___jb_tmp___', '/d/#a.yaml#', '/d/.#a.yaml', '/d/notes.txt'])
      expect(isRelevant(f), f).toBe(false);
  });
});
