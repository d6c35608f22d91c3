/**
 * Own properties only. User data may hold any key, `__proto__`, `constructor` or `toString` included: a
 * lookup with `obj[key]` or `key in obj` would find what every object inherits, and `obj[key] = v` with
 * `__proto__` would set a prototype instead of a property. Every look-up or copy keyed by user input goes
 * through these.
 */

/** The value of an own property, or undefined (never an inherited one). */
export function ownValue(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return /^(0|[1-9]\d*)$/.test(key) ? value[Number(key)] : undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Whether `key` is an own property of a plain object. */
export const hasOwnKey = (value: unknown, key: string): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key);

/** Sets an own, enumerable data property, whatever its name (`__proto__` included). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
