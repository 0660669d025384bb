// Generates src/schema/fact-sheet.ts from schema/fact-sheet.schema.json, the one source of truth.
// `npm run gen:types` writes it; `node scripts/gen-types.mjs --check` fails when it is stale
// (a test runs the same check, so the types cannot drift from the schema).
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

const root = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/fact-sheet.schema.json', root), 'utf8'));
const target = new URL('src/schema/fact-sheet.ts', root);

export async function generate() {
  const ts = await compile(schema, 'FactSheet', {
    bannerComment: '/* Generated from schema/fact-sheet.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */',
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 110 },
  });
  return ts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ts = await generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== ts) {
      console.error('src/schema/fact-sheet.ts is out of date with the schema: run `npm run gen:types`');
      process.exit(1);
    }
  } else {
    writeFileSync(target, ts);
    console.log('wrote src/schema/fact-sheet.ts');
  }
}
