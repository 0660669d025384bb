import type { State } from 'js-yaml';

/**
 * positions: where each value of a quick-parsed sheet sits in its text, from where the quick parser
 * (js-yaml) opened and closed every node, noted during the parse itself (positionRecorder) and made
 * into a tree only for a sheet with problems: ~0.15 ms for a 20 kB sheet, against ~7 ms for the
 * positioned parse of `yaml`'s document API. A sheet with warnings (the sample sheets all have
 * some) is located this way; the document API is left for syntax errors.
 *
 * The tree is checked against the parsed data, value by value; where the two disagree (a YAML form
 * this reading does not follow, like an empty list item, for which js-yaml reports no node), there
 * is no index and the caller uses the positioned parse.
 */
export interface Span { start: number; end: number }

interface PNode extends Span {
  kind: string | null;
  result: unknown;
  children: PNode[];
  key: boolean;
  /** A mapping's children by key (see keyIndex). */
  keys?: Map<string, number>;
}

export interface PositionIndex {
  /**
   * Follow `path` as far as it goes: the span of the deepest value reached (an empty value is a
   * span of no width after its key) and of the mapping key it was reached by (none for a list item
   * or the whole document).
   */
  walk(path: readonly (string | number)[]): { node: Span; key: Span | undefined };
  /** 1-based line and column of an offset. */
  linePos(offset: number): { line: number; col: number };
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The first offset at or after `at` that is not white space or a comment. */
function skipGap(text: string, at: number): number {
  let i = at;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 35 /* # */) return i;
    while (i < text.length && text.charCodeAt(i) !== 10) i++;
  }
}

/** `at` moved back over white space. */
function trimBack(text: string, start: number, at: number): number {
  let i = at;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** After the line break that ends the line `at` is on (unless `at` is just after one). */
function lineEnd(text: string, at: number): number {
  if (at > 0 && text.charCodeAt(at - 1) === 10) return at;
  const eol = text.indexOf('\n', at);
  return eol < 0 ? text.length : eol + 1;
}

const same = (a: unknown, b: unknown) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * A listener for the quick parse (js-yaml's `listener` option) that only notes where each node opens
 * and closes, so the parse every sheet needs also serves the few that have problems; `index` makes
 * the index from the notes (call it after the parse, with the text and the data it read).
 */
export function positionRecorder(): { listener: (event: 'open' | 'close', state: State) => void; index(text: string, data: unknown): PositionIndex | undefined } {
  // 'open': ~position; 'close': position, then the node's kind and result in `closed`.
  const events: number[] = [];
  const closed: unknown[] = [];
  return {
    listener(event, state) {
      if (event === 'open') events.push(~state.position);
      else { events.push(state.position); closed.push(state.kind, state.result); }
    },
    index(text, data) {
      return buildIndex(text, data, events, closed);
    },
  };
}

function buildIndex(text: string, data: unknown, events: readonly number[], closed: readonly unknown[]): PositionIndex | undefined {
  const stack: PNode[] = [{ start: 0, end: 0, kind: null, result: undefined, children: [], key: false, keys: undefined }];
  let c = 0;
  for (const e of events) {
    if (e < 0) {
      stack.push({ start: ~e, end: ~e, kind: null, result: undefined, children: [], key: false, keys: undefined });
      continue;
    }
    const position = e;
    let node = stack.pop()!;
    const parent = stack.at(-1)!;
    node.kind = closed[c++] as string | null;
    node.result = closed[c++];
    if (node.kind === null) {
      // An empty value (`key:` and nothing) is where it would start on its line, with no width.
      while (text.charCodeAt(node.start) === 32 || text.charCodeAt(node.start) === 9) node.start++;
      node.end = node.start;
      parent.children.push(node);
      continue;
    }
    node.start = skipGap(text, node.start);
    // A node read by trying it as a mapping key first (js-yaml's way) wraps the same node: drop the wrapper.
    if (node.children.length === 1 && same(node.children[0]!.result, node.result) && node.children[0]!.kind === node.kind) node = node.children[0]!;
    else {
      const first = text.charCodeAt(node.start);
      const flow = first === 91 /* [ */ || first === 123 /* { */;
      const last = node.children.at(-1);
      const blockCollection = !flow && (node.kind === 'mapping' || node.kind === 'sequence');
      const block = blockCollection || first === 124 /* | */ || first === 62 /* > */;
      const end = blockCollection && last ? last.end : trimBack(text, node.start, position);
      // A block node ends with its last line break, as the document API has it (unless it ends
      // with an empty value).
      node.end = block && last?.kind !== null ? lineEnd(text, end) : end;
    }
    // A mapping key is followed by its `:`.
    const after = skipGap(text, position);
    node.key = node.kind === 'scalar' && text.charCodeAt(after) === 58 /* : */;
    parent.children.push(node);
  }
  const root = stack[0]!.children[0];
  if (!root || !matches(root, data)) return undefined;

  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    walk(path) {
      let node = root;
      let key: PNode | undefined;
      for (const seg of path) {
        if (node.kind === 'mapping') {
          const i = keyIndex(node).get(String(seg)) ?? -1;
          if (i < 0) break;
          key = node.children[i]!;
          const value = node.children[i + 1]!;
          node = value;
        } else if (node.kind === 'sequence' && typeof seg === 'number' && node.children[seg]) {
          key = undefined;
          node = node.children[seg]!;
        } else break;
      }
      return { node, key };
    },
    linePos(offset) {
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
      }
      return { line: lo + 1, col: offset - starts[lo]! + 1 };
    },
  };
}

/**
 * A mapping's children by key (the index of each key node), made on first use and kept on the node
 * (not in a module-wide WeakMap, whose entries every garbage collection of the young objects
 * would have to visit).
 */
function keyIndex(node: PNode): Map<string, number> {
  let index = node.keys;
  if (!index) {
    index = new Map();
    node.children.forEach((c, i) => { if (c.key && !index!.has(String(c.result))) index!.set(String(c.result), i); });
    node.keys = index;
  }
  return index;
}

/** Whether the tree holds exactly the parsed data: every entry and item, in place. */
function matches(node: PNode, data: unknown): boolean {
  if (!same(node.result, data)) return false;
  if (node.kind === 'sequence') {
    const items = data as unknown[];
    return node.children.length === items.length && node.children.every((c, i) => !c.key && matches(c, items[i]));
  }
  if (node.kind === 'mapping') {
    const obj = data as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (node.children.length !== keys.length * 2) return false;
    for (let i = 0; i < node.children.length; i += 2) {
      const k = node.children[i]!, v = node.children[i + 1]!;
      if (!k.key || v.key || !Object.hasOwn(obj, String(k.result)) || !matches(v, obj[String(k.result)])) return false;
    }
    return true;
  }
  return node.children.length === 0;
}
