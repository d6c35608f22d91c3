/** The local server's per-client rate limit (the mirror of the web ACL in AWS): 429 with Retry-After. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, signIn } from '../helpers/factories.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimit: { capacity: 3, refillPerSecond: 0.1 } });
});

afterAll(async () => {
  await platform?.stop();
});

describe('per-client rate limit', () => {
  it('answers 429 with Retry-After in the error model once a client used its share; others go on', async () => {
    const [one, two] = await signIn(platform, 'kirchheim.kommune', 'weilheim.kommune');
    for (let i = 0; i < 3; i++) expect((await one.get('/api/me')).status).toBe(200);
    const refused = await one.get('/api/me');
    expectError(refused, 429, 'request.rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await two.get('/api/me')).status).toBe(200);
  });
});
