import { EventEmitter } from 'node:events';
import type { ProtocolMapping } from 'devtools-protocol/types/protocol-mapping.js';

/**
 * devtools: a DevTools connection of our own (one browser, pages as flatten-mode sessions), written
 * by hand because importing Puppeteer for it cost ~95 ms of a cold build's main thread before the
 * first print.
 *
 * What the printer needs of it: open a page (Target.createTarget, or Chromium's first tab) and
 * attach to it with `flatten` (its messages carry its sessionId over the one pipe), send it typed
 * commands, hear its events, know when it crashes (Inspector.targetCrashed: 'crashed'), closes
 * (Target.detachedFromTarget: 'close') or the browser goes (the pipe closes: 'disconnected').
 * A page starts with an 800×600 viewport, as Puppeteer's `defaultViewport` gave it.
 */
type Commands = ProtocolMapping.Commands;
type Method = keyof Commands;
type Params<M extends Method> = Commands[M]['paramsType'];
type Result<M extends Method> = Commands[M]['returnType'];
export type Events = ProtocolMapping.Events;

/** Messages to and from the browser, one JSON text each (chrome.ts: the --remote-debugging-pipe). */
export interface Transport {
  send(message: string): void;
  close(): void;
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

interface Pending { resolve(value: unknown): void; reject(e: Error): void; method: string; sessionId?: string }

/** A command the browser answered with an error (the message says which command, as Puppeteer's do). */
export class ProtocolError extends Error {
  constructor(method: string, message: string) {
    super(`Protocol error (${method}): ${message}`);
    this.name = 'ProtocolError';
  }
}

/** The browser, through its connection: emits 'disconnected' once, when the pipe closes. */
export class Browser extends EventEmitter {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly pages = new Map<string, Page>();
  private closed = false;

  constructor(private readonly transport: Transport) {
    super();
    transport.onmessage = (m) => this.receive(m);
    transport.onclose = () => this.disconnect();
  }

  get connected(): boolean {
    return !this.closed;
  }

  /** Send a command to the browser. */
  send<M extends Method>(method: M, ...params: Params<M>): Promise<Result<M>> {
    return this.call(method, params[0], undefined) as Promise<Result<M>>;
  }

  /** Send a command, to a page when `sessionId` is given. */
  call(method: string, params: object | undefined, sessionId: string | undefined): Promise<unknown> {
    if (this.closed) return Promise.reject(new ProtocolError(method, 'Connection closed.'));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method, sessionId });
      this.transport.send(JSON.stringify(sessionId === undefined ? { id, method, params: params ?? {} } : { id, method, params: params ?? {}, sessionId }));
    });
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string; data?: string }; sessionId?: string };
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new ProtocolError(call.method, `${message.error.message}${message.error.data ? ` ${message.error.data}` : ''}`));
      else call.resolve(message.result);
      return;
    }
    if (message.method === 'Target.detachedFromTarget') {
      const { sessionId } = message.params as Events['Target.detachedFromTarget'][0];
      this.pages.get(sessionId)?.detached();
      this.pages.delete(sessionId);
    }
    if (message.sessionId !== undefined) this.pages.get(message.sessionId)?.emit(message.method!, message.params);
    else this.emit(message.method!, message.params);
  }

  /** Fail what waits on a page that went away. */
  failSession(sessionId: string): void {
    for (const [id, call] of this.pending) {
      if (call.sessionId !== sessionId) continue;
      this.pending.delete(id);
      call.reject(new ProtocolError(call.method, 'Session closed. Most likely the page has been closed.'));
    }
  }

  private disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    for (const call of this.pending.values()) call.reject(new ProtocolError(call.method, 'Connection closed.'));
    this.pending.clear();
    for (const page of this.pages.values()) page.detached();
    this.pages.clear();
    this.emit('disconnected');
  }

  /** Chromium's first tab (about:blank), made ready, or undefined when there is none yet. */
  async firstTab(): Promise<Page | undefined> {
    const { targetInfos } = await this.send('Target.getTargets');
    const tab = targetInfos.find((t) => t.type === 'page' && t.url === 'about:blank' && !t.attached);
    return tab ? this.attach(tab.targetId) : undefined;
  }

  /** A new tab (about:blank), made ready. */
  async newPage(): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    return this.attach(targetId);
  }

  private async attach(targetId: string): Promise<Page> {
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, targetId, sessionId);
    this.pages.set(sessionId, page);
    await page.ready();
    return page;
  }

  /** Ask the browser to close (Browser.close). */
  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => {});
    this.transport.close();
  }
}

/**
 * A page (a tab and our session with it). Emits its DevTools events by name, and 'load' (its
 * document's load event), 'crashed' (its renderer died) and 'close' (it went away), each once per
 * happening.
 */
export class Page extends EventEmitter {
  private closed = false;
  /** The main frame's id (Page.setDocumentContent's frameId). */
  frameId = '';
  /**
   * Counts what makes the node ids this session was given stale: a new document, and every
   * DOM.getDocument (which starts the ids afresh). cdp.ts keeps a node id only within one generation.
   */
  domGeneration = 0;

  constructor(private readonly owner: Browser, readonly targetId: string, readonly sessionId: string) {
    super();
    this.on('Page.loadEventFired', () => this.emit('load'));
    // A renderer that dies is told by Inspector.targetCrashed (the page stays open, crashed). Not
    // 'error', which an EventEmitter throws when nobody listens.
    this.on('Inspector.targetCrashed', () => this.emit('crashed'));
  }

  /** Events on, the main frame known, the viewport set (800×600). */
  async ready(): Promise<void> {
    const [, { frameTree }] = await Promise.all([
      this.send('Page.enable'),
      this.send('Page.getFrameTree'),
      this.send('Inspector.enable'),
      this.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 1, mobile: false, screenOrientation: { angle: 0, type: 'portraitPrimary' } }),
    ]);
    this.frameId = frameTree.frame.id;
  }

  send<M extends Method>(method: M, ...params: Params<M>): Promise<Result<M>> {
    if (this.closed) return Promise.reject(new ProtocolError(method, 'Session closed. Most likely the page has been closed.'));
    if (method === 'DOM.getDocument' || method === 'Page.setDocumentContent') this.domGeneration++;
    return this.owner.call(method, params[0], this.sessionId) as Promise<Result<M>>;
  }

  browser(): Browser {
    return this.owner;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Close the tab; resolves once it has gone. */
  async close(): Promise<void> {
    if (this.closed) return;
    const gone = new Promise<void>((resolve) => this.once('close', () => resolve()));
    await this.owner.send('Target.closeTarget', { targetId: this.targetId });
    await gone;
  }

  /** The session ended (the tab closed, or the browser went). */
  detached(): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.failSession(this.sessionId);
    this.emit('close');
  }
}
