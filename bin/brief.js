#!/usr/bin/env node
const args = process.argv.slice(2);
// A cold `brief build --force` waits for Chrome's start: spawn it before the CLI's modules load
// (the printer adopts it: dist/print/early.js).
if (args[0] === 'build' && args.includes('--force') && !args.some((a) => /^(--browser|--watch|--help|-h)(=|$)/.test(a))) {
  await (await import('../dist/print/early.js')).startEarly();
}
const { run } = await import('../dist/cli/main.js');
const { exitWith } = await import('../dist/cli/io.js');

await exitWith(await run(args));
