import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How full each page of a PDF is: pdftoppm renders it in greyscale at 20 dpi, and the fill is the
 * share of the body area (inside the 20 mm top and bottom margins, where the running head and foot
 * are) from its top down to the lowest row with ink.
 */
export function pageFills(pdf: string, marginMm = 20): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'brief-fill-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', '20', pdf, join(dir, 'p')]);
    return readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => {
      const { width, height, pixels } = readPgm(readFileSync(join(dir, f)));
      const margin = Math.round((marginMm / 25.4) * 20);
      let lowest = -1;
      for (let y = margin; y < height - margin; y++) {
        for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 200) { lowest = y; break; }
      }
      return lowest < 0 ? 0 : (lowest - margin + 1) / (height - 2 * margin);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readPgm(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: buf.subarray(header[0].length) };
}
