import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readConfigFile } from '../../src/config.js';
import { loadAudience } from '../../src/load/audience.js';
import { loadSheets } from '../../src/validate/sheets.js';
import { ROOT, tempDir } from '../helpers.js';

/** Every ```yaml block of the README and docs/, as a reader would copy it. */
const blocks = ['README.md', 'docs/install-and-cli.md'].flatMap((doc) => {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => ({ doc, line: text.slice(0, m.index).split('\n').length + 1, yaml: m[1]! }));
});

describe('the YAML examples in the documentation', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('there are some, among them a fact sheet and an audience', () => {
    expect(blocks.some((b) => b.yaml.includes('fact-sheet.schema.json'))).toBe(true);
    expect(blocks.some((b) => b.yaml.includes('audience.schema.json'))).toBe(true);
  });

  it.each(blocks.map((b) => [`${b.doc}:${b.line}`, b] as const))('%s parses, and is valid against the schema its $schema line names', async (_name, b) => {
    // the $schema line as it works in a project with brief installed: from where the file sits to node_modules
    const ref = /\$schema=(\S+)/.exec(b.yaml)?.[1];
    const depth = b.yaml.includes('fact-sheet.schema.json') ? 2 : b.yaml.includes('audience.schema.json') ? 3 : 0;
    if (ref) expect(ref).toBe(`${'../'.repeat(depth)}node_modules/brief/schema/${/[a-z-]+\.schema\.json$/.exec(ref)![0]}`);
    const doc = parseDocument(b.yaml, { uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    if (b.yaml.includes('fact-sheet.schema.json')) {
      const week = join(tmp.dir, `sheet-${b.line}`, 'data', '2025-W38');
      mkdirSync(week, { recursive: true });
      writeFileSync(join(week, 'example.yaml'), b.yaml);
      const r = await loadSheets([join(week, 'example.yaml')]);
      expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}: ${p.rule}: ${p.message}`)).toEqual([]);
    } else if (b.yaml.includes('config.schema.json')) {
      const file = join(tmp.dir, `config-${b.line}.yaml`);
      writeFileSync(file, b.yaml);
      await expect(readConfigFile(file)).resolves.toBeDefined();
    } else if (b.yaml.includes('audience.schema.json')) {
      const dir = join(tmp.dir, `aud-${b.line}`);
      mkdirSync(join(dir, 'audiences', 'example'), { recursive: true });
      writeFileSync(join(dir, 'audiences', 'example', 'audience.yaml'), b.yaml);
      await expect(loadAudience(dir, 'example')).resolves.toMatchObject({ name: 'example' });
    }
  });
});
