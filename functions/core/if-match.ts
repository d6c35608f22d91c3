/**
 * Optimistic concurrency over HTTP: a change names the version it was made on in `If-Match` (the `ETag`
 * it read, `"3"` or `W/"3"`), and a record changed meanwhile refuses it. Pure.
 */
import type { AppError } from './errors.ts';

/** The number in an `ETag`. */
export const etag = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` header names.
 * @param required the error when the header is missing (428); `stale` when it names no version (412).
 */
export function versionFromIfMatch(
  header: string | undefined,
  required: () => AppError,
  stale: () => AppError,
): number {
  if (header === undefined || header.trim() === '') throw required();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw stale();
  return Number(match[1]);
}
