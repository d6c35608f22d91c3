/** RFC 6901 JSON pointers, for indexed fields, error details and schema look-ups. */
import { ownValue } from './own.ts';

export const decodeToken = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');
export const encodeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!p.startsWith('/')) throw new Error(`Not a JSON pointer: ${pointer}`);
  return p.slice(1).split('/').map(decodeToken);
}

/** The value at `pointer`, reading own properties and array indexes only (never `constructor` or `length`). */
export function readPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = ownValue(current, token);
  }
  return current;
}
