import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { setBounded } from '../util/bounded.js';
import { BriefError, ExitCode } from '../errors.js';
import { readTextCached } from '../util/file-cache.js';
import { precompiledValidator } from '../schema/precompiled.js';
import { templateRoots } from './templates.js';
import type { Tlp } from '../schema/index.js';

export type SectionName =
  | 'cover' | 'contents' | 'changes' | 'bluf' | 'status' | 'timeline' | 'sticking_points' | 'expert_views'
  | 'key_judgments' | 'watch_next' | 'notes' | 'source_summary' | 'sources';

export interface AudienceShow {
  citations: boolean;
  source_grades: boolean;
  source_notes: boolean;
  positions: boolean;
  judgment_details: boolean;
  verification: boolean;
}

/** An audience's configuration with defaults applied; frozen. */
export interface Audience {
  name: string;
  dir: string;
  title: string;
  description: string;
  max_handling: Tlp;
  page_size: 'A4' | 'Letter';
  page_budget: number | undefined;
  /** auto: a topic follows on when opening a page would strand a mostly empty one (contents/pagination.ts); page: every topic opens a page. */
  topic_break: 'auto' | 'page';
  sections: SectionName[];
  limits: Partial<Record<'sticking_points' | 'expert_views' | 'key_judgments' | 'watch_next' | 'milestones' | 'notes', number>>;
  show: AudienceShow;
}

const DEFAULT_SHOW: AudienceShow = {
  citations: true, source_grades: true, source_notes: true, positions: true, judgment_details: true, verification: true,
};

const schemaUrl = new URL('../../schema/audience.schema.json', import.meta.url);
let validator: Promise<ReturnType<Ajv2020['compile']>> | undefined;
/** The audience-config validator, compiled once per process (concurrent callers share the promise). */
function audienceValidator() {
  validator ??= readFile(schemaUrl, 'utf8').then((text) => precompiledValidator('audience', text) ?? compileAudienceSchema(text));
  return validator;
}

function compileAudienceSchema(text: string): ReturnType<Ajv2020['compile']> {
  const { Ajv2020: Ajv } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv({ allErrors: true, strict: true, verbose: true }).compile(JSON.parse(text) as object);
}


/** Names of the audiences under templates/audiences/, the project's and the packaged ones. */
export async function listAudienceNames(templatesDir?: string): Promise<string[]> {
  const names = new Set<string>();
  for (const root of templateRoots(templatesDir)) {
    try {
      for (const e of await readdir(join(root, 'audiences'), { withFileTypes: true })) if (e.isDirectory()) names.add(e.name);
    } catch {
      // this root has no audiences of its own
    }
  }
  return [...names].sort();
}

export async function loadAudience(templatesDir: string | undefined, name: string): Promise<Audience> {
  const names = await listAudienceNames(templatesDir);
  if (!names.includes(name)) {
    throw new BriefError('audience-unknown', `unknown audience '${name}' (available: ${names.join(', ') || 'none'})`, { exitCode: ExitCode.usage });
  }
  // The most specific audience.yaml: the project's, else the packaged one.
  const dirs = templateRoots(templatesDir).map((r) => join(r, 'audiences', name));
  const dir = dirs.find((d) => existsSync(join(d, 'audience.yaml'))) ?? dirs[0]!;
  const file = join(dir, 'audience.yaml');
  let raw: unknown;
  let key: string | undefined;
  let text: string;
  try {
    text = await readTextCached(file);
    key = `${file}\0${text}`;
    const cached = audiences.get(key);
    if (cached) return cached;
    raw = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }); // js-yaml: ~10× quicker to load and run than the document API
  } catch (e) {
    throw new BriefError('audience-config', `${file}: cannot read audience config: ${(e as Error).message.split('\n')[0]}`, { exitCode: ExitCode.usage, location: { file }, cause: e });
  }
  const validate = await audienceValidator();
  if (!validate(raw)) {
    // (taken now: the validator is shared, and another audience checked while this awaits resets them)
    const errors = [...(validate.errors ?? [])];
    const { invalidConfig } = await import('./config-errors.js');
    throw await invalidConfig('audience-config', 'audience config', file, text, errors, JSON.parse(await readFile(schemaUrl, 'utf8')) as object);
  }
  const cfg = raw as Omit<Audience, 'name' | 'dir' | 'show'> & { show?: Partial<AudienceShow> };
  const audience: Audience = Object.freeze({
    name, dir,
    title: cfg.title,
    description: cfg.description,
    max_handling: cfg.max_handling,
    page_size: cfg.page_size ?? 'A4',
    page_budget: cfg.page_budget,
    topic_break: cfg.topic_break ?? 'auto',
    sections: cfg.sections,
    limits: cfg.limits ?? {},
    show: Object.freeze({ ...DEFAULT_SHOW, ...cfg.show }),
  });
  setBounded(audiences, key!, audience, 64);
  return audience;
}

/** Valid audience configs by file and text (a batch loads each audience once per week). */
const audiences = new Map<string, Audience>();

export async function loadAudiences(templatesDir: string | undefined, names?: readonly string[]): Promise<Audience[]> {
  const all = names && names.length > 0 ? names : await listAudienceNames(templatesDir);
  return Promise.all(all.map((n) => loadAudience(templatesDir, n)));
}
