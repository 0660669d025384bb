import { describe, expect, it } from 'vitest';
import { allDocuments } from '../../../src/app/batch.js';
import { BriefError, ExitCode } from '../../../src/errors.js';
import { installSignalHandlers, onShutdown, runCleanups, untilStopped } from '../../../src/util/shutdown.js';
import { templateSyntaxError, unclosedBlockLine } from '../../../src/render/template-errors.js';

describe('shutdown cleanups', () => {
  it('run newest first, each once, even when one throws; unregistered ones do not run', async () => {
    const ran: string[] = [];
    onShutdown(() => { ran.push('writes'); });
    onShutdown(() => { throw new Error('boom'); });
    const off = onShutdown(() => { ran.push('never'); });
    onShutdown(async () => { ran.push('browser'); });
    off();
    await runCleanups();
    await runCleanups();
    expect(ran).toEqual(['browser', 'writes']);
  });

  it('a cleanup that hangs does not hold the exit longer than the limit', async () => {
    let later = false;
    onShutdown(() => new Promise(() => {})); // never settles
    onShutdown(() => { later = true; });
    const t = Date.now();
    await runCleanups(200);
    expect(later).toBe(true); // newest first, so it ran before the hanging one
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('SIGTERM runs the cleanups, then exits 143 (exit injected)', async () => {
    const ran: string[] = [];
    const codes: number[] = [];
    const notified: string[] = [];
    onShutdown(() => { ran.push('cleanup'); });
    const uninstall = installSignalHandlers((s) => notified.push(s), (code) => codes.push(code));
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    uninstall();
    expect(notified).toEqual(['SIGTERM']);
    expect(ran).toEqual(['cleanup']);
    expect(codes).toEqual([143]);
  });
});

describe('untilStopped (watch, preview)', () => {
  it('the first signal stops the command (its stop and the other cleanups run) and it returns; no exit', async () => {
    const ran: string[] = [];
    const codes: number[] = [];
    onShutdown(() => { ran.push('other'); });
    const done = untilStopped(async () => { ran.push('stop'); }, (s) => ran.push(`notified ${s}`), (code) => codes.push(code));
    process.emit('SIGINT', 'SIGINT');
    await done;
    expect(ran).toEqual(['notified SIGINT', 'stop', 'other']);
    expect(codes).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(0); // handlers removed
  });

  it('a second signal while stopping exits at once with its code', async () => {
    const codes: number[] = [];
    let release!: () => void;
    const done = untilStopped(() => new Promise<void>((r) => { release = r; }), () => {}, (code) => codes.push(code));
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    expect(codes).toEqual([130]);
    await new Promise((r) => setTimeout(r, 20)); // the stop has begun
    release();
    await done;
  });
});

describe('allDocuments', () => {
  const ok = (v: string) => Promise.resolve(v);
  const fail = (code: string, msg: string, exitCode: ExitCode = ExitCode.render) => Promise.reject(new BriefError(code, msg, { exitCode }));

  it('returns every result when all succeed', async () => {
    expect(await allDocuments(['a', 'b'], [ok('A'), ok('B')])).toEqual(['A', 'B']);
  });

  it('one failure is rethrown as it is', async () => {
    await expect(allDocuments(['a', 'b'], [ok('A'), fail('render-timeout', 'b.pdf: took too long')])).rejects.toMatchObject({ code: 'render-timeout' });
  });

  it('several failures: one error naming each document, the worst exit code, the count written', async () => {
    const error = await allDocuments(['a', 'b', 'c'], [fail('template-render', 'x.hbs:3: oops', ExitCode.usage), ok('B'), fail('browser-crashed', 'c.pdf: crashed twice')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'batch-failed', exitCode: ExitCode.render });
    expect((error as Error).message).toBe('2 of 3 briefings failed (the other one was written):\n  a: x.hbs:3: oops\n  c: c.pdf: crashed twice');
  });

  it('one cause every document met (the same error: no browser) is said once, as it is; alike but separate failures are each named', async () => {
    const missing = new BriefError('browser-missing', 'browser not found at /x', { exitCode: ExitCode.usage });
    const shared = Promise.reject(missing);
    shared.catch(() => {});
    await expect(allDocuments(['a', 'b', 'c'], [shared, shared, shared])).rejects.toBe(missing);
    const alike = await allDocuments(['a', 'b'], [fail('render-timeout', 'took too long'), fail('render-timeout', 'took too long')]).catch((e: unknown) => e);
    expect(alike).toMatchObject({ code: 'batch-failed' });
  });

  it('a failure’s details (the lines after its first) stay with it, indented under it', async () => {
    const detailed = 'a.pdf: 1 block of text shown in the HTML is not in the PDF:\n  topic "Trade", section t1-bluf: missing "Xi"';
    const one = await allDocuments(['a.pdf'], [fail('text-missing', detailed)]).catch((e: unknown) => e);
    expect((one as Error).message).toBe('a.pdf: 1 block of text shown in the HTML is not in the PDF:\n    topic "Trade", section t1-bluf: missing "Xi"');
    const two = await allDocuments(['a.pdf', 'b.pdf'], [fail('text-missing', detailed), fail('render-timeout', 'b.pdf: took too long')]).catch((e: unknown) => e);
    expect((two as Error).message).toContain('\n  a.pdf: 1 block of text shown in the HTML is not in the PDF:\n    topic "Trade", section t1-bluf: missing "Xi"\n  b.pdf: took too long');
  });
});

describe('template syntax errors', () => {
  it('an unclosed block is reported where it opens, not at the end of the file', () => {
    const text = '<p>\n{{#each items}}\n  {{#if x}}{{x}}{{/if}}\n<p>\n';
    expect(unclosedBlockLine(text)).toEqual({ name: 'each', line: 2 });
    let err: unknown;
    try {
      // Handlebars' own message points at EOF.
      throw new Error("Parse error on line 5:\n...\nExpecting 'OPEN_INVERSE_CHAIN', got 'EOF'");
    } catch (e) {
      err = templateSyntaxError('t.hbs', text, e);
    }
    expect((err as Error).message).toBe('t.hbs:2: template syntax error: {{#each}} is never closed (add {{/each}})');
  });

  it('balanced blocks have no unclosed one', () => {
    expect(unclosedBlockLine('{{#if a}}{{#each b}}{{/each}}{{else}}{{/if}}')).toBeUndefined();
  });
});
