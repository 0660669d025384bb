// Precompiles the fact-sheet and audience-config validators with ajv's standalone code generation, so
// the command line does not spend ~300 ms (and ~60 ms) compiling schemas at every start. Writes
// dist/schema/fact-sheet.validator.cjs and dist/schema/audience.validator.cjs
// (run after tsc: `npm run build:ts`, `prepare` and `npm test` do). src/validate.ts checks the
// schema hash it embeds and compiles at run time instead when the file is missing or stale.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { _ } from 'ajv';

const root = new URL('../', import.meta.url);
const text = readFileSync(new URL('schema/fact-sheet.schema.json', root), 'utf8');
const ajv = new Ajv2020({
  allErrors: true, strict: true, allowUnionTypes: true, verbose: true,
  code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
});
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(text));
const hash = createHash('sha256').update(text).digest('hex');
const code = `${standaloneCode.default(ajv, validate)}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`;
mkdirSync(new URL('dist/schema/', root), { recursive: true });
writeFileSync(new URL('dist/schema/fact-sheet.validator.cjs', root), code);

// The audience config: same options as src/audience.ts compiles with at run time.
const audienceText = readFileSync(new URL('schema/audience.schema.json', root), 'utf8');
const audienceAjv = new Ajv2020({ allErrors: true, strict: true, code: { source: true } });
const audienceValidate = audienceAjv.compile(JSON.parse(audienceText));
const audienceHash = createHash('sha256').update(audienceText).digest('hex');
writeFileSync(new URL('dist/schema/audience.validator.cjs', root),
  `${standaloneCode.default(audienceAjv, audienceValidate)}\nmodule.exports.schemaHash = ${JSON.stringify(audienceHash)};\n`);
