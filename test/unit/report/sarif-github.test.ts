import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.js';
import { RULES } from '../../../src/validate/rules.js';
import { ROOT, tempDir } from '../../helpers.js';

const exec = promisify(execFile);

async function sarif(args: string[]): Promise<{ runs: [{ tool: { driver: { informationUri: string; rules: Record<string, any>[] } }; results: Record<string, any>[] }] }> {
  let out = '';
  await run(['validate', '--format', 'sarif', ...args], { stdout: (s) => { out += s; }, stderr: () => {}, env: {}, isTTY: false });
  return JSON.parse(out);
}

/** SARIF that GitHub code scanning ingests and shows well (its GH/GHAS ingestion rules). */
describe('SARIF for code scanning', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('every rule has a short and a full description, help in text and Markdown, and a helpUri to its section of docs/rules.md', async () => {
    const log = await sarif(['test/fixtures/invalid']);
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
    const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    const anchors = new Set([...doc.matchAll(/^### ([a-z0-9-]+)$/gm)].map((m) => m[1]));
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of driver.rules) {
      expect(r.shortDescription.text.length, r.id).toBeGreaterThan(0);
      expect(r.shortDescription.text.length, r.id).toBeLessThanOrEqual(r.fullDescription.text.length);
      expect(r.help.text, r.id).toContain(r.fullDescription.text);
      expect(r.help.markdown, r.id).toContain(`**${r.id}**`);
      expect(r.helpUri, r.id).toBe(`${driver.informationUri}/blob/main/docs/rules.md#${r.id}`);
      expect(anchors.has(r.id), `docs/rules.md has no '### ${r.id}'`).toBe(true);
    }
  });

  it('file URIs are relative to %SRCROOT%, also for a file named by its absolute path', async () => {
    const abs = join(ROOT, 'test/fixtures/invalid/sources-weak.yaml');
    for (const arg of [abs, 'test/fixtures/invalid/sources-weak.yaml']) {
      const [result] = (await sarif([arg])).runs[0].results;
      expect(result!.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'test/fixtures/invalid/sources-weak.yaml', uriBaseId: '%SRCROOT%' });
    }
  });

  // Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, a self-contained binary that runs
  // offline) with GitHub's ingestion rules. npm may have installed it without its exec bit (scripts off).
  const binary = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
  it.skipIf(process.platform !== 'linux' || !existsSync(binary))('Sarif.Multitool validate --rule-kind "Sarif;Gh;Ghas" finds nothing in our logs, and does find a broken log\'s faults', async () => {
    let tool = binary;
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      tool = join(tmp.dir, 'Sarif.Multitool');
      copyFileSync(binary, tool);
      chmodSync(tool, 0o755);
    }
    const check = async (log: unknown, name: string) => {
      const input = join(tmp.dir, `${name}.sarif`);
      const output = join(tmp.dir, `${name}.out.sarif`);
      writeFileSync(input, JSON.stringify(log));
      await exec(tool, ['validate', '--rule-kind', 'Sarif;Gh;Ghas', '--output', output, input], { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, maxBuffer: 1 << 24 });
      return (JSON.parse(readFileSync(output, 'utf8')).runs[0].results as { ruleId: string; message: { arguments?: string[] } }[]).map((r) => `${r.ruleId}: ${r.message.arguments?.join(' | ')}`);
    };
    expect(await check(await sarif(['test/fixtures/invalid']), 'corpus')).toEqual([]);
    const broken = await sarif(['test/fixtures/invalid/sources-weak.yaml']);
    for (const r of broken.runs[0].tool.driver.rules) { delete r.fullDescription; delete r.help; }
    const found = await check(broken, 'broken');
    expect(found.some((f) => f.startsWith('GH2012'))).toBe(true); // no fullDescription / help
  }, 120_000);
});
