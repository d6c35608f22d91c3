/**
 * A database that stalls: requests answer 503 `dependency.unavailable` with `Retry-After` within 3 s
 * instead of hanging, and the platform answers normally again as soon as the database does.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertLoopback } from '../helpers/local-only.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { type StallProxy, startStallProxy } from '../helpers/stall-proxy.ts';

let proxy: StallProxy;
let platform: TestPlatform;
let kommune: ApiClient;

beforeAll(async () => {
  proxy = await startStallProxy(assertLoopback(inject('dynamoEndpoint')));
  // With the timeouts of AWS (the local default allows DynamoDB Local on a busy machine more).
  platform = await startTestPlatform({ dynamoEndpoint: proxy.endpoint, dependencyTimeoutMs: 1200 });
  kommune = await platform.as('kirchheim.kommune');
});

afterAll(async () => {
  proxy?.resume();
  await platform?.stop();
  await proxy?.stop();
});

describe('a stalled database', () => {
  it('answers 503 with Retry-After within 3 s, and 200 again once the database answers', async () => {
    expect((await kommune.get('/api/submissions')).status).toBe(200);

    proxy.stall();
    const started = Date.now();
    const stalled = await kommune.get('/api/submissions');
    const elapsed = Date.now() - started;
    expect(stalled.status).toBe(503);
    expect(stalled.body.error.code).toBe('dependency.unavailable');
    expect(Number(stalled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(3000);

    // A write fails the same way and writes nothing.
    const write = await kommune.post('/api/submissions', { formId: 'funding-application' });
    expect(write.status).toBe(503);

    proxy.resume();
    const after = await kommune.get('/api/submissions');
    expect(after.status).toBe(200);
  });
});
