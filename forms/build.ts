/**
 * Build step for the forms in this repository (`npm run build:forms`): reads every `forms/<formId>/`
 * folder and writes `forms/generated/`:
 * - `<formId>.v<N>.js`: the precompiled validators of each schema version (see validator-code.ts);
 * - `validator-prelude.js`: the ajv runtime prelude, for validators the server compiles at publish time;
 * - `validator-compiler.mjs`: that compiler as one module, loaded by the publishing function on first use;
 * - `catalog.js`: what every function may need at once of each form (version numbers, title, workflow,
 *   config, funding rounds): small, bundled;
 * - `<formId>.form.json`: the rest of a form (schemas, UI schema, the texts of every language): not bundled,
 *   a function ships the files beside its bundle and reads one on first use (see `RepoFormContent`);
 * - `validators.js`: the file of each version's validator module, so a page or a handler loads only the
 *   validators it uses.
 * Every folder with a `workflow.json` is a form: a new form needs no change here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { type BuildOptions, build, buildSync } from 'esbuild';
import { textsIssues } from '#core/form-texts';
import type { FormTexts } from '#core/forms';
import { type RepoForm, type RepoFormContent, repoFormFile, VALIDATOR_COMPILER_FILE } from './types.ts';
import { validatorModuleCode } from './validator-code.ts';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'generated');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const readOptional = (path: string, fallback: unknown) => (existsSync(path) ? readJson(path) : fallback);

/**
 * Every language's texts of a form (`i18n/<tag>.json`), German and English always present. Texts that do
 * not match the German ones (keys, placeholders, meta) stop the build: the form catalogue serves exactly
 * what is built here, to the web and to the printed plan.
 */
function readTexts(dir: string): Record<string, FormTexts> {
  const texts: Record<string, FormTexts> = { de: {}, en: {} };
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort())
      texts[file.slice(0, -'.json'.length)] = readJson(join(dir, file));
  }
  const problems = textsIssues(texts);
  if (problems.length)
    throw new Error(`${dir}: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`);
  return texts;
}

/** The ajv runtime helpers as one script that defines `require()` for them (esbuild, IIFE). */
function preludeOf(result: { outputFiles?: Array<{ text: string }> }): string {
  const iife = result.outputFiles?.[0]?.text ?? '';
  return `${iife.trim()}\nconst require = (name) => __ajvRuntime[name];`;
}

const PRELUDE_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'iife',
  globalName: '__ajvRuntime',
  minify: true,
  write: false,
  platform: 'neutral',
  mainFields: ['main'],
  logLevel: 'silent',
};

/** Every helper (`validator-runtime.cjs`): for the versions the server compiles at publish time. */
async function buildPrelude(): Promise<string> {
  return preludeOf(await build({ ...PRELUDE_OPTIONS, entryPoints: [join(root, 'validator-runtime.cjs')] }));
}

/** Only the helpers a module's code requires (the others are never called): a smaller module for the browser. */
const preludes = new Map<string, string>();
function preludeFor(helpers: readonly string[]): string {
  const key = helpers.join(',');
  let prelude = preludes.get(key);
  if (prelude === undefined) {
    const contents = `module.exports = {${helpers.map((h) => `${JSON.stringify(h)}: require(${JSON.stringify(h)})`).join(', ')}};`;
    prelude = preludeOf(
      buildSync({ ...PRELUDE_OPTIONS, stdin: { contents, resolveDir: root, loader: 'js' } }),
    );
    preludes.set(key, prelude);
  }
  return prelude;
}

