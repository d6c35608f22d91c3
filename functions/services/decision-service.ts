import type { FinalityCommand } from '#api/schemas/submissions';
import { isOwnerSide, isReviewerSide, withAllowed } from '#core/access';
import { badRequest, conflict, forbidden, isAppError, staleVersion } from '#core/errors';
import { notifiedOnRetrieval, retrievalWindowEnd, withFinalAt, withinRetrievalWindow } from '#core/finality';
import type { FormVersion } from '#core/forms';
import { type Actor, type Decision, type FinalityStep, isObject, type Submission } from '#core/model';
import { type ProposedPosition, proRataPositions } from '#core/pro-rata';
import { berlinDate } from '#core/retention';
import { correctedPositions, decisionRound, fundingRoundOf, type RoundVersion } from '#core/rounds';
import { scopesOf } from '#core/scopes';
import { isCalendarDate } from '#core/text';
import type { SubmissionStore } from '#ports/submission-store';
import type { FormCatalog } from './form-catalog.ts';
import { loadSubmission } from './load-submission.ts';
import { assertStorable, parseIfMatch, type SubmissionView } from './submission-service.ts';

export interface DecisionDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  now: () => Date;
  /** The round registry: a round's versions (conditions catalogue, rates of a later correction). */
  rounds?: { versions(roundId: string): Promise<RoundVersion[]> };
}

/** What the decision form starts from: the amounts requested, the pro-rata split, the round's conditions. */
export interface DecisionProposal {
  requestedAmount: number;
  approvedAmount: number;
  positions: Array<ProposedPosition & { correctedAmount?: number }>;
  conditions: Array<{ code: string; de: string; en?: string }>;
  /**
   * The round's versions around the decision: the application's (pinned), the one this proposal applies and
   * the latest published one (a later correction the reviewer may apply when `latest` > `pinned`).
   */
  round?: { id: string; pinned: number; applied: number; latest: number };
}

/**
 * The decision around the transition itself: the reviewer's proposal before deciding (pro-rata positions, the
 * round's conditions) and the steps by which a decision becomes final (see `core/finality.ts`): retrieval by the
 * applicant, notification by post, the legal-remedy notice, a waiver, an action filed and closed.
 */
export class DecisionService {
  constructor(private readonly deps: DecisionDeps) {}

  /**
   * The reviewer's starting point for `approve`: each position cut pro rata to `approvedAmount` (default: all
   * requested), in whole euros adding up exactly, and the round's conditions catalogue.
   */
  async proposal(
    actor: Actor,
    id: string,
    approvedAmount?: number,
    roundVersion?: number,
  ): Promise<DecisionProposal> {
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    if (!isReviewerSide(actor, form.workflow, sub))
      throw forbidden('submission.forbidden', 'Only the reviewing side may prepare a decision.');
    if (sub.status !== 'review')
      throw conflict(
        'workflow.action_not_allowed',
        `Action "approve" is not allowed in state "${sub.status}".`,
      );
    const roundId = sub.allocation?.round ?? (typeof sub.data.round === 'string' ? sub.data.round : '');
    const versions = roundId && this.deps.rounds ? await this.deps.rounds.versions(roundId) : [];
    const round = decisionRound(versions, roundId, sub.roundPin, roundVersion);
    const requestedPositions = positionsOf(sub);
    const positionsTotal = requestedPositions.reduce((s, p) => s + p.requestedAmount, 0);
    const requestedAmount = sub.allocation?.reserved.reduce((s, r) => s + r.amount, 0) ?? positionsTotal;
    // A later correction applied: each position as that version prices it (never above what it requested).
    const corrected =
      round && round.applied.version !== round.pinned.version
        ? correctedPositions(sub.data, fundingRoundOf(round.applied), requestedPositions)
        : undefined;
    const weights = corrected
      ? corrected.map((p) => ({ id: p.id, requestedAmount: p.correctedAmount }))
      : requestedPositions;
    const weightsTotal = weights.reduce((s, p) => s + p.requestedAmount, 0);
    const total = approvedAmount ?? (corrected ? Math.min(weightsTotal, requestedAmount) : requestedAmount);
    if (total > requestedAmount)
      throw badRequest('decision.invalid', 'The decision is incomplete or invalid.', [
        {
          pointer: '/approvedAmount',
          message: `a whole amount from 0 to the requested ${requestedAmount} EUR`,
          code: 'decision.invalid',
        },
      ]);
    const split = proRataPositions(weights, Math.min(total, weightsTotal));
    return {
      requestedAmount,
      approvedAmount: total,
      positions: split.map((p, i) => ({
        id: p.id,
        requestedAmount: requestedPositions[i]!.requestedAmount,
        approvedAmount: p.approvedAmount,
        ...(corrected ? { correctedAmount: corrected[i]!.correctedAmount } : {}),
      })),
      conditions: round?.applied.conditions ?? [],
      ...(round
        ? {
            round: {
              id: roundId,
              pinned: round.pinned.version,
              applied: round.applied.version,
              latest: round.latest.version,
            },
          }
        : {}),
    };
  }

