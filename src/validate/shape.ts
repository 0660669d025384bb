/**
 * shape: bounds on a sheet's shape, checked before the schema, so that work and output stay in
 * proportion to what a person could have written. A list longer than MAX_LIST_ITEMS is reported
 * once and only its first MAX_LIST_ITEMS items are checked further (the schema validator copies its
 * growing error list for every failing item of a list, which is quadratic in the items); a value
 * nested deeper than MAX_DEPTH is reported and the sheet is not checked further (every walk over
 * the data would recurse that deep).
 */
export const MAX_LIST_ITEMS = 1000;
export const MAX_DEPTH = 32;

export interface ShapeIssue { pointer: string; rule: 'list-too-long' | 'nesting-too-deep'; message: string }

const dotted = (path: readonly (string | number)[]): string =>
  path.length === 0 ? 'the fact sheet' : path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
const pointer = (path: readonly (string | number)[]): string =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * The data as the schema should see it (long lists cut to their first MAX_LIST_ITEMS items; the
 * data itself when nothing is cut) and what was wrong with its shape. `deep` when some value is
 * nested deeper than MAX_DEPTH: the caller checks nothing more.
 */
export function checkShape(data: unknown): { bounded: unknown; issues: ShapeIssue[]; deep: boolean } {
  const issues: ShapeIssue[] = [];
  let deep = false;
  const path: (string | number)[] = [];
  const walk = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null || deep) return node;
    if (path.length >= MAX_DEPTH) {
      deep = true;
      issues.push({ pointer: pointer(path), rule: 'nesting-too-deep', message: `${dotted(path.slice(0, 6))}… is nested more than ${MAX_DEPTH} levels deep; a fact sheet is a few levels of mappings and lists` });
      return node;
    }
    if (Array.isArray(node)) {
      let out: unknown[] = node;
      if (node.length > MAX_LIST_ITEMS) {
        issues.push({ pointer: pointer(path), rule: 'list-too-long', message: `${dotted(path)} has ${node.length.toLocaleString('en-US')} items; a list in a fact sheet may have at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} (only the first ${MAX_LIST_ITEMS.toLocaleString('en-US')} were checked)` });
        out = node.slice(0, MAX_LIST_ITEMS);
      }
      let copy: unknown[] | undefined = out === node ? undefined : out;
      for (let i = 0; i < out.length; i++) {
        path.push(i);
        const v = walk(out[i]);
        path.pop();
        if (v !== out[i]) (copy ??= [...out])[i] = v;
      }
      return copy ?? out;
    }
    const obj = node as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const k of Object.keys(obj)) {
      path.push(k);
      const v = walk(obj[k]);
      path.pop();
      if (v !== obj[k]) (copy ??= { ...obj })[k] = v;
    }
    return copy ?? obj;
  };
  const bounded = walk(data);
  return { bounded, issues, deep };
}
