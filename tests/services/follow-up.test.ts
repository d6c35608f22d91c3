/**
 * Follow-up records of a funding application on the in-memory adapters: started as children, refused where the
 * application's state does not allow them, released and paid, amending the decision and the planning frames in
 * the record's own transaction, and a repayment claim. The decision's finality comes from another part of the
 * procedure: here it is set on the stored application directly.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fundingWorkflow from '../../forms/funding-application/workflow.json' with { type: 'json' };
import { fontPaths, TypstRenderer } from '../../functions/adapters/pdf/typst-renderer.ts';
import { objectKey } from '../../functions/core/attachments.ts';
import type { WorkflowDefinition } from '../../functions/core/forms.ts';
import type { Actor, Submission } from '../../functions/core/model.ts';
import { scopesOf } from '../../functions/core/scopes.ts';
import { caseFileService } from '../../functions/lib/services.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { minimalPdf, pagedPdf } from '../helpers/files.ts';
import { type MemoryWorld, memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

/** Half a position for 24 months from November 2017: 0.5 × 51,000 × 24 / 12 = 51,000 EUR. */
const halfPosition = () =>
  fundingData({
    positions: [
      {
        personName: 'Sara Muster',
        qualification: 'secondary',
        fte: 0.5,
        employer: 'Gemeinde',
        startDate: '2017-11-01',
        months: 24,
      },
    ],
  });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ status: 0, code: 'none' }),
    (e: Json) => ({ status: e.status, code: e.code }),
  );

/** The decision counts as final from `finalAt` (the finality actions are another part's; set directly). */
async function setFinal(world: MemoryWorld, id: string, finalAt: string) {
  const store = world.adapters.submissions;
  const sub = (await store.get(id)) as Submission;
  const next: Submission = {
    ...sub,
    version: sub.version + 1,
    decision: { ...sub.decision!, finalAt },
  };
  const workflow = fundingWorkflow as WorkflowDefinition;
  await store.write({
    submission: next,
    expectedVersion: sub.version,
    event: {
      submissionId: id,
      version: next.version,
      type: 'reviewer',
      at: next.updatedAt,
      actor: { sub: 'test', name: 'test' },
      role: 'reviewer',
    },
    scopes: scopesOf(next, workflow),
    previousScopes: scopesOf(sub, workflow),
  });
}

/** Wendlingen (frame 70,851 EUR) with an approved application of 51,000 EUR, on 15 January 2018. */
async function approvedApplication(options: { final?: boolean } = {}) {
  const world = await memoryWorld({ at: '2018-01-15T09:00:00.000Z' });
  const { services, actor } = world;
  const lead = actor('wendlingen.kommune');
  const reviewer = actor('rp.pruefer1');
  const draft = await services.submissions.create(lead, { formId: FUNDING, data: halfPosition() });
  await world.attachSigned(lead, draft);
  const submitted = await services.submissions.transition(lead, draft.id, etag(draft.version), {
    action: 'submit',
  });
  await services.submissions.transition(reviewer, draft.id, etag(submitted.version), { action: 'approve' });
  if (options.final !== false) await setFinal(world, draft.id, '2018-01-10');
  const frame = async () =>
    ((await services.allocations.overview(reviewer, '2017-2018')).items as Json[]).find(
      (a) => a.org === 'wendlingen-am-neckar',
    );
  return { ...world, lead, reviewer, app: draft.id, frame };
}

/** Starts, fills and submits a follow-up record; answers it as submitted. */
async function submitChild(
  world: MemoryWorld,
  who: Actor,
  parentId: string,
  formId: string,
  data: Json,
): Promise<Json> {
  const s = world.services.submissions;
  const child = await s.create(who, { formId, parentId });
  if (formId === 'proof-of-use') {
    // The narrative report ("Sachbericht") is required.
    const content = minimalPdf('Sachbericht');
    const { attachmentId } = await world.services.attachments.requestUpload(who, child.id, {
      filename: 'Sachbericht.pdf',
      contentType: 'application/pdf',
      size: content.byteLength,
      kind: 'narrative-report',
    });
    world.adapters.objects.upload(objectKey(child.id, attachmentId), content, 'application/pdf');
    await world.services.attachments.complete(who, child.id, attachmentId);
  }
  const saved = await s.save(who, child.id, etag(child.version), { data: { ...child.data, ...data } });
  return s.transition(who, child.id, etag(saved.version), { action: 'submit' });
}

