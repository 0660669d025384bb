import type { Command } from './commander.js';
import type { ConfigFlags } from '../config.js';
import { ExitCode, ValidationFailed } from '../errors.js';
import { isShuttingDown } from '../util/shutdown.js';
import { oneLine } from '../util/printable.js';
import type { Context } from './context.js';
import { defaultIO, reportFailure, useColor, type CliIO } from './io.js';
import { packageVersion } from './validate-run.js';

export type { CliIO } from './io.js';

/**
 * The CLI: argv → command → exit code; the only module that knows about stdout and the terminal.
 * Each command is a file of its own (its options, its help, its action); an action loads the
 * modules it needs when it runs (YAML, ajv, Handlebars, pdf-lib cost hundreds of milliseconds to
 * import), so `brief build` starts the browser before any of them is loaded.
 */
interface CommandModule { register(program: Command, ctx: Context, done: (code: number) => void): void }
/**
 * The commands by name, in the order help lists them. A run that names its command first (`brief
 * validate …`) loads and registers that one only, `brief --version` none; help, a typo or a global
 * option first loads all.
 */
const COMMANDS: [string, () => Promise<CommandModule>][] = [
  ['build', () => import('./build.js')], ['watch', () => import('./watch.js')], ['preview', () => import('./preview.js')],
  ['validate', () => import('./validate.js')], ['diff', () => import('./diff.js')], ['evidence', () => import('./evidence.js')],
  ['new-week', () => import('./new-week.js')], ['audiences', () => import('./audiences.js')], ['schema', () => import('./schema.js')],
  ['init', () => import('./init.js')], ['config', () => import('./config.js')], ['browser', () => import('./browser.js')],
];

const FOOTER = `
Configuration: brief.config.yaml, found from the working folder up (\`brief schema config\`);
flags override it.
Environment: PUPPETEER_EXECUTABLE_PATH (the browser), BRIEF_CACHE_DIR (compiled templates, contents
layouts, the browser profile; default: node_modules/.cache/brief), NO_COLOR, FORCE_COLOR.
Exit codes: 0 ok, 1 invalid fact sheets, 2 usage or I/O error, 3 render failure.`;

function program(Command: typeof import('./commander.js').Command, io: CliIO, ctx: Context, done: (code: number) => void, commands: readonly CommandModule[]): Command {
  const root = new Command('brief')
    .description('YAML fact sheets to policy-briefing PDFs')
    .version(packageVersion(), '-v, --version', 'the version')
    .helpOption('-h, --help', 'show help (brief help <command> for a command)')
    .option('--config <file>', 'the configuration file (default: brief.config.yaml, found upward)')
    .option('--debug', 'show stack traces for internal errors')
    .addHelpText('after', FOOTER)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // "error: unknown option '--wek'\n(Did you mean --week?)" → one line that says where to look.
      outputError: (str, write) => write(`brief: ${str.replace(/^error: /, '').trim().replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)')}\n`),
    });
  for (const c of commands) c.register(root, ctx, done);
  // Every command: help after an error says how to get that command's help.
  for (const cmd of root.commands) cmd.showHelpAfterError(`Run 'brief ${cmd.name()} --help' for usage.`);
  root.showHelpAfterError("Run 'brief --help' for usage.");
  return root;
}

export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let code: number = ExitCode.ok;
  let root: Command | undefined;
  const globals = () => (root?.opts() ?? {}) as { config?: string; debug?: boolean };
  const ctx: Context = {
    io,
    color: useColor(io),
    debug: () => !!globals().debug || argv.includes('--debug'),
    config: async (flags: ConfigFlags) => (await import('../config.js')).loadConfig({ ...flags, config: globals().config }, { env: io.env }),
  };
  let commander: typeof import('./commander.js') | undefined;
  try {
    // `brief validate` with paths and its own options only runs without commander (its loading and
    // set-up are a noticeable part of a validation's start-up); anything else is commander's.
    if (argv[0] === 'validate') {
      const code = await (await import('./validate-run.js')).plainValidate(argv, io);
      if (code !== undefined) return code;
    }
    if (argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') && !COMMANDS.some(([name]) => name === argv[1])) {
      const { nearest } = await import('../util/nearest.js');
      const near = nearest(argv[1], COMMANDS.map(([name]) => name));
      io.stderr(`brief: no command '${oneLine(argv[1])}'${near ? `; did you mean '${near}'?` : ''}\nRun 'brief --help' for the commands.\n`);
      return ExitCode.usage;
    }
    commander = await import('./commander.js');
    const named = COMMANDS.find(([name]) => name === argv[0]);
    const version = argv[0] === '--version' || argv[0] === '-v'; // answered before any command is looked at
    const commands = await Promise.all((version ? [] : named ? [named] : COMMANDS).map(([, load]) => load()));
    root = program(commander.Command, io, ctx, (c) => { code = c; }, commands);
    if (argv.length === 0) {
      io.stdout(root.helpInformation());
      return ExitCode.usage;
    }
    await root.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (commander && e instanceof commander.CommanderError) {
      // help and --version end with 0; anything commander refused is a usage error
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    // Interrupted: the documents in flight failed because we closed the browser; say nothing more.
    if (isShuttingDown()) return ExitCode.render;
    await (await import('../app/write.js')).removePendingTempFiles();
    if (e instanceof ValidationFailed) {
      const { invalidSheets } = await import('./output.js');
      io.stderr(`${await invalidSheets(e.problems, ctx.color)}brief: ${e.message}\n`);
      return e.exitCode;
    }
    return reportFailure(e, io, ctx.debug());
  }
}
