import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAudienceNames, loadAudience } from '../../../src/load/audience.js';
import { PACKAGED_TEMPLATES, templateRoots } from '../../../src/load/templates.js';
import { loadTemplateSet } from '../../../src/render/render.js';
import { TEMPLATES, tempDir } from '../../helpers.js';

/** A project's templates layer over the packaged ones, as an audience layers over base. */
describe('packaged templates as the fallback', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const project = join(tmp.dir, 'templates');
  mkdirSync(join(project, 'audiences', 'analyst', 'partials'), { recursive: true });
  mkdirSync(join(project, 'audiences', 'board'), { recursive: true });
  mkdirSync(join(project, 'base'), { recursive: true });
  writeFileSync(join(project, 'audiences', 'analyst', 'partials', 'section-bluf.hbs'), '<p>own bluf</p>\n');
  writeFileSync(join(project, 'base', 'style.css'), '.own { color: red; }\n');
  writeFileSync(join(project, 'audiences', 'board', 'audience.yaml'), 'title: Board\ndescription: Ours.\nmax_handling: TLP:GREEN\nsections: [bluf]\n');

  it('the packaged templates are this repository\'s templates/ (the package ships them beside dist/)', () => {
    expect(PACKAGED_TEMPLATES).toBe(TEMPLATES);
    expect(templateRoots(TEMPLATES)).toEqual([TEMPLATES]);
    expect(templateRoots(project)).toEqual([project, TEMPLATES]);
  });

  it('the default folder may be missing (packaged only); a folder named otherwise must exist', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmp.dir);
      expect(templateRoots('templates')).toEqual(['templates', TEMPLATES]);
      process.chdir(join(tmp.dir, 'templates'));
      expect(templateRoots('templates')).toEqual([TEMPLATES]);
    } finally {
      process.chdir(cwd);
    }
    expect(() => templateRoots(join(tmp.dir, 'nope'))).toThrow(/templates folder not found/);
  });

  it('audiences are the packaged ones plus the project\'s; audience.yaml comes from the most specific folder that has one', async () => {
    expect(await listAudienceNames(project)).toEqual(['analyst', 'board', 'executive', 'public']);
    expect((await loadAudience(project, 'analyst')).dir).toBe(join(TEMPLATES, 'audiences', 'analyst'));
    expect((await loadAudience(project, 'board')).dir).toBe(join(project, 'audiences', 'board'));
  });

  it('a project partial replaces the packaged one; the project stylesheet comes after the packaged one', async () => {
    const set = await loadTemplateSet(project, await loadAudience(project, 'analyst'));
    expect(set.files).toContain(join(project, 'audiences', 'analyst', 'partials', 'section-bluf.hbs'));
    expect(set.files).not.toContain(join(TEMPLATES, 'base', 'partials', 'section-bluf.hbs'));
    expect(set.files).toContain(join(TEMPLATES, 'base', 'layout.hbs'));
    const styles = set.files.filter((f) => f.endsWith('.css'));
    expect(styles).toEqual([join(TEMPLATES, 'base', 'style.css'), join(project, 'base', 'style.css')]);
  });
});
