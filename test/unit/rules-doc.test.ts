import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/validate/rules.js';
import { ROOT } from '../helpers.js';
// @ts-expect-error -- a plain .mjs script, no types
import { introOf, rulesMarkdown } from '../../scripts/gen-rules-doc.mjs';

describe('docs/rules.md', () => {
  it('is what scripts/gen-rules-doc.mjs writes from src/validate/rules.ts (run `npm run build:ts && npm run gen:rules` after changing a rule)', () => {
    const text = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(text).toBe(rulesMarkdown(RULES, introOf(text)));
  });

  it('the generator can fail: a rule missing from the document is noticed', () => {
    const text = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(rulesMarkdown([...RULES, { id: 'new-rule', severity: 'warning', description: 'New.' }], introOf(text))).not.toBe(text);
  });
});