/** Releases a payment request under the four-eyes rule: proposed by one reviewer, confirmed by another. */
async function release(world: MemoryWorld, request: Json): Promise<Json> {
  const s = world.services.submissions;
  const proposed = await s.transition(world.actor('rp.pruefer1'), request.id, etag(request.version), {
    action: 'approve',
  });
  return s.transition(world.actor('rp.pruefer2'), request.id, etag(proposed.version), { action: 'confirm' });
}

const paymentData = (amount: number) => ({
  amount,
  period: { from: '2018-02-01', to: '2018-03-31' },
  declarations: { neededWithinTwoMonths: true },
});

describe('payment requests', () => {
  it('start only once the decision is final, from the lead, prefilled from the application', async () => {
    const world = await approvedApplication({ final: false });
    const { services, lead, app } = world;
    expect(
      await refusal(services.submissions.create(lead, { formId: 'payment-request', parentId: app })),
    ).toEqual({ status: 409, code: 'followUp.decision_not_final' });
    expect((await services.submissions.get(lead, app)).followUpForms).toEqual([
      'change-notice',
      'proof-of-use',
    ]);
    await setFinal(world, app, '2018-01-14');
    const child = await services.submissions.create(lead, { formId: 'payment-request', parentId: app });
    expect(child).toMatchObject({ parentId: app, org: 'wendlingen-am-neckar', status: 'draft' });
    expect(child.data).toMatchObject({
      round: '2017-2018',
      bankAccount: { iban: 'DE89370400440532013000' },
    });
    // Another municipality does not see the application at all; a follow-up form needs its application.
    expect(
      await refusal(
        services.submissions.create(world.actor('bissingen.kommune'), {
          formId: 'payment-request',
          parentId: app,
        }),
      ),
    ).toEqual({ status: 404, code: 'submission.not_found' });
    expect(await refusal(services.submissions.create(lead, { formId: 'payment-request' }))).toEqual({
      status: 400,
      code: 'followUp.parent_required',
    });
    expect(await refusal(services.submissions.create(lead, { formId: FUNDING, parentId: app }))).toEqual({
      status: 400,
      code: 'followUp.not_a_follow_up',
    });
    const children = await services.followUp.children(lead, app);
    expect(children.map((c) => [c.id, c.formId, c.status])).toEqual([[child.id, 'payment-request', 'draft']]);
    // The reviewer sees no draft.
    expect(await services.followUp.children(world.reviewer, app)).toEqual([]);
  });

  it('ask for at most what is available, counted from their submit', async () => {
    const world = await approvedApplication();
    const { services, lead, app } = world;
    const first = await submitChild(world, lead, app, 'payment-request', paymentData(40_000));
    expect(first.status).toBe('review');
    expect((await services.submissions.get(lead, app)).finance).toEqual({
      approved: 51_000,
      requested: 40_000,
      paid: 0,
      reclaimed: 0,
      available: 11_000,
    });
    expect(await refusal(submitChild(world, lead, app, 'payment-request', paymentData(11_001)))).toEqual({
      status: 409,
      code: 'paymentRequest.exceeds_available',
    });
    expect(
      await refusal(
        submitChild(world, lead, app, 'payment-request', {
          ...paymentData(100),
          period: { from: '2019-10-01', to: '2019-12-31' },
        }),
      ),
    ).toEqual({ status: 409, code: 'paymentRequest.period_outside' });
    // Returned, it no longer counts.
    const returned = await services.submissions.transition(world.reviewer, first.id, etag(first.version), {
      action: 'return',
      comment: 'Bitte den Zeitraum prüfen.',
    });
    expect(returned.status).toBe('revised');
    expect((await services.submissions.get(lead, app)).finance).toMatchObject({
      requested: 0,
      available: 51_000,
    });
  });

  it('are released by the reviewer (a changed bank account confirmed explicitly) and paid out with a date', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const request = await submitChild(world, lead, app, 'payment-request', {
      ...paymentData(30_000),
      bankAccount: { accountHolder: 'Gemeindekasse', iban: 'DE02120300000000202051' },
    });
    expect(
      await refusal(
        services.submissions.transition(reviewer, request.id, etag(request.version), { action: 'approve' }),
      ),
    ).toEqual({ status: 409, code: 'paymentRequest.bank_account_unconfirmed' });
    expect(
      await refusal(services.followUp.recordPayout(reviewer, request.id, undefined, '2018-01-20')),
    ).toEqual({ status: 409, code: 'paymentRequest.not_released' });
    // Four-eyes ("fourEyes" in the form's workflow): the release is proposed, a different reviewer confirms it.
    const proposed = await services.submissions.transition(reviewer, request.id, etag(request.version), {
      action: 'approve',
      decision: { confirmBankAccount: true },
    });
    expect(proposed).toMatchObject({ status: 'review', proposal: { action: 'approve' } });
    expect(
      await refusal(
        services.submissions.transition(reviewer, request.id, etag(proposed.version), { action: 'confirm' }),
      ),
    ).toEqual({ status: 409, code: 'workflow.four_eyes_same_reviewer' });
    expect(
      await refusal(services.followUp.recordPayout(reviewer, request.id, undefined, '2018-01-20')),
    ).toEqual({ status: 409, code: 'paymentRequest.not_released' });
    const released = await services.submissions.transition(
      world.actor('rp.pruefer2'),
      request.id,
      etag(proposed.version),
      { action: 'confirm' },
    );
    expect(released).toMatchObject({ status: 'approved', result: { bankAccountConfirmed: true } });
    const events = await services.submissions.history(reviewer, request.id);
    expect(events.find((e) => e.type === 'transition' && e.action === 'approve')).toMatchObject({
      proposedBy: { sub: reviewer.sub },
      actor: { sub: world.actor('rp.pruefer2').sub },
    });
    // Kept as long as its application.
    const { erasureDueAt } = await services.submissions.get(reviewer, app);
    expect(erasureDueAt).toBeDefined();
    expect(released.erasureDueAt).toBe(erasureDueAt);
    expect(await refusal(services.followUp.recordPayout(lead, request.id, undefined, '2018-01-20'))).toEqual({
      status: 403,
      code: 'payout.forbidden',
    });
    const paid = await services.followUp.recordPayout(reviewer, request.id, released.version, '2018-01-20');
    expect(paid.result?.payout).toMatchObject({ amount: 30_000, paidOn: '2018-01-20' });
    expect(
      await refusal(services.followUp.recordPayout(reviewer, request.id, undefined, '2018-01-21')),
    ).toEqual({ status: 409, code: 'paymentRequest.already_paid' });
    const application = await services.submissions.get(reviewer, app);
    expect(application.finance).toEqual({
      approved: 51_000,
      requested: 30_000,
      paid: 30_000,
      reclaimed: 0,
      available: 21_000,
    });
    expect((await services.submissions.history(reviewer, request.id)).map((e) => e.type)).toContain('payout');
  });
});

