import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/api/openapi.ts';
import { createLocalServer } from '../../functions/local/server.ts';
import { routeKey, routes } from '../../functions/routes.ts';
import { type Synth, synth } from './app.ts';

/** Route keys of an OpenAPI document (`GET /api/me`). */
const documentKeys = (document: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );

/** An example path for a route template: every `{param}` filled with a plain value. */
const examplePath = (path: string) => path.replace(/\{[^}]+\}/g, 'x1');

let s: Synth;
let server: ReturnType<typeof createLocalServer>;
let base = '';
const reached: string[] = [];

beforeAll(async () => {
  s = synth();
  server = createLocalServer({
    port: 0,
    signer: { sign: async () => 't', verify: async () => ({ sub: 'u' }) },
    users: async () => [],
    // Each handler group answers with the route key it was called for: which route the server matched.
    loadGroup: async (group) => async (event) => {
      reached.push(event.routeKey);
      return { statusCode: 200, body: JSON.stringify({ group, routeKey: event.routeKey }) };
    },
    generatedDir: '/nonexistent',
    publishedValidator: async () => undefined,
    extraConnectOrigins: [],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('one API contract', () => {
  const table = routes.map(routeKey).sort();

  it('the CDK stack deploys exactly the routes of the table', () => {
    const deployed = Object.values(s.webApi.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey as string,
    );
    expect(deployed.sort()).toEqual(table);
  });

  it('the local server routes every route of the table to its handler group, and nothing else', async () => {
    for (const route of routes) {
      const res = await fetch(`${base}${examplePath(route.path)}`, {
        method: route.method,
        headers: { authorization: 'Bearer t' },
      });
      expect(await res.json(), routeKey(route)).toEqual({ group: route.group, routeKey: routeKey(route) });
    }
    expect([...new Set(reached)].sort()).toEqual(table);
    const unknown = await fetch(`${base}/api/not-a-route`, { headers: { authorization: 'Bearer t' } });
    expect(unknown.status).toBe(404);
  });

  it('the OpenAPI document describes exactly the routes of the table, served and built alike', () => {
    expect(documentKeys(openApiDocument(routes, { forms: [] }) as never).sort()).toEqual(table);
    const built = JSON.parse(
      readFileSync(new URL('../../functions/api/generated/openapi.json', import.meta.url), 'utf8'),
    );
    expect(documentKeys(built).sort()).toEqual(table);
  });
});
