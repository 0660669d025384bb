import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findFactSheetFiles } from '../../../src/load/data.js';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LIKELIHOOD, STAGES, TLP_LEVELS, factSheetSchema } from '../../../src/schema/index.js';
import { DATA, FIXTURES, ROOT } from '../../helpers.js';

type Json = Record<string, any>;
const schema = factSheetSchema() as Json;

describe('the fact-sheet schema', () => {
  it('compiles in ajv strict mode against the 2020-12 meta-schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('is the source of the TypeScript types: src/schema/fact-sheet.ts is regenerated identically', async () => {
    // @ts-expect-error plain ESM script without types
    const { generate } = await import('../../../scripts/gen-types.mjs');
    const fresh = await generate();
    expect(readFileSync(join(ROOT, 'src/schema/fact-sheet.ts'), 'utf8')).toBe(fresh);
  });

  it('agrees with the constants the code uses', () => {
    expect(schema.$defs.stage.enum).toEqual([...STAGES]);
    expect(schema.$defs.likelihood.enum).toEqual(LIKELIHOOD.map((l) => l.term));
    expect(schema.$defs.tlp.enum).toEqual([...TLP_LEVELS]);
  });

  it('forbids unknown keys everywhere (every object schema is closed)', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Json;
      if (n.type === 'object' && n.additionalProperties !== false) open.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });

  it('has a title, a description and examples on every field (editors show them as help)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Json;
      if (n.properties) for (const [k, v] of Object.entries(n.properties as Json)) {
        const target = (v as Json).$ref ? schema.$defs[(v as Json).$ref.split('/').pop()] : {};
        for (const key of ['title', 'description', 'examples']) if (!(key in (v as Json)) && !(key in target)) missing.push(`${path}/properties/${k}: ${key}`);
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'properties') walk(v, `${path}/${k}`);
      if (n.properties) for (const [k, v] of Object.entries(n.properties as Json)) walk(v, `${path}/properties/${k}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('every example in the schema is valid against the field it illustrates', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    ajv.addSchema(schema);
    const bad: string[] = [];
    const walk = (node: unknown, pointer: string) => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      const n = node as Json;
      if (Array.isArray(n.examples)) {
        const validate = ajv.getSchema(`${schema.$id}#${pointer}`)!;
        n.examples.forEach((ex: unknown, i: number) => { if (!validate(ex)) bad.push(`${pointer}/examples/${i}: ${ajv.errorsText(validate.errors)}`); });
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'examples') walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(schema, '');
    expect(bad).toEqual([]);
  });

  it('has a description on every property', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Json;
      if (n.properties) for (const [k, v] of Object.entries(n.properties as Json)) {
        const target = (v as Json).$ref ? schema.$defs[(v as Json).$ref.split('/').pop()] : v;
        if (!(v as Json).description && !(target as Json)?.description && !(v as Json).title && !(target as Json)?.title) missing.push(`${path}/${k}`);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('every sample fact sheet (and the valid fixture) starts with a yaml-language-server line pointing at this schema', async () => {
    const files = [...(await findFactSheetFiles([DATA])), join(FIXTURES, 'valid/minimal.yaml')];
    for (const f of files) {
      const first = readFileSync(f, 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, f).not.toBeNull();
      expect(realpathSync(resolve(dirname(f), m![1]!)), f).toBe(realpathSync(join(ROOT, 'schema/fact-sheet.schema.json')));
    }
  });
});
