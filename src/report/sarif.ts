import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Problem } from '../validate/problems.js';
import { jsonSafe } from '../util/printable.js';
import { RULES, ruleOf, type Rule } from '../validate/rules.js';

/** SARIF 2.1.0 (OASIS) for code-scanning tools: one run, the rule catalogue, one result per problem. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Tool version (package.json). */
  version: string;
  informationUri?: string;
}

const level = (s: Problem['severity']) => (s === 'error' ? 'error' : 'warning');

/** Relative paths stay relative (to the repository root, %SRCROOT%), with forward slashes. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function toSarif(problems: readonly Problem[], options: SarifOptions): Record<string, unknown> {
  const rules: Rule[] = [...RULES];
  for (const p of problems) if (!rules.some((r) => r.id === p.rule)) rules.push(ruleOf(p.rule));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'brief',
          version: options.version,
          informationUri: options.informationUri ?? 'https://brief.dev/',
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description },
            defaultConfiguration: { level: level(r.severity) },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: problems.map((p) => {
        const startLine = Math.max(1, p.line);
        const startColumn = Math.max(1, p.col);
        const endLine = Math.max(startLine, p.endLine ?? startLine);
        const endColumn = endLine === startLine ? Math.max(startColumn, p.endCol ?? startColumn) : Math.max(1, p.endCol ?? 1);
        return {
          ruleId: p.rule,
          ruleIndex: index.get(p.rule),
          level: level(p.severity),
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation: artifact(p.file),
              region: { startLine, startColumn, endLine, endColumn },
            },
          }],
        };
      }),
    }],
  };
}

export function formatSarif(problems: readonly Problem[], options: SarifOptions): string {
  return `${jsonSafe(JSON.stringify(toSarif(problems, options), null, 2))}\n`;
}
