// Reads vitest's output and prints its own counts as a plain line: "N passed, N failed".
import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const line = text.split('\n').find((l) => /^\s*Tests\s+/.test(l));
if (!line) { console.log('0 passed, 1 failed'); process.exit(0); }
const n = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
if (n('skipped')) console.log(`(${n('skipped')} skipped: see the log above for why)`);
console.log(`${n('passed')} passed, ${n('failed')} failed`); // the last line, always this plain form
