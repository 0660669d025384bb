/**
 * The direction of the code, checked in CI (`npm run lint:deps`): data flows
 * load → validate → compose → render → print → contents/pdf → app → cli, and each stage imports only
 * the stages before it, plus util/, schema/ and errors.ts. See docs/architecture.md.
 */
const stage = (name) => `^src/${name}/`;
const only = (from, allowed, comment) => ({
  name: `${from}-imports-only-${allowed.join('-')}`,
  comment,
  severity: 'error',
  from: { path: stage(from) },
  to: { path: '^src/', pathNot: [stage(from), ...allowed.map(stage), '^src/errors\\.ts$'] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles hide the direction of the flow.', from: {}, to: { circular: true } },
    { name: 'library-never-imports-cli', severity: 'error', comment: 'The CLI is a thin layer over the library, never the other way.', from: { path: '^src/', pathNot: '^src/cli/' }, to: { path: '^src/cli/' } },
    { name: 'util-knows-no-briefing', severity: 'error', comment: 'util/ holds helpers with no knowledge of briefings.', from: { path: stage('util') }, to: { path: '^src/', pathNot: [stage('util'), '^src/errors\\.ts$'] } },
    only('schema', ['util'], 'The schema and its generated types depend on nothing else.'),
    only('load', ['util', 'schema'], 'Loading reads files and YAML; it knows nothing of validation or output.'),
    only('validate', ['load', 'util', 'schema'], 'Validation works on loaded YAML.'),
    only('report', ['validate', 'util', 'schema'], 'Reporters format problems.'),
    only('compose', ['validate', 'load', 'util', 'schema'], 'Composing is pure: sheets + audience + previous edition → view.'),
    only('render', ['compose', 'load', 'util', 'schema'], 'Rendering turns a view into HTML.'),
    only('pdf', ['util'], 'PDF post-processing works on bytes.'),
    only('print', ['util'], 'The printer is generic: HTML in, PDF bytes out.'),
    only('contents', ['print', 'pdf', 'render', 'compose', 'util', 'schema'], 'The contents pass drives the printer.'),
    {
      name: 'errors-imports-types-only', severity: 'error', comment: 'errors.ts is at the bottom: type imports only.',
      from: { path: '^src/errors\\.ts$' }, to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
