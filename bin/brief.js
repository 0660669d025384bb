#!/usr/bin/env node
import { run } from '../dist/cli/main.js';
import { exitWith } from '../dist/cli/io.js';

await exitWith(await run(process.argv.slice(2)));
