/**
 * The budget rules of funding applications over the HTTP API, on the seeded municipalities and their
 * planning frames from the state's allocation data (round 2017-2018, 51,000 EUR per FTE-year).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  attachSignedApplication,
  confirmShare,
  expectError,
  FUNDING,
  fundingData,
  ifMatch,
  save,
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
    // The member reads the draft and confirms its share before the lead submits.
    const draftAsMember = await kirchheim.get(`/api/submissions/${sub.id}`);
    expect(draftAsMember.body.allowed).toEqual(['confirmShare']);
    const submitted = await submitFunding(notzingen, await confirmShare(kirchheim, sub, 27_118));
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
    const draft = await start(bissingen, FUNDING, data);
    const sub = await submitFunding(bissingen, await confirmShare(wendlingen, draft, 2_000));
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
        decision: { approvedAmount: 12_000, reason: 'Stelle beginnt später' },
      },
      ifMatch(sub.version),
    );
    expect(approved.status).toBe(200);
    expect(approved.body.decision).toMatchObject({
      requestedAmount: 12_750,
      approvedAmount: 12_000,
      reason: 'Stelle beginnt später',
      // The application's own file number, given at its first submit.
      fileNumber: expect.stringMatching(/^RPS-IM-2017-\d{4}$/),
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

describe('joint applications', () => {
  // A quarter position (25,500 EUR), led by Kirchheim: the earlier tests have used up much of the smaller frames.
  const withBissingen = (share: number) =>
    halfPosition({
      positions: [
        {
          personName: 'Sara Muster',
          qualification: 'secondary',
          fte: 0.25,
          employer: 'Gemeinde',
          startDate: '2017-11-01',
          months: 24,
        },
      ],
      joint: {
        isJoint: true,
        members: [{ organisationId: 'bissingen-an-der-teck', name: 'Bissingen an der Teck', share }],
      },
    });

  it("are submitted only with every member's confirmation of its current share", async () => {
    const draft = await start(kirchheim, FUNDING, withBissingen(2_000));
    await attachSignedApplication(kirchheim, draft);
    const missing = await act(kirchheim, draft, 'submit');
    expectError(missing, 409, 'joint.confirmation_missing');
    expect(missing.body.error.message).toContain('Bissingen an der Teck');
    expect(missing.body.error.details).toEqual([
      { pointer: '/joint/members/0', message: 'Bissingen an der Teck', code: 'joint.confirmation_missing' },
    ]);
    // A confirmation lapses when the lead changes the member's share.
    const confirmed = await confirmShare(bissingen, draft, 2_000);
    expect(confirmed.jointConfirmations).toMatchObject([{ org: 'bissingen-an-der-teck', share: 2_000 }]);
    const changed = await save(kirchheim, confirmed, withBissingen(2_500));
    expect(changed.jointConfirmations).toBeUndefined();
    expectError(await act(kirchheim, changed, 'submit'), 409, 'joint.confirmation_missing');
    const submitted = await actOk(kirchheim, await confirmShare(bissingen, changed, 2_500), 'submit');
    expect(submitted.allocation.reserved).toContainEqual({ org: 'bissingen-an-der-teck', amount: 2_500 });
    const history = (await kirchheim.get(`/api/submissions/${draft.id}/history`)).body.items as Json[];
    expect(history.filter((e) => e.type === 'member-confirmed')).toHaveLength(2);
  });

  it("refuse a share the member's frame cannot carry without telling the lead what is left of it", async () => {
    const bissingenFrame = await frameOf(reviewer, 'bissingen-an-der-teck');
    const left = bissingenFrame.frame - bissingenFrame.approved - bissingenFrame.inReview;
    const draft = await start(kirchheim, FUNDING, withBissingen(17_000));
    await attachSignedApplication(kirchheim, draft);
    const res = await act(kirchheim, await confirmShare(bissingen, draft, 17_000), 'submit');
    expect(res.status).toBe(400);
    expect((res.body.error.details as Json[]).map((d) => [d.code, d.pointer])).toContainEqual([
      'joint.share_exceeds_frame',
      '/joint/members/0/share',
    ]);
    const said = JSON.stringify(res.body);
    for (const amount of [left, bissingenFrame.frame, bissingenFrame.approved + bissingenFrame.inReview])
      for (const written of [String(amount), amount.toLocaleString('de-DE'), amount.toLocaleString('en-GB')])
        expect(said).not.toContain(written);
  });
});
