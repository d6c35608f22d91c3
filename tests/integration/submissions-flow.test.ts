/**
 * The submission life cycle over HTTP: drafts (incomplete but well-typed), unknown fields dropped, submit
 * (complete only), return / approve, numbered snapshots, history, and the plan's amendment ("Fortschreibung")
 * that is agreed directly when submitted again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  attachSignedApplication,
  draftPlan,
  expectError,
  FUNDING,
  fetchOk,
  fundingData,
  ifMatch,
  PLAN,
  planData,
  pointersOf,
  save,
  sha256Hex,
  signIn,
  start,
  submitFunding,
  subOf,
  uniqueCaseId,
} from '../helpers/factories.ts';
import type { ApiClient } from '../helpers/platform.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let kirchheim: ApiClient;
let weilheim: ApiClient;
let reviewer: ApiClient;
let manager: ApiClient;
let coordinator: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [kirchheim, weilheim, reviewer, manager, coordinator] = await signIn(
    platform,
    'kirchheim.kommune',
    'weilheim.kommune',
    'rp.pruefer1',
    'kirchheim.im1',
    'kirchheim.koordination',
  );
});
afterAll(async () => platform?.stop());

/** History events reduced to what the tests compare. */
async function historyOf(api: ApiClient, id: string) {
  const res = await api.get(`/api/submissions/${id}/history`);
  expect(res.status).toBe(200);
  return (res.body.items as Array<Record<string, any>>).map((e) => ({
    version: e.version,
    type: e.type,
    actor: e.actor.sub,
    role: e.role,
    action: e.action,
    from: e.from,
    to: e.to,
    comment: e.comment,
    revision: e.revision,
    assignedTo: e.assignedTo,
  }));
}

/**
 * The data of a funding application without what the server owns (amounts and planning frame computed from
 * the round, item ids), i.e. what the applicant entered and the server kept.
 */
function entered(data: Record<string, any>) {
  const { budget: _budget, planningFrame: _frame, ...rest } = data;
  if (!Array.isArray(rest.positions)) return rest;
  return {
    ...rest,
    positions: rest.positions.map(
      ({ id: _id, requestedAmount: _amount, ...p }: Record<string, unknown>) => p,
    ),
  };
}

