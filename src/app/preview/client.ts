/**
 * client: the one script the preview serves (/__brief/client.js), run by the page around a briefing,
 * never by the briefing itself (its frame is sandboxed, and its CSP allows no script). It follows
 * the briefing's state by server-sent events; on a new print it loads the PDF at the page the reader
 * is at and swaps in the new HTML at the reader's scroll position; on a failure it shows the
 * problems over the last good briefing. Every text from the server goes in by textContent.
 */
export const CLIENT_JS = String.raw`(() => {
  'use strict';
  const root = document.getElementById('brief-preview');
  if (!root) return;
  const week = root.dataset.week;
  const audience = root.dataset.audience;
  const base = '/' + week + '/' + audience;
  const pdfPane = document.getElementById('pdf-pane');
  const htmlPane = document.getElementById('html-pane');
  const status = document.getElementById('status');
  const overlay = document.getElementById('overlay');
  let shown = 0;
  let anchors = {};

  const el = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const htmlFrame = () => htmlPane.querySelector('iframe:not(.loading)');

  // The page of the PDF the reader is at: that of the last anchor above the top third of the HTML pane.
  function readerPage() {
    const frame = htmlFrame();
    const doc = frame && frame.contentDocument;
    if (!doc) return 1;
    let page = 1;
    for (const e of doc.querySelectorAll('[id]')) {
      const p = anchors[e.id];
      if (p === undefined) continue;
      if (e.getBoundingClientRect().top > frame.clientHeight / 3) break;
      page = p;
    }
    return page;
  }

  function showPdf(version, page) {
    const object = document.createElement('object');
    object.type = 'application/pdf';
    object.data = base + '.pdf?v=' + version + '#page=' + page;
    const fallback = el('p', 'no-viewer');
    fallback.append('This browser shows no PDF inside a page: ');
    const a = el('a', '', 'open the PDF');
    a.href = base + '.pdf?v=' + version;
    fallback.append(a, '.');
    object.append(fallback);
    pdfPane.querySelector('object')?.remove();
    pdfPane.append(object);
  }

  // The new HTML loads in a hidden frame, scrolled where the reader was, then replaces the old one.
  function showHtml(version) {
    const old = htmlFrame();
    const y = old && old.contentWindow ? old.contentWindow.scrollY : 0;
    for (const f of htmlPane.querySelectorAll('iframe.loading')) f.remove();
    const next = el('iframe', 'loading');
    next.setAttribute('sandbox', 'allow-same-origin');
    next.title = 'The briefing as HTML';
    next.addEventListener('load', () => {
      next.contentWindow.scrollTo(0, y);
      next.classList.remove('loading');
      if (old) old.remove();
      root.dataset.shown = String(version);
    }, { once: true });
    next.src = base + '.html?v=' + version;
    htmlPane.append(next);
  }

  function showFailure(failure) {
    const box = el('div', 'box');
    box.append(el('h2', '', 'The briefing could not be built'), el('p', 'message', failure.message));
    for (const p of failure.problems) {
      const item = el('div', 'problem');
      const head = el('div', 'head');
      head.append(el('span', 'where', p.file + ':' + p.line + ':' + p.col), ' ', el('span', 'severity', p.severity), ' ', el('span', 'rule', p.rule));
      item.append(head, el('div', 'text', p.message));
      if (p.frame) item.append(el('pre', 'frame', p.frame));
      box.append(item);
    }
    box.append(el('p', 'hint', 'The last good briefing is kept underneath. Save a fix and it is rebuilt.'));
    overlay.replaceChildren(box);
    overlay.hidden = false;
  }

  function update(s) {
    root.dataset.status = s.status;
    const p = s.printed;
    status.textContent = s.status === 'building' ? 'building…'
      : s.status === 'failed' ? 'failed (the last good briefing is shown)'
      : p ? p.pages + ' page' + (p.pages === 1 ? '' : 's') + ' · ' + p.marking + ' · built ' + p.builtAt.slice(11, 19) + ' in ' + p.ms + ' ms' : 'waiting';
    if (p && p.version !== shown) {
      const page = shown ? readerPage() : 1;
      anchors = p.anchors;
      shown = p.version;
      showPdf(shown, page);
      showHtml(shown);
    }
    if (s.status === 'failed' && s.failure) showFailure(s.failure);
    else if (s.status === 'ok') overlay.hidden = true;
  }

  const events = new EventSource('/__brief/events?week=' + encodeURIComponent(week) + '&audience=' + encodeURIComponent(audience));
  events.addEventListener('state', (e) => update(JSON.parse(e.data)));
  events.addEventListener('error', () => { status.textContent = 'disconnected: is brief preview still running?'; });
})();
`;
