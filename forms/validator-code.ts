/**
 * Turns a JSON Schema into precompiled validator code (ajv standalone, draft 2020-12), in the shape
 * react-jsonschema-form's precompiled validator expects: one validate function per schema that rjsf's
 * `schemaParser` finds (the root and the sub-schemas of `oneOf`/`anyOf`), keyed by rjsf's hash of each.
 *
 * Used at build time for the forms in this repository and at publish time by the server for versions
 * published at run time, so both produce the same kind of artefact: a self-contained ES module with no
 * imports (the few ajv runtime helpers are inlined by a prelude), loadable by the browser under a strict
 * CSP and by the server, without compiling anything at run time.
 */
import { hashForSchema, type RJSFSchema, schemaParser } from '@rjsf/utils';
import createAjvInstance from '@rjsf/validator-ajv8/lib/createAjvInstance.js';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** Options shared by build-time and publish-time compilation, and by the web app's rjsf validator. */
export const AJV_OPTIONS = {
  code: { source: true, esm: true, lines: false },
  allErrors: true,
  // Smaller code: errors without the schema and data copies (messages are localised by field, not by
  // the schema's titles), and referenced definitions compiled once rather than inlined at each use.
  verbose: false,
  inlineRefs: false,
} as const;

/**
 * Compiles every schema rjsf will validate against. Throws ajv's error for an invalid schema.
 * `prelude` defines `require()` for the ajv runtime helpers the code refers to: the whole runtime, or a
 * function that gets the names of the helpers the code requires and returns a prelude of those only (a
 * smaller module for the browser: most forms need no URI parser).
 */
export function validatorModuleCode(
  schema: Record<string, unknown>,
  prelude: string | ((helpers: readonly string[]) => string),
): { code: string; rootKey: string } {
  const rootKey = hashForSchema(schema as RJSFSchema);
  const schemas = Object.values(schemaParser(schema as RJSFSchema));
  const ajv = createAjvInstance(undefined, undefined, { ...AJV_OPTIONS, schemas }, undefined, Ajv2020);
  const keys = schemas.map((s) => String((s as Record<string, unknown>).$id));
  const exportsMap: Record<string, string> = {};
  keys.forEach((key, i) => {
    exportsMap[`v${i}`] = key;
  });
  const body = standaloneCode(ajv, exportsMap).replace(/^"use strict";/, '');
  const table = keys.map((key, i) => `${JSON.stringify(key)}: v${i}`).join(', ');
  const helpers = [
    ...new Set([...body.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string)),
  ].sort();
  const code = [
    '// Generated: precompiled JSON Schema validators (ajv standalone). Do not edit.',
    typeof prelude === 'string' ? prelude : prelude(helpers),
    body,
    `export const validators = { ${table} };`,
    `export const rootKey = ${JSON.stringify(rootKey)};`,
    'export default validators;',
    '',
  ].join('\n');
  return { code, rootKey };
}