describe('change notices', () => {
  it('are refused on an application in review', async () => {
    const world = await memoryWorld({ at: '2018-01-15T09:00:00.000Z' });
    const lead = world.actor('wendlingen.kommune');
    const draft = await world.services.submissions.create(lead, { formId: FUNDING, data: halfPosition() });
    await world.attachSigned(lead, draft);
    await world.services.submissions.transition(lead, draft.id, etag(draft.version), { action: 'submit' });
    for (const formId of ['change-notice', 'proof-of-use', 'payment-request'])
      expect(await refusal(world.services.submissions.create(lead, { formId, parentId: draft.id }))).toEqual({
        status: 409,
        code: 'followUp.not_approved',
      });
  });

  it('amend the decision and credit the frame by the difference in the approval, with the history', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app, frame } = world;
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    expect(await frame()).toMatchObject({ approved: 51_000 });
    const notice = await submitChild(world, lead, app, 'change-notice', {
      positions: [{ positionId, type: 'vacancy', effectiveFrom: '2018-03-01', until: '2018-05-31' }],
    });
    const approved = await services.submissions.transition(reviewer, notice.id, etag(notice.version), {
      action: 'approve',
    });
    expect(approved.result?.entitlement).toEqual({
      before: 51_000,
      after: 44_625,
      approvedBefore: 51_000,
      approvedAfter: 44_625,
    });
    expect(await frame()).toMatchObject({ approved: 44_625 });
    const application = await services.submissions.get(lead, app);
    expect(application.finance).toMatchObject({ approved: 44_625, available: 44_625 });
    expect(application.followUp?.amendments).toEqual([
      expect.objectContaining({
        noticeId: notice.id,
        from: 51_000,
        to: 44_625,
        document: 'amended-decision',
      }),
    ]);
    expect(application.allocation?.debited).toEqual([{ org: 'wendlingen-am-neckar', amount: 44_625 }]);
    // The decision as decided stays; the amendment is beside it.
    expect(application.decision?.approvedAmount).toBe(51_000);
  });

  it('debit the frame for an increase only as far as the frame holds it', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app, frame } = world;
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    // Full time from the second year: 12 × 0.5 + 12 × 1.0 months at 51,000 = 76,500 > the 70,851 frame.
    const notice = await submitChild(world, lead, app, 'change-notice', {
      positions: [{ positionId, type: 'fte-change', effectiveFrom: '2018-11-01', fte: 1 }],
    });
    expect(
      await refusal(
        services.submissions.transition(reviewer, notice.id, etag(notice.version), { action: 'approve' }),
      ),
    ).toEqual({ status: 409, code: 'allocation.exceeded' });
    expect(await frame()).toMatchObject({ approved: 51_000 });
    expect((await services.submissions.get(lead, notice.id)).status).toBe('review');
    expect((await services.submissions.get(lead, app)).finance?.approved).toBe(51_000);
  });

  it('refuse a change of a position the application does not fund, at submit', async () => {
    const world = await approvedApplication();
    expect(
      await refusal(
        submitChild(world, world.lead, world.app, 'change-notice', {
          positions: [{ positionId: 'unknown', type: 'end-of-employment', effectiveFrom: '2018-06-30' }],
        }),
      ),
    ).toEqual({ status: 409, code: 'changeNotice.unknown_position' });
  });
});

