import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { loadSheets } from '../../../src/validate/sheets.js';
import { locate, parseYaml, quickParse, type LoadedYaml } from '../../../src/load/yaml.js';
import { indexPositions } from '../../../src/load/positions.js';
import { validateLoaded } from '../../../src/validate/validate.js';
import { DATA, FIXTURES } from '../../helpers.js';

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

  it('warnings and errors of a quick-parsed sheet are at the positions and have the messages the full parse gives', async () => {
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

  /** Every value and every key of `data`, located through the quick index and through the full parse. */
  function comparePositions(file: string, text: string): number {
    const q = quickParse(file, text)!;
    const index = indexPositions(text);
    expect(index, `${file}: no position index`).toBeDefined();
    const quick: LoadedYaml = { ...q, index };
    const full = parseYaml(file, text);
    let n = 0;
    const walk = (v: unknown, path: (string | number)[]) => {
      expect(locate(quick, path), `${file} /${path.join('/')}`).toEqual(locate(full, path));
      n++;
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          expect(locate(quick, path, k), `${file} key /${[...path, k].join('/')}`).toEqual(locate(full, path, k));
          n++;
          walk(x, [...path, k]);
        }
      }
      // a path that goes nowhere is located at the nearest value, as with the full parse
      expect(locate(quick, [...path, 'no-such-key', 3])).toEqual(locate(full, [...path, 'no-such-key', 3]));
    };
    walk(q.data, []);
    return n;
  }

  it('the quick position index puts every value and key of every sample and fixture sheet where the full parse does', async () => {
    const files = await findFactSheetFiles([DATA, FIXTURES]);
    let located = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (quickParse(f, text)) located += comparePositions(f, text);
    }
    expect(located).toBeGreaterThan(5000);
  });

  it('the quick position index agrees with the full parse on comments, empty values, block and flow forms', () => {
    const texts = [
      'a: 1\nb:\n  - x\n  - {k: v, m: [1, 2]}\n  - ~\nc:   "q"   # comment\nd:\ne: |\n  block\n\nf: [a, b]\n',
      '# head\n\nid: x   # trailing\nlist:\n  # before an item\n  - a: 1\n    b: >-\n      folded\n      text\n\n  # between\n  - plain\n    continued\nlast:\n',
      '"quoted key": 1\n\'single\': [ {a: 1}, [2, 3] ]\nnested:\n  deeper:\n    deepest: null\n',
      'a:\n- 1\n- 2\nb: 3\r\nc: "x\\ny"\n',
      'empty:\nspaced:   \ncommented:   # why\nlast: 1\nitems:\n  - x\n',
      '? explicit\n: 1\nb: 2\n',
    ];
    for (const t of texts) expect(comparePositions('t.yaml', t)).toBeGreaterThan(3);
    // Forms whose nodes the quick parser does not report one by one get no index (the full parse is
    // used): an empty list item.
    for (const t of ['items:\n  -\n  - x\n']) {
      expect(quickParse('t.yaml', t), t).toBeDefined();
      expect(indexPositions(t), t).toBeUndefined();
    }
  });

  it('property: the quick position index agrees with the full parse on any YAML the tool could write', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('a: b', '# not a comment', 'multi\nline\ntext', '  padded  '));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie('node'), { maxKeys: 4 })),
    })).node;
    let compared = 0;
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (obj, flow) => {
      const text = stringify(obj, flow ? { collectionStyle: 'flow' } : {});
      if (quickParse('t.yaml', text) && indexPositions(text)) compared += comparePositions('t.yaml', text);
    }), { numRuns: 200 });
    expect(compared).toBeGreaterThan(1000);
  });
});