describe('drafts', () => {
  it('creates a draft pinned to the latest form version, with an ETag and a Location', async () => {
    const data = fundingData();
    const res = await kirchheim.post('/api/submissions', { formId: FUNDING, data });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/submissions/${res.body.id}`);
    expect(res.body).toMatchObject({
      formId: FUNDING,
      formVersion: 1,
      kind: 'funding',
      status: 'draft',
      version: 1,
      revision: 0,
      approvedRevision: null,
      amending: false,
      org: 'kirchheim-unter-teck',
      createdBy: subOf('kirchheim.kommune'),
    });
    expect(entered(res.body.data)).toEqual(data);
    expect(res.body.data.positions[0].id).toMatch(/^\S+$/);
    // 0.25 full-time equivalents × 51,000 EUR a year × 6 months / 12, computed by the server.
    expect(res.body.data.positions[0].requestedAmount).toBe(6375);
    expect(res.body.data.budget).toEqual({ requestedTotal: 6375 });
    expect(res.body.data.planningFrame).toMatchObject({ frame: 213349 });
    expect(await fetchOk(kirchheim, res.body.id)).toEqual(res.body);
  });

  it('accepts an incomplete draft (required fields missing) and stores it', async () => {
    const sub = await start(kirchheim, FUNDING, { round: '2017-2018' });
    const saved = await save(kirchheim, sub, {
      round: '2017-2018',
      applicant: { name: 'Kirchheim unter Teck' },
    });
    expect(saved.version).toBe(2);
    expect(entered(saved.data)).toEqual({ round: '2017-2018', applicant: { name: 'Kirchheim unter Teck' } });
    expect((await fetchOk(kirchheim, sub.id)).data).toEqual(saved.data);
  });

  it('refuses wrong types in a draft with JSON pointers, and stores nothing', async () => {
    const sub = await start(kirchheim, FUNDING, { round: '2017-2018' });
    const res = await kirchheim.put(
      `/api/submissions/${sub.id}`,
      { data: { round: 2018, positions: [{ fte: 'half', months: 1.5, startDate: 'soon' }] } },
      ifMatch(1),
    );
    expectError(res, 400, 'submission.invalid_data');
    expect(pointersOf(res)).toEqual(['/positions/0/fte', '/positions/0/months', '/round']);
    const after = await fetchOk(kirchheim, sub.id);
    expect(after.version).toBe(1);
    expect(entered(after.data)).toEqual({ round: '2017-2018' });
  });

  it('refuses wrong types when starting a submission too', async () => {
    const res = await kirchheim.post('/api/submissions', { formId: FUNDING, data: { positions: 'two' } });
    expectError(res, 400, 'submission.invalid_data');
    expect(pointersOf(res)).toEqual(['/positions']);
  });

  it('drops unknown fields (top level, nested, in array items) before storing', async () => {
    const data = fundingData();
    const sent = {
      ...data,
      bogus: 1,
      applicant: { ...data.applicant, nickname: 'x', address: { ...data.applicant.address, floor: 3 } },
      positions: [{ ...data.positions[0], salary: 99_999 }],
    };
    const sub = await start(kirchheim, FUNDING, sent);
    expect(entered(sub.data)).toEqual(data);
    const saved = await save(kirchheim, sub, { ...sent, alsoUnknown: true });
    expect(entered(saved.data)).toEqual(data);
    expect(entered((await fetchOk(kirchheim, sub.id)).data)).toEqual(data);
  });

  it('drops unknown fields of a plan too, keeping everything it defines', async () => {
    const data = planData({ caseId: uniqueCaseId() });
    const sub = await start(manager, PLAN, {
      ...data,
      refugeeName: 'must not be stored',
      header: { ...data.header, birthday: '1990-01-01' },
      consent: { ...data.consent, storage: { ...data.consent.storage, note: 'x' } },
    });
    expect(sub.data).toEqual(data);
    expect((await fetchOk(manager, sub.id)).data).toEqual(data);
  });

  it('keeps array item ids stable across saves', async () => {
    const sub = await start(kirchheim, FUNDING, fundingData());
    const id = sub.data.positions[0].id;
    const saved = await save(kirchheim, sub, { ...sub.data, remarks: 'zweite Fassung' });
    expect(saved.data.positions[0].id).toBe(id);
  });
});

describe('funding application: submit, return, resubmit, approve', () => {
  it('refuses to submit an incomplete application and leaves it a draft', async () => {
    const sub = await start(kirchheim, FUNDING, { round: '2017-2018' });
    const res = await act(kirchheim, sub, 'submit');
    expectError(res, 400, 'submission.incomplete');
    expect(pointersOf(res)).toEqual([
      '/applicant',
      '/declarations',
      '/fundingPeriod',
      '/positions',
      '/provision',
    ]);
    const after = await fetchOk(kirchheim, sub.id);
    expect({ status: after.status, version: after.version, revision: after.revision }).toEqual({
      status: 'draft',
      version: 1,
      revision: 0,
    });
  });

  it('runs the whole cycle with numbered snapshots and a complete history', async () => {
    const first = fundingData({ applicantName: 'Kirchheim unter Teck' });
    const sub = await start(kirchheim, FUNDING, first);

    const signed = await attachSignedApplication(kirchheim, sub);
    const submitted = await actOk(kirchheim, sub, 'submit');
    expect(submitted).toMatchObject({ status: 'review', version: 2, revision: 1, approvedRevision: null });
    expect(typeof submitted.submittedAt).toBe('string');

    // A return needs a comment that says something.
    expectError(await act(reviewer, submitted, 'return'), 400, 'workflow.comment_required');
    expectError(await act(reviewer, submitted, 'return', '   '), 400, 'workflow.comment_required');
    const returned = await actOk(reviewer, submitted, 'return', 'Bitte den Stellenumfang begründen.');
    expect(returned).toMatchObject({ status: 'revised', version: 3, revision: 1 });
    expect((await fetchOk(kirchheim, sub.id)).lastComment).toBe('Bitte den Stellenumfang begründen.');

    const second = { ...returned.data, remarks: 'Begründung ergänzt.' };
    const edited = await save(kirchheim, returned, second);
    const resubmitted = await actOk(kirchheim, edited, 'submit');
    expect(resubmitted).toMatchObject({
      status: 'review',
      version: 5,
      revision: 2,
      submittedAt: submitted.submittedAt,
    });
    expect(resubmitted.lastComment).toBeUndefined();

    const approved = await actOk(reviewer, resubmitted, 'approve');
    expect(approved).toMatchObject({ status: 'approved', version: 6, revision: 2, approvedRevision: 2 });
    expect(entered(approved.data)).toEqual(entered(second));

    const rev1 = await kirchheim.get(`/api/submissions/${sub.id}/revisions/1`);
    expect(rev1.status).toBe(200);
    expect(rev1.body).toEqual({
      submissionId: sub.id,
      n: 1,
      formVersion: 1,
      data: submitted.data,
      dataSha256: sha256Hex(submitted.data),
      attachments: [signed.attachmentId],
      createdAt: submitted.updatedAt,
      createdBy: subOf('kirchheim.kommune'),
    });
    const rev2 = await reviewer.get(`/api/submissions/${sub.id}/revisions/2`);
    expect(rev2.status).toBe(200);
    expect(rev2.body).toMatchObject({
      n: 2,
      data: resubmitted.data,
      dataSha256: sha256Hex(resubmitted.data),
    });
    expect(entered(rev2.body.data)).toEqual(entered(second));
    expect(rev2.body.dataSha256).not.toBe(rev1.body.dataSha256);
    expectError(await kirchheim.get(`/api/submissions/${sub.id}/revisions/3`), 404, 'revision.not_found');
    for (const n of ['0', 'x', '-1', '1.5']) {
      expectError(await kirchheim.get(`/api/submissions/${sub.id}/revisions/${n}`), 400, 'request.invalid');
    }

    const kommune = subOf('kirchheim.kommune');
    const rp = subOf('rp.pruefer1');
    expect(await historyOf(reviewer, sub.id)).toEqual([
      { version: 1, type: 'created', actor: kommune, role: 'municipality', to: 'draft' },
      {
        version: 2,
        type: 'transition',
        actor: kommune,
        role: 'municipality',
        action: 'submit',
        from: 'draft',
        to: 'review',
        revision: 1,
      },
      {
        version: 3,
        type: 'transition',
        actor: rp,
        role: 'reviewer',
        action: 'return',
        from: 'review',
        to: 'revised',
        comment: 'Bitte den Stellenumfang begründen.',
      },
      { version: 4, type: 'saved', actor: kommune, role: 'municipality' },
      {
        version: 5,
        type: 'transition',
        actor: kommune,
        role: 'municipality',
        action: 'submit',
        from: 'revised',
        to: 'review',
        revision: 2,
      },
      {
        version: 6,
        type: 'transition',
        actor: rp,
        role: 'reviewer',
        action: 'approve',
        from: 'review',
        to: 'approved',
      },
    ]);
    const raw = (await kirchheim.get(`/api/submissions/${sub.id}/history`)).body.items as Array<
      Record<string, any>
    >;
    expect(raw.map((e) => e.actor.name)).toEqual([
      'Sabine Maurer',
      'Sabine Maurer',
      'Dr. Katrin Brandt',
      'Sabine Maurer',
      'Sabine Maurer',
      'Dr. Katrin Brandt',
    ]);
    expect(raw.every((e) => e.submissionId === sub.id && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('refuses changes and actions that the state does not allow (409), changing nothing', async () => {
    const inReview = await submitFunding(weilheim, await start(weilheim, FUNDING, fundingData()));
    expectError(
      await weilheim.put(
        `/api/submissions/${inReview.id}`,
        { data: fundingData() },
        ifMatch(inReview.version),
      ),
      409,
      'submission.not_editable',
    );
    expectError(await act(weilheim, inReview, 'submit'), 409, 'workflow.action_not_allowed');
    const draft = await start(weilheim, FUNDING, fundingData());
    expectError(await act(weilheim, draft, 'amend'), 409, 'workflow.action_not_allowed');

    const approved = await actOk(reviewer, inReview, 'approve');
    expectError(await act(reviewer, approved, 'approve'), 409, 'workflow.action_not_allowed');
    expectError(await act(reviewer, approved, 'return', 'zu spät'), 409, 'workflow.action_not_allowed');
    // Funding applications are not amended; change requests are records of their own.
    expectError(await act(weilheim, approved, 'amend'), 409, 'workflow.amend_not_allowed');
    expect(await fetchOk(weilheim, inReview.id)).toMatchObject({
      status: 'approved',
      version: approved.version,
    });
  });
});

describe('reviewers read the snapshot under review, never a working copy', () => {
  it('shows the last submitted data while the municipality edits a returned application', async () => {
    const submittedData = fundingData({ applicantName: 'Stand der Einreichung' });
    const submitted = await submitFunding(kirchheim, await start(kirchheim, FUNDING, submittedData));
    expect((await fetchOk(reviewer, submitted.id)).data).toEqual(submitted.data);

    const returned = await actOk(reviewer, submitted, 'return', 'Bitte überarbeiten.');
    const working = {
      ...returned.data,
      applicant: { ...returned.data.applicant, name: 'Arbeitsstand' },
      remarks: 'neu',
    };
    await save(kirchheim, returned, working);

    const seenByReviewer = await fetchOk(reviewer, submitted.id);
    expect(seenByReviewer.status).toBe('revised');
    expect(seenByReviewer.data).toEqual(submitted.data);
    expect((await fetchOk(kirchheim, submitted.id)).data).toEqual(working);
  });

  it('does not leak the working copy through indexed fields either (GET and list)', async () => {
    const submitted = await submitFunding(
      kirchheim,
      await start(kirchheim, FUNDING, fundingData({ applicantName: 'Eingereichter Name' })),
    );
    const returned = await actOk(reviewer, submitted, 'return', 'Bitte überarbeiten.');
    await save(kirchheim, returned, {
      ...returned.data,
      applicant: { ...returned.data.applicant, name: 'Entwurfsname' },
    });

    expect((await fetchOk(reviewer, submitted.id)).indexed.applicantName).toBe('Eingereichter Name');
    const list = await reviewer.get(`/api/submissions?formId=${FUNDING}&limit=100`);
    expect(list.status).toBe(200);
    const summary = (list.body.items as Array<Record<string, any>>).find((i) => i.id === submitted.id);
    expect(summary?.indexed.applicantName).toBe('Eingereichter Name');
  });

  it('never shows a draft that was not submitted yet', async () => {
    const draft = await start(kirchheim, FUNDING, fundingData());
    expectError(await reviewer.get(`/api/submissions/${draft.id}`), 404, 'submission.not_found');
  });
});

describe('integration plan: agreement and amendment', () => {
  it('agrees a plan, amends it and agrees the amendment directly on submit, keeping approvedRevision meanwhile', async () => {
    const caseId = uniqueCaseId();
    const plan = await start(manager, PLAN, planData({ caseId }));
    expect(plan).toMatchObject({ kind: 'case', assignedTo: subOf('kirchheim.im1'), status: 'draft' });

    const inReview = await actOk(manager, plan, 'submit');
    expect(inReview).toMatchObject({ status: 'review', revision: 1 });
    const agreed = await actOk(coordinator, inReview, 'approve');
    expect(agreed).toMatchObject({ status: 'approved', revision: 1, approvedRevision: 1, amending: false });

    const amending = await actOk(manager, agreed, 'amend');
    expect(amending).toMatchObject({ status: 'draft', revision: 1, approvedRevision: 1, amending: true });
    const continued = { ...amending.data, header: { ...amending.data.header, nextReviewDate: '2018-07-15' } };
    const saved = await save(manager, amending, continued);
    expect(saved).toMatchObject({ status: 'draft', approvedRevision: 1, amending: true });
    expect(await fetchOk(coordinator, plan.id)).toMatchObject({ data: continued, approvedRevision: 1 });

    const reagreed = await actOk(manager, saved, 'submit');
    expect(reagreed).toMatchObject({ status: 'approved', revision: 2, approvedRevision: 2, amending: false });

    expect((await manager.get(`/api/submissions/${plan.id}/revisions/1`)).body.data).toEqual(plan.data);
    const rev2 = await coordinator.get(`/api/submissions/${plan.id}/revisions/2`);
    expect(rev2.body).toMatchObject({ n: 2, data: continued, dataSha256: sha256Hex(continued) });

    const im = subOf('kirchheim.im1');
    const coord = subOf('kirchheim.koordination');
    expect(await historyOf(manager, plan.id)).toEqual([
      { version: 1, type: 'created', actor: im, role: 'manager', to: 'draft' },
      {
        version: 2,
        type: 'transition',
        actor: im,
        role: 'manager',
        action: 'submit',
        from: 'draft',
        to: 'review',
        revision: 1,
      },
      {
        version: 3,
        type: 'transition',
        actor: coord,
        role: 'coordinator',
        action: 'approve',
        from: 'review',
        to: 'approved',
      },
      {
        version: 4,
        type: 'transition',
        actor: im,
        role: 'manager',
        action: 'amend',
        from: 'approved',
        to: 'draft',
      },
      { version: 5, type: 'saved', actor: im, role: 'manager' },
      {
        version: 6,
        type: 'transition',
        actor: im,
        role: 'manager',
        action: 'submit',
        from: 'draft',
        to: 'approved',
        revision: 2,
      },
    ]);
  });

  it('lets the coordinator return a plan with a comment; the manager revises and submits again', async () => {
    const plan = await draftPlan(manager);
    const inReview = await actOk(manager, plan, 'submit');
    expectError(await act(coordinator, inReview, 'return', ''), 400, 'workflow.comment_required');
    const returned = await actOk(coordinator, inReview, 'return', 'Ziele bitte mit Frist.');
    expect(returned).toMatchObject({ status: 'revised', lastComment: 'Ziele bitte mit Frist.' });
    const revised = await save(manager, returned, { ...returned.data, person: { name: 'B. Beispiel' } });
    const again = await actOk(manager, revised, 'submit');
    expect(again).toMatchObject({ status: 'review', revision: 2, approvedRevision: null });
  });

  it('refuses an incomplete plan on submit with pointers to what is missing', async () => {
    const plan = await start(manager, PLAN, { header: { caseId: uniqueCaseId() } });
    const res = await act(manager, plan, 'submit');
    expectError(res, 400, 'submission.incomplete');
    expect(pointersOf(res)).toEqual(['/consent', '/header/counsellingStart', '/person']);
  });
});
