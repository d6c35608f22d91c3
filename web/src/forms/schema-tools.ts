/**
 * Small, pure helpers over a form's JSON Schema: resolving `$ref`s, applying a language's field texts
 * (keyed by JSON pointer into the schema), finding a field's title by data path, and comparing data.
 * Nothing here knows a particular form.
 */
import type { FormTexts, JsonObject } from '../api/types.ts';

export type Schema = JsonObject & {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  const?: unknown;
  format?: string;
  $ref?: string;
  required?: string[];
};
export type UiSchema = Record<string, unknown>;
type FieldTexts = NonNullable<FormTexts['fields']>;

const decode = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');
const encode = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

export function pointerGet(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.replace(/^#/, '').split('/').slice(1).map(decode)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Follows local `$ref`s; returns the schema and its own pointer. */
export function deref(
  root: Schema,
  node: Schema | undefined,
  pointer: string,
): { node: Schema | undefined; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    at = current.$ref.replace(/^#/, '');
    current = pointerGet(root, at) as Schema | undefined;
  }
  return { node: current, pointer: at };
}

/**
 * The uiSchema with a language's texts layered on as `ui:title`, `ui:description`, `ui:help` and
 * `ui:enumNames`. The schema itself stays untouched: the precompiled validator only accepts the exact
 * schema it was built for.
 */
export function overlayUiSchema(root: Schema, uiSchema: UiSchema, fields: FieldTexts | undefined): UiSchema {
  if (!fields || Object.keys(fields).length === 0) return uiSchema;
  const apply = (ui: UiSchema, pointer: string) => {
    const texts = fields[pointer];
    if (!texts) return;
    if (texts.title) ui['ui:title'] = texts.title;
    if (texts.description) ui['ui:description'] = texts.description;
    if (texts.help) ui['ui:help'] = texts.help;
    if (texts.enumNames) ui['ui:enumNames'] = texts.enumNames;
  };
  const walk = (node: Schema | undefined, pointer: string, ui: UiSchema, depth: number): UiSchema => {
    const out: UiSchema = { ...ui };
    if (!node || depth > 12) return out;
    const target = deref(root, node, pointer);
    if (target.pointer !== pointer) apply(out, target.pointer);
    apply(out, pointer);
    const schema = target.node;
    if (!schema) return out;
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      out[key] = walk(
        child,
        `${target.pointer}/properties/${encode(key)}`,
        (ui[key] as UiSchema) ?? {},
        depth + 1,
      );
    }
    if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
      out.items = walk(schema.items, `${target.pointer}/items`, (ui.items as UiSchema) ?? {}, depth + 1);
    }
    return out;
  };
  return walk(root, '', uiSchema, 0);
}

/** A copy of the schema with a language's texts written in (for read-only views, never for validation). */
export function translateSchema(root: Schema, fields: FieldTexts | undefined): Schema {
  const copy = structuredClone(root);
  for (const [pointer, texts] of Object.entries(fields ?? {})) {
    const node = pointerGet(copy, pointer) as Schema | undefined;
    if (!node || typeof node !== 'object') continue;
    if (texts.title) node.title = texts.title;
    if (texts.description) node.description = texts.description;
    if (texts.enumNames) node['x-enumNames'] = texts.enumNames;
  }
  return copy;
}

/** The sub-schema for a data path (`['goals', 3, 'title']`). */
export function schemaAt(root: Schema, path: (string | number)[]): Schema | undefined {
  let node: Schema | undefined = deref(root, root, '').node;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) node = node.items;
    else node = node.properties?.[segment];
    node = deref(root, node, '').node;
  }
  return node;
}

/** Label of an enum value: `x-enumNames`, the `oneOf` const titles, or the value itself. */
export function enumLabel(schema: Schema | undefined, value: unknown, uiEnumNames?: unknown): string {
  if (!schema) return String(value);
  const names = (uiEnumNames ?? schema['x-enumNames']) as string[] | Record<string, string> | undefined;
  if (schema.enum) {
    const i = schema.enum.indexOf(value);
    if (i >= 0 && Array.isArray(names) && names[i]) return names[i];
    if (names && !Array.isArray(names) && names[String(value)]) return names[String(value)] as string;
  }
  const option = (schema.oneOf ?? schema.anyOf)?.find((o) => o.const === value);
  if (option?.title) return option.title;
  return String(value);
}

/** Splits an rjsf error property (`.goals.3.title`) or a JSON pointer (`/goals/3/title`) into segments. */
export function pathOf(property: string): string[] {
  if (property.startsWith('/')) return property.split('/').slice(1).map(decode);
  return property
    .replace(/\[['"]?([^\]'"]+)['"]?\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

/** The id rjsf gives the field at a data path. */
export const fieldId = (path: (string | number)[]) => ['root', ...path].join('_');

/** A human title for a data path, built from the titles along it (`Ziele › 4 › Titel`). */
export function titleOfPath(
  root: Schema,
  path: (string | number)[],
  itemLabel: (n: number) => string,
): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      parts.push(itemLabel(Number(segment) + 1));
      continue;
    }
    const node = schemaAt(root, path.slice(0, i + 1));
    parts.push(node?.title ?? String(segment));
  }
  return parts.join(' › ');
}

export interface Change {
  path: string[];
  before: unknown;
  after: unknown;
}

/** Leaf-level differences between two data trees (arrays compared index by index). */
export function diffData(before: unknown, after: unknown, path: string[] = [], out: Change[] = []): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
    for (const key of keys) {
      diffData((before as JsonObject)[key], (after as JsonObject)[key], [...path, key], out);
    }
    return out;
  }
  out.push({ path, before, after });
  return out;
}

/** Converts server error details (`{pointer, message}`) into rjsf's `extraErrors` shape. */
export function errorSchemaFrom(details: { pointer: string; message: string }[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { pointer, message } of details) {
    let node = root;
    for (const segment of pathOf(pointer)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[]) ?? []), message];
  }
  return root;
}
