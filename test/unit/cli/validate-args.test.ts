import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../cli-in-process.js';
import { plainValidateArgs } from '../../../src/cli/validate-run.js';

/**
 * `brief validate` with paths and its own options is read without commander (validate-run.ts
 * plainValidateArgs); everything else goes to commander. Both must act alike: `--debug` (a global
 * option, so commander's path) changes nothing in these runs, so each is compared with itself plus
 * `--debug`.
 */
const validate = (args: string[]) => runInProcess(['validate', ...args]);

describe('brief validate without commander', () => {
  it('reads paths and its own options', () => {
    expect(plainValidateArgs([])).toEqual({ paths: [], options: { format: 'human' } });
    expect(plainValidateArgs(['a', '--format', 'json', 'b', '--strict', '--data=d'])).toEqual({ paths: ['a', 'b'], options: { format: 'json', strict: true, data: 'd' } });
    expect(plainValidateArgs(['--format=sarif', '--data', 'x y'])).toEqual({ paths: [], options: { format: 'sarif', data: 'x y' } });
  });

  it('leaves everything else to commander', () => {
    for (const args of [['--help'], ['-h'], ['--debug'], ['--config', 'c.yaml'], ['--format'], ['--format', '--strict'], ['--format='], ['--formt', 'json'],
      ['--strict', '--strict'], ['--format', 'json', '--format', 'sarif'], ['--strict=yes'], ['-'], ['--', 'a'], ['a', '-x']]) {
      expect(plainValidateArgs(args), args.join(' ')).toBeUndefined();
    }
  });

  it('gives the same output and exit code as commander', async () => {
    const cases = [['test/fixtures/golden/multi.yaml'], ['--format=json', 'test/fixtures/golden/multi.yaml'], ['--strict', '--format', 'github', 'test/fixtures/valid'],
      ['--format', 'sarif', 'test/fixtures/invalid'], ['--format', 'bogus', 'data'], ['--data', 'test/fixtures/valid']];
    for (const args of cases) {
      const plain = await validate(args);
      const viaCommander = await validate([...args, '--debug']);
      expect(plain, args.join(' ')).toEqual(viaCommander);
    }
    expect((await validate(['--format', 'bogus', 'data'])).stderr).toMatch(/--format must be one of/);
    expect(await validate(['no-such-folder'])).toEqual({ code: 2, stdout: '', stderr: 'brief: no-such-folder: no such file or folder\n' });
  });
});