  /**
   * The applicant side retrieved a decision document (called by the document download): on the first retrieval
   * within the ten days after the notice that it was ready, the decision counts as notified on the next day.
   * Anyone else's retrieval, a later one, or one after the window, changes nothing but the record of it.
   */
  async recordRetrieval(submissionId: string, actor: Actor, at: Date | string): Promise<void> {
    const when = typeof at === 'string' ? new Date(at) : at;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.retrieve(submissionId, actor, when);
        return;
      } catch (error) {
        // Another change won meanwhile: read again and record on top of it.
        if (attempt < 2 && isAppError(error) && error.status === 412) continue;
        throw error;
      }
    }
  }

  private async retrieve(submissionId: string, actor: Actor, at: Date): Promise<void> {
    const { sub, form } = await loadSubmission(this.deps, actor, submissionId);
    const decision = sub.decision;
    if (!decision?.finality || decision.finality.retrievedAt) return;
    if (!isOwnerSide(actor, form.workflow, sub) || actor.org !== sub.org) return;
    const day = berlinDate(at);
    const counts =
      !decision.notifiedAt && withinRetrievalWindow(berlinDate(new Date(decision.finality.readyAt)), day);
    const next: Decision = {
      ...decision,
      finality: {
        ...decision.finality,
        retrievedAt: at.toISOString(),
        ...(counts ? { notifiedBy: 'retrieval' as const } : {}),
      },
      ...(counts ? { notifiedAt: notifiedOnRetrieval(day) } : {}),
    };
    await this.write(actor, sub, form, withFinalAt(next), { step: 'retrieved', date: day }, sub.version);
  }

  /**
   * A step towards finality: the reviewer records notification by post (after the retrieval window ended
   * unused), whether the legal-remedy notice is defective, an action filed or closed; the applicant side
   * waives legal remedy. `finalAt` is computed anew each time.
   */
  async recordFinality(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: FinalityCommand,
  ): Promise<SubmissionView> {
    const expected = parseIfMatch(ifMatch);
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    const reviewer = isReviewerSide(actor, form.workflow, sub);
    const owner = isOwnerSide(actor, form.workflow, sub);
    if (body.step === 'remedy_waived' ? !owner : !reviewer)
      throw forbidden('submission.forbidden', 'Your role may not record this step.');
    const decision = sub.decision;
    if (!decision?.finality || (sub.status !== 'approved' && sub.status !== 'rejected'))
      throw conflict('finality.not_applicable', 'There is no decision in force to record this for.');
    if (sub.version !== expected) throw staleVersion();
    const today = berlinDate(this.deps.now());
    const date = (): string => {
      const value = body.date;
      if (!isCalendarDate(value) || value < decision.decisionDate || value > today)
        throw badRequest(
          'finality.invalid_date',
          'The date must be a real day from the decision date to today.',
          [{ pointer: '/date', message: 'a date from the decision date to today' }],
        );
      return value;
    };
    const f = { ...decision.finality };
    let next: Decision = { ...decision };
    let recorded: { step: FinalityStep; date?: string; value?: boolean };
    switch (body.step) {
      case 'notified_by_post': {
        if (decision.notifiedAt)
          throw conflict('finality.already_notified', 'The decision has already been notified.');
        const readyOn = berlinDate(new Date(f.readyAt));
        if (today <= retrievalWindowEnd(readyOn))
          throw conflict(
            'finality.retrieval_pending',
            `The decision is provided for retrieval until ${retrievalWindowEnd(readyOn)}.`,
          );
        const on = date();
        next = { ...next, notifiedAt: on };
        f.notifiedBy = 'post';
        recorded = { step: 'notified_by_post', date: on };
        break;
      }
      case 'remedy_notice':
        if (typeof body.value !== 'boolean')
          throw badRequest('request.invalid', 'value (true: the notice is missing or wrong) is required.', [
            { pointer: '/value', message: 'true or false' },
          ]);
        if (body.value) f.remedyNoticeDefective = true;
        else delete f.remedyNoticeDefective;
        recorded = { step: 'remedy_notice', value: body.value };
        break;
      case 'remedy_waived':
        if (!decision.notifiedAt)
          throw conflict('finality.not_notified', 'Legal remedy can be waived once the decision is known.');
        if (f.remedyWaivedOn || f.actionFiledOn)
          throw conflict('finality.already_waived', 'Legal remedy was already waived or an action filed.');
        f.remedyWaivedOn = today;
        recorded = { step: 'remedy_waived', date: today };
        break;
      case 'action_filed': {
        const on = date();
        f.actionFiledOn = on;
        delete f.actionClosedOn;
        recorded = { step: 'action_filed', date: on };
        break;
      }
      case 'action_closed': {
        if (!f.actionFiledOn) throw conflict('finality.no_action', 'No action was recorded as filed.');
        const on = date();
        if (on < f.actionFiledOn)
          throw badRequest('finality.invalid_date', 'The action cannot close before it was filed.', [
            { pointer: '/date', message: 'not before the action was filed' },
          ]);
        f.actionClosedOn = on;
        recorded = { step: 'action_closed', date: on };
        break;
      }
    }
    next = withFinalAt({ ...next, finality: f });
    const written = await this.write(actor, sub, form, next, recorded, expected);
    return withAllowed(actor, form.workflow, written);
  }

  private async write(
    actor: Actor,
    sub: Submission,
    form: FormVersion,
    decision: Decision,
    finality: { step: FinalityStep; date?: string; value?: boolean },
    expected: number,
  ): Promise<Submission> {
    const now = this.deps.now().toISOString();
    const next: Submission = { ...sub, decision, version: sub.version + 1, updatedAt: now };
    assertStorable(next, false);
    const scopes = scopesOf(next, form.workflow);
    const reviewer = isReviewerSide(actor, form.workflow, sub);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: expected,
      expectedStatus: sub.status,
      event: {
        submissionId: sub.id,
        version: next.version,
        type: 'finality',
        at: now,
        actor: { sub: actor.sub, name: actor.name },
        role: reviewer ? 'reviewer' : 'municipality',
        finality,
      },
      scopes,
      previousScopes: scopes,
    });
    return next;
  }
}

/** The positions of an application with what each requested (by the server's computed amounts). */
function positionsOf(sub: Submission): Array<{ id: string; requestedAmount: number }> {
  return (Array.isArray(sub.data.positions) ? sub.data.positions : []).flatMap((p) =>
    isObject(p) && typeof p.id === 'string' && typeof p.requestedAmount === 'number'
      ? [{ id: p.id, requestedAmount: p.requestedAmount }]
      : [],
  );
}
