// docs/rules.md from the rule catalogue (src/validate/rules.ts): the hand-written introduction above
// the marker line is kept; the table and one section per rule (the anchors SARIF's helpUri points
// at) are generated below it. Run after `npm run build:ts` (it reads dist/): `npm run gen:rules`.
// test/unit/rules-doc.test.ts checks the file is what this script writes.
import { readFileSync, writeFileSync } from 'node:fs';

export const MARKER = '<!-- Generated below from src/validate/rules.ts by scripts/gen-rules-doc.mjs (npm run gen:rules); edit the rules there. -->';

const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The whole document: `intro` (the text above the marker) + the marker + the generated part. */
export function rulesMarkdown(rules, intro) {
  const out = [intro.trimEnd(), '', MARKER, '', '| rule | severity | meaning |', '|---|---|---|'];
  for (const r of rules) out.push(`| \`${r.id}\` | ${r.severity} | ${cell(r.description)} |`);
  out.push('', '## The rules one by one', '');
  for (const r of rules) {
    out.push(`### ${r.id}`, '', `Severity: **${r.severity}**.`, '', r.description, '');
    if (r.fix) out.push(`How to fix: ${r.fix}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The hand-written part of an existing document (everything above the marker). */
export function introOf(text) {
  const at = text.indexOf(MARKER);
  return at < 0 ? text : text.slice(0, at);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../docs/rules.md', import.meta.url);
  const { RULES } = await import(new URL('../dist/validate/rules.js', import.meta.url).href);
  writeFileSync(file, rulesMarkdown(RULES, introOf(readFileSync(file, 'utf8'))));
}
