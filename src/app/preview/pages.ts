import type { Audience } from '../../load/audience.js';

/** pages: the preview's own HTML (the index and the page around a briefing) and its stylesheet. */
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const head = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/__brief/preview.css"></head>`;

export function indexPage(weeks: readonly string[], audiences: readonly Audience[], current: string | undefined): string {
  const rows = [...weeks].reverse().map((w) => `<tr${w === current ? ' class="current"' : ''}><th scope="row">${esc(w)}</th>${audiences.map((a) =>
    `<td><a href="/${esc(w)}/${esc(a.name)}/">${esc(a.name)}</a></td>`).join('')}</tr>`).join('\n');
  return `${head('brief preview')}
<body class="index"><header><strong>brief preview</strong></header>
<main><table><thead><tr><th>Week</th>${audiences.map((a) => `<th scope="col" title="${esc(a.description)}">${esc(a.title)}<br><small>${esc(a.max_handling)}</small></th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<p>A briefing is built when you open it and rebuilt on every save while it is open.</p></main>
</body></html>
`;
}

/** The page around a briefing; `audiences` by name only (an audience config being edited may not load). */
export function briefingPage(week: string, audience: string, audiences: readonly string[]): string {
  const nav = audiences.map((a) => `<a href="/${esc(week)}/${esc(a)}/"${a === audience ? ' aria-current="page"' : ''}>${esc(a)}</a>`).join(' ');
  return `${head(`${week} · ${audience} — brief preview`)}
<body><div id="brief-preview" data-week="${esc(week)}" data-audience="${esc(audience)}" data-status="waiting">
<header><a href="/">brief preview</a> <strong>${esc(week)}</strong> <nav>${nav}</nav> <span id="status" role="status">waiting</span>
<span class="files"><a href="/${esc(week)}/${esc(audience)}.pdf" target="_blank">PDF</a> <a href="/${esc(week)}/${esc(audience)}.html" target="_blank">HTML</a></span></header>
<main><section id="pdf-pane" class="pane" aria-label="As printed"><h2>As printed (the PDF)</h2></section>
<section id="html-pane" class="pane" aria-label="As HTML"><h2>Live HTML (the same document, not paged)</h2></section></main>
<div id="overlay" role="alert" hidden></div>
</div><script src="/__brief/client.js"></script></body></html>
`;
}

export const PREVIEW_CSS = `html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; background: #dfe2e6; color: #111; }
#brief-preview, body.index { display: flex; flex-direction: column; height: 100%; }
header { display: flex; gap: 1em; align-items: baseline; padding: .45em .9em; background: #1d2733; color: #fff; flex-wrap: wrap; }
header a { color: #b9d3ee; }
header nav a[aria-current] { color: #fff; font-weight: 700; text-decoration: none; }
#status { margin-left: auto; color: #cfd8e3; }
[data-status="building"] #status { color: #ffd479; }
[data-status="failed"] #status { color: #ff9c9c; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 4px; }
body.index main { display: block; padding: 1em 1.5em; }
.pane { position: relative; min-height: 0; display: flex; flex-direction: column; background: #fff; }
.pane h2 { margin: 0; padding: .25em .8em; font-size: 12px; font-weight: 600; background: #eef1f4; color: #445; }
.pane object, .pane iframe { flex: 1; width: 100%; border: 0; }
.pane iframe.loading { position: absolute; visibility: hidden; }
.no-viewer { padding: 2em; color: #555; }
#overlay { position: fixed; inset: 2.6em 0 0 0; overflow: auto; padding: 2em; background: rgba(40, 0, 0, .45); }
#overlay .box { max-width: 60em; margin: 0 auto; padding: 1em 1.5em; background: #fff; border-top: 6px solid #b3261e; box-shadow: 0 4px 24px rgba(0,0,0,.3); }
#overlay h2 { margin: .2em 0; color: #b3261e; }
.problem { margin: 1em 0; }
.problem .where { font-family: ui-monospace, monospace; font-weight: 700; }
.problem .severity { color: #b3261e; }
.problem .rule { color: #666; font-family: ui-monospace, monospace; }
.problem .frame { margin: .3em 0; padding: .5em .8em; background: #f4f4f4; overflow-x: auto; }
.hint { color: #555; }
table { border-collapse: collapse; background: #fff; }
th, td { padding: .4em .9em; border: 1px solid #d5d9de; text-align: left; }
tr.current th { background: #fff5d6; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; grid-template-rows: 1fr 1fr; } }
`;
