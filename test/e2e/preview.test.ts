import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationPages } from '../../src/contents/toc.js';
import { DATA, TEMPLATES, readPdf, tempDir } from '../helpers.js';
import { waitFor } from '../process-helpers.js';
import { get, launchBrowser, startPreview } from '../preview-helpers.js';

/** `brief preview` spawned as a user runs it, looked at in a real (headless) browser. */

/** The text of the HTML pane's briefing (the frame shown, not one loading). */
const htmlText = (page: Page) => page.evaluate(() => {
  const frame = document.querySelector<HTMLIFrameElement>('#html-pane iframe:not(.loading)');
  return frame?.contentDocument?.body?.textContent?.replace(/\s+/g, ' ') ?? '';
});

const until = async (page: Page, test: () => Promise<boolean>, what: string, ms = 30_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; status: ${await page.$eval('#status', (e) => e.textContent)}`);
};

describe('brief preview in a browser: live reload, the overlay, the last good briefing', () => {
  const tmp = tempDir();
  const sheet = join(tmp.dir, 'data', '2025-W38', 'us-china-trade.yaml');
  let preview: Awaited<ReturnType<typeof startPreview>>;
  let browser: Browser;
  let page: Page;
  let original: string;

  /** Save as editors that write a new file and rename it over the old one. */
  const save = (text: string) => {
    writeFileSync(`${sheet}.tmp`, text);
    renameSync(`${sheet}.tmp`, sheet);
  };

  beforeAll(async () => {
    cpSync(DATA, join(tmp.dir, 'data'), { recursive: true });
    cpSync(TEMPLATES, join(tmp.dir, 'templates'), { recursive: true });
    original = readFileSync(sheet, 'utf8');
    [preview, browser] = await Promise.all([startPreview(tmp.dir, ['--week', '2025-W38', '--audience', 'analyst']), launchBrowser()]);
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    preview?.child.kill('SIGINT');
    await preview?.exited;
    tmp.cleanup();
  });

  it('opens on the briefing: the printed PDF and the HTML', async () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/2025-W38/analyst/`);
    await page.goto(preview.url);
    await page.waitForSelector('#brief-preview[data-shown="1"]', { timeout: 30_000 });
    expect(await htmlText(page)).toContain('US–China trade: the tariff truce and the wider deal');
    expect(await page.$eval('#pdf-pane object', (o) => (o as HTMLObjectElement).data)).toMatch(/\/2025-W38\/analyst\.pdf\?v=1#page=1$/);
    expect(await page.$eval('#status', (e) => e.textContent)).toMatch(/\d+ pages · TLP:AMBER|\d+ pages · TLP:GREEN/);
  });

  it('rebuilds on a save of the YAML: the new text in the page and in the PDF it serves, the scroll position kept', async () => {
    // The reader is at the second topic.
    const at = await page.evaluate(() => {
      const win = document.querySelector<HTMLIFrameElement>('#html-pane iframe')!.contentWindow!;
      win.document.getElementById('t2')!.scrollIntoView();
      return win.scrollY;
    });
    expect(at).toBeGreaterThan(500);
    save(original.replace(/^title: .*$/m, 'title: "Trade talks, retitled in the preview test"'));
    await until(page, async () => (await htmlText(page)).includes('Trade talks, retitled in the preview test'), 'the new title');
    const y = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('#html-pane iframe:not(.loading)')!.contentWindow!.scrollY);
    expect(y).toBe(at);
    const pdf = await get(preview.port, '/2025-W38/analyst.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await readPdf(new Uint8Array(pdf.body))).text).toContain('Trade talks, retitled in the preview test');
    // The PDF pane opens where the reader is: the page the second topic starts on.
    const t2 = (await destinationPages(new Uint8Array(pdf.body))).get('t2');
    expect(t2).toBeGreaterThan(2);
    expect(await page.$eval('#pdf-pane object', (o) => (o as HTMLObjectElement).data)).toMatch(new RegExp(`analyst\\.pdf\\?v=2#page=${t2}$`));
  });

  it('shows a validation error as an overlay (file:line:col, rule, message, code frame) over the last good briefing; the terminal says the same', async () => {
    const broken = original.replace(/^title: .*$/m, 'title: "Trade talks, retitled in the preview test"').replace(/^as_of: .*$/m, 'as_of: "sometime soon"');
    const line = broken.split('\n').findIndex((l) => l.startsWith('as_of:')) + 1;
    save(broken);
    await page.waitForSelector('#overlay:not([hidden])', { timeout: 30_000 });
    const overlay = await page.$eval('#overlay', (e) => e.textContent ?? '');
    const where = `${join('data', '2025-W38', 'us-china-trade.yaml')}:${line}:`;
    expect(overlay).toContain(where);
    expect(overlay).toMatch(/schema-[a-z-]+/);
    expect(overlay).toContain('as_of: "sometime soon"'); // the code frame
    expect(await page.$eval('.problem .frame', (e) => e.textContent)).toMatch(/\n\s+\|\s+\^+/);
    // The last good briefing is still underneath.
    expect(await htmlText(page)).toContain('Trade talks, retitled in the preview test');
    expect((await readPdf(new Uint8Array((await get(preview.port, '/2025-W38/analyst.pdf')).body))).text).toContain('Trade talks, retitled in the preview test');
    await waitFor(() => preview.out().includes(where));
    expect(preview.out()).toContain(where);
    expect(preview.out()).toContain('as_of: "sometime soon"');
  });

  it('takes the overlay away when the fix is saved, and shows the fixed briefing', async () => {
    save(original.replace(/^title: .*$/m, 'title: "Trade talks, fixed in the preview test"'));
    await page.waitForSelector('#overlay[hidden]', { timeout: 30_000 });
    await until(page, async () => (await htmlText(page)).includes('Trade talks, fixed in the preview test'), 'the fixed title');
    expect(await page.$eval('#brief-preview', (e) => e.getAttribute('data-status'))).toBe('ok');
  });

  it('a save that changes nothing prints nothing: the page shown stays, the terminal says so', async () => {
    const shown = await page.$eval('#pdf-pane object', (o) => (o as HTMLObjectElement).data);
    const mark = preview.out().length;
    writeFileSync(sheet, readFileSync(sheet, 'utf8')); // the same bytes, written in place
    await waitFor(() => preview.out().slice(mark).includes('unchanged: its inputs are as when it was printed'));
    expect(preview.out().slice(mark)).not.toMatch(/analyst: \d+ pages?\s+TLP:\S+\s+\d+ ms/);
    expect(await page.$eval('#pdf-pane object', (o) => (o as HTMLObjectElement).data)).toBe(shown);
    expect(await page.$eval('#brief-preview', (e) => e.getAttribute('data-status'))).toBe('ok');
  });

  it('switching audience builds that one only', async () => {
    const before = preview.out();
    await page.goto(`http://127.0.0.1:${preview.port}/2025-W38/public/`);
    await page.waitForSelector('#brief-preview[data-shown]', { timeout: 30_000 });
    const log = preview.out().slice(before.length);
    expect(log).toMatch(/building 2025-W38 public\n/);
    expect(log).not.toMatch(/building 2025-W38 [^\n]*(analyst|executive)/);
    // The analyst page is no longer open: a save rebuilds public only.
    const mark = preview.out().length;
    save(original.replace(/^title: .*$/m, 'title: "Trade talks, public only"'));
    await until(page, async () => (await htmlText(page)).includes('Trade talks, public only'), 'the public rebuild');
    expect(preview.out().slice(mark)).not.toMatch(/building 2025-W38 [^\n]*analyst/);
  });

  it('reloads on a save of a partial, a stylesheet and the audience config too', async () => {
    const templates = join(tmp.dir, 'templates');
    const edit = (file: string, change: (s: string) => string) => {
      const text = change(readFileSync(file, 'utf8'));
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    };
    const shown = () => page.$eval('#brief-preview', (e) => Number(e.getAttribute('data-shown')));
    edit(join(templates, 'base', 'partials', 'section-bluf.hbs'), (s) => s.replace('{{sectionTitle "bluf"}}', 'Bottom line, edited in the partial'));
    await until(page, async () => (await htmlText(page)).includes('Bottom line, edited in the partial'), 'the partial edit');
    let before = await shown();
    edit(join(templates, 'base', 'style.css'), (s) => `${s}\n.bluf { outline: 1pt solid #c00; }\n`);
    await until(page, async () => (await shown()) > before, 'the stylesheet edit');
    expect(await page.evaluate(() => document.querySelector<HTMLIFrameElement>('#html-pane iframe:not(.loading)')!.contentDocument!.documentElement.outerHTML)).toContain('outline: 1pt solid #c00');
    before = await shown();
    edit(join(templates, 'audiences', 'public', 'audience.yaml'), (s) => s.replace(/^title: .*$/m, 'title: Partner briefing, retitled'));
    await until(page, async () => (await htmlText(page)).includes('Partner briefing, retitled'), 'the audience config edit');
    expect(await shown()).toBeGreaterThan(before);
  });
});

