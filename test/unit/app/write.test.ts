/**
 * write.ts under faults: a disk that fills up mid-write, permission errors, an interrupted run.
 * The file system is real (a temp folder); only the failures are injected, by wrapping node:fs
 * (the write and the rename are synchronous) so one call writes half the data and then fails the
 * way the kernel would, and node:fs/promises (the folder's sweep) to hold a write back.
 */
import type * as realFs from 'node:fs';
import type * as realFsPromises from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, writeFileSync: vi.fn(actual.writeFileSync), renameSync: vi.fn(actual.renameSync) };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readdir: vi.fn(actual.readdir) };
});

const { writeAtomic, abortWrites, pendingTempFiles } = await import('../../../src/app/write.js');
const fs = await import('node:fs');
const fsPromises = await import('node:fs/promises');
const actual = await vi.importActual<typeof realFs>('node:fs');
const actualPromises = await vi.importActual<typeof realFsPromises>('node:fs/promises');

const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

afterEach(() => {
  vi.mocked(fs.writeFileSync).mockReset().mockImplementation(actual.writeFileSync);
  vi.mocked(fs.renameSync).mockReset().mockImplementation(actual.renameSync);
  vi.mocked(fsPromises.readdir).mockReset().mockImplementation(actualPromises.readdir as typeof fsPromises.readdir);
});

describe('temp files left by a killed run', () => {
  it('are removed by the next write into that folder when their process is gone; a live writer\'s are kept', async () => {
    const tmp = tempDir();
    const dead = join(tmp.dir, '.analyst.pdf.999999999.0123abcd.tmp'); // no such pid
    const live = join(tmp.dir, `.public.pdf.${process.ppid}.89abcdef.tmp`); // the test runner's parent: alive
    writeFileSync(dead, 'half a PDF');
    writeFileSync(live, 'being written');
    await writeAtomic(join(tmp.dir, 'executive.pdf'), 'complete');
    const files = readdirSync(tmp.dir).sort();
    tmp.cleanup();
    expect(files).toEqual([`.public.pdf.${process.ppid}.89abcdef.tmp`, 'executive.pdf']);
  });
});

describe('the output folder', () => {
  it('is made once, and made again when it was removed since (a user cleaning out/ during watch mode)', async () => {
    const tmp = tempDir();
    const dir = join(tmp.dir, 'out', '2025-W38');
    await writeAtomic(join(dir, 'analyst.pdf'), 'first');
    await actualPromises.rm(join(tmp.dir, 'out'), { recursive: true, force: true });
    await writeAtomic(join(dir, 'public.pdf'), 'second');
    const files = readdirSync(dir);
    const text = readFileSync(join(dir, 'public.pdf'), 'utf8');
    tmp.cleanup();
    expect(files).toEqual(['public.pdf']);
    expect(text).toBe('second');
  });
});

describe('writeAtomic under faults', () => {
  it('disk full mid-write: no temp file, no target, the old file intact, a clear message', async () => {
    const tmp = tempDir();
    const target = join(tmp.dir, 'out', 'analyst.pdf');
    await writeAtomic(target, 'the previous complete PDF');
    const pdf = new Uint8Array(100_000).fill(0x25);
    vi.mocked(fs.writeFileSync).mockImplementationOnce((file, data) => {
      // Half the bytes reach the disk, then the device is full.
      actual.writeFileSync(file as string, (data as Uint8Array).subarray(0, 50_000));
      throw errno('ENOSPC', 'no space left on device, write');
    });
    const error = await writeAtomic(target, pdf).catch((e: unknown) => e);
    const files = readdirSync(join(tmp.dir, 'out'));
    const previous = readFileSync(target, 'utf8');
    tmp.cleanup();
    expect(error).toMatchObject({ code: 'io-write', exitCode: 2 });
    expect((error as Error).message).toBe(`${target}: cannot write: no space left on the device; nothing was written there`);
    expect(files).toEqual(['analyst.pdf']); // no .tmp left beside it
    expect(previous).toBe('the previous complete PDF');
    expect(pendingTempFiles.size).toBe(0);
  });

  it('a new file on a full disk leaves nothing at all', async () => {
    const tmp = tempDir();
    vi.mocked(fs.writeFileSync).mockImplementationOnce((file, data) => {
      actual.writeFileSync(file as string, String(data).slice(0, 3));
      throw errno('ENOSPC', 'no space left on device, write');
    });
    await expect(writeAtomic(join(tmp.dir, 'a.html'), '<html>…</html>')).rejects.toThrow(/no space left on the device/);
    const files = readdirSync(tmp.dir);
    tmp.cleanup();
    expect(files).toEqual([]);
  });

  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'read-only file system'],
    ['EDQUOT', 'disk quota exceeded'],
    ['EISDIR', 'a folder of that name is in the way'],
  ])('%s when the file is put in place → "%s", temp file removed', async (code, words) => {
    const tmp = tempDir();
    vi.mocked(fs.renameSync).mockImplementationOnce(() => { throw errno(code, 'injected'); });
    const error = await writeAtomic(join(tmp.dir, 'x.pdf'), 'data').catch((e: unknown) => e);
    const files = readdirSync(tmp.dir);
    tmp.cleanup();
    expect((error as Error).message).toContain(`cannot write: ${words}`);
    expect(files).toEqual([]);
  });

  it('an output path under a regular file → "a file is in the way"', async () => {
    const tmp = tempDir();
    writeFileSync(join(tmp.dir, 'out'), 'not a folder');
    const error = await writeAtomic(join(tmp.dir, 'out', '2025-W38', 'x.pdf'), 'data').catch((e: unknown) => e);
    tmp.cleanup();
    expect((error as Error).message).toMatch(/cannot write: a file is in the way/);
  });

  it('abortWrites: a write in progress is not completed and no temp file is left', async () => {
    const tmp = tempDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let swept = false;
    vi.mocked(fsPromises.readdir).mockImplementationOnce((async (dir: string) => {
      swept = true;
      await gate; // the signal arrives while the write looks over its folder
      return actualPromises.readdir(dir);
    }) as typeof fsPromises.readdir);
    const writing = writeAtomic(join(tmp.dir, 'x.pdf'), 'data').catch((e: unknown) => e);
    await vi.waitFor(() => expect(swept).toBe(true));
    const aborting = abortWrites();
    release();
    await aborting;
    const error = await writing;
    const files = readdirSync(tmp.dir);
    const later = await writeAtomic(join(tmp.dir, 'y.pdf'), 'data').catch((e: unknown) => e);
    tmp.cleanup();
    expect((error as Error).message).toMatch(/not written: the run was interrupted/);
    expect(files).toEqual([]);
    expect((later as Error).message).toMatch(/interrupted/);
    expect(existsSync(join(tmp.dir, 'y.pdf'))).toBe(false);
  });
});
