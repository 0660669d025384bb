import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { brief } from '../process-helpers.js';

/** brief run outside a project (no brief.config.yaml from here up, no data/ here): said so, with what to do. */
describe('outside a project', () => {
  const tmp = tempDir('brief-no-project-');
  afterAll(() => tmp.cleanup());

  it.each([['validate'], ['build'], ['diff'], ['new-week'], ['evidence']])('brief %s says where it looked and what to do (exit 2, no stack)', async (command) => {
    const r = await brief([command], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("brief: no data folder here (data/) and no brief.config.yaml in this folder or above: run brief in your project's folder, name the data folder with --data, or make a project here with `brief init`\n");
  });

  it('--data names the folder: its own message then', async () => {
    const r = await brief(['validate', '--data', 'elsewhere'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('elsewhere: no such file or folder');
  });
});
