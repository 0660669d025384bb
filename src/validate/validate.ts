import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { LoadedYaml } from '../load/yaml.js';
import { precompiledValidator } from '../schema/precompiled.js';
import { capProblems, lineText, MAX_PROBLEMS_PER_FILE, problemAt, sortProblems, type Problem } from './problems.js';
import { factSheetSchema, schemaUrl, type FactSheet } from '../schema/index.js';
import { crossReferenceProblems } from './checks.js';
import { sourceProblems } from './checks-sources.js';
import { glyphProblems } from './checks-glyphs.js';
import { evidenceProblems } from './checks-evidence.js';
import { describeSchemaError } from './schema-messages.js';
import { nearest } from '../util/nearest.js';
import { checkShape } from './shape.js';
import { controlProblems } from './checks-text.js';
import { mayChangeForPrint, printStrings } from '../util/marks.js';

/** ajv's compiler is only loaded when there is no precompiled validator (it costs ~40 ms to load). */
const require = createRequire(import.meta.url);

let compiled: ValidateFunction | undefined;

/**
 * The fact-sheet validator (strict mode, all errors), once per process: the precompiled standalone
 * code that `npm run build:ts` writes beside this module when it matches the current schema (it
 * saves ~300 ms of start-up), otherwise compiled here.
 */
export function schemaValidator(): ValidateFunction {
  compiled ??= precompiledValidator('fact-sheet', readFileSync(schemaUrl, 'utf8')) ?? compileValidator();
  return compiled;
}

export function compileValidator(): ValidateFunction {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv);
  return ajv.compile(factSheetSchema());
}


export interface ValidationResult {
  file: string;
  /** The typed fact sheet when it has no errors (warnings allowed). */
  sheet: FactSheet | undefined;
  problems: Problem[];
}

/** Schema problems, each at its position, with messages for people. */
export function schemaProblems(loaded: LoadedYaml): Problem[] {
  const validate = schemaValidator();
  if (validate(loaded.data)) return [];
  const errors = pruneErrors(validate.errors ?? []);
  // Unknown keys by the mapping they are in, for the typo hint below (one look-up per missing field,
  // not a search of every error: a sheet may have tens of thousands).
  const unknownKeys = new Map<string, ErrorObject[]>();
  for (const o of errors) {
    if (o.keyword !== 'additionalProperties') continue;
    const at = unknownKeys.get(o.instancePath);
    if (at) at.push(o); else unknownKeys.set(o.instancePath, [o]);
  }
  // A missing field next to an unknown key spelt like it (`sinse:` for `since:`) is one mistake: one
  // error, at the misspelt key, saying the field it stands for is required.
  const misspelt = new Map<ErrorObject, string>(); // the unknown key → the required field it stands for
  const covered = new Set<ErrorObject>(); // the required errors those keys say
  for (const err of errors) {
    if (err.keyword !== 'required') continue;
    const missing = String((err.params as { missingProperty?: string }).missingProperty);
    const typo = unknownKeys.get(err.instancePath)?.find((o) => !misspelt.has(o) &&
      nearest(String((o.params as { additionalProperty?: string }).additionalProperty), [missing]) !== undefined);
    if (typo) { misspelt.set(typo, missing); covered.add(err); }
  }
  const problems = errors.flatMap((err) => {
    if (covered.has(err)) return [];
    const d = describeSchemaError(err, loaded.data);
    if (err.keyword === 'required') return [requiredAt(loaded, err.instancePath, d.rule, d.message)];
    const meant = misspelt.get(err);
    const message = meant === undefined ? d.message
      : d.message.includes(`did you mean '${meant}'?`) ? d.message.replace(`did you mean '${meant}'?`, `did you mean '${meant}'? (a required field)`)
        : `${d.message}; '${meant}' is required and missing: is this it?`;
    return [problemAt(loaded, err.instancePath, d.rule, message, 'error', d.key)];
  });
  return problems;
}

/**
 * A missing field is reported at the key of the mapping it belongs in (`status:`), or, for a list
 * item or the whole sheet, at the mapping's first line only, so editors and annotations do not
 * underline the whole block.
 */
