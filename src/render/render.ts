import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RuntimeOptions } from 'handlebars';
import { Handlebars } from './handlebars.js';
import type { Audience } from '../load/audience.js';
import type { BriefingView } from '../compose/compose.js';
import { BriefError, ExitCode } from '../errors.js';
import { readTextCached } from '../util/file-cache.js';
import { FONT_ORIGIN, fontFaceCss } from './fonts.js';
import { BIDI_CSS, installBidiIsolation, isolate, rtlBlocks } from './bidi.js';
import { registerHelpers } from './helpers.js';
import { formatDate } from '../util/dates.js';
import { COVER, CONTENTS, pageNames } from '../compose/pages.js';
import { compileCached } from './template-cache.js';
import { templateRuntimeError, templateSyntaxError } from './template-errors.js';
import { setBounded } from '../util/bounded.js';
import { templateRoots } from '../load/templates.js';

/**
 * render: the audience's template set (base templates, overridden per audience) → HTML string.
 * Fact-sheet text only ever reaches the page through `{{…}}` (escaped); the few helpers that
 * return markup build it from escaped parts.
 */
export interface TemplateSet {
  audience: Audience;
  /** Files the set was read from (for watch mode). */
  files: string[];
  /**
   * The page's HTML for brief's printer: its fonts by reference where the layout's policy allows
   * (fonts.ts; the printer answers them). For a file that stands alone: inlineFonts(render(view)).
   */
  render(view: BriefingView): string;
}

interface Source { file: string; text: string }

async function readIfExists(file: string): Promise<Source | undefined> {
  try {
    return { file, text: await readTextCached(file) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BriefError('io-read', `${file}: cannot read: ${(e as Error).message}`, { exitCode: ExitCode.usage, cause: e });
  }
}

async function partialsIn(dir: string): Promise<Source[]> {
  let names: string[];
  try {
    // (synchronous: microseconds, where a trip through the thread pool costs part of a millisecond at every build)
    names = readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (n) => ({ file: join(dir, n), text: await readTextCached(join(dir, n)) })));
}

/**
 * A template compiled (or taken from the disk cache, where only texts that compiled are); a syntax
 * or compile error is reported at its file:line before anything renders.
 */
function compileTemplate(hb: typeof Handlebars, src: Source, options: Parameters<typeof compileCached>[2]): Handlebars.TemplateDelegate {
  try {
    return compileCached(hb, src.text, options);
  } catch (e) {
    throw templateSyntaxError(src.file, src.text, e);
  }
}

/** Escape a string for a CSS string literal (every non-alphanumeric character as a hex escape). */
export function cssString(s: string): string {
  let out = '"';
  for (const ch of s) out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `${out}"`;
}

/** TLP 2.0 colours: the label's text colour, always on black. */
const TLP_COLOURS: Record<string, string> = {
  'TLP:RED': '#FF2B2B', 'TLP:AMBER+STRICT': '#FFC000', 'TLP:AMBER': '#FFC000', 'TLP:GREEN': '#33FF00', 'TLP:CLEAR': '#FFFFFF',
};

/** How many characters (graphemes) of a topic's title a running head shows. */
const HEAD_TITLE = 60;

/**
 * A topic's title as a running head shows it: at most HEAD_TITLE characters ("…" for the rest: the
 * head reminds, the page shows the title whole), with a break opportunity (a zero-width space) every
 * 16 characters inside a word longer than 24. A margin box wraps only at the text's own
 * opportunities (Chromium ignores overflow-wrap there): a title without one, a long identifier,
 * ran under the TLP label and off the page. Counted in graphemes, so no cluster is cut.
 */
export function headTitle(title: string): string {
  if (title.length <= 24 || (title.length <= HEAD_TITLE && !/\S{25}/.test(title))) return title;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(title)].map((g) => g.segment);
  const shown = graphemes.length > HEAD_TITLE ? [...graphemes.slice(0, HEAD_TITLE - 1), '…'] : graphemes;
  // the words as runs of graphemes, each long one given its break opportunities
  const words: string[][] = [];
  for (const g of shown) {
    if (/\s/.test(g) || words.length === 0 || /\s/.test(words.at(-1)![0]!)) words.push([g]); else words.at(-1)!.push(g);
  }
  return words.map((w) => (w.length > 24 ? w.map((g, i) => (i > 0 && i % 16 === 0 ? `\u200b${g}` : g)) : w).join('')).join('');
}

