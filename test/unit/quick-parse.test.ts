import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findFactSheetFiles, loadSheets } from '../../src/data.js';
import { parseYaml, quickParse } from '../../src/load.js';
import { validateLoaded } from '../../src/validate.js';
import { DATA, FIXTURES } from '../helpers.js';

/** The quick parser (js-yaml) must read exactly what the full parser (yaml's document API) reads. */
describe('the quick parse path', () => {
  it('reads every sample and fixture fact sheet exactly as the full parser does', async () => {
    const files = await findFactSheetFiles([DATA, `${FIXTURES}/valid`, `${FIXTURES}/handling`, `${FIXTURES}/print`]);
    expect(files.length).toBeGreaterThanOrEqual(5);
    let quick = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const q = quickParse(f, text);
      if (q) quick++;
      if (q) expect(q.data, f).toEqual(parseYaml(f, text).data);
    }
    expect(quick).toBe(files.length); // none of them needs the full parser
  });

  it('leaves to the full parser what it must not decide', () => {
    for (const text of ['a: 1\na: 2\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '---\na: 1\n---\nb: 2\n', 'a: [1, 2\n', '', '# only a comment\n', 'base: &b {x: 1}\nc:\n  <<: *b\n']) {
      expect(quickParse('t.yaml', text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('property: any YAML the tool itself could write reads the same both ways', () => {
    const scalar = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null),
      fc.constantFrom('yes', 'no', 'on', 'off', '2025-09-20', '0o17', '017', '1e3', '.inf', '~', 'null', 'true', '12:30', '0x1F'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie('node'), { maxKeys: 4 })),
    })).node;
    let compared = 0;
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 6 }), (obj) => {
      const text = stringify(obj);
      const q = quickParse('t.yaml', text);
      if (q) {
        compared++;
        expect(q.data).toEqual(parseYaml('t.yaml', text).data);
      }
    }), { numRuns: 300 });
    expect(compared).toBeGreaterThan(150); // most documents really went through both parsers
  });

  it('a sheet with problems is reported with real positions, not the quick path\'s', async () => {
    const r = await loadSheets([`${FIXTURES}/invalid/schema-enum.yaml`]);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.line > 1)).toBe(true);
  });

  it('warnings get their positions and messages from the full parse when read, identical to eager validation', async () => {
    const files = await findFactSheetFiles([`${DATA}/2025-W38`]);
    const r = await loadSheets(files);
    const warnings = r.problems.filter((p) => p.severity === 'warning');
    expect(warnings.length).toBeGreaterThanOrEqual(3); // the sample data carries honest warnings
    const eager = files.flatMap((f) => {
      const week = '2025-W38';
      return validateLoaded(parseYaml(r.files[files.indexOf(f)]!, readFileSync(f, 'utf8')), { week }).problems;
    });
    expect(JSON.parse(JSON.stringify(r.problems))).toEqual(JSON.parse(JSON.stringify(eager)));
    expect(warnings.every((p) => p.line > 1 && p.col >= 1)).toBe(true);
  });
});

