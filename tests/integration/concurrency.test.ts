/**
 * Optimistic concurrency over HTTP: every change names the version it was based on (`If-Match`), a stale
 * one is refused with 412 and changes nothing, a missing one with 428; of many simultaneous changes of the
 * same version exactly one wins and the others get 412, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  attachSignedApplication,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  ifMatch,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let kommune: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [kommune, reviewer1, reviewer2, manager] = await signIn(
    platform,
    'kirchheim.kommune',
    'rp.pruefer1',
    'rp.pruefer2',
    'kirchheim.im1',
  );
});
afterAll(async () => platform?.stop());

const historyOf = async (api: ApiClient, id: string) =>
  (await api.get(`/api/submissions/${id}/history`)).body.items as Array<Record<string, any>>;
const statusCounts = (statuses: number[]) => {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
};

describe('If-Match', () => {
  it('is required on PUT and on transitions (428), and nothing changes without it', async () => {
    const sub = await start(kommune, FUNDING, fundingData());
    expectError(
      await kommune.put(`/api/submissions/${sub.id}`, { data: { round: '2019-2020' } }),
      428,
      'submission.version_required',
    );
    expectError(
      await kommune.post(`/api/submissions/${sub.id}/transitions`, { action: 'submit' }),
      428,
      'submission.version_required',
    );
    expectError(
      await kommune.put(`/api/submissions/${sub.id}`, { data: { round: '2019-2020' } }, { 'if-match': '' }),
      428,
      'submission.version_required',
    );
    expect(await fetchOk(kommune, sub.id)).toEqual(sub);
    expect(await historyOf(kommune, sub.id)).toHaveLength(1);
  });

  it('refuses a stale PUT with 412 and keeps data, version and history', async () => {
    const sub = await start(kommune, FUNDING, fundingData());
    const current = await submitFunding(kommune, sub).then((s) =>
      actOk(reviewer1, s, 'return', 'Bitte ergänzen.'),
    );
    for (const stale of [sub.version, current.version - 1, current.version + 1]) {
      const res = await kommune.put(
        `/api/submissions/${sub.id}`,
        { data: { round: '2019-2020' } },
        ifMatch(stale),
      );
      expectError(res, 412, 'submission.stale_version');
    }
    expect(await fetchOk(kommune, sub.id)).toMatchObject({
      version: current.version,
      data: current.data,
      status: 'revised',
    });
    expect(await historyOf(kommune, sub.id)).toHaveLength(3);
  });

  it('refuses a stale transition with 412 and keeps the state', async () => {
    const sub = await start(kommune, FUNDING, fundingData());
    const saved = await kommune.put(`/api/submissions/${sub.id}`, { data: sub.data }, ifMatch(sub.version));
    expect(saved.status).toBe(200);
    expectError(await act(kommune, sub, 'submit'), 412, 'submission.stale_version');
    expect(await fetchOk(kommune, sub.id)).toMatchObject({ status: 'draft', version: 2, revision: 0 });
    expect((await kommune.get(`/api/submissions/${sub.id}/revisions/1`)).status).toBe(404);
  });

  it('matches the ETag the server sends, which moves on with every change', async () => {
    const sub = await start(kommune, FUNDING, fundingData());
    const got = await kommune.get(`/api/submissions/${sub.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    const saved = await kommune.put(
      `/api/submissions/${sub.id}`,
      { data: sub.data },
      { 'if-match': got.headers.get('etag')! },
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    await attachSignedApplication(kommune, sub);
    const submitted = await kommune.post(
      `/api/submissions/${sub.id}/transitions`,
      { action: 'submit' },
      { 'if-match': saved.headers.get('etag')! },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get('etag')).toBe('"3"');
    expect((await reviewer1.get(`/api/submissions/${sub.id}`)).headers.get('etag')).toBe('"3"');
  });
});

describe('simultaneous changes of the same version', () => {
  it('of 50 concurrent approvals exactly one succeeds and the others are refused; history has exactly one approval', async () => {
    const sub = await submitFunding(kommune, await start(kommune, FUNDING, fundingData()));
    const reviewers = [reviewer1, reviewer2];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => act(reviewers[i % 2]!, sub, 'approve')),
    );
    // The others get 412; one that DynamoDB Local (two cores, 50 transactions at once) answers too late gets the
    // clean 503 of a slow dependency instead, having changed nothing either.
    const counts = statusCounts(results.map((r) => r.status));
    expect(counts[200]).toBe(1);
    expect((counts[412] ?? 0) + (counts[503] ?? 0)).toBe(49);
    expect(counts[412] ?? 0).toBeGreaterThan(40);
    for (const res of results.filter((r) => r.status === 412))
      expectError(res, 412, 'submission.stale_version');
    for (const res of results.filter((r) => r.status === 503))
      expectError(res, 503, 'dependency.unavailable');

    const after = await fetchOk(kommune, sub.id);
    expect(after).toMatchObject({ status: 'approved', version: sub.version + 1, approvedRevision: 1 });
    const approvals = (await historyOf(kommune, sub.id)).filter((e) => e.action === 'approve');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.version).toBe(sub.version + 1);
  });

  it('of 20 concurrent saves exactly one is stored, whole, and the others get 412', async () => {
    const sub = await start(kommune, FUNDING, fundingData());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        kommune.put(
          `/api/submissions/${sub.id}`,
          { data: { ...sub.data, remarks: `Fassung ${i}` } },
          ifMatch(sub.version),
        ),
      ),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 200: 1, 412: 19 });
    const winner = results.find((r) => r.status === 200)!;
    const after = await fetchOk(kommune, sub.id);
    expect(after).toMatchObject({ version: 2, data: winner.body.data });
    expect((await historyOf(kommune, sub.id)).filter((e) => e.type === 'saved')).toHaveLength(1);
  });

  it('a return and an approval racing: one wins, the state is the winner’s, one event', async () => {
    const sub = await submitFunding(kommune, await start(kommune, FUNDING, fundingData()));
    const [returned, approved] = await Promise.all([
      act(reviewer1, sub, 'return', 'Nachbessern.'),
      act(reviewer2, sub, 'approve'),
    ]);
    expect([returned.status, approved.status].sort()).toEqual([200, 412]);
    const expected = returned.status === 200 ? 'revised' : 'approved';
    expect((await fetchOk(kommune, sub.id)).status).toBe(expected);
    expect(
      (await historyOf(kommune, sub.id)).filter((e) => e.type === 'transition' && e.from === 'review'),
    ).toHaveLength(1);
  });

  it('a save and a submit racing on a plan: exactly one wins, and a snapshot exists only if submit won', async () => {
    const plan = await start(manager, PLAN, planData({ caseId: uniqueCaseId() }));
    const [saved, submitted] = await Promise.all([
      manager.put(
        `/api/submissions/${plan.id}`,
        { data: { ...plan.data, person: { name: 'C. Beispiel' } } },
        ifMatch(plan.version),
      ),
      act(manager, plan, 'submit'),
    ]);
    expect([saved.status, submitted.status].sort()).toEqual([200, 412]);
    const after = await fetchOk(manager, plan.id);
    const revision = await manager.get(`/api/submissions/${plan.id}/revisions/1`);
    if (submitted.status === 200) {
      expect(after).toMatchObject({ status: 'review', revision: 1, data: plan.data });
      expect(revision.body.data).toEqual(plan.data);
    } else {
      expect(after).toMatchObject({
        status: 'draft',
        revision: 0,
        data: { person: { name: 'C. Beispiel' } },
      });
      expectError(revision, 404, 'revision.not_found');
    }
  });
});