/**
 * The running header and footer, as CSS page-margin boxes (they use the page's embedded fonts): the
 * TLP label in its colours on black in both, the topic in the head (each topic, or run of topics
 * sharing pages, is a named page: pagination.ts), the as-of date and the page number in the foot.
 */
function pageCss(view: BriefingView): string {
  const size = view.audience.pageSize === 'Letter' ? 'letter' : 'A4';
  const mark = cssString(view.marking);
  const colour = TLP_COLOURS[view.marking] ?? '#FFFFFF';
  const title = cssString(`${view.title} · ${view.audience.title}`);
  // (no topic shown: no date of information to give, only the week's)
  const asOf = cssString(view.topics.length > 0 ? `As of ${formatDate(view.asOf)}` : `${formatDate(view.weekStart)} – ${formatDate(view.weekEnd)}`);
  const label = `content: ${mark}; color: ${colour}; background: #000; font-size: 12pt; font-weight: 700; width: max-content; height: auto; padding: 0.3mm 2mm; letter-spacing: 0.02em;`;
  // A one-page document needs no page number.
  const pageNo = view.audience.pageBudget === 1 ? 'none' : '"Page " counter(page) " of " counter(pages)';
  let css = `@page { size: ${size};
  @top-left { content: ${title}; }
  @top-right { ${label} margin: auto 0 3mm; }
  @bottom-left { content: ${asOf}; }
  @bottom-center { content: ${pageNo}; }
  @bottom-right { ${label} margin: 3mm 0 auto; }
}
@page :first { @top-left { content: none; } }`;
  if (view.audience.pageBudget === 1) return css;
  // Runs of blocks (pagination.ts): the first block's anchor names the run; its head names the
  // topics in it (a run with none keeps the document's title). A block that continues the run of the
  // cover or the contents lifts their page break.
  const names = pageNames(view);
  const runs = new Map<string, string[]>();
  for (const name of names.values()) runs.set(name, []);
  // Each title isolated (as Handlebars' escape isolates a whole string): its number stays to its
  // left and the separators between titles keep their places, whatever the titles' direction.
  for (const t of view.topics) {
    const title = isolate(headTitle(t.title));
    runs.get(names.get(t.anchor)!)!.push(view.topics.length > 1 ? `${t.n}. ${title}` : title);
  }
  const blocks = [...names.keys()];
  blocks.forEach((b, i) => {
    css += `\n#${b} { page: ${names.get(b)}; }`;
    if (i === 0 || view.joins?.[b] === undefined) return;
    // A block that follows on keeps a gap from the one before (one that opens a page starts at its top).
    css += `\n#${b} { margin-top: 10mm; }`;
    if (blocks[i - 1] === COVER || blocks[i - 1] === CONTENTS) css += `\n#${blocks[i - 1]} { break-after: auto; }`;
  });
  for (const [name, titles] of runs) {
    if (titles.length === 0) continue;
    // A run of more than two topics is named by its first and last (every title would not fit the head).
    const head = titles.length > 2 ? `${titles[0]} – ${titles[titles.length - 1]}` : titles.join(' · ');
    css += `\n@page ${name} { @top-left { content: ${cssString(head)}; } }`;
    if (name === names.get(COVER)) css += `\n@page ${name}:first { @top-left { content: none; } }`;
  }
  return css;
}

/**
 * The audience's templates: layers from the most general to the most specific (packaged base, the
 * project's base, the packaged audience, the project's audience; those that exist). The most
 * specific layout wins, partials replace by name, stylesheets are added in layer order.
 */
