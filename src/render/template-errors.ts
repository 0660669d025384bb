import { BriefError, ExitCode } from '../errors.js';

/**
 * Template mistakes → BriefErrors that name the template file and line. Handlebars reports an
 * unclosed block at the end of the file and most runtime errors (a missing helper, a helper given
 * the wrong arguments) without any position: these helpers find the line in the template's text.
 */

const lineAtOffset = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The line of the last `{{#block}}` that is never closed, if any. */
export function unclosedBlockLine(text: string): { name: string; line: number } | undefined {
  const stack: { name: string; offset: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#/^])\s*>?\s*([^\s}~]+)/g)) {
    if (m[1] === '#') stack.push({ name: m[2]!, offset: m.index });
    else if (m[1] === '/') stack.pop();
  }
  const open = stack.at(-1);
  return open && { name: open.name, line: lineAtOffset(text, open.offset) };
}

/** A template syntax error at file:line (the line where an unclosed block opens, when that is the fault). */
export function templateSyntaxError(file: string, text: string, e: unknown): BriefError {
  const msg = (e as Error).message;
  let line = Number(/line (\d+)/.exec(msg)?.[1] ?? 1);
  let detail = msg.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim())).slice(-1)[0] ?? msg;
  const open = /got 'EOF'/.test(msg) ? unclosedBlockLine(text) : undefined;
  if (open) {
    line = open.line;
    detail = `{{#${open.name}}} is never closed (add {{/${open.name}}})`;
  }
  return new BriefError('template-syntax', `${file}:${line}: template syntax error: ${detail}`, { exitCode: ExitCode.usage, location: { file, line }, cause: e });
}

/** The helper (or partial) a Handlebars runtime error is about, if the message says. */
function culprit(msg: string): string | undefined {
  return /Missing helper: "([^"]+)"/.exec(msg)?.[1]
    ?? /^#?(\w+) requires/.exec(msg)?.[1]
    ?? /Must pass iterator to #(\w+)/.exec(msg)?.[1]
    ?? /The partial (\S+) could not be found/.exec(msg)?.[1];
}

/** The first line of `text` that uses `name` inside `{{…}}`. */
function usageLine(text: string, name: string): number | undefined {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\{\\{~?\\s*[#>]?\\s*\\(?${esc}\\b`).exec(text);
  return m ? lineAtOffset(text, m.index) : undefined;
}

/**
 * A runtime error inside template `file` (a helper that throws, a missing partial) as a BriefError
 * naming the file, the line and the audience. Errors already located in an inner partial pass through.
 */
export function templateRuntimeError(file: string, text: string, audience: string, e: unknown, partialDirs: string[] = []): BriefError {
  if (e instanceof BriefError) return e;
  const msg = (e as Error)?.message ?? String(e);
  const name = culprit(msg);
  const partial = /The partial (\S+) could not be found/.test(msg);
  const line = (e as { lineNumber?: number }).lineNumber ?? (name ? usageLine(text, name) : undefined);
  const where = line ? `${file}:${line}` : file;
  return new BriefError(partial ? 'template-partial-missing' : 'template-render',
    partial
      ? `${where}: partial '${name}' does not exist${partialDirs.length ? ` (looked in ${partialDirs.join(' and ')})` : ''} (while rendering the ${audience} briefing)`
      : `${where}: template error while rendering the ${audience} briefing: ${msg.split('\n')[0]}`,
    { exitCode: ExitCode.usage, location: { file, ...(line ? { line } : {}) }, cause: e });
}
