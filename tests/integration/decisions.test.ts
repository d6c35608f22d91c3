/**
 * The decision over HTTP, lean: the pro-rata proposal with the round's conditions, a refusal releasing the
 * reservation, a withdrawal, a partial approval with catalogue conditions, the finality route and a revocation;
 * a later correction of the round applied to a decision.
 * The rules themselves are tested on the in-memory services (`tests/services/decisions.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actOk,
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
let wendlingen: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [wendlingen, reviewer] = await signIn(platform, 'wendlingen.kommune', 'rp.pruefer1');
});
afterAll(() => platform.stop());

/** Two positions of 0.25 VZÄ for 6 months each (the factory's defaults), in review. */
async function inReview(): Promise<Json> {
  const data = fundingData();
  data.positions = [data.positions[0], { ...data.positions[0], personName: 'Max Beispiel', fte: 0.5 }];
  return submitFunding(wendlingen, await start(wendlingen, FUNDING, data));
}

const inReviewOf = async (org: string) =>
  ((await reviewer.get('/api/allocations?round=2017-2018')).body.items as Json[]).find((a) => a.org === org)!;

describe('deciding an application', () => {
  it('proposes a pro-rata split, refuses with reasons and releases the reservation', async () => {
    const sub = await inReview();
    const requested = sub.allocation.reserved[0].amount as number;
    expect((await inReviewOf('wendlingen-am-neckar')).inReview).toBe(requested);

    const proposal = await reviewer.get(
      `/api/submissions/${sub.id}/decision-proposal?approvedAmount=${requested - 101}`,
    );
    expect(proposal.status).toBe(200);
    expect(proposal.body.positions.reduce((s: number, p: Json) => s + p.approvedAmount, 0)).toBe(
      requested - 101,
    );
    expect(proposal.body.conditions.map((c: Json) => c.code)).toContain('anbest-k');
    expect((await wendlingen.get(`/api/submissions/${sub.id}/decision-proposal`)).status).toBe(403);

    expectError(
      await reviewer.post(
        `/api/submissions/${sub.id}/transitions`,
        { action: 'reject' },
        ifMatch(sub.version),
      ),
      400,
      'workflow.comment_required',
    );
    const rejected = await actOk(reviewer, sub, 'reject', 'Die Fördervoraussetzungen liegen nicht vor.');
    expect(rejected).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', approvedAmount: 0 },
    });
    expect((await inReviewOf('wendlingen-am-neckar')).inReview).toBe(0);
  });

  it('withdraws; approves in part with catalogue conditions; records finality steps; revokes', async () => {
    const withdrawn = await actOk(wendlingen, await inReview(), 'withdraw');
    expect(withdrawn.status).toBe('withdrawn');

    const sub = await inReview();
    const lowered = (sub.allocation.reserved[0].amount as number) - 1000;
    const { body: proposal } = await reviewer.get(
      `/api/submissions/${sub.id}/decision-proposal?approvedAmount=${lowered}`,
    );
    const approve = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      {
        action: 'approve',
        decision: {
          approvedAmount: lowered,
          positions: proposal.positions.map(({ id, approvedAmount }: Json) => ({ id, approvedAmount })),
          reason: 'Nur teilweise förderfähig.',
          conditionKeys: ['anbest-k'],
          conditions: ['Zwischenbericht zum 31. Januar.'],
        },
      },
      ifMatch(sub.version),
    );
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    const approved = approve.body;
    expect(approved.decision.conditions).toHaveLength(2);
    expect(approved.decision.finality.readyAt).toBeTruthy();
    expect(approved.allowed).toEqual(expect.arrayContaining(['revoke', 'recordFinality']));

    const finality = `/api/submissions/${sub.id}/finality`;
    expectError(
      await reviewer.post(
        finality,
        { step: 'notified_by_post', date: approved.decision.decisionDate },
        ifMatch(approved.version),
      ),
      409,
      'finality.retrieval_pending',
    );
    expectError(
      await wendlingen.post(finality, { step: 'remedy_waived' }, ifMatch(approved.version)),
      409,
      'finality.not_notified',
    );
    const defective = await reviewer.post(
      finality,
      { step: 'remedy_notice', value: true },
      ifMatch(approved.version),
    );
    expect(defective.status).toBe(200);
    expect(defective.body.decision.finality.remedyNoticeDefective).toBe(true);

    const revoked = await actOk(reviewer, defective.body, 'revoke', 'Zweckverfehlung.');
    expect(revoked).toMatchObject({
      status: 'revoked',
      decision: { revocation: { reason: 'Zweckverfehlung.' } },
    });
  });

  it('applies a later published correction of the round when the reviewer chooses it, recorded in the decision', async () => {
    const sub = await inReview();
    const pinned = sub.roundPin.version as number;
    const [admin] = await signIn(platform, 'admin');
    const current = ((await admin.get('/api/rounds')).body.items as Json[]).find(
      (r) => r.id === '2017-2018' && r.status === 'published',
    )!;
    const { id, version, status, createdAt, createdBy, publishedAt, publishedBy, open, ...fields } = current;
    const conditions = [
      ...(fields.conditions ?? []),
      { code: 'korrektur', de: 'Es gilt die berichtigte Fassung.' },
    ];
    const corrected = await admin.post('/api/rounds', {
      id,
      round: { ...fields, conditions },
      publish: true,
    });
    expect(corrected.body).toMatchObject({ version: pinned + 1, status: 'published' });

    const plain = await reviewer.get(`/api/submissions/${sub.id}/decision-proposal`);
    expect(plain.body.round).toEqual({ id, pinned, applied: pinned, latest: pinned + 1 });
    const later = await reviewer.get(
      `/api/submissions/${sub.id}/decision-proposal?roundVersion=${pinned + 1}`,
    );
    expect(later.body.round).toMatchObject({ applied: pinned + 1 });
    expect(later.body.conditions.map((c: Json) => c.code)).toContain('korrektur');
    expectError(
      await reviewer.get(`/api/submissions/${sub.id}/decision-proposal?roundVersion=${pinned + 5}`),
      409,
      'decision.round_version_unknown',
    );

    const res = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      { action: 'approve', decision: { roundVersion: pinned + 1, conditionKeys: ['korrektur'] } },
      ifMatch(sub.version),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision).toMatchObject({
      roundVersion: pinned + 1,
      pinnedRoundVersion: pinned,
      conditions: ['Es gilt die berichtigte Fassung.'],
    });
  });
});
