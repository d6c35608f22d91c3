/** The local server compresses as CloudFront does: Brotli before gzip, text types of 1 kB to 10 MB only. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressible, encodeBody, negotiate } from '../../functions/local/compression.ts';

describe('local compression', () => {
  it('prefers Brotli, falls back to gzip and honours q=0', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip, deflate')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('identity')).toBeUndefined();
    expect(negotiate(undefined)).toBeUndefined();
    expect(negotiate('*')).toBe('br');
  });

  it('compresses text, scripts, styles and JSON between 1 kB and 10 MB, never fonts', () => {
    expect(compressible('text/javascript; charset=utf-8', 5_000)).toBe(true);
    expect(compressible('text/css; charset=utf-8', 999)).toBe(false);
    expect(compressible('application/json; charset=utf-8', 2_000)).toBe(true);
    expect(compressible('font/woff2', 130_000)).toBe(false);
    expect(compressible('text/html; charset=utf-8', 10_000_001)).toBe(false);
  });

  it('sends a body the browser can decode, with its encoding and Vary, and reuses a cached copy', () => {
    const body = Buffer.from('const a = 1;\n'.repeat(500));
    const cache = { map: new Map<string, Buffer>(), key: 'app.js:1' };
    const br = encodeBody(body, 'text/javascript', 'gzip, br', cache);
    expect(br.headers).toEqual({ 'content-encoding': 'br', vary: 'accept-encoding' });
    expect(br.body.length).toBeLessThan(body.length / 10);
    expect(brotliDecompressSync(br.body).equals(body)).toBe(true);
    expect(encodeBody(body, 'text/javascript', 'br', cache).body).toBe(br.body);
    const gz = encodeBody(body, 'text/javascript', 'gzip', cache);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(body)).toBe(true);
    const plain = encodeBody(body, 'text/javascript', undefined);
    expect(plain).toEqual({ body, headers: { vary: 'accept-encoding' } });
    expect(encodeBody(body, 'font/woff2', 'br').headers).toEqual({});
  });
});
