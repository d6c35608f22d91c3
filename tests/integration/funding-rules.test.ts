/**
 * The budget rules of funding applications over the HTTP API, on the seeded municipalities and their
 * planning frames from the state's allocation data (round 2017-2018, 51,000 EUR per FTE-year).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  attachSignedApplication,
  expectError,
  FUNDING,
  fundingData,
  ifMatch,
  signIn,
  start,
  submitFunding,
} from '../helpers/factories.ts';
import type { ApiClient, TestPlatform } from '../helpers/platform.ts';
import { startTestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let notzingen: ApiClient;
let wendlingen: ApiClient;
let bissingen: ApiClient;
let kirchheim: ApiClient;
let reviewer: ApiClient;
let reviewer2: ApiClient;
let manager: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [notzingen, wendlingen, bissingen, kirchheim, reviewer, reviewer2, manager] = await signIn(
    platform,
    'notzingen.kommune',
    'wendlingen.kommune',
    'bissingen.kommune',
    'kirchheim.kommune',
    'rp.pruefer1',
    'rp.pruefer2',
    'kirchheim.im1',
  );
});
afterAll(() => platform.stop());

/** Half a position for the full 24 months: 0.5 × 51,000 × 24 / 12 = 51,000 EUR. */
const halfPosition = (overrides: Json = {}) =>
  fundingData({
    positions: [
      {
        personName: 'Sara Muster',
        qualification: 'secondary',
        fte: 0.5,
        employer: 'Gemeinde',
        startDate: '2017-11-01',
        months: 24,
        requestedAmount: 1,
      },
    ],
    ...overrides,
  });

const frameOf = async (api: ApiClient, org: string) => {
  const res = await api.get('/api/allocations?round=2017-2018');
  expect(res.status).toBe(200);
  return (res.body.items as Json[]).find((a) => a.org === org)!;
};

describe('amounts', () => {
  it('are computed by the server from the round, never taken from the client', async () => {
    const sub = await start(wendlingen, FUNDING, halfPosition({ budget: { requestedTotal: 5 } }));
    expect(sub.data.positions[0].requestedAmount).toBe(51_000);
    expect(sub.data.budget.requestedTotal).toBe(51_000);
    expect(sub.indexed.requestedTotal).toBe(51_000);
    expect(sub.data.planningFrame).toEqual({ frame: 70_851, approved: 0, remaining: 70_851 });
  });
});

