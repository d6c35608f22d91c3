import { describe, expect, it } from 'vitest';
import { routeEdges } from '../../../functions/api/generated/route-edges.js';
import { ANONYMOUS, requestHeaders } from '../../../functions/lib/middleware/request-headers.ts';
import { apiEvent, middyRequest } from '../../helpers/middy-request.ts';

const run = async (event: ReturnType<typeof apiEvent>) => {
  const request = middyRequest(event);
  await requestHeaders(routeEdges).before?.(request);
  return request.context.api;
};

describe('requestHeaders middleware', () => {
  it('reads the caller from the claims, lower-cases headers and keeps parameters as strings', async () => {
    const api = await run(
      apiEvent('GET /api/submissions/{id}', {
        headers: { 'If-Match': '"3"', 'X-Empty': undefined } as unknown as Record<string, string>,
        pathParameters: { id: 'abc' },
        queryStringParameters: { limit: '5' },
      }),
    );
    expect(api?.actor).toMatchObject({ sub: 'u-1', roles: ['municipality'], org: 'kirchheim' });
    expect(api?.headers).toEqual({ 'if-match': '"3"' });
    expect(api?.params).toEqual({ id: 'abc' });
    expect(api?.query).toEqual({ limit: '5' });
    expect(api?.requestId).toBe('req-1');
  });

  it('answers 401 without claims on a route that needs sign-in', async () => {
    const event = apiEvent('GET /api/me');
    event.requestContext.authorizer = undefined as never;
    await expect(run(event)).rejects.toMatchObject({ status: 401, code: 'auth.unauthorized' });
  });

  it('lets the public route through without claims, as an anonymous caller', async () => {
    const event = apiEvent('GET /api/openapi.json');
    event.requestContext.authorizer = undefined as never;
    const api = await run(event);
    expect(api?.actor).toBe(ANONYMOUS);
    expect(api?.actor.roles).toEqual([]);
  });
});
