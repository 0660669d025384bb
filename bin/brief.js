#!/usr/bin/env node
import { statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1 and later keep brief's compiled modules on disk between runs (Node's compile cache: a
// quiet optimization that never throws; NODE_DISABLE_COMPILE_CACHE=1 turns it off). Node 20 has none.
module.enableCompileCache?.();
const args = process.argv.slice(2);
// A cold `brief build --force` waits for Chrome's start: spawn it before the CLI's modules load
// (the printer adopts it: dist/print/early.js).
if (args[0] === 'build' && args.includes('--force') && !args.some((a) => /^(--browser|--watch|--help|-h)(=|$)/.test(a))) {
  await (await import('../dist/print/early.js')).startEarly();
}
// `brief validate PATHS…` runs from one bundled file when the build made it (src/cli/validate-run.ts
// says why); its other forms, and every other command, from the modules. In a working copy the
// bundle must not be older than the modules (a bare `tsc` leaves it stale); an installed package
// is as it was packed (npm does not keep the files' times, so they say nothing there).
let code;
if (args[0] === 'validate') {
  const file = new URL('../dist/bundle/validate.cjs', import.meta.url);
  const made = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  const installed = fileURLToPath(import.meta.url).split(/[\\/]/).includes('node_modules');
  const current = made !== undefined && (installed || made >= statSync(new URL('../dist/cli/validate-run.js', import.meta.url)).mtimeMs);
  const bundle = current ? module.createRequire(import.meta.url)(fileURLToPath(file)) : undefined;
  code = await bundle?.plainValidate(args);
  if (code !== undefined) await bundle.exitWith(code);
}
if (code === undefined) {
  const { run } = await import('../dist/cli/main.js');
  const { exitWith } = await import('../dist/cli/io.js');
  await exitWith(await run(args));
}