describe('Notzingen (frame 23,882 EUR)', () => {
  it('cannot apply alone for 51,000 EUR: exceeded, and below the minimum entitlement', async () => {
    const sub = await start(notzingen, FUNDING, halfPosition());
    await attachSignedApplication(notzingen, sub);
    const res = await act(notzingen, sub, 'submit');
    expectError(res, 400, 'allocation.exceeded');
    const codes = (res.body.error.details as Json[]).map((d) => [d.code, d.pointer]);
    expect(codes).toContainEqual(['allocation.exceeded', '/budget/requestedTotal']);
    expect(codes).toContainEqual(['allocation.below_minimum', expect.any(String)]);
    // Nothing changed: still a draft, nothing reserved.
    expect((await notzingen.get(`/api/submissions/${sub.id}`)).body).toMatchObject({
      status: 'draft',
      version: sub.version,
    });
    expect((await frameOf(notzingen, 'notzingen')).inReview).toBe(0);
  });

  it('can apply jointly with Kirchheim unter Teck; Kirchheim can read it as a member', async () => {
    const data = halfPosition({
      joint: {
        isJoint: true,
        members: [{ organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', share: 27_118 }],
      },
    });
    const sub = await start(notzingen, FUNDING, data);
    expect(sub.data.planningFrame.frame).toBe(23_882 + 213_349);
    const submitted = await submitFunding(notzingen, sub);
    expect(submitted.status).toBe('review');
    expect(submitted.allocation.reserved).toEqual([
      { org: 'notzingen', amount: 23_882 },
      { org: 'kirchheim-unter-teck', amount: 27_118 },
    ]);
    const asMember = await kirchheim.get(`/api/submissions/${sub.id}`);
    expect(asMember.status).toBe(200);
    const list = await kirchheim.get('/api/submissions?limit=100');
    expect((list.body.items as Json[]).map((s) => s.id)).toContain(sub.id);
    // Members read; only the lead applicant acts.
    expectError(
      await kirchheim.put(`/api/submissions/${sub.id}`, { data }, ifMatch(submitted.version)),
      403,
      'submission.forbidden',
    );
  });
});

describe('approval', () => {
  it('records the decision and moves the amount from "in review" to "approved" in the same step', async () => {
    const before = await frameOf(reviewer, 'bissingen-an-der-teck');
    // Bissingen's frame (16,718 EUR) is below the minimum: jointly with Wendlingen.
    const data = fundingData({
      positions: [
        {
          personName: 'Jana Beispiel',
          qualification: 'secondary',
          fte: 0.25,
          employer: 'Gemeinde Bissingen',
          startDate: '2018-01-01',
          months: 12,
        },
      ],
      joint: {
        isJoint: true,
        members: [{ organisationId: 'wendlingen-am-neckar', name: 'Wendlingen am Neckar', share: 2_000 }],
      },
    });
    const sub = await submitFunding(bissingen, await start(bissingen, FUNDING, data));
    expect((await frameOf(reviewer, 'bissingen-an-der-teck')).inReview).toBe(
      before.inReview + 12_750 - 2_000,
    );

    const partialWithoutReason = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      { action: 'approve', decision: { approvedAmount: 12_000 } },
      ifMatch(sub.version),
    );
    expectError(partialWithoutReason, 400, 'decision.reason_required');
    const tooMuch = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      { action: 'approve', decision: { approvedAmount: 12_751 } },
      ifMatch(sub.version),
    );
    expectError(tooMuch, 400, 'decision.invalid');

    const approved = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      {
        action: 'approve',
        decision: { approvedAmount: 12_000, reason: 'Stelle beginnt später', fileNumber: 'RPS-15-1234' },
      },
      ifMatch(sub.version),
    );
    expect(approved.status).toBe(200);
    expect(approved.body.decision).toMatchObject({
      requestedAmount: 12_750,
      approvedAmount: 12_000,
      reason: 'Stelle beginnt später',
      fileNumber: 'RPS-15-1234',
      decisionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const after = await frameOf(reviewer, 'bissingen-an-der-teck');
    expect(after.inReview).toBe(before.inReview);
    // The member's share is scaled with the partial approval (2,000 × 12,000 / 12,750 = 1,882), the lead carries the rest.
    expect(after.approved).toBe(before.approved + 12_000 - 1_882);
    expect((await frameOf(reviewer, 'wendlingen-am-neckar')).approved).toBeGreaterThanOrEqual(1_882);
  });

  it('lets only one of two approvals through when together they would exceed a frame', async () => {
    // Wendlingen (70,851 EUR): two applications of 51,000 EUR each fit alone, not together.
    const first = await submitFunding(wendlingen, await start(wendlingen, FUNDING, halfPosition()));
    const second = await submitFunding(wendlingen, await start(wendlingen, FUNDING, halfPosition()));
    const results = await Promise.all([act(reviewer, first, 'approve'), act(reviewer2, second, 'approve')]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('allocation.exceeded');
    const frame = await frameOf(wendlingen, 'wendlingen-am-neckar');
    expect(frame.approved).toBeLessThanOrEqual(frame.frame);
    // The loser is unchanged and still in review.
    const loserId = results[0]!.status === 409 ? first.id : second.id;
    expect((await reviewer.get(`/api/submissions/${loserId}`)).body.status).toBe('review');
  });

  it('releases the reservation when an application is returned', async () => {
    const sub = await submitFunding(wendlingen, await start(wendlingen, FUNDING, fundingData()));
    const inReview = (await frameOf(wendlingen, 'wendlingen-am-neckar')).inReview;
    await actOk(reviewer, sub, 'return', 'Bitte Arbeitsvertrag beifügen');
    expect((await frameOf(wendlingen, 'wendlingen-am-neckar')).inReview).toBe(
      inReview - sub.indexed.requestedTotal,
    );
  });
});

describe('allocations', () => {
  it('shows every frame with district and electoral-district figures to reviewers, the own to municipalities', async () => {
    const all = await reviewer.get('/api/allocations?round=2017-2018');
    expect(all.body.items.length).toBeGreaterThan(10);
    expect(all.body.districts.map((d: Json) => d.district)).toContain('Landkreis Esslingen');
    expect(all.body.electoralDistricts[0]).toMatchObject({
      electoralDistrict: 'Kirchheim unter Teck',
      pressReleaseTotal: 768_216,
      namedMunicipalitiesSum: 437_047,
      platformSum: 437_047,
    });
    const own = await notzingen.get('/api/allocations?round=2017-2018');
    expect(own.body.items.map((a: Json) => a.org)).toEqual(['notzingen']);
    expect(own.body.electoralDistricts).toEqual([]);
    expectError(await manager.get('/api/allocations?round=2017-2018'), 403, 'allocations.forbidden');
    expectError(await reviewer.get('/api/allocations?round=1999'), 400, 'round.unknown');
  });

  it('exports the application list as CSV for Excel', async () => {
    const res = await reviewer.request('GET', '/api/exports/applications?round=2017-2018');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops a byte order mark: look at the bytes.
    const raw = await fetch(`${platform.url}/api/exports/applications?round=2017-2018`, {
      headers: { authorization: `Bearer ${reviewer.token}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(String(res.body)).toContain('Kirchheim unter Teck');
    expectError(await kirchheim.get('/api/exports/applications'), 403, 'export.forbidden');
  });
});
