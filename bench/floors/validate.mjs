// The validate floor (not brief): read every .yaml file under the given folders, parse it with
// js-yaml and check it against the project's fact-sheet JSON Schema with ajv (the standalone
// validator compiled at build time, dist/schema/fact-sheet.validator.cjs, which brief uses too). No
// meaning checks, no positions, no report beyond a count. Run as a process of its own, timed whole.
//   node bench/floors/validate.mjs DIR...
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import yaml from 'js-yaml';

const validate = createRequire(import.meta.url)('../../dist/schema/fact-sheet.validator.cjs');
const check = validate.default ?? validate;
let files = 0, invalid = 0;
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e.name)) {
      files++;
      if (!check(yaml.load(readFileSync(p, 'utf8'), { schema: yaml.CORE_SCHEMA }))) invalid++;
    }
  }
};
for (const d of process.argv.slice(2)) walk(d);
process.stdout.write(`${files} files, ${invalid} not valid by the schema\n`);
