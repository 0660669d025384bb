import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** The direction rules of .dependency-cruiser.cjs, as CI checks them (docs/architecture.md). */
describe('architecture', () => {
  it('src/ has no import cycle and every stage imports only the stages before it', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const result = JSON.parse(out) as { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string }[]; totalCruised: number } };
    expect(result.summary.totalCruised).toBeGreaterThan(50);
    expect(result.summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('unit tests mirror the stages: each folder of test/unit names a folder of src', () => {
    const folders = readdirSync(join(ROOT, 'test/unit'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.length).toBeGreaterThanOrEqual(10);
    expect(folders.filter((f) => !existsSync(join(ROOT, 'src', f)))).toEqual([]);
  });
});