export async function loadTemplateSet(templatesDir: string | undefined, audience: Audience): Promise<TemplateSet> {
  const roots = templateRoots(templatesDir).reverse();
  const layers = [...roots.map((r) => join(r, 'base')), ...roots.map((r) => join(r, 'audiences', audience.name))];
  installBidiIsolation(Handlebars);
  const hb = Handlebars.create();
  registerHelpers(hb, audience);
  let layout: Source | undefined;
  for (const dir of [...layers].reverse()) if ((layout = await readIfExists(join(dir, 'layout.hbs')))) break;
  if (!layout) throw new BriefError('template-missing', `no layout.hbs in ${layers.join(' or ')}`, { exitCode: ExitCode.usage });
  const partials = new Map<string, Source>();
  for (const dir of layers) for (const p of await partialsIn(join(dir, 'partials'))) partials.set(basename(p.file, '.hbs'), p);
  const styles = (await Promise.all(layers.map((dir) => readIfExists(join(dir, 'style.css'))))).filter((s): s is Source => !!s);
  // Templates are compiled once per process: the same audience and the same files give the same set
  // (a batch of weeks, watch mode rebuilding after a data change). Any edit makes a new key.
  const key = createHash('sha256').update(JSON.stringify(audience));
  for (const src of [layout, ...partials.values(), ...styles]) key.update(`\0${src.file}\0${src.text}`);
  const digest = key.digest('hex');
  const cached = compiledSets.get(digest);
  if (cached) return cached;
  // Each template is compiled (its syntax checked) unless a compiled copy of that very text is
  // cached: ~30 ms less at every start.
  const partialDirs = layers.map((dir) => join(dir, 'partials'));
  for (const [name, src] of partials) {
    // Each partial reports its own runtime errors (helper, missing partial) at its file:line.
    const compiled = compileTemplate(hb, src, {});
    hb.registerPartial(name, ((context: unknown, opts: RuntimeOptions) => {
      try {
        return compiled(context, opts);
      } catch (e) {
        throw templateRuntimeError(src.file, src.text, audience.name, e, partialDirs);
      }
    }) as Handlebars.Template);
  }
  const template = compileTemplate(hb, layout, { strict: false, noEscape: false });
  const stylesheet = styles.map((s) => `/* ${basename(s.file)} */\n${s.text}`).join('\n');
  const files = [layout.file, ...[...partials.values()].map((p) => p.file), ...styles.map((s) => s.file)];

  const set: TemplateSet = {
    audience,
    files,
    render(view) {
      // Embed only the font faces whose characters the page contains: the page is rendered first,
      // then its text (and the running headers', which CSS holds escaped) picks the faces, which
      // take the place held for them. Fact-sheet text cannot hold the place: its `<` is escaped.
      const css = `${FONT_FACES_HERE}\n${BIDI_CSS}\n${stylesheet}\n${pageCss(view)}`;
      let html: string;
      try {
        html = template({ ...view, styles: new Handlebars.SafeString(css) });
      } catch (e) {
        throw templateRuntimeError(layout.file, layout.text, audience.name, e, partialDirs);
      }
      html = rtlBlocks(html);
      // Fonts by reference (the printer answers them, and a page decodes each once) where the
      // layout's Content-Security-Policy lets the page load them; inline otherwise.
      const faces = fontFaceCss(`${html}${view.title}${view.audience.title}${view.marking}${view.asOf}`, undefined, !allowsFontOrigin(html));
      const at = html.indexOf(FONT_FACES_HERE);
      return at < 0 ? html : html.slice(0, at) + faces + html.slice(at + FONT_FACES_HERE.length);
    },
  };
  setBounded(compiledSets, digest, set, 64);
  return set;
}

/**
 * Whether the page's Content-Security-Policy (its `<meta http-equiv>` tags before the body) lets it
 * load fonts from FONT_ORIGIN: every policy's font-src (or, without one, default-src) lists that
 * origin, `https:` or `*`. No policy lets it.
 */
export function allowsFontOrigin(html: string): boolean {
  const body = html.search(/<body[\s>]/i);
  const head = body < 0 ? html : html.slice(0, body); // no body tag: the whole page
  for (const meta of head.match(/<meta\s[^>]*http-equiv=["']?content-security-policy[^>]*>/gi) ?? []) {
    const policy = /\scontent=(?:"([^"]*)"|'([^']*)')/i.exec(meta);
    const directives = new Map((policy?.[1] ?? policy?.[2] ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!.toLowerCase(), d.slice(1)]));
    const sources = directives.get('font-src') ?? directives.get('default-src');
    if (sources && !sources.some((x) => x === FONT_ORIGIN || x === `${FONT_ORIGIN}/` || x === 'https:' || x === '*')) return false;
  }
  return true;
}

/** Where the @font-face rules go in a rendered page's styles (see TemplateSet.render). */
const FONT_FACES_HERE = '/*<brief-font-faces>*/';

/** Compiled template sets by the hash of their audience config and files. */
const compiledSets = new Map<string, TemplateSet>();

/** Render the HTML of one briefing. */
export function renderHtml(set: TemplateSet, view: BriefingView): string {
  return set.render(view);
}
