/** The local server compresses as CloudFront does: Brotli before gzip, compressible types, 1 kB to 10 MB. */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeAnswer, encodingFor, isCompressible } from '../../functions/local/compression.ts';

const json = { 'content-type': 'application/json; charset=utf-8' };
const big = Buffer.from(
  JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'Kirchheim' })) }),
);

describe('compression of the local answers', () => {
  it('prefers Brotli, takes gzip otherwise and honours q=0', () => {
    expect(encodingFor('gzip, deflate, br, zstd')).toBe('br');
    expect(encodingFor('gzip')).toBe('gzip');
    expect(encodingFor('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(encodingFor('identity')).toBeUndefined();
    expect(encodingFor(undefined)).toBeUndefined();
  });

  it('compresses only what CloudFront compresses', () => {
    expect(isCompressible(json, 2_000)).toBe(true);
    expect(isCompressible({ 'content-type': 'text/javascript; charset=utf-8' }, 2_000)).toBe(true);
    expect(isCompressible(json, 999)).toBe(false);
    expect(isCompressible(json, 10_000_001)).toBe(false);
    expect(isCompressible({ 'content-type': 'application/pdf' }, 50_000)).toBe(false);
    expect(isCompressible({ 'content-type': 'image/png' }, 50_000)).toBe(false);
    expect(isCompressible({ ...json, 'Content-Encoding': 'gzip' }, 50_000)).toBe(false);
  });

  it('answers the same bytes, encoded, with Vary, and leaves the rest alone', () => {
    const br = encodeAnswer('br, gzip', json, big);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding' });
    expect(brotliDecompressSync(br.body).equals(big)).toBe(true);
    expect(br.body.length).toBeLessThan(big.length / 4);
    const gz = encodeAnswer('gzip', { ...json, vary: 'Origin' }, big);
    expect(gz.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Origin, Accept-Encoding' });
    expect(gunzipSync(gz.body).equals(big)).toBe(true);
    expect(encodeAnswer(undefined, json, big)).toEqual({
      headers: { ...json, vary: 'Accept-Encoding' },
      body: big,
    });
    const small = Buffer.from('{}');
    expect(encodeAnswer('br', json, small)).toEqual({ headers: json, body: small });
  });
});
