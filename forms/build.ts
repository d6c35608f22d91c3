/**
 * Build step for the forms in this repository (`npm run build:forms`): reads every `forms/<formId>/`
 * folder and writes `forms/generated/`:
 * - `<formId>.v<N>.js`: the precompiled validators of each schema version (see validator-code.ts);
 * - `validator-prelude.js`: the ajv runtime prelude, for validators the server compiles at publish time;
 * - `catalog.js`: every form version's definition (schema, UI schema, workflow, config, texts) and a lazy
 *   loader per validator module, so a page or a handler loads only the validators it uses.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { build } from 'esbuild';
import { validatorModuleCode } from './validator-code.ts';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'generated');

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const readOptional = (path: string, fallback: unknown) => (existsSync(path) ? readJson(path) : fallback);

async function buildPrelude(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'validator-runtime.cjs')],
    bundle: true,
    format: 'iife',
    globalName: '__ajvRuntime',
    minify: true,
    write: false,
    platform: 'neutral',
    mainFields: ['main'],
    logLevel: 'silent',
  });
  const iife = result.outputFiles[0]?.text ?? '';
  return `${iife.trim()}\nconst require = (name) => __ajvRuntime[name];`;
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

  const formIds = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'workflow.json')))
    .map((d) => d.name)
    .sort();

  const catalog: unknown[] = [];
  const loaders: string[] = [];
  for (const id of formIds) {
    const dir = join(root, id);
    const versions: Record<number, unknown> = {};
    for (const file of readdirSync(dir)) {
      const match = /^schema\.v(\d+)\.json$/.exec(file);
      if (!match) continue;
      const version = Number(match[1]);
      const schema = readJson(join(dir, file));
      versions[version] = schema;
      const { code } = validatorModuleCode(schema, prelude);
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
    catalog.push({
      id,
      versions,
      uiSchema: readOptional(join(dir, 'ui.json'), {}),
      workflow: readJson(join(dir, 'workflow.json')),
      config: readOptional(join(dir, 'config.json'), {}),
      rounds,
      i18n: {
        // Every language file (the plan's texts exist in more languages than the UI's two).
        ...Object.fromEntries(
          (existsSync(i18nDir) ? readdirSync(i18nDir) : [])
            .filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*\.json$/.test(f))
            .map((f) => [f.slice(0, -'.json'.length), readJson(join(i18nDir, f))]),
        ),
        de: readOptional(join(i18nDir, 'de.json'), {}),
        en: readOptional(join(i18nDir, 'en.json'), {}),
      },
    });
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
