/**
 * JSON request bodies, read so that every number is carried exactly: an integer beyond ±(2^53 − 1), a number
 * too large for a double (`1e400` would be Infinity) or one that would silently turn into 0 (`1e-400`) is
 * refused with 400 `request.unsafe_number` and the JSON pointer of the first such number, instead of being
 * stored as some other number. Pure; the number check reads each number's source text (the reviver's
 * `context.source`).
 */
import { badRequest } from './errors.ts';
import { encodeToken } from './json-pointer.ts';

/** Nesting beyond this is refused before the numbers are checked (the reviver recurses per level). */
export const MAX_PARSE_DEPTH = 256;

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** Whether a parsed number equals what its source text says, as far as a JSON number can be carried exactly. */
function isSafeNumber(value: number, source: string | undefined): boolean {
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return false;
  // Underflow: a non-zero literal that became 0.
  if (value === 0 && source !== undefined && /[1-9]/.test(source.split(/[eE]/)[0] ?? '')) return false;
  return true;
}

/** Whether the value nests deeper than `limit` (iterative: deep input must not blow the stack). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The pointer of the first occurrence of `marker` in document order, or undefined. */
function pointerOf(value: unknown, marker: object): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (node === marker) return pointer || '/';
    if (node === null || typeof node !== 'object') continue;
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push([child, `${pointer}/${encodeToken(key)}`]);
    }
  }
  return undefined;
}

/**
 * Parses a JSON text. Throws 400 `request.malformed_json` if it is not JSON, `request.too_deep` if it nests
 * deeper than {@link MAX_PARSE_DEPTH}, and `request.unsafe_number` (with the number's pointer) if a number
 * cannot be carried exactly.
 */
export function parseJson(text: string): unknown {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    throw badRequest('request.malformed_json', 'The request body is not valid JSON.');
  }
  if (deeperThan(plain, MAX_PARSE_DEPTH))
    throw badRequest('request.too_deep', `The request body is nested deeper than ${MAX_PARSE_DEPTH} levels.`);
  const marker = {};
  let unsafe = false;
  const reviver: Reviver = (_key, value, context) => {
    if (typeof value !== 'number' || isSafeNumber(value, context?.source)) return value;
    unsafe = true;
    return marker;
  };
  const revived = JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
  if (!unsafe) return revived;
  const pointer = pointerOf(revived, marker) ?? '/';
  throw badRequest(
    'request.unsafe_number',
    `A number cannot be carried exactly: integers must lie within ±${Number.MAX_SAFE_INTEGER} and numbers must be finite.`,
    [{ pointer, message: 'number out of the exact range' }],
  );
}