function requiredAt(loaded: LoadedYaml, pointer: string, rule: string, message: string): Problem {
  const cut = pointer.lastIndexOf('/');
  const last = pointer.slice(cut + 1);
  if (pointer && !/^\d+$/.test(last)) {
    return { ...problemAt(loaded, pointer.slice(0, cut), rule, message, 'error', last.replace(/~1/g, '/').replace(/~0/g, '~')), pointer };
  }
  const p = problemAt(loaded, pointer, rule, message);
  const text = lineText(loaded.text, p.line) ?? '';
  return { ...p, endLine: p.line, endCol: Math.max(p.col, text.length + 1) };
}

/** Drop errors that only repeat another one (the `if`/`anyOf` echoes, a pattern next to a format). */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  const formats = new Set(errors.filter((o) => o.keyword === 'format').map((o) => o.instancePath));
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    // a value that fails both `pattern` and `format: date` is one problem
    if (e.keyword === 'pattern' && formats.has(e.instancePath)) continue;
    const k = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

/**
 * Validate a loaded fact sheet: parse problems, then the schema (all errors), then the meaning
 * checks the schema cannot express. Returns every problem at once, sorted by position.
 */
export function validateLoaded(loaded: LoadedYaml, options: { week?: string; path?: string } = {}): ValidationResult {
  const problems = [...loaded.problems];
  if (problems.some((p) => p.severity === 'error') || loaded.data === undefined) {
    return { file: loaded.file, sheet: undefined, problems: sortProblems(problems) };
  }
  if (loaded.data === null || typeof loaded.data !== 'object' || Array.isArray(loaded.data)) {
    problems.push(problemAt(loaded, '', 'schema-type', `a fact sheet is a YAML mapping (id: …, title: …); found ${Array.isArray(loaded.data) ? 'a list' : loaded.data === null ? 'nothing' : `a ${typeof loaded.data}`}`));
    return { file: loaded.file, sheet: undefined, problems: sortProblems(problems) };
  }
  // Bounds first: a list too long is checked only in part, a value nested too deep not at all.
  const shape = checkShape(loaded.data);
  for (const issue of shape.issues) problems.push(problemAt(loaded, issue.pointer, issue.rule, issue.message));
  if (shape.deep) return { file: loaded.file, sheet: undefined, problems: capProblems(sortProblems(problems), MAX_PROBLEMS_PER_FILE) };
  const checked = shape.bounded === loaded.data ? loaded : { ...loaded, data: shape.bounded };
  const schema = schemaProblems(checked);
  problems.push(...schema);
  // Meaning checks run on whatever parts are well-formed, so all problems show at once.
  // `path`: where the sheet is on disk (archives are relative to it); by default its display name.
  const meaning = [...crossReferenceProblems(checked, options), ...sourceProblems(checked, options), ...evidenceProblems(checked, options), ...controlProblems(checked), ...glyphProblems(checked)];
  // One mistake, one error: what a meaning check says of a value the schema already rejects (a cited
  // id mistyped as 'Src-A': not in the sources list, and which ids are) is said in the schema's error.
  const rejected = new Map(schema.filter((p) => p.severity === 'error').map((p) => [p.pointer, p]));
  for (const p of meaning) {
    const same = p.severity === 'error' ? rejected.get(p.pointer) : undefined;
    if (same) same.message += `; also: ${p.message}`;
    else problems.push(p);
  }
  const ok = !problems.some((p) => p.severity === 'error');
  // The sheet as it prints (util/marks.ts printText): letters written as a base and combining marks
  // composed, explicit bidirectional formatting left out (either can also be written as an escape
  // in a double-quoted string: "g\u0306", "\u202e").
  const sheet = !ok ? undefined : mayChangeForPrint(loaded.text) ? printStrings(loaded.data as FactSheet) : (loaded.data as FactSheet);
  return { file: loaded.file, sheet, problems: capProblems(sortProblems(problems), MAX_PROBLEMS_PER_FILE) };
}
