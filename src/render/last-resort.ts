import { createRequire } from 'node:module';
import { setBounded } from '../util/bounded.js';
import { isMark } from '../util/marks.js';

/**
 * The last-resort font: for the characters none of brief's fonts has, a font made for the document
 * whose glyph for each such character is a box showing its code point in hex (as Unicode's own Last
 * Resort font and browsers' hex boxes do). It is declared under every family the document's text is
 * set in, tried after every other face, so Chromium never falls back to a font of the machine: the
 * PDF holds only brief's fonts on any machine, the reader sees which character is missing, and the
 * text layer keeps the character itself (the glyph is mapped to its code point).
 * `glyph-missing` names the same characters at validate time.
 *
 * The TrueType file is written by svg2ttf (an SVG font in, TrueType out), glyph outlines only: a
 * document with nothing missing never loads it.
 */

/** The name the font carries in the PDF (pdffonts): brief's own, not a machine's. */
export const LAST_RESORT_FAMILY = 'Brief Last Resort';

const require = createRequire(import.meta.url);

/** 3 × 5 pixel hex digits, rows from the top. */
const DIGITS: Record<string, string> = {
  0: '111101101101111', 1: '010110010010111', 2: '111001111100111', 3: '111001111001111',
  4: '101101111001001', 5: '111100111001111', 6: '111100111101111', 7: '111001001001001',
  8: '111101111101111', 9: '111101111001111', A: '111101111101101', B: '110101110101110',
  C: '111100100100111', D: '110101101101110', E: '111100111100111', F: '111100111100100',
};

const EM = 1000;
const ASCENT = 800;
const DESCENT = 200;
const PIXEL = 44;
const STROKE = 40;
const GAP = 44;

/** A rectangle as an SVG path, x from the left and y up (SVG fonts' coordinates), in the winding of outer contours. */
const rect = (x: number, y: number, w: number, h: number, hole = false): string =>
  hole ? `M${x} ${y}h${w}v${h}h${-w}z` : `M${x} ${y}v${h}h${w}v${-h}z`;

/** A box with the code point's hex digits in two rows (4 digits: 2 + 2; 5 or 6: 3 + 3). */
function hexBox(cp: number): { width: number; d: string } {
  const hex = cp.toString(16).toUpperCase().padStart(cp > 0xffff ? 6 : 4, '0');
  const cols = hex.length / 2;
  const digitW = 3 * PIXEL;
  const innerW = cols * digitW + (cols - 1) * PIXEL;
  const width = innerW + 2 * (STROKE + GAP) + 2 * 40;
  const x0 = 40;
  const boxW = width - 80;
  const bottom = -DESCENT + 60;
  const boxH = 2 * 5 * PIXEL + PIXEL + 2 * (STROKE + GAP);
  const parts = [rect(x0, bottom, boxW, boxH), rect(x0 + STROKE, bottom + STROKE, boxW - 2 * STROKE, boxH - 2 * STROKE, true)];
  for (let row = 0; row < 2; row++) {
    const top = bottom + boxH - STROKE - GAP - row * 6 * PIXEL;
    for (let c = 0; c < cols; c++) {
      const bits = DIGITS[hex[row * cols + c]!]!;
      const left = x0 + STROKE + GAP + c * (digitW + PIXEL);
      for (let r = 0; r < 5; r++) {
        // Each run of lit pixels in a row is one rectangle (no seams between pixels).
        const line = bits.slice(r * 3, r * 3 + 3);
        for (const m of line.matchAll(/1+/g)) parts.push(rect(left + m.index * PIXEL, top - (r + 1) * PIXEL, m[0].length * PIXEL, PIXEL));
      }
    }
  }
  return { width, d: parts.join('') };
}

const HEX_BOXES = 256;
const PLAIN_BOX = { width: 600, d: `${rect(40, -DESCENT + 60, 520, 680)}${rect(80, -DESCENT + 100, 440, 600, true)}` };
/**
 * The plain box drawn for the k-th character past the hex boxes: the same outline, its inner edges
 * split at points that differ from box to box. svg2ttf merges glyphs whose outlines are written the
 * same into one glyph, and one glyph for many characters would give the PDF's text layer one of them
 * for all (pdf.js reads them so).
 */
function plainBox(k: number): { width: number; d: string } {
  const a = 1 + (k % 400);
  const b = 1 + (Math.floor(k / 400) % 500);
  return { width: 600, d: `${rect(40, -DESCENT + 60, 520, 680)}M80 ${-DESCENT + 100}h${a}h${440 - a}v${b}v${600 - b}h-440z` };
}

/**
 * The small box drawn for a combining mark (the k-th): a letter and marks that no bundled face sets
 * together print from this font, and the shaper stacks a mark above or below its letter's box
 * (HarfBuzz's fallback mark positioning: this font has no GPOS). A full box there would reach into
 * the next line or the one before; the mark's code point is in the text layer and in validate's
 * warning. Each outline differs a little, as plainBox's do.
 */
function markBox(k: number): { width: number; d: string } {
  const a = 1 + (k % 150);
  const b = 1 + (Math.floor(k / 150) % 150);
  return { width: 300, d: `${rect(60, 0, 180, 180)}M90 30h${a}h${120 - a}v${b}v${120 - b}h-120z` };
}

const fonts = new Map<string, Buffer>();

/** The last-resort font (TrueType) for these code points, the same bytes for the same set. */
export function lastResortFont(codePoints: number[]): Buffer {
  const cps = [...new Set(codePoints)].sort((a, b) => a - b);
  const key = cps.join(',');
  const cached = fonts.get(key);
  if (cached) return cached;
  const glyphs = cps.map((cp, i) => {
    // Past the first few hundred characters a plain box (a hex box costs ~0.7 ms and ~0.5 kB to make).
    const { width, d } = isMark(cp) ? markBox(i) : i < HEX_BOXES ? hexBox(cp) : plainBox(i - HEX_BOXES);
    return `<glyph glyph-name="u${cp.toString(16).toUpperCase()}" unicode="&#x${cp.toString(16)};" horiz-adv-x="${width}" d="${d}"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"><defs><font id="BriefLastResort" horiz-adv-x="600">`
    + `<font-face font-family="${LAST_RESORT_FAMILY}" units-per-em="${EM}" ascent="${ASCENT}" descent="${-DESCENT}"/>`
    + `<missing-glyph horiz-adv-x="${PLAIN_BOX.width}" d="${PLAIN_BOX.d}"/>`
    + `${glyphs.join('')}</font></defs></svg>`;
  const svg2ttf = require('svg2ttf') as (svg: string, options: { ts: number; version: string; description: string }) => { buffer: Uint8Array };
  // A fixed time stamp: the same characters give the same font, so the same PDF.
  const ttf = Buffer.from(svg2ttf(svg, { ts: 0, version: '1.0', description: 'Boxes for characters no bundled font has, by brief.' }).buffer);
  setBounded(fonts, key, ttf, 16);
  return ttf;
}
