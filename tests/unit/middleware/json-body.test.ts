import { describe, expect, it } from 'vitest';
import { routeEdges } from '../../../functions/api/generated/route-edges.js';
import { jsonBody, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../functions/lib/middleware/json-body.ts';
import { requestHeaders } from '../../../functions/lib/middleware/request-headers.ts';
import { apiEvent, middyRequest } from '../../helpers/middy-request.ts';

const run = async (body: string | undefined, contentType = 'application/json', base64 = false) => {
  const request = middyRequest(
    apiEvent('POST /api/submissions', {
      headers: { 'Content-Type': contentType },
      ...(body === undefined ? {} : { body }),
      isBase64Encoded: base64,
    }),
  );
  await requestHeaders(routeEdges).before?.(request);
  await jsonBody(routeEdges).before?.(request);
  return request.context.api?.body;
};

describe('jsonBody middleware', () => {
  it('parses JSON, also with a charset or a +json type, and base64-encoded', async () => {
    expect(await run('{"formId":"x"}')).toEqual({ formId: 'x' });
    expect(await run('[1]', 'application/json; charset=utf-8')).toEqual([1]);
    expect(await run('{"a":1}', 'application/merge-patch+json')).toEqual({ a: 1 });
    expect(await run(Buffer.from('{"a":2}').toString('base64'), 'application/json', true)).toEqual({ a: 2 });
  });

  it('leaves the body undefined when there is none', async () => {
    expect(await run(undefined)).toBeUndefined();
    expect(await run('')).toBeUndefined();
  });

  it('answers 413 above the limit, measured in bytes before parsing', async () => {
    const big = `"${'ä'.repeat(MAX_BODY_BYTES / 2)}"`;
    await expect(run(big)).rejects.toMatchObject({ status: 413, code: 'request.too_large' });
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    await expect(run('{}', 'text/plain')).rejects.toMatchObject({ status: 415 });
    await expect(run('{}', '')).rejects.toMatchObject({ code: 'request.unsupported_media_type' });
  });

  it('answers 400 for malformed JSON and for nesting beyond the limit', async () => {
    await expect(run('{"a":')).rejects.toMatchObject({ status: 400, code: 'request.malformed_json' });
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    await expect(run(deep)).rejects.toMatchObject({ status: 400, code: 'request.too_deep' });
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(await run(ok)).toBeDefined();
  });
});
