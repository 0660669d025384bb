/**
 * printable: text for a terminal, with every character that could act on it rather than be shown
 * written out visibly. A fact sheet, a file name or an id may carry ESC, BEL or a line break (YAML's
 * "\e" and "\n" escapes make them easy to type): printed raw, `ESC]0;…BEL` retitles the window,
 * `ESC[2J` clears the screen, and a line break inside a message forges a line of the report.
 *
 * Escaped: C0 controls (U+0000–U+001F), DEL and C1 controls (U+007F–U+009F), the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069: they reorder what follows on the line),
 * the line and paragraph separators (U+2028, U+2029) and lone surrogates. Shown as \xHH or \uHHHH.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, but tab and line feed pass (text of several lines). */
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escape = (c: string): string => {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line of output: every control character escaped, line breaks and tabs included. */
export const oneLine = (s: string): string => s.replace(UNSAFE, escape);

/** Text of several lines: line breaks and tabs kept, every other control character escaped. */
export const printable = (s: string): string => s.replace(UNSAFE_KEEP_LINES, escape);

/**
 * For the CLI's own output streams: as printable(), but the colour codes brief itself writes
 * (SGR: ESC [ digits ; … m, which can only colour text) pass. Every value in a coloured report was
 * made oneLine() before it was painted, so no ESC of a fact sheet reaches this point.
 */
export const terminalSafe = (s: string): string =>
  s.replace(/\x1b\[[0-9;]*m|[^\x1b]+|\x1b/g, (part) => (part.startsWith('\x1b[') && part.length > 1 ? part : printable(part)));

/** Whether a text holds a character printable() would escape (C0 but tab and line feed, DEL, C1). */
export function firstControl(s: string, allowLines: boolean): number {
  return s.search(allowLines ? CONTROL_BUT_LINES : CONTROL);
}
// (a regular expression scans a long text several times quicker than a loop over its characters)
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls already; C1 controls, the bidirectional
 * controls and the line separators are escaped too (\uHHHH, still valid JSON).
 */
export const jsonSafe = (json: string): string =>
  json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
