/**
 * Small SVG building blocks for the visuals drawn at build time. Every piece of text that reaches
 * the markup goes through `xml()`; numbers are rounded so the output is stable and short.
 */
import { xml } from '../../util/xml.js';

/** A number for an SVG attribute: at most two decimals. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

/** Attributes from an object (values escaped; undefined skipped). */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : xml(v)}"`)
    .join('');
}

export function text(x: number, y: number, content: string, a: Record<string, string | number | undefined> = {}): string {
  return `<text${attrs({ x, y, ...a })}>${xml(content)}</text>`;
}

/** Approximate advance width of a text in Noto Sans at a font size (CJK full width). */
export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x2e80) w += 1;
    else if (/[mwMW@]/.test(ch)) w += 0.85;
    else if (/[A-Z0-9]/.test(ch)) w += 0.65;
    else if (/[iljtf.,:;'’“”"|!() ]/.test(ch)) w += 0.3;
    else w += 0.55;
  }
  return w * size * (bold ? 1.07 : 1);
}

/** Greedy word wrap into at most `maxLines` lines of `width`; the last line ends with … when cut. */
export function wrap(s: string, width: number, size: number, maxLines: number, bold = false): string[] {
  // Words too long for a line are cut into pieces that fit (long names, URLs).
  const words = s.split(/\s+/).filter(Boolean).flatMap((w) => {
    if (textWidth(w, size, bold) <= width) return [w];
    const pieces: string[] = [];
    let piece = '';
    for (const ch of w) {
      if (piece && textWidth(piece + ch, size, bold) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += ch;
    }
    return piece ? [...pieces, piece] : pieces;
  });
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (textWidth(next, size, bold) <= width || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = words[i]!;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    line = '';
  }
  const cut = lines.length === maxLines && (i < words.length || line !== '');
  if (cut || textWidth(lines.at(-1) ?? '', size, bold) > width) {
    let last = lines.at(-1) ?? '';
    while (last.length > 1 && textWidth(`${last}…`, size, bold) > width) last = last.slice(0, -1).trimEnd();
    lines[lines.length - 1] = `${last.replace(/[\s,;:–-]+$/, '')}…`;
  }
  return lines;
}

/** An inline, accessible SVG: role img with a title; scales with the column. */
export function svg(width: number, height: number, label: string, body: string, cls: string): string {
  return `<svg class="viz ${xml(cls)}" role="img" aria-label="${xml(label)}" viewBox="0 0 ${num(width)} ${num(height)}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>${xml(label)}</title>${body}</svg>`;
}
