import { isAbsolute, relative } from 'node:path';
import type { ErrorObject } from 'ajv';
import { BriefError, ExitCode } from '../errors.js';
import { nearest } from '../util/nearest.js';

/**
 * config-errors: a configuration file's schema errors (brief.config.yaml, an audience.yaml) as
 * people read a fact sheet's: `file:line:col: what is wrong`, the nearest known key or value for a
 * typo, and what was written. Only on the error path: the YAML is parsed again here, with the
 * positions, by the `yaml` package.
 */
interface SchemaNode { type?: string | string[]; properties?: Record<string, SchemaNode>; items?: SchemaNode; enum?: unknown[] }

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number', number: 'a number', string: 'a text', boolean: 'true or false', array: 'a list', object: 'a mapping of keys',
};

/** The schema of the value at a JSON pointer (properties and items only: the config schemas have no $ref). */
function schemaAt(schema: SchemaNode, segments: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const seg of segments) node = /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg];
  return node;
}

const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** Each error as `file:line:col: message` (line and column of the key or value it is about, when found). */
async function configErrorLines(file: string, text: string, errors: readonly ErrorObject[], schema: SchemaNode): Promise<string[]> {
  let locate: (segments: readonly string[], key: boolean) => { line: number; col: number } | undefined = () => undefined;
  if (!file.endsWith('.json')) {
    const { parseDocument, LineCounter, isMap, isPair, isScalar } = await import('yaml');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    locate = (segments, key) => {
      const parentPath = segments.slice(0, -1);
      const last = segments.at(-1);
      const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
      let range: [number, number, number?] | null | undefined;
      if (last === undefined) range = (doc.contents as { range?: [number, number, number] } | null)?.range;
      else if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === last);
        range = (key ? (pair?.key as { range?: [number, number, number] } | undefined) : (pair?.value as { range?: [number, number, number] } | undefined))?.range;
      } else range = (doc.getIn(segments, true) as { range?: [number, number, number] } | undefined)?.range;
      return range ? lines.linePos(range[0]) : undefined;
    };
  }
  const out: { line: number; col: number; text: string }[] = [];
  const rel = relative(process.cwd(), file);
  const shownFile = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  for (const e of errors) {
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const where = segments.length === 0 ? '' : segments.join('.');
    const node = schemaAt(schema, segments);
    let at = segments;
    let key = false;
    let message: string;
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(node?.properties ?? {}).filter((k) => k !== '$schema');
      const near = nearest(name, known);
      message = `unknown key '${name}'${where ? ` in ${where}` : ''}${near ? `; did you mean '${near}'?` : ''} (the keys: ${known.join(', ')})`;
      at = [...segments, name];
      key = true;
    } else if (e.keyword === 'required') {
      message = `${where || 'the file'} is missing '${(e.params as { missingProperty: string }).missingProperty}'`;
      key = segments.length > 0;
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const near = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
      message = `${where} is ${shown(e.data)}; it must be one of ${allowed.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}`;
    } else if (e.keyword === 'type') {
      const types = String((e.params as { type: string }).type).split(',');
      message = `${where || 'the file'} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}; got ${shown(e.data)}`;
    } else {
      message = `${where || 'the file'} ${e.message ?? 'is not allowed'}${e.data !== undefined && typeof e.data !== 'object' ? `; got ${shown(e.data)}` : ''}`;
    }
    const pos = locate(at, key);
    out.push({ line: pos?.line ?? 0, col: pos?.col ?? 0, text: `${shownFile}${pos ? `:${pos.line}:${pos.col}` : ''}: ${message}` });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col).map((o) => o.text); // (in the file's order, as a reader fixes them)
}

/** A configuration file that fails its schema, as a usage error listing every problem (`what`: "configuration", "audience config"). */
export async function invalidConfig(code: string, what: string, file: string, text: string, errors: readonly ErrorObject[], schema: SchemaNode): Promise<BriefError> {
  const lines = await configErrorLines(file, text, errors, schema);
  return new BriefError(code, `invalid ${what} (${lines.length === 1 ? 'one problem' : `${lines.length} problems`}):\n  ${lines.join('\n  ')}`, { exitCode: ExitCode.usage, location: { file } });
}
