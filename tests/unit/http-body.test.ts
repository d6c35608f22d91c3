import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { routeEdges } from '../../functions/api/generated/route-edges.js';
import { type ApiEvent, httpGroup } from '../../functions/lib/http-handler.ts';

const context = {
  awsRequestId: 'req-1',
  functionName: 'test',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:test',
  memoryLimitInMB: '128',
  logGroupName: 'test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 1000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;

function event(body: string): ApiEvent {
  return {
    version: '2.0',
    routeKey: 'POST /api/submissions',
    rawPath: '/api/submissions',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'r1',
      authorizer: {
        jwt: { claims: { sub: 'u-1', name: 'x', 'cognito:groups': '[manager]', 'custom:org': 'o' } },
      },
    },
  } as unknown as ApiEvent;
}

describe('request bodies: numbers that JSON cannot carry exactly', () => {
  it('answer 400 request.unsafe_number with the pointer, and the operation never runs', async () => {
    const seen: unknown[] = [];
    const handler = httpGroup(routeEdges, {
      'POST /api/submissions': async ({ body }) => {
        seen.push(body);
        return { body };
      },
    });
    for (const [text, pointer] of [
      ['{"formId":"integration-plan","data":{"amount":1e400}}', '/data/amount'],
      ['{"formId":"integration-plan","data":{"amount":9007199254740993}}', '/data/amount'],
      ['{"data":[1e308]}', '/data/0'],
    ] as const) {
      const res = await handler(event(text), context);
      expect(res.statusCode, text).toBe(400);
      const error = JSON.parse(res.body ?? '{}').error;
      expect(error.code).toBe('request.unsafe_number');
      expect(error.details[0].pointer).toBe(pointer);
    }
    expect(seen).toEqual([]);
    const ok = await handler(
      event('{"formId":"integration-plan","data":{"amount":9007199254740991}}'),
      context,
    );
    expect(ok.statusCode).toBe(200);
    expect(seen).toEqual([{ formId: 'integration-plan', data: { amount: 9007199254740991 } }]);
  });
});
