import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalServer } from '../../functions/local/server.ts';

/** The local server's own edges: what it answers before any handler runs. */
let port = 0;
const server = createLocalServer({
  port: 0,
  signer: { sign: async () => 'token', verify: async () => undefined },
  users: async () => [],
  loadGroup: async () => {
    throw new Error('no handler in this test');
  },
  generatedDir: '/nonexistent',
  publishedValidator: async () => undefined,
  extraConnectOrigins: [],
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A raw request (paths are sent as given, not normalised by a client). */
function send(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local server edges', () => {
  it('a bearer token of 100 KB gets a JSON 431 or 401, not a reset', async () => {
    const res = await send('/api/me', { authorization: `Bearer ${'a'.repeat(100 * 1024)}` });
    expect([401, 431]).toContain(res.status);
    expect(res.type).toMatch(/application\/json/);
    expect(JSON.parse(res.body).error.code).toBeTruthy();
  });

  it.each(['/%', '/%E0%A4%A', '/api/submissions/%', '/assets/%ZZ'])('%s answers 400 JSON', async (path) => {
    const res = await send(path, { authorization: 'Bearer x' });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/application\/json/);
    expect(JSON.parse(res.body).error.code).toBe('request.bad_path');
  });

  it('an odd Host header does not take the server down', async () => {
    const res = await send('/api/me', { host: 'a b:c' });
    expect(res.status).toBeLessThan(500);
    expect((await send('/api/me')).status).toBe(401);
  });
});
