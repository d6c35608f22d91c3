/**
 * Writes with an `Idempotency-Key`: a client that never got the answer sends the same request again and
 * gets the first answer, without a second write; the same key with another request is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachSignedApplication,
  expectError,
  FUNDING,
  fundingData,
  ifMatch,
  signIn,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let kommune: ApiClient;
let other: ApiClient;
let kirchheim: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [kommune, other, kirchheim] = await signIn(
    platform,
    'bissingen.kommune',
    'wendlingen.kommune',
    'kirchheim.kommune',
  );
});

afterAll(async () => {
  await platform?.stop();
});

const count = async (api: ApiClient) =>
  ((await api.get(`/api/submissions?formId=${FUNDING}&limit=100`)).body.items as unknown[]).length;

describe('Idempotency-Key on writes', () => {
  it('the same POST twice with one key creates one submission and answers the same', async () => {
    const before = await count(kommune);
    const key = { 'idempotency-key': randomUUID() };
    const body = { formId: FUNDING, data: fundingData() };
    const first = await kommune.post('/api/submissions', body, key);
    expect(first.status).toBe(201);
    const second = await kommune.post('/api/submissions', body, key);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(await count(kommune)).toBe(before + 1);
  });

  it('without a key the same POST twice creates two', async () => {
    const before = await count(kommune);
    const body = { formId: FUNDING, data: fundingData() };
    expect((await kommune.post('/api/submissions', body)).status).toBe(201);
    expect((await kommune.post('/api/submissions', body)).status).toBe(201);
    expect(await count(kommune)).toBe(before + 2);
  });

  it('the same key with another body answers 422 and writes nothing', async () => {
    const key = { 'idempotency-key': randomUUID() };
    expect(
      (await kommune.post('/api/submissions', { formId: FUNDING, data: fundingData() }, key)).status,
    ).toBe(201);
    const before = await count(kommune);
    const reused = await kommune.post(
      '/api/submissions',
      { formId: FUNDING, data: fundingData({ applicantName: 'Andere Gemeinde' }) },
      key,
    );
    expectError(reused, 422, 'idempotency.key_reused');
    expect(await count(kommune)).toBe(before);
  });

  it('keys are per caller: another caller with the same key makes its own write', async () => {
    const key = { 'idempotency-key': randomUUID() };
    const body = { formId: FUNDING, data: fundingData() };
    const mine = await kommune.post('/api/submissions', body, key);
    const theirs = await other.post('/api/submissions', body, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a repeated transition answers the first result instead of a stale-version refusal', async () => {
    const created = await kirchheim.post('/api/submissions', { formId: FUNDING, data: fundingData() });
    const key = { 'idempotency-key': randomUUID(), ...ifMatch(created.body.version) };
    const path = `/api/submissions/${created.body.id}/transitions`;
    await attachSignedApplication(kirchheim, created.body);
    const first = await kirchheim.post(path, { action: 'submit' }, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await kirchheim.post(path, { action: 'submit' }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Without the key the same request is a second, stale write.
    expect((await kirchheim.post(path, { action: 'submit' }, ifMatch(created.body.version))).status).toBe(
      412,
    );
  });

  it('the same POST sent twice at once: one write; the other replays it or answers 409 in progress', async () => {
    const before = await count(kommune);
    const key = { 'idempotency-key': randomUUID() };
    const body = { formId: FUNDING, data: fundingData() };
    const answers = await Promise.all([1, 2, 3].map(() => kommune.post('/api/submissions', body, key)));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    for (const a of answers.filter((x) => x.status === 409)) expectError(a, 409, 'idempotency.in_progress');
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(await count(kommune)).toBe(before + 1);
  });

  it('refuses a malformed key with 400', async () => {
    const res = await kommune.post(
      '/api/submissions',
      { formId: FUNDING, data: fundingData() },
      { 'idempotency-key': 'short' },
    );
    expectError(res, 400, 'idempotency.bad_key');
  });
});
