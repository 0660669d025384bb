import { earliestDay } from '../../util/dates.js';
import { num, svg, text, textWidth, wrap } from './svg.js';
import { compareText } from '../../util/compare.js';
import { times } from '../../util/text.js';

/**
 * The milestone timeline. Events are placed in date order at even spacing (the sample spans years
 * with most events in one month, so a linear scale would pile them up); a break mark on the axis
 * shows a long gap. The axis is solid up to the as_of date and dashed after it. Markers: occurred
 * = filled circle, scheduled = hollow circle, planned = dashed hollow circle, deadline = diamond
 * (with its extensions). Labels alternate above and below the axis and are wrapped to the room
 * between their neighbours on the same side, so they never overlap.
 */
export interface TimelineEvent {
  date: string;
  title: string;
  state: 'occurred' | 'scheduled' | 'planned' | 'deadline';
  extensions?: number | undefined;
}

export interface TimelineInput {
  milestones: readonly { date: string; title: string; state: 'occurred' | 'scheduled' | 'planned'; kind?: string | undefined }[];
  deadlines: readonly { date?: string | undefined; label: string; extensions?: number | undefined }[];
  asOf: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-09-17" → "17 Sep 2025"; "2025-09" → "Sep 2025"; "2025" → "2025". */
export function shortDate(d: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d);
  if (!m) return d;
  const mon = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  return m[3] ? `${Number(m[3])} ${mon} ${m[1]}` : mon ? `${mon} ${m[1]}` : m[1]!;
}

/** Milestones and dated deadlines, merged in date order; a deadline already listed as a milestone is not repeated. */
export function timelineEvents(input: TimelineInput): TimelineEvent[] {
  const events: TimelineEvent[] = input.milestones.map((m) => ({ date: m.date, title: m.title, state: m.kind === 'deadline' ? 'deadline' : m.state }));
  // A deadline is the same event as a deadline milestone only on the same date and when they name
  // the same thing (a shared word of four letters or more); each milestone takes one deadline's count.
  const merged = new Set<TimelineEvent>();
  for (const d of input.deadlines) {
    if (!d.date) continue;
    const same = events.find((e) => e.state === 'deadline' && e.date === d.date && !merged.has(e) && sameThing(e.title, d.label));
    if (same) { same.extensions = d.extensions; merged.add(same); }
    else events.push({ date: d.date, title: d.label, state: 'deadline', extensions: d.extensions });
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareText(earliestDay(a.e.date), earliestDay(b.e.date)) || a.i - b.i)
    .map(({ e }) => e);
}

const STEMS = (s: string) => new Set((s.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.slice(0, 5)));
/** Whether two labels name the same thing: they share a word (by its first five letters: "expiry", "expires"). */
function sameThing(a: string, b: string): boolean {
  const x = STEMS(a);
  return [...STEMS(b)].some((w) => x.has(w));
}

const W = 174;
const PAD = 10;
const SIZE = 2.5;
const LINE = SIZE * 1.18;
const MAX_LINES = 4;

function marker(x: number, y: number, state: TimelineEvent['state']): string {
  if (state === 'deadline') return `<path d="M${num(x)},${num(y - 2.4)} l2.4,2.4 l-2.4,2.4 l-2.4,-2.4 z" fill="#ffffff" stroke="#1a1a1a" stroke-width="0.6"/><circle cx="${num(x)}" cy="${num(y)}" r="0.7" fill="#1a1a1a"/>`;
  if (state === 'occurred') return `<circle cx="${num(x)}" cy="${num(y)}" r="1.8" fill="#1f3a5f" stroke="#1a1a1a" stroke-width="0.4"/>`;
  const dash = state === 'planned' ? ' stroke-dasharray="0.9 0.6"' : '';
  return `<circle cx="${num(x)}" cy="${num(y)}" r="1.8" fill="#ffffff" stroke="#1a1a1a" stroke-width="0.5"${dash}/>`;
}