describe('proofs of use', () => {
  it('propose a repayment for unfilled months with interest; the reviewer may change it with a reason', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const released = await release(
      world,
      await submitChild(world, lead, app, 'payment-request', paymentData(51_000)),
    );
    await services.followUp.recordPayout(reviewer, released.id, released.version, '2018-01-15');
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    const proof = await submitChild(world, lead, app, 'proof-of-use', {
      kind: 'final',
      reportingPeriod: { from: '2017-11-01', to: '2019-10-31' },
      positions: [{ positionId, monthsFilled: 18, fte: 0.5, personnelCosts: 40_000 }],
      declarations: { correct: true },
    });
    const seen = await services.submissions.get(reviewer, proof.id);
    // 6 of 24 months unfilled: 51,000 × 6 / 24; interest from the payout, on the day of the claim (0 days).
    expect(seen.repaymentProposal).toMatchObject({ principal: 12_750, interest: 0, total: 12_750 });
    expect(
      await refusal(
        services.submissions.transition(reviewer, proof.id, etag(proof.version), {
          action: 'approve',
          decision: { repaymentClaim: { principal: 10_000 } },
        }),
      ),
    ).toEqual({ status: 400, code: 'repayment.reason_required' });
    const claimed = await services.submissions.transition(reviewer, proof.id, etag(proof.version), {
      action: 'approve',
      decision: {
        repaymentClaim: { principal: 10_000, reason: 'Zwei Monate waren durch Vertretung besetzt.' },
      },
    });
    expect(claimed.result?.claim).toMatchObject({
      principal: 10_000,
      interest: 0,
      total: 10_000,
      proposed: { principal: 12_750, interest: 0 },
    });
    expect((await services.submissions.get(lead, app)).finance).toMatchObject({
      paid: 51_000,
      reclaimed: 10_000,
    });
  });

  it("read the narrative report's pages from the file: kept with up to five, refused above", async () => {
    const world = await approvedApplication();
    const { services, lead, app } = world;
    const proof = await services.submissions.create(lead, { formId: 'proof-of-use', parentId: app });
    const upload = async (content: Buffer) => {
      const { attachmentId } = await services.attachments.requestUpload(lead, proof.id, {
        filename: 'Sachbericht.pdf',
        contentType: 'application/pdf',
        size: content.byteLength,
        kind: 'narrative-report',
      });
      world.adapters.objects.upload(objectKey(proof.id, attachmentId), content, 'application/pdf');
      return services.attachments.complete(lead, proof.id, attachmentId);
    };
    expect((await upload(pagedPdf(4, true))).attachment).toMatchObject({ state: 'available', pages: 4 });
    expect(await refusal(upload(pagedPdf(6)))).toEqual({ status: 400, code: 'attachments.too_many_pages' });
  });
});

