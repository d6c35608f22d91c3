/**
 * Budget rules and access on the in-memory adapters, with the demo organisations and planning frames
 * (round 2017-2018, 51,000 EUR per FTE-year).
 */
import { describe, expect, it, vi } from 'vitest';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData, PLAN, planData, uniqueCaseId } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

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

describe('budget rules', () => {
  it('compute the amounts on the server and show the planning frame', async () => {
    const { services, actor } = await memoryWorld();
    const sub = await services.submissions.create(actor('wendlingen.kommune'), {
      formId: FUNDING,
      data: halfPosition({ budget: { requestedTotal: 5 } }),
    });
    expect(sub.data.positions).toMatchObject([{ requestedAmount: 51_000 }]);
    expect(sub.data.budget).toMatchObject({ requestedTotal: 51_000 });
    expect(sub.data.planningFrame).toEqual({ frame: 70_851, approved: 0, remaining: 70_851 });
  });

  it('refuse a submit above the frame, with the pointer, and reserve nothing', async () => {
    const { services, actor, attachSigned } = await memoryWorld();
    const notzingen = actor('notzingen.kommune');
    const sub = await services.submissions.create(notzingen, { formId: FUNDING, data: halfPosition() });
    await attachSigned(notzingen, sub);
    const error: Json = await services.submissions
      .transition(notzingen, sub.id, etag(sub.version), { action: 'submit' })
      .then(
        () => ({}),
        (e: unknown) => e as Json,
      );
    expect(error).toMatchObject({ status: 400, code: 'allocation.exceeded' });
    expect(error.details.map((d: Json) => [d.code, d.pointer])).toContainEqual([
      'allocation.exceeded',
      '/budget/requestedTotal',
    ]);
    expect(await services.submissions.get(notzingen, sub.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('reserve a joint application on both frames and debit them on approval', async () => {
    const { services, actor, attachSigned } = await memoryWorld();
    const notzingen = actor('notzingen.kommune');
    const reviewer = actor('rp.pruefer1');
    const data = halfPosition({
      joint: {
        isJoint: true,
        members: [{ organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', share: 27_118 }],
      },
    });
    const draft = await services.submissions.create(notzingen, { formId: FUNDING, data });
    // The member confirms its share first.
    const sub = await services.joint.confirm(actor('kirchheim.kommune'), draft.id, undefined, {
      share: 27_118,
    });
    await attachSigned(notzingen, sub);
    const submitted = await services.submissions.transition(notzingen, sub.id, etag(sub.version), {
      action: 'submit',
    });
    expect(submitted.allocation?.reserved).toEqual([
      { org: 'notzingen', amount: 23_882 },
      { org: 'kirchheim-unter-teck', amount: 27_118 },
    ]);
    const frame = async (org: string) =>
      ((await services.allocations.overview(reviewer, '2017-2018')).items as Json[]).find(
        (a) => a.org === org,
      );
    expect(await frame('notzingen')).toMatchObject({ inReview: 23_882, approved: 0 });
    await services.submissions.transition(reviewer, sub.id, etag(submitted.version), { action: 'approve' });
    expect(await frame('notzingen')).toMatchObject({ inReview: 0, approved: 23_882 });
    expect(await frame('kirchheim-unter-teck')).toMatchObject({ inReview: 0, approved: 27_118 });
  });
});

describe('access', () => {
  it("hides another municipality's application (404) and lets members read but not act (403)", async () => {
    const { services, actor } = await memoryWorld();
    const sub = await services.submissions.create(actor('wendlingen.kommune'), {
      formId: FUNDING,
      data: fundingData(),
    });
    await expect(services.submissions.get(actor('bissingen.kommune'), sub.id)).rejects.toMatchObject({
      status: 404,
    });
    // A draft is not the state's business either.
    await expect(services.submissions.get(actor('rp.pruefer1'), sub.id)).rejects.toMatchObject({
      status: 404,
    });
    await expect(services.submissions.get(actor('admin'), sub.id)).rejects.toMatchObject({ status: 404 });
  });

  it('never shows a plan to the state reviewer or the admin, by any use case', async () => {
    const { services, actor } = await memoryWorld();
    const manager = actor('kirchheim.im1');
    const plan = await services.submissions.create(manager, {
      formId: PLAN,
      data: planData({ caseId: uniqueCaseId() }),
    });
    const submitted = await services.submissions.transition(manager, plan.id, etag(plan.version), {
      action: 'submit',
    });
    for (const username of ['rp.pruefer1', 'admin', 'kirchheim.kommune', 'plochingen.koordination']) {
      const someone = actor(username);
      for (const read of [
        () => services.submissions.get(someone, plan.id),
        () => services.submissions.history(someone, plan.id),
        () => services.submissions.revision(someone, plan.id, 1),
        () =>
          services.submissions.transition(someone, plan.id, etag(submitted.version), { action: 'approve' }),
        () => services.attachments.list(someone, plan.id),
        () => services.privacy.accessLog(someone, plan.id),
        () => services.privacy.export(someone, plan.id),
      ]) {
        await expect(read(), username).rejects.toMatchObject({ status: 404 });
      }
    }
  });

  it('lets a manager neither agree their own plan nor start an application (403)', async () => {
    const { services, actor } = await memoryWorld();
    const manager = actor('kirchheim.im1');
    const plan = await services.submissions.create(manager, {
      formId: PLAN,
      data: planData({ caseId: uniqueCaseId() }),
    });
    const submitted = await services.submissions.transition(manager, plan.id, etag(plan.version), {
      action: 'submit',
    });
    await expect(
      services.submissions.transition(manager, plan.id, etag(submitted.version), { action: 'approve' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      services.submissions.create(manager, { formId: FUNDING, data: fundingData() }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('answers 404 for an id that cannot be one, in every use case on a submission, without reading', async () => {
    const { services, actor, adapters } = await memoryWorld();
    const coordinator = actor('kirchheim.koordination');
    const reads = vi.spyOn(adapters.submissions, 'get');
    for (const id of ['', '../etc', 'a'.repeat(65), 'x y']) {
      for (const call of [
        () => services.submissions.get(coordinator, id),
        () => services.attachments.list(coordinator, id),
        () => services.privacy.accessLog(coordinator, id),
        () => services.privacy.export(coordinator, id),
      ]) {
        await expect(call(), JSON.stringify(id)).rejects.toMatchObject({
          status: 404,
          code: 'submission.not_found',
        });
      }
    }
    expect(reads).not.toHaveBeenCalled();
  });
});
