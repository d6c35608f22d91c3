import type { ErrorDetail } from './errors.ts';
import { KIND_REQUIRED_FIELDS } from './forms.ts';
import { parsePointer, readPointer } from './json-pointer.ts';
import { type FormKind, type IndexedValue, isObject, type JsonObject } from './model.ts';

import { hasOwnKey, ownValue, setOwn } from './own.ts';

/** One error as ajv reports it (the subset we read). */
export interface SchemaIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Schema = Record<string, unknown>;

/** Resolves a local `$ref` (`#/...`) against the root schema; other refs are left unresolved. */
function resolve(schema: unknown, root: Schema, seen = new Set<unknown>()): Schema | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (seen.has(schema)) return undefined;
  seen.add(schema);
  if (!ref.startsWith('#')) return undefined;
  const target = readPointer(root, ref === '#' ? '' : ref.slice(1));
  const resolved = resolve(target, root, seen);
  if (!resolved) return undefined;
  // Sibling keywords of $ref apply too (2020-12).
  const { $ref: _ignored, ...siblings } = schema;
  return Object.keys(siblings).length ? { ...resolved, ...siblings } : resolved;
}

/** The schema and every schema composed into it (allOf/anyOf/oneOf/if/then/else/dependentSchemas), resolved. */
export function expand(
  schema: unknown,
  root: Schema,
  out: Schema[] = [],
  seen = new Set<unknown>(),
): Schema[] {
  const s = resolve(schema, root);
  if (!s || seen.has(s)) return out;
  seen.add(s);
  out.push(s);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) expand(sub, root, out, seen);
  }
  for (const key of ['if', 'then', 'else'] as const)
    if (s[key] !== undefined) expand(s[key], root, out, seen);
  for (const key of ['dependentSchemas', 'dependencies'] as const) {
    const deps = s[key];
    if (isObject(deps))
      for (const sub of Object.values(deps)) if (isObject(sub)) expand(sub, root, out, seen);
  }
  return out;
}

/**
 * Drops every field the form does not define, as rjsf's `omitExtraData` does: an object keeps the
 * properties named by its schema or by any schema composed into it, plus unknown keys only where the
 * schema explicitly allows them (`additionalProperties` true or a schema, or a matching `patternProperties`).
 */
export function omitExtraData(rootSchema: Schema, data: unknown): unknown {
  const prune = (candidates: Schema[], value: unknown): unknown => {
    if (Array.isArray(value)) {
      const itemSchemas = candidates.flatMap((c) =>
        c.items !== undefined && c.items !== true ? expand(c.items, rootSchema) : [],
      );
      if (itemSchemas.length === 0) return value;
      return value.map((item) => prune(itemSchemas, item));
    }
    if (!isObject(value)) return value;
    if (candidates.length === 0) return value;
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchemas: Schema[] = [];
      let allowed = false;
      for (const c of candidates) {
        const props = c.properties;
        if (hasOwnKey(props, key)) {
          allowed = true;
          childSchemas.push(...expand(ownValue(props, key), rootSchema));
        }
        const patterns = c.patternProperties;
        if (isObject(patterns)) {
          for (const [pattern, sub] of Object.entries(patterns)) {
            if (new RegExp(pattern, 'u').test(key)) {
              allowed = true;
              childSchemas.push(...expand(sub, rootSchema));
            }
          }
        }
        if (c.additionalProperties === true || isObject(c.additionalProperties)) {
          allowed = true;
          if (isObject(c.additionalProperties))
            childSchemas.push(...expand(c.additionalProperties, rootSchema));
        }
      }
      if (allowed) setOwn(result, key, childSchemas.length ? prune(childSchemas, child) : child);
    }
    return result;
  };
  return prune(expand(rootSchema, rootSchema), data);
}

/** Keywords that only say something is missing; a draft may be incomplete. */
const COMPLETENESS = new Set([
  'required',
  'dependentRequired',
  'dependencies',
  'minItems',
  'minProperties',
  'const',
]);
/**
 * Keywords that judge a value a person typed but may still be finishing (a half-typed e-mail address, an
 * amount above the limit): a draft keeps such values and shows their messages; only submit refuses them.
 * A wrong JSON type (`type`), an unknown choice (`enum`) or too many items stay refused in a draft too: a
 * form's fields never produce them, only a wrongly built API request.
 */
