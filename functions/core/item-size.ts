/**
 * Sizes as DynamoDB counts them, so that limits are checked on what will be stored before any work is done:
 * an item holds at most 400 KB, a transaction at most 100 items and 4 MB. Pure; the in-memory store applies
 * the same limits, so tests see what DynamoDB would refuse.
 */

export const MAX_ITEM_BYTES = 400 * 1024;
export const MAX_TRANSACTION_ITEMS = 100;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

/** Keys, index keys and bookkeeping attributes the adapter adds to a submission item: a generous allowance. */
export const KEY_ALLOWANCE_BYTES = 2 * 1024;

/**
 * Room kept free in a submission item when data is saved, for everything later writes add without new data:
 * a return's comment, a decision, consent withdrawals, an assignment (each also copied into the list summary).
 * Comments, reasons and conditions are bounded so that all of them together stay well inside this.
 */
export const ITEM_HEADROOM_BYTES = 100 * 1024;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** The stored size of one attribute value (DynamoDB's rules: numbers by significant digits, +3 and +1 per element for maps and lists). */
export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') {
    const digits = String(Math.abs(value)).replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  // Iterative: stored data may nest as deep as DynamoDB allows, and sizes are taken of input.
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') {
      size += valueSize(node);
      continue;
    }
    size += 3;
    if (Array.isArray(node)) {
      for (const child of node) {
        size += 1;
        stack.push(child);
      }
    } else {
      for (const [key, child] of Object.entries(node)) {
        if (child === undefined) continue;
        size += 1 + utf8(key);
        stack.push(child);
      }
    }
  }
  return size;
}

/** The stored size of an item: attribute names plus values. */
export function itemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item))
    if (value !== undefined) size += utf8(name) + valueSize(value);
  return size;
}

/** The stored size of a submission's item: the submission, its list summary (all but the data) and keys. */
export function submissionItemSize(sub: { data: unknown }): number {
  const { data: _data, ...summary } = sub as Record<string, unknown>;
  return (
    itemSize(sub as Record<string, unknown>) + utf8('summary') + valueSize(summary) + KEY_ALLOWANCE_BYTES
  );
}