describe('brief preview serves nothing but its briefings', () => {
  const tmp = tempDir();
  const outside = tempDir();
  let preview: Awaited<ReturnType<typeof startPreview>>;

  beforeAll(async () => {
    cpSync(DATA, join(tmp.dir, 'data'), { recursive: true });
    cpSync(TEMPLATES, join(tmp.dir, 'templates'), { recursive: true });
    writeFileSync(join(tmp.dir, 'secret.txt'), 'KXSECRETINPROJECT\n');
    writeFileSync(join(outside.dir, 'secret.txt'), 'KXSECRETOUTSIDE\n');
    mkdirSync(join(outside.dir, '2025-W40'));
    cpSync(join(DATA, '2025-W38', 'us-china-trade.yaml'), join(outside.dir, '2025-W40', 'us-china-trade.yaml'));
    mkdirSync(join(outside.dir, 'evil'));
    cpSync(join(TEMPLATES, 'audiences', 'public', 'audience.yaml'), join(outside.dir, 'evil', 'audience.yaml'));
    // Links from inside the project to outside: a week, an audience, a file.
    symlinkSync(join(outside.dir, '2025-W40'), join(tmp.dir, 'data', '2025-W40'));
    symlinkSync(join(outside.dir, 'evil'), join(tmp.dir, 'templates', 'audiences', 'evil'));
    symlinkSync(join(outside.dir, 'secret.txt'), join(tmp.dir, 'data', 'linked.txt'));
    preview = await startPreview(tmp.dir, ['--audience', 'public']);
    await waitFor(() => /2025-W38\/public: \d+ page/.test(preview.out()), 30_000);
  }, 90_000);
  afterAll(async () => {
    preview?.child.kill('SIGINT');
    await preview?.exited;
    tmp.cleanup();
    outside.cleanup();
  });

  it.each([
    '/../secret.txt', '/../../../../etc/passwd', '/%2e%2e/secret.txt', '/%2E%2E/%2E%2E/etc/passwd', '/.%2e/secret.txt',
    '/2025-W38/..%2fpublic.pdf', '/2025-W38/%2e%2e/public.pdf', '/2025-W38/public/../../secret.txt', '/2025-W38/public/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/secret.txt', '/data/2025-W38/us-china-trade.yaml', '/data/linked.txt', '/templates/base/style.css', '/out/2025-W38/public.pdf',
    '/data/', '/templates/', '/out/', '/2025-W38/', '/__brief/', '/__brief/../secret.txt',
    '/2025-W40/public/', '/2025-W40/public.pdf', '/2025-W38/evil/', '/2025-W38/evil.html', '/2025-W38/nobody/', '/2025-W99/public/',
    '/2025-W38/public.pdf/', '/2025-W38/public.yaml', '/2025-W38/public.html%00.pdf', '//etc/passwd', '/\\..\\secret.txt',
  ])('%s: 404, nothing of the file system', async (path) => {
    const a = await get(preview.port, path);
    expect(a.status).toBe(404);
    expect(a.body.toString()).toBe('not found\n');
  });

  it('answers the briefings and its own two assets, with the policies', async () => {
    const html = await get(preview.port, '/2025-W38/public.html');
    expect(html.status).toBe(200);
    const csp = String(html.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/); // nothing remote
    expect(html.headers['x-content-type-options']).toBe('nosniff');
    const shell = await get(preview.port, '/2025-W38/public/');
    const shellCsp = String(shell.headers['content-security-policy']);
    expect(shellCsp).toMatch(new RegExp(`script-src http://127\\.0\\.0\\.1:${preview.port}/__brief/client\\.js;`));
    expect(shellCsp).not.toContain('unsafe');
    expect((await get(preview.port, '/__brief/client.js')).headers['content-type']).toMatch(/javascript/);
    expect((await get(preview.port, '/')).body.toString()).toContain('/2025-W37/public/');
  });

  it('refuses another Host (DNS rebinding) and other methods', async () => {
    expect((await get(preview.port, '/2025-W38/public.html', { host: 'evil.example:80' })).status).toBe(421);
    expect((await get(preview.port, '/2025-W38/public.html', { host: `evil.example:${preview.port}` })).status).toBe(421);
    expect((await get(preview.port, '/2025-W38/public.html', { method: 'POST' })).status).toBe(405);
    expect((await get(preview.port, '/2025-W38/public.html', { host: `localhost:${preview.port}` })).status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { networkInterfaces } = await import('node:os');
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!other) return; // no other interface on this machine
    const refused = await new Promise<boolean>((resolve) => {
      const req = request({ host: other.address, port: preview.port, path: '/' }, () => resolve(false));
      req.on('error', () => resolve(true));
      req.end();
    });
    expect(refused).toBe(true);
  });
});
