import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * precompiled: the validators `npm run build:ts` writes as ajv standalone code
 * (scripts/gen-dist.mjs → dist/schema/<name>.validator.cjs), each stamped with the hash of the
 * schema it was made from. One is used only while its schema is unchanged; otherwise (or running
 * from src/, as the tests do) the caller compiles the schema itself.
 */
export function precompiledValidator(name: 'fact-sheet' | 'audience' | 'config', schemaText: string): ValidateFunction | undefined {
  try {
    const mod = createRequire(import.meta.url)(`../schema/${name}.validator.cjs`) as ValidateFunction & { schemaHash?: string };
    return mod.schemaHash === createHash('sha256').update(schemaText).digest('hex') ? mod : undefined;
  } catch {
    return undefined; // not generated
  }
}
