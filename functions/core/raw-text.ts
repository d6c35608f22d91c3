/**
 * Text typed into a field that does not parse as the field's type yet ("1.2.3" in a number field), kept as
 * typed beside a draft's data so nothing a person types is lost: a map of JSON pointer → raw text. An entry
 * is kept only while the data holds no value at its pointer; once the field parses, the value replaces it.
 */
import type { JsonObject } from './model.ts';

/** At most this many fields hold raw text, each at most this long (the route's schema says the same). */
export const MAX_RAW_ENTRIES = 200;
export const MAX_RAW_LENGTH = 1000;

/** The value at a JSON pointer (RFC 6901), or undefined; own keys only. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The raw texts still needed: non-empty ones at pointers where the data holds no value. */
export function keptRawText(
  data: JsonObject,
  raw: Record<string, string> | undefined,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [pointer, text] of Object.entries(raw ?? {})) {
    if (text.trim() === '' || valueAt(data, pointer) !== undefined) continue;
    Object.defineProperty(kept, pointer, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return kept;
}
