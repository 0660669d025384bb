import { request } from 'node:http';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser, launchArgs, NO_NETWORK } from '../src/print/browser.js';
import { spawnBrief, waitFor } from './process-helpers.js';

/** For tests of `brief preview`: a browser as the printer finds it, raw HTTP, the CLI started. */
export async function launchBrowser(): Promise<Browser> {
  const { path, shell } = await findBrowser();
  // A viewer of the preview server, not the printer: it needs the network the printer is denied.
  return puppeteer.launch({ executablePath: path, headless: shell ? 'shell' : true, args: launchArgs().filter((a) => !NO_NETWORK.includes(a)) });
}

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A GET with the path sent exactly as given (no normalisation of dots or escapes), and any Host. */
export function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Start `brief preview` in `dir` (data/, templates/, out/ there); resolves with its port once it listens. */
export async function startPreview(dir: string, args: string[]) {
  const run = spawnBrief(['preview', '--port', '0', ...args], dir);
  await waitFor(() => /preview: http:\/\/127\.0\.0\.1:\d+\//.test(run.out()), 30_000);
  const m = /preview: http:\/\/127\.0\.0\.1:(\d+)(\/\S*)/.exec(run.out());
  if (!m) throw new Error(`preview did not start:\n${run.out()}`);
  return { ...run, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}${m[2]}` };
}

