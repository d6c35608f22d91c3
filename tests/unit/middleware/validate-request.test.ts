import { describe, expect, it } from 'vitest';
import { routeEdges } from '../../../functions/api/generated/route-edges.js';
import type { ApiEvent } from '../../../functions/lib/middleware/types.ts';
import { detailsOf, validateRequest } from '../../../functions/lib/middleware/validate-request.ts';
import { apiEvent, middyRequest } from '../../helpers/middy-request.ts';

/** Runs the validation on what earlier middlewares would have parsed. */
async function run(
  routeKey: string,
  parts: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown },
) {
  const request = middyRequest(apiEvent(routeKey) as ApiEvent);
  request.context.api = {
    actor: { sub: 'u', name: 'U', roles: ['municipality'], org: 'o' },
    params: parts.params ?? {},
    query: parts.query ?? {},
    headers: {},
    requestId: 'r',
    ...('body' in parts ? { body: parts.body } : {}),
  };
  await validateRequest(routeEdges).before?.(request);
  return request.context.api;
}

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { status: number; code: string; details: Array<{ pointer: string; in: string }> }) => {
      expect(error.status).toBe(400);
      expect(error.code).toBe('request.invalid');
      return error.details;
    },
  );

describe('validateRequest middleware', () => {
  it('passes a valid request and coerces query and path values to their declared types', async () => {
    const api = await run('GET /api/submissions', { query: { limit: '25', status: 'draft' } });
    expect(api?.query).toEqual({ limit: 25, status: 'draft' });
    const form = await run('GET /api/forms/{formId}/versions/{version}', {
      params: { formId: 'funding-application', version: '2' },
    });
    expect(form?.params.version).toBe(2);
    await run('POST /api/submissions', { body: { formId: 'funding-application', data: { a: 1 } } });
  });

  it('names a missing field, a wrong type and an unknown envelope field by JSON pointer', async () => {
    expect(await refused(run('POST /api/submissions', { body: { data: [] } }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/formId', in: 'body' }),
        expect.objectContaining({ pointer: '/data', in: 'body' }),
      ]),
    );
    const unknown = await refused(
      run('POST /api/submissions', { body: { formId: 'funding-application', x: 1 } }),
    );
    expect(unknown).toEqual([expect.objectContaining({ pointer: '/x', message: 'is not a known field' })]);
  });

  it('refuses values out of range, too long and unknown query parameters', async () => {
    expect(await refused(run('GET /api/submissions', { query: { limit: '1000' } }))).toEqual([
      expect.objectContaining({ pointer: '/limit', in: 'query' }),
    ]);
    expect(await refused(run('GET /api/submissions', { query: { limit: 'ten' } }))).toHaveLength(1);
    expect(await refused(run('GET /api/me', { query: { debug: '1' } }))).toEqual([
      expect.objectContaining({ pointer: '/debug', in: 'query' }),
    ]);
    const details = await refused(
      run('POST /api/submissions/{id}/transitions', {
        params: { id: 'a'.repeat(65) },
        body: { action: 'approve', comment: 'x'.repeat(4001) },
      }),
    );
    expect(details.map((d) => `${d.in}${d.pointer}`).sort()).toEqual(['body/comment', 'path/id']);
  });

  it('refuses a missing body where one is declared, and a body where none is', async () => {
    expect(await refused(run('PUT /api/submissions/{id}', { params: { id: 'a1' } }))).toEqual([
      expect.objectContaining({ pointer: '', in: 'body' }),
    ]);
    expect(
      await refused(
        run('DELETE /api/submissions/{id}/attachments/{attachmentId}', {
          params: { id: 'a1', attachmentId: 'b2' },
          body: {},
        }),
      ),
    ).toEqual([expect.objectContaining({ pointer: '', in: 'body' })]);
  });

  it('answers 404 for a route it does not know', async () => {
    await expect(run('GET /api/nothing', {})).rejects.toMatchObject({ status: 404, code: 'route.not_found' });
  });

  it('escapes property names in pointers and caps the number of details', () => {
    const errors = Array.from({ length: 150 }, () => ({
      instancePath: '',
      keyword: 'additionalProperties',
      params: { additionalProperty: 'a/b~c' },
    }));
    const details = detailsOf('body', errors);
    expect(details).toHaveLength(100);
    expect(details[0]?.pointer).toBe('/a~1b~0c');
  });
});
