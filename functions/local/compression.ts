/**
 * Compression of the local server's answers as CloudFront compresses them in AWS (`compress: true` on the
 * distribution's behaviours for the web app and `/api/*`): Brotli where the browser accepts it, else gzip;
 * only compressible types (text, JSON, JavaScript, SVG, ...) of 1,000 bytes to 10,000,000 bytes; never an
 * answer that is encoded already. So a page measured locally loads what it loads from CloudFront.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** CloudFront's size window for compression. */
const MIN_BYTES = 1_000;
const MAX_BYTES = 10_000_000;

/** The content types CloudFront compresses (its documented list, by their essence). */
const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|x-javascript|ecmascript|xml|xhtml\+xml|rss\+xml|atom\+xml|ld\+json|manifest\+json|vnd\.api\+json|problem\+json|wasm|x-font-ttf|vnd\.ms-fontobject)|image\/(svg\+xml|x-icon|vnd\.microsoft\.icon)|font\/(otf|ttf|eot|opentype))/i;

/**
 * The encoding for an `Accept-Encoding` header: Brotli if accepted, else gzip, else none. An encoding
 * with `q=0` is refused.
 */
export function encodingFor(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

/** Whether CloudFront would compress an answer of this type and size with these headers. */
export function isCompressible(headers: Record<string, string>, size: number): boolean {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (lower['content-encoding'] !== undefined) return false;
  if (size < MIN_BYTES || size > MAX_BYTES) return false;
  return COMPRESSIBLE.test(lower['content-type'] ?? '');
}

/** The body compressed; `quality` trades time for size (files served often are compressed once, harder). */
export function compress(body: Buffer, encoding: Encoding, quality: 'fast' | 'small' = 'fast'): Buffer {
  if (encoding === 'br')
    return brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality === 'small' ? 9 : 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  return gzipSync(body, { level: quality === 'small' ? 9 : 6 });
}

/**
 * The headers and body to send: compressed (with `content-encoding` and `vary`) where CloudFront would,
 * else as they are. `cached` gives an already compressed body (static files), if the caller keeps one.
 */
export function encodeAnswer(
  acceptEncoding: string | undefined,
  headers: Record<string, string>,
  body: Buffer,
  cached?: (encoding: Encoding) => Buffer,
): { headers: Record<string, string>; body: Buffer } {
  const encoding = encodingFor(acceptEncoding);
  if (!isCompressible(headers, body.length)) return { headers, body };
  const vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  if (!encoding) return { headers: { ...headers, vary }, body };
  const encoded = cached ? cached(encoding) : compress(body, encoding);
  return { headers: { ...headers, vary, 'content-encoding': encoding }, body: encoded };
}
