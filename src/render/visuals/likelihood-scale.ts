import { LIKELIHOOD } from '../../schema/index.js';
import { svg, text, textWidth } from './svg.js';

/**
 * The likelihood scale beside a key judgment: the seven ICD 203 bands as equal cells labelled with
 * their probability ranges; the judgment's band is filled dark with a marker above it and its term
 * below. Greyscale-legible: the chosen band differs by fill, weight and the marker, not by colour.
 */
const W = 78;
const CELL = W / LIKELIHOOD.length;
const TOP = 2.6;
const H = 5.2;

export function likelihoodScaleSvg(term: string): string {
  const index = LIKELIHOOD.findIndex((l) => l.term === term);
  let body = '';
  LIKELIHOOD.forEach((band, i) => {
    const x = i * CELL;
    const on = i === index;
    body += `<rect x="${x.toFixed(2)}" y="${TOP}" width="${CELL.toFixed(2)}" height="${H}" fill="${on ? '#1f3a5f' : i % 2 ? '#f1f1f1' : '#ffffff'}" stroke="#1a1a1a" stroke-width="${on ? 0.45 : 0.2}"/>`;
    body += text(x + CELL / 2, TOP + H / 2 + 0.75, `${band.low}–${band.high}`, { 'text-anchor': 'middle', 'font-size': 2.1, 'font-weight': on ? 700 : 400, fill: on ? '#ffffff' : '#444444' });
  });
  if (index >= 0) {
    const cx = index * CELL + CELL / 2;
    body += `<path d="M${(cx - 1.3).toFixed(2)},0.2 h2.6 l-1.3,2 z" fill="#1a1a1a"/>`;
    const half = textWidth(term, 2.3, true) / 2;
    const tx = Math.min(Math.max(cx, half), W - half);
    body += text(tx, TOP + H + 3, term, { 'text-anchor': 'middle', 'font-size': 2.3, 'font-weight': 700, fill: '#1a1a1a' });
  }
  const band = LIKELIHOOD[index];
  const label = band ? `Likelihood scale (ICD 203, percent): ${term}, ${band.low}–${band.high} %` : `Likelihood scale (ICD 203): ${term}`;
  return svg(W, TOP + H + 3.8, label, body, 'likelihood-scale');
}
