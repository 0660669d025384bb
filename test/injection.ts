/**
 * Untrusted text for the injection property tests: arbitrary strings, plus the fragments people
 * actually paste (markup, scripts, CSS, Handlebars, dangerous URLs, bidi and zero-width marks,
 * emoji, very long words), mixed together by fast-check.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { loadYamlFile } from '../src/load/yaml.js';
import type { FactSheet } from '../src/schema/index.js';
import { validateLoaded } from '../src/validate/validate.js';
import { FIXTURES } from './helpers.js';

export const NASTY = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<img src="http://127.0.0.1:9/x.png">',
  '<style>body{display:none}</style>', '</style><script>x</script>', '<a href="javascript:alert(1)">click</a>',
  '<svg onload=alert(1)>', '<iframe src="file:///etc/passwd"></iframe>', '<link rel=stylesheet href=http://evil/x.css>',
  '"><b>bold</b>', "'; background:url(http://evil/x.png); '", '\\3c script\\3e', '\\"; } body { color: red } /*',
  'expression(alert(1))', '{{title}}', '{{{title}}}', '{{> cover}}', '{{#each topics}}x{{/each}}', '{{lookup . "constructor"}}',
  '[link](javascript:alert(1))', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>',
  '&amp;', '&lt;script&gt;', '&#60;b&#62;', '%3Cscript%3E', '\u202Eevil\u202C', '\u200B\u200C\u200D\u2060\uFEFF', '\u2066rtl\u2069',
  'مرحبا بالعالم', 'שלום', '中文名字 王毅', '👩🏽‍💻🇺🇸🇨🇳', '🏳️‍🌈', '⚠️ careful', '❤️', '⚠️❤️✔️', 'e\u0301', `${'W'.repeat(300)}`, 'x'.repeat(2000),
  '\n\n\t', '$&', '$1', '__proto__', 'constructor',
];

/** Arbitrary text, `unit` as fast-check's string units; at least one visible character. */
export function untrustedText(unit: 'grapheme' | 'binary' = 'binary', maxLength = 60): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ unit, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength }) },
  );
  return fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')).filter((s) => s.trim().length > 0);
}

/** The keys of free-text fields in a fact sheet (everything else is an id, an enum, a date or a number). */
export const TEXT_KEYS = new Set(['title', 'topic', 'summary', 'text', 'name', 'label', 'role', 'affiliation', 'view', 'stance', 'statement', 'publisher', 'source_summary', 'note', 'notes_text']);

export async function minimalSheet(): Promise<FactSheet> {
  const { sheet, problems } = validateLoaded(await loadYamlFile(join(FIXTURES, 'valid/minimal.yaml')));
  if (!sheet) throw new Error(`minimal.yaml is invalid: ${JSON.stringify(problems)}`);
  return {
    ...sheet,
    source_summary: 'The summary of sources.',
    watch_next: [{ text: 'Something to watch.', date: '2025-10', sources: ['src-a'] }],
    notes: [{ text: 'An analyst note.', sources: ['src-a'] }],
  } as FactSheet;
}

/** A copy of `sheet` with `text` in every free-text field (and `url` in every source url, if given). */
export function withText(sheet: FactSheet, text: string, url?: string): FactSheet {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v === 'string' && key !== undefined && TEXT_KEYS.has(key)) return text;
    if (key === 'url' && url !== undefined) return url;
    return v;
  };
  return walk(sheet) as FactSheet;
}
