
/**
 * positions: where each value of a quick-parsed sheet sits in its text, from where the quick parser
 * (js-yaml) opened and closed every node, noted during the parse itself (positionRecorder) and read
 * only for a sheet with problems, as flat arrays (no tree of objects): a few hundredths of a
 * millisecond for a 20 kB sheet, against ~7 ms for the positioned parse of `yaml`'s document API. A
 * sheet with warnings (the sample sheets all have some) is located this way; the document API is
 * left for syntax errors.
 *
 * The notes are checked against the parsed data, value by value; where the two disagree (a YAML
 * form this reading does not follow, like an empty list item, for which js-yaml reports no node),
 * there is no index and the caller uses the positioned parse.
 */
export interface Span { start: number; end: number }

/**
 * What the quick parser's listener is given (js-yaml's `State`, the fields read here). Written out,
 * not imported: the published declarations then need no js-yaml types (@types/js-yaml is not a
 * dependency).
 */
export interface ParserState { position: number; kind: string | null; result: unknown }

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
export function positionRecorder(): { listener: (event: 'open' | 'close', state: ParserState) => void; index(text: string, data: unknown): PositionIndex | undefined } {
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

/**
 * The index over the parse's notes as they are, in typed arrays: no tree of objects is made (a sheet
 * has thousands of nodes, and a tree of them per sheet with problems was most of the garbage a run
 * over many such sheets made). A node is the index of its 'open' event; `closeOf` gives its 'close'
 * event, `slotOf` that event's kind and result in `closed`. A node's direct children are the opens
 * between its open and close, each skipped over to the next by its own close.
 */
function buildIndex(text: string, data: unknown, events: readonly number[], closed: readonly unknown[]): PositionIndex | undefined {
  const n = events.length;
  if (n === 0 || events[0]! >= 0) return undefined;
  const closeOf = new Int32Array(n);
  const slotOf = new Int32Array(n);
  const stack = new Int32Array(n);
  let depth = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (events[i]! < 0) stack[depth++] = i;
    else {
      if (depth === 0) return undefined;
      closeOf[stack[--depth]!] = i;
      slotOf[i] = c;
      c += 2;
    }
  }
  if (depth !== 0) return undefined;
  const kindOf = (o: number) => closed[slotOf[closeOf[o]!]!] as string | null;
  const resultOf = (o: number) => closed[slotOf[closeOf[o]!]! + 1];
  const closeAt = (o: number) => events[closeOf[o]!]!;
  /** The direct children of node `o` (their open events). */
  const childrenOf = (o: number): number[] => {
    const out: number[] = [];
    for (let j = o + 1; j < closeOf[o]!; j = closeOf[j]! + 1) out.push(j);
    return out;
  };
  /** A node read by trying it as a mapping key first (js-yaml's way) wraps the same node: the node it stands for. */
  const inner = (o: number): number => {
    for (;;) {
      const kind = kindOf(o);
      const j = o + 1;
      if (kind === null || j >= closeOf[o]! || closeOf[j]! + 1 !== closeOf[o]!) return o;
      if (!same(resultOf(j), resultOf(o)) || kindOf(j) !== kind) return o;
      o = j;
    }
  };
  /** A mapping key is followed by its `:` (after the node it wraps, if it wraps one). */
  const isKey = (o: number) => kindOf(o) === 'scalar' && text.charCodeAt(skipGap(text, closeAt(o))) === 58 /* : */;
  const startOf = (o: number): number => {
    let s = ~events[o]!;
    if (kindOf(o) === null) {
      // An empty value (`key:` and nothing) is where it would start on its line, with no width.
      while (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9) s++;
      return s;
    }
    return skipGap(text, s);
  };
  /** The end of an inner node (see inner). */
  const endOf = (o: number): number => {
    const start = startOf(o);
    const kind = kindOf(o);
    if (kind === null) return start;
    const first = text.charCodeAt(start);
    const flow = first === 91 /* [ */ || first === 123 /* { */;
    let last = -1;
    for (let j = o + 1; j < closeOf[o]!; j = closeOf[j]! + 1) last = j;
    const blockCollection = !flow && (kind === 'mapping' || kind === 'sequence');
    const block = blockCollection || first === 124 /* | */ || first === 62 /* > */;
    const end = blockCollection && last >= 0 ? endOf(inner(last)) : trimBack(text, start, closeAt(o));
    // A block node ends with its last line break, as the document API has it (unless it ends
    // with an empty value).
    return block && (last < 0 || kindOf(last) !== null) ? lineEnd(text, end) : end;
  };
  /** Whether the node holds exactly the parsed data: every entry and item, in place. */
  const matches = (o: number, value: unknown): boolean => {
    const e = inner(o);
    if (!same(resultOf(e), value)) return false;
    const kind = kindOf(e);
    let count = 0;
    if (kind === 'sequence') {
      const items = value as unknown[];
      for (let j = e + 1; j < closeOf[e]!; j = closeOf[j]! + 1) {
        if (count >= items.length || isKey(j) || !matches(j, items[count])) return false;
        count++;
      }
      return count === items.length;
    }
    if (kind === 'mapping') {
      const obj = value as Record<string, unknown>;
      let k = -1;
      for (let j = e + 1; j < closeOf[e]!; j = closeOf[j]! + 1) {
        if (k < 0) { k = j; continue; }
        const name = String(resultOf(k));
        if (!isKey(k) || isKey(j) || !Object.hasOwn(obj, name) || !matches(j, obj[name])) return false;
        k = -1;
        count++;
      }
      return k < 0 && count === Object.keys(obj).length;
    }
    return e + 1 === closeOf[e]!;
  };
  if (!matches(0, data)) return undefined;

  // A mapping's children by key (the index of each key among them), made on its first look-up: a
  // search of the children for each of many problems in one large mapping made reports quadratic.
  const keyIndexes = new Map<number, { children: number[]; keys: Map<string, number> }>();
  const keyIndex = (o: number) => {
    let index = keyIndexes.get(o);
    if (!index) {
      const children = childrenOf(o);
      const keys = new Map<string, number>();
      children.forEach((ch, i) => { if (isKey(ch) && !keys.has(String(resultOf(ch)))) keys.set(String(resultOf(ch)), i); });
      keyIndexes.set(o, (index = { children, keys }));
    }
    return index;
  };
  let starts: number[] | undefined;
  const span = (o: number): Span => { const e = inner(o); return { start: startOf(e), end: endOf(e) }; };
  return {
    walk(path) {
      let node = inner(0);
      let key: number | undefined;
      for (const seg of path) {
        const kind = kindOf(node);
        if (kind === 'mapping') {
          const { children, keys } = keyIndex(node);
          const i = keys.get(String(seg)) ?? -1;
          if (i < 0) break;
          key = children[i]!;
          node = inner(children[i + 1]!);
        } else if (kind === 'sequence' && typeof seg === 'number' && seg >= 0) {
          const children = keyIndex(node).children;
          if (children[seg] === undefined) break;
          key = undefined;
          node = inner(children[seg]!);
        } else break;
      }
      return { node: span(node), key: key === undefined ? undefined : span(key) };
    },
    linePos(offset) {
      if (!starts) {
        starts = [0];
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      }
      let lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
      }
      return { line: lo + 1, col: offset - starts[lo]! + 1 };
    },
  };
}