describe('joint applications', () => {
  it('let members read the follow-up records while only the lead starts and acts', async () => {
    const world = await memoryWorld({ at: '2018-01-15T09:00:00.000Z' });
    const { services, actor } = world;
    const lead = actor('notzingen.kommune');
    const member = actor('kirchheim.kommune');
    const draft = await services.submissions.create(lead, {
      formId: FUNDING,
      data: {
        ...halfPosition(),
        joint: {
          isJoint: true,
          members: [{ organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', share: 27_118 }],
        },
      },
    });
    // The member confirms its share before the lead submits.
    const confirmed = await services.joint.confirm(member, draft.id, undefined, { share: 27_118 });
    await world.attachSigned(lead, draft);
    const submitted = await services.submissions.transition(lead, draft.id, etag(confirmed.version), {
      action: 'submit',
    });
    await services.submissions.transition(actor('rp.pruefer1'), draft.id, etag(submitted.version), {
      action: 'approve',
    });
    expect(
      await refusal(services.submissions.create(member, { formId: 'change-notice', parentId: draft.id })),
    ).toEqual({ status: 403, code: 'followUp.lead_only' });
    expect((await services.submissions.get(member, draft.id)).followUpForms).toEqual([]);
    const notice = await submitChild(world, lead, draft.id, 'change-notice', {
      positions: [
        {
          positionId: ((await services.submissions.get(lead, draft.id)).data as Json).positions[0].id,
          type: 'vacancy',
          effectiveFrom: '2018-03-01',
          until: '2018-03-31',
        },
      ],
    });
    expect((await services.followUp.children(member, draft.id)).map((c) => c.id)).toEqual([notice.id]);
    expect((await services.submissions.get(member, notice.id)).status).toBe('review');
    expect(
      await refusal(
        services.submissions.transition(member, notice.id, etag(notice.version), { action: 'submit' }),
      ),
    ).toEqual({ status: 403, code: 'submission.forbidden' });
  });
});

describe('letters that follow a decision', () => {
  const renderer = new TypstRenderer(fontPaths());
  const pdfText = (pdf: Uint8Array) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], { input: pdf }).toString('utf8');
  /** Renders every pending document of the application; answers the case file's documents with their text. */
  async function caseFile(world: MemoryWorld, app: string, who: Actor) {
    const files = caseFileService({ ...world.adapters, renderer });
    const listed = (await files.list(who, app)).items;
    for (const d of listed) await files.render(app, d.id);
    const items = [];
    for (const d of listed) {
      const stored = await world.adapters.caseFiles.document(app, d.id);
      items.push({ ...stored!, text: () => files.download(who, app, d.id).then((r) => pdfText(r.pdf)) });
    }
    return { files, items };
  }

  it('an approved change notice that changes the amount issues an amended decision to the application', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    const notice = await submitChild(world, lead, app, 'change-notice', {
      positions: [{ positionId, type: 'vacancy', effectiveFrom: '2018-03-01', until: '2018-05-31' }],
    });
    await services.submissions.transition(reviewer, notice.id, etag(notice.version), { action: 'approve' });
    const { items } = await caseFile(world, app, lead);
    expect(items.map((d) => d.kind)).toEqual(['receipt', 'decision', 'amended-decision']);
    const amended = items[2]!;
    expect(amended).toMatchObject({ state: 'ready', title: 'Änderungsbescheid' });
    expect(amended.content).toMatchObject({
      kind: 'amended-decision',
      noticeId: notice.id,
      from: 51_000,
      to: 44_625,
      positions: [
        {
          id: positionId,
          personName: 'Sara Muster',
          before: { months: 24, fte: [0.5], amount: 51_000 },
          after: { months: 21, fte: [0.5], amount: 44_625 },
        },
      ],
    });
    // Nothing is issued to the change notice itself.
    expect(await world.adapters.caseFiles.documents(notice.id)).toEqual([]);
    const text = await amended.text();
    const fileNumber = (await services.submissions.get(lead, app)).fileNumber as string;
    for (const expected of [
      'Änderungsbescheid',
      fileNumber,
      '51.000 EUR',
      '44.625 EUR',
      '24 → 21',
      'Sara Muster',
      'Rechtsbehelfsbelehrung',
      '15. Januar 2018',
    ])
      expect(text).toContain(expected);
  });

  it('a change notice that leaves the amount as it is issues no letter', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    const notice = await submitChild(world, lead, app, 'change-notice', {
      positions: [
        {
          positionId,
          type: 'staff-change',
          effectiveFrom: '2018-03-01',
          personName: 'Eva Beispiel',
          qualification: 'secondary',
        },
      ],
    });
    await services.submissions.transition(reviewer, notice.id, etag(notice.version), { action: 'approve' });
    expect((await world.adapters.caseFiles.documents(app)).map((d) => d.kind)).toEqual([
      'receipt',
      'decision',
    ]);
  });

  it('a repayment claim with a proof of use is its own document: positions, interest, total, due date', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const released = await release(
      world,
      await submitChild(world, lead, app, 'payment-request', paymentData(51_000)),
    );
    await services.followUp.recordPayout(reviewer, released.id, released.version, '2017-11-15');
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    const proof = await submitChild(world, lead, app, 'proof-of-use', {
      kind: 'final',
      reportingPeriod: { from: '2017-11-01', to: '2019-10-31' },
      positions: [{ positionId, monthsFilled: 18, fte: 0.5, personnelCosts: 40_000 }],
      declarations: { correct: true },
    });
    await services.submissions.transition(reviewer, proof.id, etag(proof.version), {
      action: 'approve',
      decision: { repaymentClaim: {} },
    });
    const { items } = await caseFile(world, app, lead);
    const claim = items.find((d) => d.kind === 'repayment-claim')!;
    // 6 of 24 months unfilled: 12,750 EUR; 6.27 % a year (1.27 % base + 5 points) for the 62 days since the payout.
    const interest = Math.round((12_750 * 6.27 * 62) / 36_500);
    expect(claim.content).toMatchObject({
      kind: 'repayment-claim',
      ground: 'proof-of-use',
      recordId: proof.id,
      positions: [{ id: positionId, fundedMonths: 24, filledMonths: 18, amount: 12_750 }],
      principal: 12_750,
      interest,
      total: 12_750 + interest,
      ratePercent: 6.27,
      interestFrom: '2017-11-15',
      interestTo: '2018-01-15',
      dueOn: '2018-02-15',
    });
    const text = await claim.text();
    const fileNumber = (await services.submissions.get(lead, app)).fileNumber as string;
    for (const expected of [
      'Rückforderungsbescheid',
      fileNumber,
      '12.750 EUR',
      `${(12_750 + interest).toLocaleString('de-DE')} EUR`,
      '15. Februar 2018',
      `${fileNumber} Rückforderung`,
      'Rechtsbehelfsbelehrung',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/6,27\s%/u);
  });

  it('a claim of nothing (nothing paid out yet) stays on the proof of use and issues no letter', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const positionId = ((await services.submissions.get(lead, app)).data as Json).positions[0].id as string;
    const proof = await submitChild(world, lead, app, 'proof-of-use', {
      kind: 'final',
      reportingPeriod: { from: '2017-11-01', to: '2019-10-31' },
      positions: [{ positionId, monthsFilled: 12, fte: 0.5, personnelCosts: 20_000 }],
      declarations: { correct: true },
    });
    const claimed = await services.submissions.transition(reviewer, proof.id, etag(proof.version), {
      action: 'approve',
      decision: { repaymentClaim: {} },
    });
    expect(claimed.result?.claim).toMatchObject({ principal: 0, total: 0 });
    expect((await world.adapters.caseFiles.documents(app)).map((d) => d.kind)).toEqual([
      'receipt',
      'decision',
    ]);
  });

  it('a revocation after a payout issues the revocation and a repayment claim of its own', async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const released = await release(
      world,
      await submitChild(world, lead, app, 'payment-request', paymentData(30_000)),
    );
    await services.followUp.recordPayout(reviewer, released.id, released.version, '2018-01-05');
    const application = await services.submissions.get(reviewer, app);
    const revoked = await services.submissions.transition(reviewer, app, etag(application.version), {
      action: 'revoke',
      comment: 'Die Stelle wurde nicht besetzt.',
    });
    const interest = Math.round((30_000 * 6.27 * 10) / 36_500);
    expect(revoked.decision?.revocation?.claim).toEqual({
      principal: 30_000,
      interest,
      total: 30_000 + interest,
    });
    expect((await services.submissions.get(lead, app)).finance).toMatchObject({
      paid: 30_000,
      reclaimed: 30_000,
    });
    const { items } = await caseFile(world, app, lead);
    expect(items.map((d) => d.kind)).toEqual(['receipt', 'decision', 'revocation', 'repayment-claim']);
    const claim = items.find((d) => d.kind === 'repayment-claim')!;
    expect(claim.content).toMatchObject({
      ground: 'revocation',
      revocationDate: '2018-01-15',
      payouts: [{ paidOn: '2018-01-05', amount: 30_000, interest }],
    });
    const text = await claim.text();
    for (const expected of ['Rückforderungsbescheid', '30.000 EUR', '5. Januar 2018', 'widerrufen'])
      expect(text).toContain(expected);
  });

  it("a revocation before any payout issues no claim; each letter's retrieval notifies it on its own", async () => {
    const world = await approvedApplication();
    const { services, lead, reviewer, app } = world;
    const application = await services.submissions.get(reviewer, app);
    await services.submissions.transition(reviewer, app, etag(application.version), {
      action: 'revoke',
      comment: 'Der Zweck ist entfallen.',
    });
    const { files, items } = await caseFile(world, app, lead);
    expect(items.map((d) => d.kind)).toEqual(['receipt', 'decision', 'revocation']);
    const revocation = items[2]!;
    const before = (await services.submissions.get(lead, app)).decision?.finality;
    await files.download(reviewer, app, revocation.id);
    expect((await world.adapters.caseFiles.document(app, revocation.id))?.retrievedAt).toBeUndefined();
    await files.download(lead, app, revocation.id);
    expect(await world.adapters.caseFiles.document(app, revocation.id)).toMatchObject({
      retrievedAt: '2018-01-15T09:00:00.000Z',
      notifiedOn: '2018-01-16',
    });
    expect((await files.list(lead, app)).items[2]).toMatchObject({ notifiedOn: '2018-01-16' });
    // The decision's own notification is not touched by retrieving another letter.
    expect((await services.submissions.get(lead, app)).decision?.finality).toEqual(before);
  });
});