export function timelineSvg(input: TimelineInput): string {
  const events = timelineEvents(input);
  if (events.length === 0) return '';
  const n = events.length;
  const step = n === 1 ? 0 : (W - 2 * PAD) / (n - 1);
  const xs = events.map((_, i) => (n === 1 ? W / 2 : PAD + i * step));
  // Each label gets the room between the midpoints to its neighbours on the same side of the axis.
  const labels = events.map((e, i) => {
    const lo = i >= 2 ? (xs[i - 2]! + xs[i]!) / 2 + 1.5 : 0;
    const hi = i + 2 < n ? (xs[i]! + xs[i + 2]!) / 2 - 1.5 : W;
    const left = Math.max(lo, xs[i]! - 31);
    const right = Math.min(hi, xs[i]! + 31);
    const extra = e.state === 'deadline' && e.extensions ? ` (extended ${times(e.extensions)})` : '';
    const room = (right - left) * 0.95; // a margin for the width estimate
    const date = wrap(shortDate(e.date) + (e.state === 'deadline' ? ' · deadline' : ''), room, SIZE, 2, true);
    return { cx: (left + right) / 2, date, lines: wrap(e.title + extra, room, SIZE * 0.96, MAX_LINES) };
  });
  // Room above and below the axis for the tallest label on each side.
  const tallest = (side: number) => Math.max(0, ...labels.filter((_, i) => i % 2 === side).map((l) => l.lines.length + l.date.length));
  const above = LINE * tallest(0) + 3;
  const axisY = above + 2;
  const below = axisY + 5;
  const legendY = below + LINE * tallest(1) + 4.5;
  let body = '';

  // The axis: solid up to as_of, dashed after it; break marks where consecutive events are far apart.
  const pastIdx = events.reduce((k, e, i) => (earliestDay(e.date) <= input.asOf ? i : k), -1);
  const split = pastIdx < 0 ? 2 : pastIdx >= n - 1 ? W - 2 : (xs[pastIdx]! + xs[pastIdx + 1]!) / 2;
  body += `<line x1="2" y1="${num(axisY)}" x2="${num(split)}" y2="${num(axisY)}" stroke="#1a1a1a" stroke-width="0.6"/>`;
  if (split < W - 2) {
    body += `<line x1="${num(split)}" y1="${num(axisY)}" x2="${num(W - 2)}" y2="${num(axisY)}" stroke="#1a1a1a" stroke-width="0.6" stroke-dasharray="1.4 1"/>`;
    body += `<line x1="${num(split)}" y1="${num(axisY - 3)}" x2="${num(split)}" y2="${num(axisY + 3)}" stroke="#1a1a1a" stroke-width="0.35"/>`;
  }
  let gaps = 0;
  for (let i = 0; i + 1 < n; i++) {
    const gapDays = (Date.parse(earliestDay(events[i + 1]!.date)) - Date.parse(earliestDay(events[i]!.date))) / 86_400_000;
    if (gapDays > 200) {
      gaps++;
      const mx = (xs[i]! + xs[i + 1]!) / 2 + (Math.abs((xs[i]! + xs[i + 1]!) / 2 - split) < 2 ? 3 : 0);
      body += `<rect x="${num(mx - 1)}" y="${num(axisY - 1.5)}" width="2" height="3" fill="#ffffff"/>`;
      body += `<path d="M${num(mx - 1.6)},${num(axisY + 1.5)} l1.2,-3 M${num(mx + 0.4)},${num(axisY + 1.5)} l1.2,-3" stroke="#1a1a1a" stroke-width="0.4"/>`;
    }
  }

  events.forEach((e, i) => {
    const x = xs[i]!;
    const up = i % 2 === 0;
    const { cx, date, lines } = labels[i]!;
    const block = [...date, ...lines];
    const y0 = up ? axisY - 4 - (block.length - 1) * LINE : below + SIZE;
    body += `<line x1="${num(x)}" y1="${num(up ? axisY - 2.4 : axisY + 2.4)}" x2="${num(x)}" y2="${num(up ? axisY - 3.3 : axisY + 3.3)}" stroke="#1a1a1a" stroke-width="0.3"/>`;
    block.forEach((l, j) => {
      const head = j < date.length;
      body += text(cx, y0 + j * LINE, l, { 'text-anchor': 'middle', 'font-size': head ? SIZE : SIZE * 0.96, 'font-weight': head ? 700 : 400, fill: head ? '#1a1a1a' : '#333333' });
    });
    body += marker(x, axisY, e.state);
  });

  // Legend: only the marks this timeline draws.
  const LEG = 2.3;
  const drawn = new Set(events.map((e) => e.state));
  const items: [TimelineEvent['state'], string][] = ([['occurred', 'occurred'], ['scheduled', 'scheduled'], ['planned', 'planned'], ['deadline', 'deadline']] as [TimelineEvent['state'], string][])
    .filter(([state]) => drawn.has(state));
  let lx = 3;
  for (const [state, label] of items) {
    body += marker(lx, legendY - 0.8, state);
    body += text(lx + 3.4, legendY, label, { 'font-size': LEG, fill: '#333333' });
    lx += 3.4 + textWidth(label, LEG) + 5;
  }
  if (pastIdx >= 0) {
    const asOfText = `to ${shortDate(input.asOf)} (as of)`;
    body += `<line x1="${num(lx)}" y1="${num(legendY - 0.8)}" x2="${num(lx + 7)}" y2="${num(legendY - 0.8)}" stroke="#1a1a1a" stroke-width="0.6"/>`;
    body += text(lx + 8.5, legendY, asOfText, { 'font-size': LEG, fill: '#333333' });
    lx += 8.5 + textWidth(asOfText, LEG) + 5;
  }
  if (split < W - 2) {
    const afterText = pastIdx >= 0 ? 'after' : `after ${shortDate(input.asOf)} (as of)`;
    body += `<line x1="${num(lx)}" y1="${num(legendY - 0.8)}" x2="${num(lx + 7)}" y2="${num(legendY - 0.8)}" stroke="#1a1a1a" stroke-width="0.6" stroke-dasharray="1.4 1"/>`;
    body += text(lx + 8.5, legendY, afterText, { 'font-size': LEG, fill: '#333333' });
    lx += 8.5 + textWidth(afterText, LEG) + 5;
  }
  if (gaps > 0) {
    body += `<path d="M${num(lx)},${num(legendY + 0.4)} l1.2,-3 M${num(lx + 2)},${num(legendY + 0.4)} l1.2,-3" stroke="#1a1a1a" stroke-width="0.4"/>`;
    body += text(lx + 4.5, legendY, 'gap of months or years', { 'font-size': LEG, fill: '#333333' });
  }

  const label = `Timeline: ${events.map((e) => `${shortDate(e.date)}, ${e.title} (${e.state})`).join('; ')}`;
  return svg(W, legendY + 1.5, label, body, 'timeline');
}
