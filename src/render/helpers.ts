import type { HelperOptions } from 'handlebars';
import { SECTION_TITLES } from '../compose/labels.js';
import type Handlebars from 'handlebars';
import type { Audience } from '../load/audience.js';
import type { Citation } from '../compose/compose.js';
import { registerVisualHelpers } from './visuals/index.js';
import { installBidiIsolation } from './bidi.js';
import { markingClass } from '../compose/handling.js';
import type { Tlp } from '../schema/index.js';
import { formatDate } from '../util/dates.js';
import { times, words } from '../util/text.js';

type HB = typeof Handlebars;
/** Only http(s) URLs ever become links. */
export const safeUrl = (u: unknown): string | undefined => {
  if (typeof u !== 'string') return undefined;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Template helpers. Every helper that returns markup (SafeString) escapes every piece of data it
 * puts in it with escapeExpression; the rest return plain strings, which Handlebars escapes.
 */
export function registerHelpers(hb: HB, audience: Audience): void {
  const plainEscape = installBidiIsolation(hb);
  const esc = hb.Utils.escapeExpression;
  registerVisualHelpers(hb);
  hb.registerHelper('date', (d: unknown) => formatDate(d));
  hb.registerHelper('words', (s: unknown) => words(s));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  /** Whether a text already ends a sentence (so no second full stop follows it). */
  hb.registerHelper('endsWithStop', (s: unknown) => typeof s === 'string' && /[.!?…]["'”’)]*$/.test(s.trim()));
  hb.registerHelper('len', (a: unknown) => (Array.isArray(a) ? a.length : 0));
  hb.registerHelper('upper', (s: unknown) => (typeof s === 'string' ? s.toUpperCase() : ''));
  /** 1 → "once", 2 → "twice", n → "n times". */
  hb.registerHelper('times', (n: unknown) => times(Number(n)));
  hb.registerHelper('plural', (n: unknown, one: string, many: string) => (Number(n) === 1 ? one : many));
  hb.registerHelper('tlpClass', (t: unknown) => (t == null ? '' : markingClass(String(t) as Tlp)));
  hb.registerHelper('sectionTitle', (s: unknown) => SECTION_TITLES[String(s)] ?? words(s));
  /** A topic's sections: the audience's, or fewer where a page with a budget made it give way (fit.ts). */
  hb.registerHelper('topicSections', (topic: unknown, options: HelperOptions) =>
    (topic as { sections?: unknown } | null)?.sections ?? (options.data as { root: { audience: { sections: unknown } } }).root.audience.sections);
  /** Section name → partial name; whole-document sections render nothing inside a topic. */
  hb.registerHelper('sectionPartial', (s: unknown) => (s === 'cover' || s === 'contents' ? 'empty' : `section-${String(s).replace(/_/g, '-')}`));
  /** Citation markers linking to the topic's source list: [1][3]. */
  hb.registerHelper('cite', (cites: unknown) => {
    if (!audience.show.citations || !Array.isArray(cites) || cites.length === 0) return '';
    const links = (cites as Citation[]).map((c) => `<a class="cite" href="#${esc(c.anchor)}">${esc(String(c.n))}</a>`).join('');
    // A word joiner keeps the markers on the line of the word they follow; dir="ltr" isolates them
    // (left to right, [1][3], also after right-to-left text).
    return new hb.SafeString(`\u2060<sup class="cites" dir="ltr">${links}</sup>`);
  });
  /** A link for an http(s) URL; anything else is printed as plain text. */
  hb.registerHelper('link', (u: unknown, options: HelperOptions) => {
    const href = safeUrl(u);
    const label = esc(String(u ?? '')); // isolated if right to left (bidi.ts); the href never is
    void options;
    return href ? new hb.SafeString(`<a class="url" href="${plainEscape(href)}">${label}</a>`) : label;
  });
}
