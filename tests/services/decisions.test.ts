import { describe, expect, it } from 'vitest';
import fundingSample from '../../forms/funding-application/samples/valid-minimal.json' with { type: 'json' };
import { PRELUDE } from '../../forms/generated/validator-prelude.js';
import { validatorModuleCode } from '../../forms/validator-code.ts';
import { AppError } from '../../functions/core/errors.ts';
import type { Submission } from '../../functions/core/model.ts';
import { genericData, genericFormDefinition } from '../helpers/factories.ts';
import { actor, memoryServices } from '../helpers/services.ts';

/**
 * The decision on the in-memory adapters: refusal, withdrawal and revocation with what they do to the planning
 * frames; the four-eyes rule on a form that asks for it; the pro-rata proposal; the steps to finality.
 */

const ORG = 'weilheim-an-der-teck';
const ROUND = '2017-2018';
const kommune = actor('kommune', 'municipality', ORG);
const pruefer1 = actor('pruefer1', 'reviewer', 'rp-stuttgart');
const pruefer2 = actor('pruefer2', 'reviewer', 'rp-stuttgart');
const admin = actor('admin', 'admin', 'rp-stuttgart');
const etag = (s: Pick<Submission, 'version'>) => `"${s.version}"`;
const DAY = 86_400_000;

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

/** Two positions: 0.5 and 0.25 VZÄ over 24 months at 51,000 EUR a year. */
const twoPositions = () => {
  const data = structuredClone(fundingSample) as Record<string, any>;
  data.positions.push({ ...data.positions[0], personName: 'Max Beispiel', fte: 0.25 });
  return data;
};

async function inReview(data: Record<string, unknown> = fundingSample) {
  const s = memoryServices([kommune, pruefer1, pruefer2, admin]);
  await s.allocations.importFrame({ round: ROUND, org: ORG, name: 'Weilheim', frame: 500_000 });
  let app = await s.submissionService.create(kommune, { formId: 'funding-application', data });
  await s.attachSigned(kommune, app);
  app = await s.submissionService.transition(kommune, app.id, etag(app), { action: 'submit' });
  expect(app.status).toBe('review');
  return { s, app };
}

const frame = async (s: ReturnType<typeof memoryServices>) => s.allocations.get(ROUND, ORG);

