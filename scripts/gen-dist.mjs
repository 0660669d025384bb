// Start-up data computed once at build time instead of at every start of the command line:
// - the fact-sheet and audience-config validators, as ajv standalone code (~300 ms and ~60 ms of
//   schema compiling): dist/schema/fact-sheet.validator.cjs and dist/schema/audience.validator.cjs;
// - Puppeteer's default Chrome flags for our launch flags (src/chrome.ts starts Chrome before it
//   loads Puppeteer): dist/chrome-args.json;
// - the characters each bundled font face really has (its file's character map within its declared
//   unicode-range; ~0.3 s to read): dist/font-coverage.json, see src/util/font-catalogue.ts;
// - the digest of the compiled code, for incremental builds: dist/code-digest.json.
// (run after tsc: `npm run build:ts`, `prepare` and `npm test` do). src/validate.ts checks the
// schema hash it embeds and compiles at run time instead when the file is missing or stale.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { _ } from 'ajv';

const root = new URL('../', import.meta.url);
const text = readFileSync(new URL('schema/fact-sheet.schema.json', root), 'utf8');
const ajv = new Ajv2020({
  allErrors: true, strict: true, allowUnionTypes: true, verbose: true,
  code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
});
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(text));
const hash = createHash('sha256').update(text).digest('hex');
const code = `${standaloneCode.default(ajv, validate)}\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`;
mkdirSync(new URL('dist/schema/', root), { recursive: true });
writeFileSync(new URL('dist/schema/fact-sheet.validator.cjs', root), code);

// The audience config: same options as src/audience.ts compiles with at run time.
const audienceText = readFileSync(new URL('schema/audience.schema.json', root), 'utf8');
const audienceAjv = new Ajv2020({ allErrors: true, strict: true, verbose: true, code: { source: true } });
const audienceValidate = audienceAjv.compile(JSON.parse(audienceText));
const audienceHash = createHash('sha256').update(audienceText).digest('hex');
writeFileSync(new URL('dist/schema/audience.validator.cjs', root),
  `${standaloneCode.default(audienceAjv, audienceValidate)}\nmodule.exports.schemaHash = ${JSON.stringify(audienceHash)};\n`);

// brief.config.yaml: same options as src/config.ts compiles with at run time.
const configText = readFileSync(new URL('schema/config.schema.json', root), 'utf8');
const configAjv = new Ajv2020({ allErrors: true, strict: true, verbose: true, code: { source: true } });
const configValidate = configAjv.compile(JSON.parse(configText));
writeFileSync(new URL('dist/schema/config.validator.cjs', root),
  `${standaloneCode.default(configAjv, configValidate)}\nmodule.exports.schemaHash = ${JSON.stringify(createHash('sha256').update(configText).digest('hex'))};\n`);

// Chrome's flags, as `puppeteer.launch` computes them for our launch flags (without --no-sandbox,
// which is added at run time when needed). src/chrome.ts uses them while they match.
const { launchArgs } = await import(new URL('dist/print/browser.js', root).href);
const { default: puppeteer } = await import('puppeteer-core');
const base = launchArgs().filter((a) => a !== '--no-sandbox');
writeFileSync(new URL('dist/chrome-args.json', root), `${JSON.stringify({
  puppeteer: JSON.parse(readFileSync(new URL('node_modules/puppeteer-core/package.json', root), 'utf8')).version,
  base,
  headless: puppeteer.defaultArgs({ headless: true, args: [...base] }),
  shell: puppeteer.defaultArgs({ headless: 'shell', args: [...base] }),
}, null, 2)}\n`);

const { coverageTable, COVERAGE_FILE } = await import(new URL('dist/util/font-catalogue.js', root).href);
writeFileSync(new URL(`dist/${COVERAGE_FILE}`, root), `${JSON.stringify(coverageTable())}\n`); // compact: read at every start

// `brief validate` as one file (bin/brief.js loads it; src/cli/validate-run.ts says why): the
// compiled modules of its path and the packages they import, bundled by esbuild. Each module keeps
// its own import.meta.url (the bundle's, with the way back to where the module was), so its paths to
// the schema, the validators and package.json hold. Without esbuild (an install without dev
// dependencies) there is no bundle and bin/brief.js loads the modules.
let esbuild;
try { esbuild = await import('esbuild'); } catch { console.warn('gen-dist: esbuild not installed; brief validate runs from the modules'); }
if (esbuild) {
  const distDir = fileURLToPath(new URL('dist/', root));
  const outfile = fileURLToPath(new URL('dist/bundle/validate.cjs', root));
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        if (relative(distDir, args.path).startsWith('..')) return undefined; // a package's own file
        const back = relative(dirname(outfile), args.path).split('\\').join('/');
        const text = readFileSync(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(back)}, __briefBundleUrl).href`), loader: 'js' };
      });
    },
  };
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('dist/cli/validate-run.js', root))],
    absWorkingDir: fileURLToPath(root), // the bundle's comments name files relative to the project: the same bytes on every machine
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, plugins: [ownUrl], logLevel: 'warning',
    banner: { js: "const __briefBundleUrl = require('node:url').pathToFileURL(__filename);" },
    // The precompiled validators stay files of their own (their schema hash is checked); `yaml`, the
    // full parser, is loaded from node_modules only when a problem needs it: bundled, its ~270 kB
    // were compiled at every start of a run that never uses it.
    external: ['*.cjs', 'yaml'],
  });
}

// The digest of the compiled code, which incremental builds hash as brief's own input (src/app/incremental.ts):
// computed here once rather than at the start of every build. Last: it covers the files written above.
const { codeDigest, CODE_DIGEST_FILE } = await import(new URL('dist/app/incremental.js', root).href);
writeFileSync(new URL(`dist/${CODE_DIGEST_FILE}`, root), `${JSON.stringify({ digest: codeDigest(new URL('dist/', root).pathname) })}\n`);