/** The publish-time compiler as one ES module for Node (see `VALIDATOR_COMPILER_FILE`), built as the functions are. */
async function buildCompiler(): Promise<void> {
  await build({
    stdin: {
      contents: [
        "export { validatorModuleCode } from './validator-code.ts';",
        "export { PRELUDE } from './generated/validator-prelude.js';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'validator-compiler.ts',
    },
    bundle: true,
    minify: true,
    charset: 'utf8',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    // ajv is CommonJS: give the ES module a require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    outfile: join(out, VALIDATOR_COMPILER_FILE),
    logLevel: 'warning',
  });
}

/** The electoral-district figures of a round's data, as the published press release gives them. */
function withElectoralDistricts(round: Record<string, unknown>, dir: string) {
  const file =
    typeof round.electoralDistrictsFile === 'string' ? join(dir, round.electoralDistrictsFile) : undefined;
  if (!file || !existsSync(file)) return round;
  const rows = parse(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  return {
    ...round,
    electoralDistricts: rows.map((r) => ({
      electoralDistrict: r.electoral_district,
      pressReleaseTotal: Number(r.planning_frame_total_eur),
      namedMunicipalitiesSum: Number(r.named_municipalities_sum_eur),
      ...(r.note ? { note: r.note } : {}),
    })),
  };
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const prelude = await buildPrelude();
  writeFileSync(join(out, 'validator-prelude.js'), `export const PRELUDE = ${JSON.stringify(prelude)};\n`);
  writeFileSync(join(out, 'validator-prelude.d.ts'), 'export declare const PRELUDE: string;\n');
  await buildCompiler();

  const formIds = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'workflow.json')))
    .map((d) => d.name)
    .sort();

  const catalog: RepoForm[] = [];
  const loaders: string[] = [];
  for (const id of formIds) {
    const dir = join(root, id);
    const versions: Record<number, RepoFormContent['schemas'][number]> = {};
    for (const file of readdirSync(dir)) {
      const match = /^schema\.v(\d+)\.json$/.exec(file);
      if (!match) continue;
      const version = Number(match[1]);
      const schema = readJson(join(dir, file));
      versions[version] = schema;
      const { code } = validatorModuleCode(schema, preludeFor);
      writeFileSync(join(out, `${id}.v${version}.js`), code);
      loaders.push(`  ${JSON.stringify(`${id}@${version}`)}: ${JSON.stringify(`${id}.v${version}.js`)},`);
    }
    const i18nDir = join(dir, 'i18n');
    const roundsDir = join(dir, 'rounds');
    const rounds = existsSync(roundsDir)
      ? Object.fromEntries(
          readdirSync(roundsDir)
            .filter((f) => f.endsWith('.json'))
            .map((f) => readJson(join(roundsDir, f)))
            .map((round) => [round.id, withElectoralDistricts(round, roundsDir)]),
        )
      : {};
    const i18n = readTexts(i18nDir) as RepoFormContent['i18n'];
    catalog.push({
      id,
      versions: Object.keys(versions)
        .map(Number)
        .sort((a, b) => a - b),
      title: { de: i18n.de.title ?? id, ...(i18n.en.title ? { en: i18n.en.title } : {}) },
      workflow: readJson(join(dir, 'workflow.json')),
      config: readOptional(join(dir, 'config.json'), {}),
      rounds,
    });
    const content: RepoFormContent = {
      schemas: versions,
      uiSchema: readOptional(join(dir, 'ui.json'), {}),
      i18n,
    };
    writeFileSync(join(out, repoFormFile(id)), JSON.stringify(content));
  }

  writeFileSync(
    join(out, 'catalog.js'),
    [
      '// Generated from forms/*/ by forms/build.ts. Do not edit.',
      `export const forms = ${JSON.stringify(catalog)};`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(out, 'catalog.d.ts'),
    ["import type { RepoForm } from '../types.ts';", 'export declare const forms: RepoForm[];', ''].join(
      '\n',
    ),
  );
  // The file of each version's validator module. The modules are not bundled into a function: the
  // function that validates ships them as files beside its bundle and loads the one it needs.
  writeFileSync(
    join(out, 'validators.js'),
    [
      '// Generated by forms/build.ts. Do not edit.',
      'export const validatorFiles = {',
      ...loaders,
      '};',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(out, 'validators.d.ts'),
    ['export declare const validatorFiles: Record<string, string>;', ''].join('\n'),
  );
  console.log(`forms: ${formIds.length} forms, ${loaders.length} validator modules → forms/generated/`);
}

await main();
