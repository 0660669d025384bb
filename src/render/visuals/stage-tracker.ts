import type { StageStep } from '../../compose/compose.js';
import { num, svg, text, wrap } from './svg.js';

/**
 * The stage tracker: the deal ladder as a row of chevrons. Passed stages are tinted and ticked,
 * the current one is dark with white bold text and a "Now" marker, stages ahead are dashed
 * outlines — readable in greyscale by fill and outline, not by colour. Off the ladder (stalled or
 * collapsed), every step is hollow and a band names the state.
 */
export interface StageTrackerInput {
  ladder: readonly StageStep[];
  offLadder: boolean;
  stageLabel: string;
}

const W = 174;
const H = 11;
const NOTCH = 2.6;
const SIZE = 2.45;

export function stageTrackerSvg(input: StageTrackerInput): string {
  const n = input.ladder.length;
  const w = (W + NOTCH * (n - 1)) / n;
  const current = input.ladder.find((s) => s.current);
  const top = input.offLadder ? 6 : 0;
  const height = top + H + (current ? 5.5 : 1);
  let body = '';
  if (input.offLadder) {
    body += `<rect x="0" y="0" width="${W}" height="4.6" fill="#ececec" stroke="#1a1a1a" stroke-width="0.3" stroke-dasharray="1 0.7"/>`;
    body += text(W / 2, 3.35, `Off the ladder: ${input.stageLabel}`, { 'text-anchor': 'middle', 'font-size': 2.8, 'font-weight': 700, fill: '#1a1a1a' });
  }
  input.ladder.forEach((step, i) => {
    const x = i * (w - NOTCH);
    const first = i === 0;
    const last = i === n - 1;
    const pts = [
      [x, top], [x + w - (last ? 0 : NOTCH), top], [x + w, top + H / 2], [x + w - (last ? 0 : NOTCH), top + H], [x, top + H],
      ...(first ? [] : [[x + NOTCH, top + H / 2]]),
    ].map(([a, b]) => `${num(a!)},${num(b!)}`).join(' ');
    const fill = step.current ? '#1f3a5f' : step.passed ? '#d5dce6' : '#ffffff';
    const dash = !step.current && !step.passed ? ' stroke-dasharray="1 0.7"' : '';
    body += `<polygon points="${pts}" fill="${fill}" stroke="#1a1a1a" stroke-width="${step.current ? 0.5 : 0.3}"${dash}/>`;
    const cx = x + (first ? 0 : NOTCH) / 2 + w / 2 - (last ? 0 : NOTCH / 2);
    const lines = wrap(step.label, w - NOTCH * 2 - 1, SIZE, 2, step.current);
    const y0 = top + H / 2 - ((lines.length - 1) * SIZE * 1.1) / 2 + SIZE * 0.35;
    lines.forEach((l, j) => {
      body += text(cx + (step.passed ? 1.2 : 0), y0 + j * SIZE * 1.1, l, {
        'text-anchor': 'middle', 'font-size': SIZE, 'font-weight': step.current ? 700 : 400, fill: step.current ? '#ffffff' : '#1a1a1a',
      });
    });
    if (step.passed) {
      // a tick mark before the label
      const tx = cx - Math.max(...lines.map((l) => l.length)) * SIZE * 0.28 - 1.2;
      const ty = top + H / 2;
      body += `<path d="M${num(tx - 1)},${num(ty)} l0.8,0.9 l1.6,-1.9" fill="none" stroke="#1a1a1a" stroke-width="0.45"/>`;
    }
    if (step.current) {
      const my = top + H + 0.6;
      body += `<path d="M${num(cx)},${num(my)} l-1.4,2 h2.8 z" fill="#1a1a1a"/>`;
      body += text(cx, my + 4.6, 'Now', { 'text-anchor': 'middle', 'font-size': 2.4, 'font-weight': 700, fill: '#1a1a1a' });
    }
  });
  const where = input.offLadder ? `off the ladder: ${input.stageLabel}` : `current stage ${input.stageLabel}${current ? `, step ${input.ladder.indexOf(current) + 1} of ${n}` : ''}`;
  return svg(W, height, `Deal stage ladder: ${input.ladder.map((s) => s.label).join(', ')}; ${where}`, body, 'stage-tracker');
}
