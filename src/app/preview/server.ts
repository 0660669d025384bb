import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listAudienceNames, loadAudiences, type Audience } from '../../load/audience.js';
import { listWeeks, resolveWeek } from '../../load/data.js';
import { BriefError, ExitCode } from '../../errors.js';
import { CLIENT_JS } from './client.js';
import { briefingPage, indexPage, PREVIEW_CSS } from './pages.js';
import { PreviewSession, type PreviewSessionOptions, type TargetState } from './session.js';

/**
 * server: `brief preview`'s HTTP server, node:http on 127.0.0.1 only. Safe by construction: it
 * serves no file by its path. Every answer comes from a fixed table of routes; a week and an
 * audience in a URL must match their patterns and be among the weeks and audiences that exist, and
 * the PDF and HTML served are the session's last prints, from memory. So no path traversal, no
 * symlink, no directory listing can reach a file. Requests must name this server as their Host
 * (no DNS rebinding). The briefing HTML is served with a Content-Security-Policy that allows no script
 * and no remote load; the page around it allows only the reload client (client.ts).
 */
export interface PreviewOptions extends Omit<PreviewSessionOptions, 'root'> {
  /** The port to listen on; 0 or undefined: a free one. */
  port?: number;
  /** The week to open on (default: the latest). */
  week?: string;
  /** The audience to open on (default: the first). */
  audience?: string;
  /** The project folder, for file names in reports (default: the working folder). */
  root?: string;
}

export interface PreviewServer extends AsyncDisposable {
  /** The page the preview opens on: http://127.0.0.1:<port>/<week>/<audience>/ */
  readonly url: string;
  readonly port: number;
  readonly session: PreviewSession;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const WEEK = /^\d{4}-W\d{2}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The briefing's own policy (its template's meta tag says the same, less strictly): no script, nothing remote. */
export const BRIEFING_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const pageCsp = (origin: string) =>
  `default-src 'none'; script-src ${origin}/__brief/client.js; style-src ${origin}/__brief/preview.css; connect-src 'self'; frame-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** What the page is told of a briefing's state (no bytes). */
function summary(s: TargetState): object {
  const p = s.printed;
  return {
    week: s.week, audience: s.audience, status: s.status, failure: s.failure ?? null,
    printed: p ? { version: p.version, pages: p.pages, marking: p.marking, builtAt: p.builtAt, ms: p.ms, anchors: p.anchors } : null,
  };
}

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewServer> {
  const session = new PreviewSession(options);
  try {
    return await listen(session, options);
  } catch (e) {
    await session.close();
    throw e;
  }
}

async function listen(session: PreviewSession, options: PreviewOptions): Promise<PreviewServer> {
  const { dataDir, templatesDir } = session;
  const week = await resolveWeek(dataDir, options.week);
  const names = await listAudienceNames(templatesDir);
  if (options.audience && !names.includes(options.audience)) {
    throw new BriefError('audience-unknown', `no audience '${options.audience}' in ${templatesDir}/audiences (available: ${names.join(', ')})`, { exitCode: ExitCode.usage });
  }
  const audience = options.audience ?? names[0];
  if (!audience) throw new BriefError('audience-unknown', `no audiences in ${templatesDir}/audiences`, { exitCode: ExitCode.usage });

  const streams = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };
  const notFound = (res: ServerResponse) => send(res, 404, 'text/plain; charset=utf-8', 'not found\n');

  /** The week and audience of a URL, when both exist. */
  async function known(w: string, a: string): Promise<boolean> {
    if (!WEEK.test(w) || !NAME.test(a)) return false;
    const [weeks, audiences] = await Promise.all([listWeeks(dataDir), listAudienceNames(templatesDir)]);
    return weeks.includes(w) && audiences.includes(a);
  }

  function events(res: ServerResponse, w: string, a: string): void {
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const stop = session.follow(w, a, (state) => res.write(`event: state\ndata: ${JSON.stringify(summary(state))}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => { // the page went away (or the server closes)
      clearInterval(ping);
      stop();
      streams.delete(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this server's own name: a page elsewhere cannot reach it through a DNS name of its own.
    const port = (server.address() as AddressInfo).port;
    if (req.headers.host !== `${HOST}:${port}` && req.headers.host !== `localhost:${port}`) {
      return send(res, 421, 'text/plain; charset=utf-8', 'wrong host\n');
    }
    const origin = `http://${req.headers.host}`;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    // The path as sent, never decoded: an encoded character matches no route.
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    if (path === '/') {
      const [weeks, audiences] = await Promise.all([listWeeks(dataDir), loadAudiences(templatesDir)]);
      return send(res, 200, 'text/html; charset=utf-8', indexPage(weeks, audiences, week), { 'Content-Security-Policy': pageCsp(origin) });
    }
    if (path === '/__brief/client.js') return send(res, 200, 'text/javascript; charset=utf-8', CLIENT_JS);
    if (path === '/__brief/preview.css') return send(res, 200, 'text/css; charset=utf-8', PREVIEW_CSS);
    if (path === '/__brief/events') {
      const q = new URLSearchParams(query);
      const w = q.get('week') ?? '';
      const a = q.get('audience') ?? '';
      return (await known(w, a)) ? events(res, w, a) : notFound(res);
    }
    const m = /^\/([^/]+)\/([^/.]+)(\/|\.pdf|\.html)$/.exec(path);
    if (!m || !(await known(m[1]!, m[2]!))) return notFound(res);
    const [, w, a, kind] = m as unknown as [string, string, string, string];
    if (kind === '/') return send(res, 200, 'text/html; charset=utf-8', briefingPage(w, a, await listAudienceNames(templatesDir)), { 'Content-Security-Policy': pageCsp(origin) });
    const printed = session.state(w, a).printed;
    if (!printed) return send(res, 404, 'text/plain; charset=utf-8', 'not built yet: open its page\n');
    if (kind === '.pdf') return send(res, 200, 'application/pdf', printed.pdf, { 'Content-Disposition': `inline; filename="${a}.pdf"`, 'X-Frame-Options': 'SAMEORIGIN' });
    return send(res, 200, 'text/html; charset=utf-8', printed.html, { 'Content-Security-Policy': BRIEFING_CSP });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) res.destroy();
      else send(res, 500, 'text/plain; charset=utf-8', `${(e as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE'
      ? new BriefError('port-in-use', `port ${options.port} is in use; choose another with --port, or leave it out for a free one`, { exitCode: ExitCode.usage })
      : e));
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  session.request(week, audience); // warm: the page opened first is ready sooner

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    for (const res of streams) res.end();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await session.close();
  })());
  return { url: `${origin}/${week}/${audience}/`, port, session, close, [Symbol.asyncDispose]: close };
}
