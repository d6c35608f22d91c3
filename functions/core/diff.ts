/**
 * Field-by-field differences between the data of two revisions of a submission, e.g. to show what changed
 * in an integration plan since it was last agreed ("vereinbart") or to list the changes of a
 * "Fortschreibung".
 *
 * Pure: no I/O. Values are JSON data (objects, arrays, strings, numbers, booleans, null); a property whose
 * value is `undefined` counts as absent, as it would after a JSON round trip.
 */
import { encodeToken } from './json-pointer.ts';
import { isObject } from './model.ts';
import { ownValue } from './own.ts';

export const CHANGE_OPS = ['added', 'removed', 'changed'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** One difference between the `before` and the `after` data. */
export interface Change {
  /**
   * RFC 6901 pointer to the value. Array indices are those of the `after` data wherever the item still
   * exists there; only for a removed array item (and nothing below it) is the index the one in `before`.
   */
  pointer: string;
  op: ChangeOp;
  /** The old value (absent for `added`). Not a copy: do not mutate it. */
  before?: unknown;
  /** The new value (absent for `removed`). Not a copy: do not mutate it. */
  after?: unknown;
  /**
   * The `id` of the innermost array item matched by id that this change belongs to, e.g. the goal's id for
   * `/goals/2/status`, or the measure's id for `/goals/2/measures/0/done`.
   */
  itemId?: string;
}

/** Number of changes per operation. */
export type DiffSummary = Record<ChangeOp, number> & { total: number };

type JsonRecord = Record<string, unknown>;

/** The item's id if it is an object with a non-empty string `id`, else undefined. */
const idOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.id === 'string' && v.id !== '' ? v.id : undefined;

/** Own keys whose value is not `undefined`, sorted by code unit so the order never depends on storage. */
const definedKeys = (o: JsonRecord): string[] =>
  Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Lists the differences between two revisions' data.
 *
 * - Objects are compared key by key (keys in code-unit order). A key only in `after` is one `added` change
 *   with the whole value; a key only in `before` is one `removed` change; a key in both is compared deeper.
 * - Arrays in which any item is an object with a string `id` (goals, measures, reviews, sharing consents)
 *   are matched by id: inserting, deleting or reordering goals shows as exactly the goals added or removed,
 *   and a changed field of a goal as `/goals/<index in after>/<field>` with the goal's id in `itemId`. A mere
 *   reordering of items is not reported. Items without an id (or repeating an id already seen in the same
 *   array) are matched with each other by their order, so a new goal the platform has not yet given an id
 *   still shows as one added item.
 * - Any other array (languages, `changedGoals`) is compared index by index.
 * - Values of a different kind (object, array, scalar) are one `changed` change with both whole values.
 * - At the root, `undefined` stands for "no data yet": compared with an object it counts as an empty object,
 *   so the first revision lists each top-level section as added.
 *
 * The order is deterministic: a depth-first walk, object keys in code-unit order, array items in the order of
 * `after`, followed by the items removed from that array in the order of `before`.
 */
export function diffData(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  const b = before === undefined && isObject(after) ? {} : before;
  const a = after === undefined && isObject(before) ? {} : after;
  walk(b, a, '', undefined, changes);
  return changes;
}

function push(changes: Change[], change: Change, itemId: string | undefined): void {
  if (itemId !== undefined) change.itemId = itemId;
  changes.push(change);
}

function walk(before: unknown, after: unknown, pointer: string, itemId: string | undefined, out: Change[]) {
  if (before === undefined && after === undefined) return;
  if (before === undefined) return push(out, { pointer, op: 'added', after }, itemId);
  if (after === undefined) return push(out, { pointer, op: 'removed', before }, itemId);
  if (isObject(before) && isObject(after)) return walkObject(before, after, pointer, itemId, out);
  if (Array.isArray(before) && Array.isArray(after)) {
    return [...before, ...after].some((v) => idOf(v) !== undefined)
      ? walkKeyedArray(before, after, pointer, itemId, out)
      : walkIndexedArray(before, after, pointer, itemId, out);
  }
  // Scalars, or values of different kinds. JSON has no NaN, so strict equality is enough.
  if (before !== after) push(out, { pointer, op: 'changed', before, after }, itemId);
}

function walkObject(
  before: JsonRecord,
  after: JsonRecord,
  pointer: string,
  itemId: string | undefined,
  out: Change[],
) {
  const keys = [...new Set([...definedKeys(before), ...definedKeys(after)])].sort((x, y) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  for (const key of keys)
    walk(ownValue(before, key), ownValue(after, key), `${pointer}/${encodeToken(key)}`, itemId, out);
}

function walkIndexedArray(
  before: readonly unknown[],
  after: readonly unknown[],
  pointer: string,
  itemId: string | undefined,
  out: Change[],
) {
  const length = Math.max(before.length, after.length);
  // JSON has no holes; `undefined` items (sparse arrays) are compared as null, as JSON.stringify writes them.
  const at = (list: readonly unknown[], i: number) => (i < list.length ? (list[i] ?? null) : undefined);
  for (let i = 0; i < length; i++) walk(at(before, i), at(after, i), `${pointer}/${i}`, itemId, out);
}

/** Splits an array into items keyed by their (first-seen) id and the remaining items, in order. */
function keyItems(list: readonly unknown[]) {
  const byId = new Map<string, number>();
  const unkeyed: number[] = [];
  list.forEach((item, index) => {
    const id = idOf(item);
    if (id !== undefined && !byId.has(id)) byId.set(id, index);
    else unkeyed.push(index);
  });
  return { byId, unkeyed };
}

function walkKeyedArray(
  before: readonly unknown[],
  after: readonly unknown[],
  pointer: string,
  parentItemId: string | undefined,
  out: Change[],
) {
  const b = keyItems(before);
  const a = keyItems(after);
  const matchedBefore = new Set<number>();
  const afterIdAt = new Map<number, string>();
  for (const [id, index] of a.byId) afterIdAt.set(index, id);

  let nextUnkeyed = 0;
  after.forEach((item, j) => {
    const itemPointer = `${pointer}/${j}`;
    const id = afterIdAt.get(j);
    let i: number | undefined;
    if (id !== undefined) i = b.byId.get(id);
    else i = b.unkeyed[nextUnkeyed++];
    if (i === undefined) {
      push(out, { pointer: itemPointer, op: 'added', after: item }, id ?? parentItemId);
      return;
    }
    matchedBefore.add(i);
    walk(before[i] ?? null, item ?? null, itemPointer, id ?? parentItemId, out);
  });

  before.forEach((item, i) => {
    if (matchedBefore.has(i)) return;
    const id = idOf(item);
    const keyed = id !== undefined && b.byId.get(id) === i;
    push(out, { pointer: `${pointer}/${i}`, op: 'removed', before: item }, keyed ? id : parentItemId);
  });
}

/** Counts the changes by operation, plus their total. */
export function summarizeDiff(changes: readonly Change[]): DiffSummary {
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, total: 0 };
  for (const change of changes) {
    summary[change.op]++;
    summary.total++;
  }
  return summary;
}
