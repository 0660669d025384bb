import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Problem } from '../validate/problems.js';
import { jsonSafe } from '../util/printable.js';
import { RULES, ruleOf, type Rule } from '../validate/rules.js';

/** SARIF 2.1.0 (OASIS) for code-scanning tools: one run, the rule catalogue, one result per problem. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Tool version (package.json). */
  version: string;
  /** The tool's home (package.json's repository); rules' helpUri point into its docs/rules.md. */
  informationUri?: string;
  /** The folder relative file URIs are relative to (the repository root in CI); default: the working folder. */
  root?: string;
}

/** The first sentence of a description: code scanning's one-line summary of a rule. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(?:\s|$)/.exec(text);
  return m ? m[1]! : text;
}

/** GitHub's anchor for a heading that is the rule id (lowercase; ids are kebab-case already). */
export const ruleAnchor = (id: string): string => id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

function reportingDescriptor(r: Rule, informationUri: string | undefined): Record<string, unknown> {
  const helpUri = informationUri ? `${informationUri.replace(/\/$/, '')}/blob/main/docs/rules.md#${ruleAnchor(r.id)}` : undefined;
  const text = [r.description, r.fix ? `How to fix: ${r.fix}` : undefined, helpUri ? `See ${helpUri}` : undefined].filter(Boolean).join('\n\n');
  const markdown = [`**${r.id}** (${r.severity}): ${r.description}`, r.fix ? `**How to fix:** ${r.fix}` : undefined, helpUri ? `[The rule in brief's catalogue](${helpUri})` : undefined].filter(Boolean).join('\n\n');
  return {
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: firstSentence(r.description) },
    fullDescription: { text: r.description },
    help: { text, markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: level(r.severity) },
    properties: { tags: ['fact-sheet', r.id.split('-')[0]!] },
  };
}

const level = (s: Problem['severity']) => (s === 'error' ? 'error' : 'warning');

/**
 * Files as relative URIs against %SRCROOT% (the repository root, which code scanning maps to the
 * checkout), with forward slashes; an absolute path inside the root is made relative to it. Only a
 * file outside the root keeps an absolute file: URI (code scanning cannot place it anyway).
 */
function artifact(file: string, root: string): { uri: string; uriBaseId?: string } {
  // (a relative name is the working folder's, which need not be the root: a job's working-directory)
  const rel = relative(root, resolve(file));
  if (isAbsolute(rel) || rel.startsWith('..')) return { uri: pathToFileURL(resolve(root, file)).href };
  return { uri: rel.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function toSarif(problems: readonly Problem[], options: SarifOptions): Record<string, unknown> {
  const root = resolve(options.root ?? process.cwd());
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
          fullName: 'brief fact-sheet validation',
          version: options.version,
          ...(options.informationUri ? { informationUri: options.informationUri } : {}),
          rules: rules.map((r) => reportingDescriptor(r, options.informationUri)),
        },
      },
      // (which analysis this run is, for tools that keep several apart: Azure DevOps requires it)
      automationDetails: { id: 'brief/validate/' },
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
              artifactLocation: artifact(p.file, root),
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
