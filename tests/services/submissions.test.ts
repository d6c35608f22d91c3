/**
 * The submission use cases on the in-memory adapters, through the same composition root the functions use:
 * start, save, submit, return, approve, amend, history, revisions, lists, and the If-Match rule.
 */
import { describe, expect, it } from 'vitest';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData, PLAN, planData, uniqueCaseId } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

describe('a funding application', () => {
  it('goes draft → review → revised → review → approved, with a frozen revision per submit', async () => {
    const { services, actor, attachSigned } = await memoryWorld();
    const applicant = actor('wendlingen.kommune');
    const reviewer = actor('rp.pruefer1');
    const { submissions } = services;

    const draft = await submissions.create(applicant, { formId: FUNDING, data: fundingData() });
    expect(draft).toMatchObject({ status: 'draft', version: 1, org: 'wendlingen-am-neckar' });

    const saved = await submissions.save(applicant, draft.id, etag(draft.version), {
      data: fundingData({ applicantName: 'Stadt Wendlingen am Neckar' }),
    });
    expect(saved.version).toBe(2);
    await attachSigned(applicant, draft);
    const submitted = await submissions.transition(applicant, draft.id, etag(saved.version), {
      action: 'submit',
    });
    expect(submitted).toMatchObject({ status: 'review', revision: 1 });

    const returned = await submissions.transition(reviewer, draft.id, etag(submitted.version), {
      action: 'return',
      comment: 'Bitte die Stellenbeschreibung ergänzen.',
    });
    expect(returned.status).toBe('revised');
    const resubmitted = await submissions.transition(applicant, draft.id, etag(returned.version), {
      action: 'submit',
    });
    expect(resubmitted).toMatchObject({ status: 'review', revision: 2 });
    const approved = await submissions.transition(reviewer, draft.id, etag(resubmitted.version), {
      action: 'approve',
    });
    expect(approved.status).toBe('approved');

    const history = await submissions.history(applicant, draft.id);
    expect(history.map((e) => (e.type === 'transition' ? e.action : e.type))).toEqual([
      'created',
      'saved',
      'submit',
      'return',
      'submit',
      'approve',
    ]);
    const first = await submissions.revision(applicant, draft.id, 1);
    expect(first.data).toMatchObject({ applicant: { name: 'Stadt Wendlingen am Neckar' } });
  });

  it('refuses a save without or with a stale If-Match, and changes nothing', async () => {
    const { services, actor } = await memoryWorld();
    const applicant = actor('wendlingen.kommune');
    const sub = await services.submissions.create(applicant, { formId: FUNDING, data: fundingData() });
    await expect(
      services.submissions.save(applicant, sub.id, undefined, { data: fundingData() }),
    ).rejects.toMatchObject({
      status: 428,
    });
    await expect(
      services.submissions.save(applicant, sub.id, etag(7), { data: fundingData() }),
    ).rejects.toMatchObject({
      status: 412,
    });
    expect((await services.submissions.get(applicant, sub.id)).version).toBe(1);
  });
});

describe('an integration plan', () => {
  it('is agreed by the coordinator and amended by its manager without a second review', async () => {
    const { services, actor } = await memoryWorld();
    const manager = actor('kirchheim.im1');
    const coordinator = actor('kirchheim.koordination');
    const { submissions } = services;
    const plan = await submissions.create(manager, {
      formId: PLAN,
      data: planData({ caseId: uniqueCaseId() }),
    });
    const inReview = await submissions.transition(manager, plan.id, etag(plan.version), { action: 'submit' });
    expect(inReview.status).toBe('review');
    const agreed = await submissions.transition(coordinator, plan.id, etag(inReview.version), {
      action: 'approve',
    });
    expect(agreed).toMatchObject({ status: 'approved', revision: 1 });

    const amended = await submissions.transition(manager, plan.id, etag(agreed.version), { action: 'amend' });
    expect(amended.status).toBe('draft');
    const continued = await submissions.transition(manager, plan.id, etag(amended.version), {
      action: 'submit',
    });
    // Continuations need no second review.
    expect(continued).toMatchObject({ status: 'approved', revision: 2 });
  });

  it("is listed in its manager's caseload and the coordinator's organisation, nowhere else", async () => {
    const { services, actor } = await memoryWorld();
    const plan = await services.submissions.create(actor('kirchheim.im1'), {
      formId: PLAN,
      data: planData({ caseId: uniqueCaseId() }),
    });
    const ids = async (username: string) =>
      (await services.submissions.list(actor(username), {})).items.map((s) => s.id);
    expect(await ids('kirchheim.im1')).toEqual([plan.id]);
    expect(await ids('kirchheim.koordination')).toEqual([plan.id]);
    expect(await ids('kirchheim.im2')).toEqual([]);
    expect(await ids('plochingen.koordination')).toEqual([]);
    expect(await ids('rp.pruefer1')).toEqual([]);
    // Asking for the plan form or as admin is refused outright.
    await expect(services.submissions.list(actor('rp.pruefer1'), { formId: PLAN })).rejects.toMatchObject({
      status: 403,
      code: 'submission.list_forbidden',
    });
    await expect(services.submissions.list(actor('admin'), {})).rejects.toMatchObject({ status: 403 });
  });
});
