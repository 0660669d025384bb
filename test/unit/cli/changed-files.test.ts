import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFiles } from '../../../src/cli/output.js';
import { tempDir } from '../../helpers.js';

describe('the files a rebuild names (watch, preview)', () => {
  it('says which were changed and which removed, relative to the working folder, with control characters and line breaks escaped', () => {
    const tmp = tempDir();
    try {
      const kept = join(tmp.dir, 'a.yaml');
      writeFileSync(kept, 'id: a\n');
      const gone = join(tmp.dir, 'b\u001b[2J.yaml');
      const line = changedFiles([kept, gone]);
      expect(line).toBe(`changed ${relative(process.cwd(), kept)}, removed ${relative(process.cwd(), join(tmp.dir, 'b'))}\\x1b[2J.yaml: `);
      expect(line).not.toContain('\u001b');
      expect(changedFiles([gone]).startsWith('removed ')).toBe(true);
      // a line break in a name cannot forge a line of the log
      expect(changedFiles([join(tmp.dir, 'c\nbuilding all.yaml')])).not.toContain('\n');
      expect(changedFiles([])).toBe('');
    } finally {
      tmp.cleanup();
    }
  });
});