const NOT_YET_VALID = new Set([
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);
const COMPOSITES = new Set(['oneOf', 'anyOf', 'if']);

/**
 * Keeps the issues that matter for the mode: `submit` keeps everything; `draft` drops what only says
 * "incomplete" or "not valid yet" (and a composite `oneOf`/`anyOf`/`if` failure all of whose causes were
 * such), so a draft keeps everything typed into the form but never holds a wrong JSON type.
 */
export function relevantIssues(issues: readonly SchemaIssue[], mode: 'draft' | 'submit'): SchemaIssue[] {
  if (mode === 'submit') return [...issues];
  const dropped = new Set<SchemaIssue>(
    issues.filter((i) => COMPLETENESS.has(i.keyword) || NOT_YET_VALID.has(i.keyword)),
  );
  const composites = issues
    .filter((i) => COMPOSITES.has(i.keyword))
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const composite of composites) {
    const prefix =
      composite.keyword === 'if'
        ? `${composite.schemaPath.slice(0, -'/if'.length)}/${String(composite.params.failingKeyword ?? 'then')}/`
        : `${composite.schemaPath}/`;
    const causes = issues.filter((i) => i !== composite && i.schemaPath.startsWith(prefix));
    if (causes.length > 0 && causes.every((c) => dropped.has(c))) dropped.add(composite);
  }
  return issues.filter((i) => !dropped.has(i));
}

/** Error details for the API: one JSON pointer and message per issue. */
export function issueDetails(issues: readonly SchemaIssue[]): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const missing = issue.keyword === 'required' ? issue.params.missingProperty : undefined;
    const pointer =
      typeof missing === 'string'
        ? `${issue.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`
        : issue.instancePath;
    const key = `${pointer}|${issue.keyword}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ pointer: pointer || '/', message: issue.message ?? 'is invalid', code: issue.keyword });
  }
  return details;
}

/**
 * Gives every array item that declares a read-only `id` property a stable id if it has none, so
 * positions, goals and measures can be traced item by item across revisions.
 */
export function assignItemIds(rootSchema: Schema, data: unknown, newId: () => string): unknown {
  const walk = (candidates: Schema[], value: unknown, inArray: boolean): unknown => {
    // Only what the schema describes can declare ids; leave the rest untouched (and unwalked).
    if (candidates.length === 0) return value;
    if (Array.isArray(value)) {
      const itemSchemas = candidates.flatMap((c) =>
        c.items !== undefined ? expand(c.items, rootSchema) : [],
      );
      return value.map((item) => walk(itemSchemas, item, true));
    }
    if (!isObject(value)) return value;
    const result: Record<string, unknown> = { ...value };
    for (const key of Object.keys(value)) {
      const childSchemas = candidates.flatMap((c) =>
        hasOwnKey(c.properties, key) ? expand(ownValue(c.properties, key), rootSchema) : [],
      );
      setOwn(result, key, walk(childSchemas, value[key], false));
    }
    if (inArray) {
      const declaresId = candidates.some(
        (c) => isObject(c.properties) && isObject(c.properties.id) && c.properties.id.readOnly === true,
      );
      if (declaresId && (typeof result.id !== 'string' || result.id === '')) result.id = newId();
    }
    return result;
  };
  return walk(expand(rootSchema, rootSchema), data, false);
}

/** Copies the form's declared indexed fields out of the data (strings, numbers, booleans only). */
export function indexedValues(
  indexed: Record<string, string> | undefined,
  data: JsonObject,
): Record<string, IndexedValue> {
  const out: Record<string, IndexedValue> = {};
  for (const [name, pointer] of Object.entries(indexed ?? {})) {
    const value = readPointer(data, pointer);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      setOwn(out, name, value);
  }
  return out;
}

/** JSON Schema keywords the web renderer (rjsf) cannot show; a published schema must not use them. */
export const UNSUPPORTED_KEYWORDS = [
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  '$dynamicRef',
  '$dynamicAnchor',
  '$recursiveRef',
  '$recursiveAnchor',
  'contains',
  'minContains',
  'maxContains',
  'propertyNames',
  'dependentSchemas',
] as const;

/** Every unsupported keyword used anywhere in the schema, with where. */
export function unsupportedKeywords(schema: unknown): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const walk = (node: unknown, path: string, inProperties: boolean) => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${path}/${i}`, false);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      // Keys inside `properties` / `$defs` are names, not keywords.
      if (!inProperties && (UNSUPPORTED_KEYWORDS as readonly string[]).includes(key)) {
        found.push({
          pointer: here,
          message: `The keyword "${key}" cannot be rendered by the form renderer.`,
          code: key,
        });
      }
      const namesInside =
        ['properties', 'patternProperties', '$defs', 'definitions', 'dependentRequired'].includes(key) &&
        !inProperties;
      walk(value, here, namesInside);
    }
  };
  walk(schema, '', false);
  return found;
}

/** The fields the platform's rules read for this kind, that the schema does not define (as properties). */
export function missingKindFields(schema: Schema, kind: FormKind): ErrorDetail[] {
  const missing: ErrorDetail[] = [];
  for (const pointer of KIND_REQUIRED_FIELDS[kind]) {
    let candidates = expand(schema, schema);
    for (const token of parsePointer(pointer)) {
      candidates = candidates.flatMap((c) =>
        hasOwnKey(c.properties, token) ? expand(ownValue(c.properties, token), schema) : [],
      );
    }
    if (candidates.length === 0) {
      missing.push({
        pointer,
        message: `A ${kind} form must define the field ${pointer}; the platform's rules read it.`,
        code: 'kind_field',
      });
    }
  }
  return missing;
}
