/**
 * Text typed into a field that does not parse yet ("1.2.3" in a number field) is kept as typed beside the
 * draft's data, by the field's JSON pointer. rjsf names a field only by its id (`root_positions_0_fte`), and
 * property names may hold the separator, so the id is read against the schema: at an object the longest
 * property name that fits, at an array the item's index.
 */
import type { JsonObject } from '../api/types.ts';

/** How a widget reaches the draft's raw texts (through rjsf's `formContext`). */
export interface RawTextContext {
  rawText?: {
    /** The kept text of the field with this widget id, if any. */
    get(id: string): string | undefined;
    /** Keeps the field's text as typed, or forgets it (undefined) once it parses. */
    set(id: string, text: string | undefined): void;
  };
}

type Node = JsonObject;

function resolve(root: Node, node: Node | undefined): Node[] {
  if (!node) return [];
  const ref = typeof node.$ref === 'string' ? node.$ref : undefined;
  let base: Node = node;
  if (ref?.startsWith('#/')) {
    let target: unknown = root;
    for (const token of ref.slice(2).split('/')) target = (target as Node | undefined)?.[token];
    base = { ...(target as Node), ...node };
    delete base.$ref;
  }
  const branches = ['allOf', 'oneOf', 'anyOf', 'then', 'else'].flatMap((k) => {
    const v = base[k];
    return Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];
  });
  return [base, ...branches.flatMap((b) => resolve(root, b))];
}

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer of the field with this rjsf id, or undefined if the schema has no such field. */
export function pointerOfId(root: Node, id: string, prefix = 'root'): string | undefined {
  if (id === prefix) return '';
  if (!id.startsWith(`${prefix}_`)) return undefined;
  const walk = (nodes: Node[], rest: string): string | undefined => {
    if (rest === '') return '';
    const index = /^(\d+)(?:_|$)/.exec(rest);
    const items = nodes.flatMap((n) =>
      n.items && typeof n.items === 'object' ? resolve(root, n.items as Node) : [],
    );
    if (index && items.length) {
      const tail = walk(items, rest.slice(index[0].length));
      if (tail !== undefined) return `/${index[1]}${tail}`;
    }
    const keys = new Map<string, Node[]>();
    for (const n of nodes)
      for (const [k, v] of Object.entries((n.properties as Record<string, Node> | undefined) ?? {}))
        keys.set(k, [...(keys.get(k) ?? []), ...resolve(root, v)]);
    for (const key of [...keys.keys()].sort((a, b) => b.length - a.length)) {
      if (rest !== key && !rest.startsWith(`${key}_`)) continue;
      const tail = walk(keys.get(key) ?? [], rest.slice(key.length + 1));
      if (tail !== undefined) return `/${escapeToken(key)}${tail}`;
    }
    return undefined;
  };
  return walk(resolve(root, root), id.slice(prefix.length + 1));
}
