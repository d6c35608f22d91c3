/**
 * Compression of what the local server sends, as CloudFront compresses in AWS (`compress: true` on the
 * distribution's behaviours): text, scripts, styles, JSON and SVG between 1,000 bytes and 10 MB, with Brotli
 * where the browser accepts it, else gzip. Fonts (WOFF2 is compressed already) and images go as they are.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg\+xml)/;
const MIN_BYTES = 1_000;
const MAX_BYTES = 10_000_000;

export type Encoding = 'br' | 'gzip';

/** The encoding to send for an `Accept-Encoding` header, or none (Brotli first, as CloudFront prefers it). */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/** Whether a response of this type and size is compressed. */
export const compressible = (contentType: string, bytes: number) =>
  COMPRESSIBLE.test(contentType) && bytes >= MIN_BYTES && bytes <= MAX_BYTES;

export function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipSync(body, { level: 9 });
}

/**
 * The body to send and its headers: compressed when the type, the size and the request allow it.
 * `cache` keeps compressed copies of files that do not change (the built web app), by a key of the caller.
 */
export function encodeBody(
  body: Buffer,
  contentType: string,
  acceptEncoding: string | string[] | undefined,
  cache?: { map: Map<string, Buffer>; key: string },
): { body: Buffer; headers: Record<string, string> } {
  if (!compressible(contentType, body.length)) return { body, headers: {} };
  const headers = { vary: 'accept-encoding' };
  const encoding = negotiate(acceptEncoding);
  if (!encoding) return { body, headers };
  const key = cache && `${encoding}:${cache.key}`;
  let encoded = key ? cache.map.get(key) : undefined;
  if (!encoded) {
    encoded = compress(body, encoding);
    if (key) cache.map.set(key, encoded);
  }
  return { body: encoded, headers: { ...headers, 'content-encoding': encoding } };
}
