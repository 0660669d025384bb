import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefError, ValidationFailed } from '../../../src/errors.js';
import { failureReport, formatFailure } from '../../../src/app/preview/failure.js';
import { tempDir } from '../../helpers.js';

describe('preview failure reports', () => {
  it('a validation failure: every error with file:line:col relative to the project, rule, message and code frame', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'data', 'x.yaml');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(tmp.dir, 'data'));
    writeFileSync(file, 'id: x\nas_of: "2025-09-31"\n');
    const report = await failureReport(new ValidationFailed([
      { file, line: 2, col: 8, endLine: 2, endCol: 20, severity: 'error', rule: 'schema-date', message: 'not a real date', pointer: '/as_of' },
      { file, line: 1, col: 1, severity: 'warning', rule: 'style', message: 'a warning is not a failure', pointer: '' },
    ]), tmp.dir);
    expect(report.message).toBe('1 error in the fact sheets; nothing was built');
    expect(report.problems).toEqual([{
      file: join('data', 'x.yaml'), line: 2, col: 8, severity: 'error', rule: 'schema-date', message: 'not a real date',
      frame: '   2 | as_of: "2025-09-31"\n     |        ^^^^^^^^^^^^',
    }]);
    expect(formatFailure(report)).toBe(`${join('data', 'x.yaml')}:2:8: error schema-date: not a real date\n   2 | as_of: "2025-09-31"\n     |        ^^^^^^^^^^^^\nbrief: 1 error in the fact sheets; nothing was built`);
    tmp.cleanup();
  });

  it('a template error: its file and line, the message without them, the line of the template', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'bluf.hbs');
    writeFileSync(file, '<p>\n{{#if bluf}}<p>unclosed\n');
    const e = new BriefError('template-syntax', `${file}:2: template syntax error: {{#if}} is never closed`, { location: { file, line: 2 } });
    const report = await failureReport(e, tmp.dir);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ file: 'bluf.hbs', line: 2, col: 1, rule: 'template-syntax', message: 'template syntax error: {{#if}} is never closed' });
    expect(report.problems[0]!.frame).toContain('2 | {{#if bluf}}<p>unclosed');
    tmp.cleanup();
  });

  it('any other error: its message, no problems', async () => {
    expect(await failureReport(new BriefError('page-budget', 'out/x.pdf: 2 pages, over the budget'))).toEqual({ message: 'out/x.pdf: 2 pages, over the budget', problems: [] });
    expect((await failureReport(new Error('boom'))).message).toBe('internal error: boom');
  });
});