describe('reject, withdraw, revoke', () => {
  it('a refusal needs reasons, records a decision of nothing and releases the reservation', async () => {
    const { s, app } = await inReview();
    const requested = app.allocation!.reserved[0]!.amount;
    expect(await frame(s)).toMatchObject({ approved: 0, inReview: requested });
    const noReason = await refusal(() =>
      s.submissionService.transition(pruefer1, app.id, etag(app), { action: 'reject' }),
    );
    expect(noReason).toMatchObject({ status: 400, code: 'workflow.comment_required' });
    const byApplicant = await refusal(() =>
      s.submissionService.transition(kommune, app.id, etag(app), { action: 'reject', comment: 'x' }),
    );
    expect(byApplicant.status).toBe(403);

    const rejected = await s.submissionService.transition(pruefer1, app.id, etag(app), {
      action: 'reject',
      comment: 'Die Fördervoraussetzungen nach Nr. 4 VwV liegen nicht vor.',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.decision).toMatchObject({
      outcome: 'rejected',
      requestedAmount: requested,
      approvedAmount: 0,
      reason: 'Die Fördervoraussetzungen nach Nr. 4 VwV liegen nicht vor.',
      decidedBy: { sub: pruefer1.sub },
    });
    expect(rejected.decision?.fileNumber).toBeTruthy();
    expect(await frame(s)).toMatchObject({ approved: 0, inReview: 0 });
    // Nothing more to decide; only the steps to finality remain.
    expect(rejected.allowed).toEqual(['recordFinality']);
    const history = await s.submissionService.history(kommune, app.id);
    expect(history.at(-1)).toMatchObject({
      type: 'transition',
      action: 'reject',
      from: 'review',
      to: 'rejected',
    });
  });

  it('the applicant withdraws before the decision (draft or review), releasing the reservation; not after', async () => {
    const { s, app } = await inReview();
    expect(app.allowed).toContain('withdraw');
    const byReviewer = await refusal(() =>
      s.submissionService.transition(pruefer1, app.id, etag(app), { action: 'withdraw' }),
    );
    expect(byReviewer.status).toBe(403);
    const withdrawn = await s.submissionService.transition(kommune, app.id, etag(app), {
      action: 'withdraw',
    });
    expect(withdrawn.status).toBe('withdrawn');
    expect(await frame(s)).toMatchObject({ approved: 0, inReview: 0 });
    expect(withdrawn.erasureDueAt).toBe('2031-03-02');

    const draft = await s.submissionService.create(kommune, {
      formId: 'funding-application',
      data: fundingSample,
    });
    const gone = await s.submissionService.transition(kommune, draft.id, etag(draft), { action: 'withdraw' });
    expect(gone.status).toBe('withdrawn');

    const second = await inReview();
    const approved = await second.s.submissionService.transition(pruefer1, second.app.id, etag(second.app), {
      action: 'approve',
    });
    expect(approved.allowed).not.toContain('withdraw');
    const late = await refusal(() =>
      second.s.submissionService.transition(kommune, approved.id, etag(approved), { action: 'withdraw' }),
    );
    expect(late).toMatchObject({ status: 409, code: 'workflow.action_not_allowed' });
  });

  it('a revocation needs reasons, is recorded on the decision and keeps the frames debited', async () => {
    const { s, app } = await inReview();
    const approved = await s.submissionService.transition(pruefer1, app.id, etag(app), { action: 'approve' });
    const debited = (await frame(s))!.approved;
    expect(debited).toBeGreaterThan(0);
    expect(approved.allowed).toContain('revoke');
    const noReason = await refusal(() =>
      s.submissionService.transition(pruefer1, app.id, etag(approved), { action: 'revoke', comment: ' ' }),
    );
    expect(noReason.code).toBe('workflow.comment_required');
    const revoked = await s.submissionService.transition(pruefer1, app.id, etag(approved), {
      action: 'revoke',
      comment: 'Zweckverfehlung: die Stelle wurde nicht besetzt.',
    });
    expect(revoked.status).toBe('revoked');
    expect(revoked.decision).toMatchObject({
      approvedAmount: approved.decision!.approvedAmount,
      revocation: { reason: 'Zweckverfehlung: die Stelle wurde nicht besetzt.', by: { sub: pruefer1.sub } },
    });
    // Kept as long as the approval was.
    expect(revoked.erasureDueAt).toBe(approved.erasureDueAt);
    expect(revoked.erasureDueAt).toBeTruthy();
    // The money comes back with the repayment claim; until then the frame stays debited.
    expect(await frame(s)).toMatchObject({ approved: debited, inReview: 0 });
  });
});

describe('the decision proposal: pro rata and the round’s conditions', () => {
  it('splits a lowered total pro rata in whole euros and resolves catalogue conditions to their texts', async () => {
    const { s, app } = await inReview(twoPositions());
    await s.rounds.save(admin, {
      id: ROUND,
      round: {
        title: 'Runde',
        fundingPeriod: { start: '2017-07-01', maxMonths: 24 },
        rates: { secondary: 51000, bachelor: 51000, master: 51000 },
        minimumEntitlement: 51000,
        minimumFte: 0.25,
        conditions: [{ code: 'anbest-k', de: 'Die ANBest-K sind Bestandteil.', en: 'ANBest-K apply.' }],
      },
      publish: true,
    });
    const full = await s.decisionService.proposal(pruefer1, app.id);
    expect(full.positions.map((p) => p.approvedAmount)).toEqual(full.positions.map((p) => p.requestedAmount));
    const requested = full.requestedAmount;
    const lowered = requested - 1001;
    const proposal = await s.decisionService.proposal(pruefer1, app.id, lowered);
    expect(proposal.positions.reduce((sum, p) => sum + p.approvedAmount, 0)).toBe(lowered);
    expect(proposal.conditions.map((c) => c.code)).toEqual(['anbest-k']);
    expect((await refusal(() => s.decisionService.proposal(kommune, app.id))).status).toBe(403);
    expect((await refusal(() => s.decisionService.proposal(pruefer1, app.id, requested + 1))).code).toBe(
      'decision.invalid',
    );

    const unknownKey = await refusal(() =>
      s.submissionService.transition(pruefer1, app.id, etag(app), {
        action: 'approve',
        decision: { conditionKeys: ['nope'] },
      }),
    );
    expect(unknownKey.details?.[0]?.pointer).toBe('/decision/conditionKeys/0');
    const approved = await s.submissionService.transition(pruefer1, app.id, etag(app), {
      action: 'approve',
      decision: {
        approvedAmount: lowered,
        positions: proposal.positions.map(({ id, approvedAmount }) => ({ id, approvedAmount })),
        reason: 'Eine Stelle ist nur teilweise förderfähig.',
        conditionKeys: ['anbest-k'],
        conditions: ['Ein Zwischenbericht ist zum 31.01. vorzulegen.'],
      },
    });
    expect(approved.decision).toMatchObject({
      approvedAmount: lowered,
      conditionKeys: ['anbest-k'],
      conditions: ['Die ANBest-K sind Bestandteil.', 'Ein Zwischenbericht ist zum 31.01. vorzulegen.'],
    });
    expect((await frame(s))?.approved).toBe(lowered);
  });
});

describe('four-eyes rule (a form that asks for it)', () => {
  async function fourEyesForm() {
    const s = memoryServices([kommune, pruefer1, pruefer2, admin]);
    const compile = async (schema: Record<string, unknown>) => validatorModuleCode(schema, PRELUDE).code;
    const definition = genericFormDefinition();
    (definition.workflow as Record<string, unknown>).fourEyes = true;
    await s.forms.publish(admin, 'veranstaltung', definition as never, { compile, now: new Date() });
    let sub = await s.submissionService.create(kommune, { formId: 'veranstaltung', data: genericData() });
    sub = await s.submissionService.transition(kommune, sub.id, etag(sub), { action: 'submit' });
    return { s, sub };
  }

  it('a first reviewer proposes, the same one may not confirm (409), a different one confirms', async () => {
    const { s, sub } = await fourEyesForm();
    expect(sub.status).toBe('review');
    const proposed = await s.submissionService.transition(pruefer1, sub.id, etag(sub), { action: 'approve' });
    expect(proposed.status).toBe('review');
    expect(proposed.proposal).toMatchObject({ action: 'approve', proposedBy: { sub: pruefer1.sub } });
    expect(proposed.allowed).toEqual(expect.arrayContaining(['discard', 'return']));
    expect(proposed.allowed).not.toContain('confirm');
    expect(proposed.allowed).not.toContain('approve');
    // The applicant never sees the internal proposal.
    expect((await s.submissionService.get(kommune, sub.id)).proposal).toBeUndefined();
    const other = await s.submissionService.get(pruefer2, sub.id);
    expect(other.proposal?.action).toBe('approve');
    expect(other.allowed).toContain('confirm');

    const again = await refusal(() =>
      s.submissionService.transition(pruefer2, sub.id, etag(proposed), { action: 'approve' }),
    );
    expect(again).toMatchObject({ status: 409, code: 'workflow.proposal_pending' });
    const same = await refusal(() =>
      s.submissionService.transition(pruefer1, sub.id, etag(proposed), { action: 'confirm' }),
    );
    expect(same).toMatchObject({ status: 409, code: 'workflow.four_eyes_same_reviewer' });

    const confirmed = await s.submissionService.transition(pruefer2, sub.id, etag(proposed), {
      action: 'confirm',
    });
    expect(confirmed.status).toBe('approved');
    expect(confirmed.proposal).toBeUndefined();
    const seen = await s.submissionService.history(kommune, sub.id);
    expect(seen.map((e) => e.type)).not.toContain('proposal');
    const history = await s.submissionService.history(pruefer2, sub.id);
    expect(history.slice(-2)).toMatchObject([
      { type: 'proposal', action: 'approve', actor: { sub: pruefer1.sub } },
      {
        type: 'transition',
        action: 'approve',
        to: 'approved',
        actor: { sub: pruefer2.sub },
        proposedBy: { sub: pruefer1.sub },
      },
    ]);
  });

  it('a proposed refusal needs reasons; a discarded proposal leaves the application in review', async () => {
    const { s, sub } = await fourEyesForm();
    const noReason = await refusal(() =>
      s.submissionService.transition(pruefer1, sub.id, etag(sub), { action: 'reject' }),
    );
    expect(noReason.code).toBe('workflow.comment_required');
    const proposed = await s.submissionService.transition(pruefer1, sub.id, etag(sub), {
      action: 'reject',
      comment: 'Nicht förderfähig.',
    });
    const discarded = await s.submissionService.transition(pruefer2, sub.id, etag(proposed), {
      action: 'discard',
    });
    expect(discarded).toMatchObject({ status: 'review' });
    expect(discarded.proposal).toBeUndefined();
    const none = await refusal(() =>
      s.submissionService.transition(pruefer2, sub.id, etag(discarded), { action: 'confirm' }),
    );
    expect(none).toMatchObject({ status: 409, code: 'workflow.no_proposal' });
    const again = await s.submissionService.transition(pruefer2, sub.id, etag(discarded), {
      action: 'reject',
      comment: 'Nicht förderfähig.',
    });
    const refused = await s.submissionService.transition(pruefer1, sub.id, etag(again), {
      action: 'confirm',
    });
    expect(refused.status).toBe('rejected');
  });
});

describe('four-eyes on a funding application', () => {
  it('checks the proposed decision at once, debits the frames only when a second reviewer confirms', async () => {
    const s = memoryServices([kommune, pruefer1, pruefer2, admin]);
    await s.allocations.importFrame({ round: ROUND, org: ORG, name: 'Weilheim', frame: 500_000 });
    const repo = await s.forms.latest('funding-application');
    const compile = async (schema: Record<string, unknown>) => validatorModuleCode(schema, PRELUDE).code;
    await s.forms.publish(
      admin,
      'funding-application',
      {
        title: repo.title,
        schema: repo.schema,
        uiSchema: repo.uiSchema,
        workflow: { ...repo.workflow, fourEyes: true },
        config: repo.config,
        i18n: repo.i18n,
      } as never,
      { compile, now: new Date() },
    );
    let app = await s.submissionService.create(kommune, {
      formId: 'funding-application',
      data: fundingSample,
    });
    await s.attachSigned(kommune, app);
    app = await s.submissionService.transition(kommune, app.id, etag(app), { action: 'submit' });
    const requested = app.allocation!.reserved[0]!.amount;

    const noReason = await refusal(() =>
      s.submissionService.transition(pruefer1, app.id, etag(app), {
        action: 'approve',
        decision: { approvedAmount: requested - 1000 },
      }),
    );
    expect(noReason).toMatchObject({ status: 400, code: 'decision.reason_required' });
    const proposed = await s.submissionService.transition(pruefer1, app.id, etag(app), {
      action: 'approve',
      decision: { approvedAmount: requested - 1000, reason: 'Teilweise förderfähig.' },
    });
    expect(proposed).toMatchObject({ status: 'review', proposal: { action: 'approve' } });
    expect(await frame(s)).toMatchObject({ approved: 0, inReview: requested });

    const confirmed = await s.submissionService.transition(pruefer2, app.id, etag(proposed), {
      action: 'confirm',
    });
    expect(confirmed.status).toBe('approved');
    expect(confirmed.decision).toMatchObject({
      approvedAmount: requested - 1000,
      reason: 'Teilweise förderfähig.',
      decidedBy: { sub: pruefer2.sub },
      proposedBy: { sub: pruefer1.sub },
    });
    expect(await frame(s)).toMatchObject({ approved: requested - 1000, inReview: 0 });
  });
});

describe('finality', () => {
  async function approved() {
    const { s, app } = await inReview();
    const sub = await s.submissionService.transition(pruefer1, app.id, etag(app), { action: 'approve' });
    expect(sub.decision?.finality?.readyAt).toBe(s.now().toISOString());
    return { s, sub };
  }

  it('the applicant’s first retrieval notifies on the next day; the decision is final a month later', async () => {
    const { s, sub } = await approved();
    s.advance(2 * DAY); // 2026-03-04
    await s.decisionService.recordRetrieval(sub.id, pruefer1, s.now()); // not the applicant: nothing
    expect((await s.submissions.get(sub.id))?.decision?.notifiedAt).toBeUndefined();
    await s.decisionService.recordRetrieval(sub.id, kommune, s.now());
    const after = (await s.submissions.get(sub.id))!;
    // Notified 5 March; the month ends 5 April, Easter Sunday, then Easter Monday: Tuesday 7 April is the
    // last day, final from 8 April.
    expect(after.decision).toMatchObject({ notifiedAt: '2026-03-05', finalAt: '2026-04-08' });
    s.advance(DAY);
    await s.decisionService.recordRetrieval(sub.id, kommune, s.now());
    expect((await s.submissions.get(sub.id))?.version).toBe(after.version);
  });

  it('after ten days unretrieved the reviewer records notification by post; the applicant may waive', async () => {
    const { s, sub } = await approved();
    const early = await refusal(() =>
      s.decisionService.recordFinality(pruefer1, sub.id, etag(sub), {
        step: 'notified_by_post',
        date: '2026-03-02',
      }),
    );
    expect(early).toMatchObject({ status: 409, code: 'finality.retrieval_pending' });
    s.advance(11 * DAY); // 2026-03-13
    const byApplicant = await refusal(() =>
      s.decisionService.recordFinality(kommune, sub.id, etag(sub), {
        step: 'notified_by_post',
        date: '2026-03-13',
      }),
    );
    expect(byApplicant.status).toBe(403);
    const future = await refusal(() =>
      s.decisionService.recordFinality(pruefer1, sub.id, etag(sub), {
        step: 'notified_by_post',
        date: '2026-03-20',
      }),
    );
    expect(future.code).toBe('finality.invalid_date');
    const posted = await s.decisionService.recordFinality(pruefer1, sub.id, etag(sub), {
      step: 'notified_by_post',
      date: '2026-03-13',
    });
    expect(posted.decision).toMatchObject({ notifiedAt: '2026-03-13', finalAt: '2026-04-14' });
    const defective = await s.decisionService.recordFinality(pruefer1, sub.id, etag(posted), {
      step: 'remedy_notice',
      value: true,
    });
    expect(defective.decision?.finalAt).toBe('2027-03-16'); // 13 March 2027 is a Saturday
    const asApplicant = await s.submissionService.get(kommune, sub.id);
    expect(asApplicant.allowed).toContain('waiveRemedy');
    const waived = await s.decisionService.recordFinality(kommune, sub.id, etag(defective), {
      step: 'remedy_waived',
    });
    expect(waived.decision?.finalAt).toBe('2026-03-13');
    expect(waived.allowed).not.toContain('waiveRemedy');
  });

  it('an action filed keeps it from being final until a reviewer records it closed', async () => {
    const { s, sub } = await approved();
    await s.decisionService.recordRetrieval(sub.id, kommune, s.now());
    s.advance(20 * DAY);
    let current = (await s.submissions.get(sub.id))!;
    current = await s.decisionService.recordFinality(pruefer1, sub.id, etag(current), {
      step: 'action_filed',
      date: '2026-03-20',
    });
    expect(current.decision?.finalAt).toBeUndefined();
    const closed = await s.decisionService.recordFinality(pruefer1, sub.id, etag(current), {
      step: 'action_closed',
      date: '2026-03-22',
    });
    expect(closed.decision?.finalAt).toBe('2026-03-22');
    const history = await s.submissionService.history(pruefer1, sub.id);
    expect(history.filter((e) => e.type === 'finality').map((e) => e.finality?.step)).toEqual([
      'retrieved',
      'action_filed',
      'action_closed',
    ]);
  });
});
