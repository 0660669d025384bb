import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';

/** The modules a file imports statically (not `import type`, not `await import(…)`), transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) stack.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.add(`package:${spec}`);
    }
  }
  return seen;
}

describe('CLI start-up', () => {
  it('the CLI loads no heavy module before a command runs: YAML, ajv, Handlebars, Puppeteer, pdf-lib are loaded by the actions', () => {
    const loaded = [...staticClosure(join(ROOT, 'src/cli/main.ts'))];
    const packages = loaded.filter((m) => m.startsWith('package:')).map((m) => m.slice('package:'.length)).filter((p) => !p.startsWith('node:'));
    expect(packages).toEqual(['commander']);
    // and the test can fail: the build stage does import heavy modules statically
    const build = [...staticClosure(join(ROOT, 'src/app/build.ts'))].filter((m) => m.startsWith('package:'));
    expect(build.length).toBeGreaterThan(1);
  });
});
