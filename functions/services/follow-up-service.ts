import type { TransitionCommand } from '#api/schemas/submissions';
import { isOwnerSide, isReviewerSide, readAccess, withAllowed } from '#core/access';
import { mergeDebits, splitAmount } from '#core/allocation-debits';
import type { FundingRound } from '#core/allocation-rules';
import { caseTimeline, type TimelineEntry } from '#core/case-timeline';
import type { ClaimContent } from '#core/documents/follow-up-letters';
import { badRequest, conflict, forbidden, staleVersion } from '#core/errors';
import {
  APPLICATION_FORM,
  amendmentLines,
  bankAccountChanged,
  CLAIM_DUE_MONTHS,
  changesOf,
  type FinanceSummary,
  financeSummary,
  followUpKindOf,
  fundingPeriodOf,
  type InterestRule,
  paymentRequestRefusal,
  positionsOf,
  prefill,
  proposeRepayment,
  type Refusal,
  type RepaymentProposal,
  type RevocationClaim,
  recomputeEntitlement,
  revocationClaim,
  startableForms,
  startRefusal,
} from '#core/follow-up';
import type { FormVersion } from '#core/forms';
import {
  type Actor,
  type FollowUp,
  type FollowUpRef,
  type HistoryEvent,
  isObject,
  type JsonObject,
  type Submission,
  type SubmissionSummary,
} from '#core/model';
import { type NextStep, nextSteps, type RecordState } from '#core/next-steps';
import { addMonths, berlinDate } from '#core/retention';
import { fundingRoundOf } from '#core/rounds';
import { scopesOf } from '#core/scopes';
import type { AllocationChange, AllocationStore } from '#ports/allocation-store';
import type { CaseFileStore } from '#ports/case-file-store';
import type { ParentWrite, SubmissionStore } from '#ports/submission-store';
import type { FormCatalog } from './form-catalog.ts';
import type { RoundRegistry } from './funding-policy.ts';
import type {
  IssuedDocument,
  KindPolicy,
  PrepareContext,
  TransitionContext,
  TransitionEffects,
} from './kind-policy.ts';
import { loadSubmission, submissionNotFound } from './load-submission.ts';

export interface FollowUpDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  rounds?: RoundRegistry;
  /** The planning frames (an amending change notice checks that a frame holds an increase). */
  allocations?: Pick<AllocationStore, 'get'>;
  /** The documents the application issued (its case file's timeline lists them). */
  caseFiles?: Pick<CaseFileStore, 'documents'>;
  now: () => Date;
}

/** The case file of a funding application: its timeline and what is due next (see `core/next-steps.ts`). */
export interface CaseFileView {
  timeline: TimelineEntry[];
  nextSteps: NextStep[];
  /** The day the steps were computed for (Europe/Berlin). */
  today: string;
}

/** What a single submission's answer carries besides the submission (see `extras`). */
export interface FollowUpExtras {
  /** Decided applications: approved, requested, paid, reclaimed, available. */
  finance?: FinanceSummary;
  /** Decided applications: the follow-up forms the caller may start now (the lead applicant only). */
  followUpForms?: string[];
  /** Proofs of use in review (reviewers): the repayment the server proposes. */
  repaymentProposal?: RepaymentProposal;
  /** Payment requests: the bank account differs from the application's (a release must confirm it). */
  bankAccountChanged?: boolean;
}

const refuse = (r: Refusal) => conflict(r.code, r.message);

/** The interest rule of the proof-of-use form's config, the round's percentage points where it states them. */
function interestRule(
  form: FormVersion,
  round?: { interestRule?: { percentagePointsAboveBase: number } },
): InterestRule {
  const config = isObject(form.config.interest) ? form.config.interest : {};
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    percentagePointsAboveBase:
      round?.interestRule?.percentagePointsAboveBase ?? num(config.percentagePointsAboveBase, 5),
    baseRatePercent: num(config.baseRatePercent, 0),
  };
}

function membersOf(data: JsonObject): Array<{ org: string; share?: number }> {
  const joint = isObject(data.joint) ? data.joint : {};
  if (joint.isJoint !== true) return [];
  return (Array.isArray(joint.members) ? joint.members : [])
    .filter(isObject)
    .flatMap((m) =>
      typeof m.organisationId === 'string'
        ? [{ org: m.organisationId, ...(typeof m.share === 'number' ? { share: m.share } : {}) }]
        : [],
    );
}

/**
 * A payout or a repayment claim on an application, counted on the planning frames it is debited from: each
 * frame its share in proportion to its debit (the lead organisation the rest). None where nothing is debited.
 */
function frameShares(
  parent: Submission,
  amount: number,
  field: 'paidDelta' | 'reclaimedDelta',
): AllocationChange[] {
  const allocation = parent.allocation;
  const debited = allocation?.debited ?? [];
  const first = debited[0];
  if (!allocation || !first || amount === 0) return [];
  const total = debited.reduce((s, d) => s + d.amount, 0);
  // A lead without a debit of its own (all of it on members) gives its rest to the first member.
  const lead = debited.some((d) => d.org === parent.org) ? parent.org : first.org;
  const members = debited.filter((d) => d.org !== lead).map((d) => ({ org: d.org, share: d.amount }));
  return mergeDebits(splitAmount(amount, total, lead, members))
    .filter((d) => d.amount !== 0)
    .map((d) => ({
      round: allocation.round,
      org: d.org,
      approvedDelta: 0,
      inReviewDelta: 0,
      [field]: d.amount,
    }));
}

/**
 * Follow-up records of a funding application (payment requests, change notices, proofs of use): started as its
 * children, checked against its state, and written together with its follow-up state (and, for an amending
 * change notice, the planning frames) in one transaction. The submission service calls it at its fixed points
 * (start, prepare, transition); the reviewer's payout and the children list are its own use cases.
 */
export class FollowUpService implements KindPolicy {
  constructor(private readonly deps: FollowUpDeps) {}

  private today() {
    return berlinDate(this.deps.now());
  }

  private async parentOf(child: Pick<Submission, 'parentId'>): Promise<Submission> {
    const parent = child.parentId ? await this.deps.submissions.get(child.parentId) : undefined;
    if (!parent) throw conflict('followUp.parent_invalid', 'The application of this record is gone.');
    return parent;
  }

  /** The application's follow-up state with the record's entry replaced (or added). */
  private parentWrite(
    parent: Submission,
    ref: FollowUpRef,
    extra: Partial<Pick<FollowUp, 'approvedAmount' | 'positions' | 'amendments'>> = {},
    allocation?: Submission['allocation'],
  ): ParentWrite {
    const children = parent.followUp?.children ?? [];
    const next = children.some((c) => c.id === ref.id)
      ? children.map((c) => (c.id === ref.id ? ref : c))
      : [...children, ref];
    return {
      id: parent.id,
      expectedVersion: parent.version,
      expectedStatus: parent.status,
      version: parent.version + 1,
      updatedAt: this.deps.now().toISOString(),
      followUp: { ...(parent.followUp ?? {}), ...extra, children: next },
      ...(allocation ? { allocation } : {}),
    };
  }

  private refOf(parent: Submission, child: Submission, patch: Partial<FollowUpRef> = {}): FollowUpRef {
    const before = parent.followUp?.children.find((c) => c.id === child.id);
    const amount = typeof child.data.amount === 'number' ? child.data.amount : undefined;
    return {
      ...before,
      id: child.id,
      formId: child.formId,
      status: child.status,
      createdAt: child.createdAt,
      ...(followUpKindOf(child.formId) === 'payment' && amount !== undefined ? { amount } : {}),
      ...patch,
    };
  }

  /**
   * A new submission's link to its application: none for a form that is no follow-up record (a `parentId`
   * there is refused); for a follow-up form, the application must be given, be visible to the caller, be led
   * by the caller's organisation and allow the record now.
   */
  async start(
    actor: Actor,
    form: FormVersion,
    parentId: string | undefined,
  ): Promise<
    | {
        parent: Submission;
        prefill: JsonObject;
        write: (child: Submission) => ParentWrite;
      }
    | undefined
  > {
    const kind = followUpKindOf(form.id);
    if (!kind) {
      if (parentId !== undefined)
        throw badRequest('followUp.not_a_follow_up', `Form ${form.id} is not started from an application.`, [
          { pointer: '/parentId', message: 'not a follow-up form' },
        ]);
      return undefined;
    }
    if (parentId === undefined)
      throw badRequest('followUp.parent_required', 'A follow-up record is started from its application.', [
        { pointer: '/parentId', message: 'required' },
      ]);
    const { sub: parent, form: parentForm } = await loadSubmission(this.deps, actor, parentId);
    // Members of a joint application read its records; the lead organisation acts.
    if (!isOwnerSide(actor, parentForm.workflow, parent))
      throw forbidden('followUp.lead_only', 'Only the lead applicant starts follow-up records.');
    const refusal = startRefusal(form.id, parent, this.today());
    if (refusal) throw refuse(refusal);
    return {
      parent,
      prefill: prefill(form.id, parent.data),
      write: (child) => this.parentWrite(parent, this.refOf(parent, child)),
    };
  }

  /** Follow-up records hold nothing the server computes into their data. */
  async prepare({ data }: PrepareContext) {
    return { data };
  }

  async transition(ctx: TransitionContext): Promise<TransitionEffects> {
    const parent = await this.parentOf(ctx.sub);
    const effects = await this.effects(ctx, parent);
    // Kept as long as its application ("followsApplication" in the forms' retention): its erasure date once decided.
    if (ctx.sub.status !== 'approved' || !parent.erasureDueAt) return effects;
    return { ...effects, patch: { ...effects.patch, erasureDueAt: parent.erasureDueAt } };
  }

  private async effects(ctx: TransitionContext, parent: Submission): Promise<TransitionEffects> {
    const { sub, action } = ctx;
    const kind = followUpKindOf(sub.formId);
    const today = berlinDate(ctx.now);
    if (action === 'submit' || action === 'approve') {
      if (kind === 'payment') {
        const amount = typeof sub.data.amount === 'number' ? sub.data.amount : 0;
        const period = isObject(sub.data.period) ? sub.data.period : {};
        const refusal = paymentRequestRefusal(
          parent,
          { id: sub.id, amount, period },
          today,
          action === 'submit',
        );
        if (refusal) throw refuse(refusal);
      } else {
        const refusal = startRefusal(sub.formId, parent, today, false);
        if (refusal) throw refuse(refusal);
      }
    }
    if (action === 'approve' && kind === 'payment') return this.release(ctx, parent);
    if (action === 'approve' && kind === 'change') return this.amend(ctx, parent);
    if (action === 'approve' && kind === 'proof') return this.acceptProof(ctx, parent);
    if (action === 'submit' && kind === 'change') {
      // Every change must name a funded position: refused at submit, not only at the approval.
      const round = await this.roundOf(parent);
      const result = recomputeEntitlement(parent, changesOf(sub.data), round);
      if ('code' in result) throw refuse(result);
    }
    return { parent: this.parentWrite(parent, this.refOf(parent, sub)) };
  }

  private release(ctx: TransitionContext, parent: Submission): TransitionEffects {
    const changed = bankAccountChanged(parent.data, ctx.sub.data);
    const confirmed = (ctx.body as TransitionCommand).decision?.confirmBankAccount === true;
    if (changed && !confirmed)
      throw conflict(
        'paymentRequest.bank_account_unconfirmed',
        'The bank account differs from the application: confirm it explicitly (decision.confirmBankAccount).',
      );
    return {
      parent: this.parentWrite(parent, this.refOf(parent, ctx.sub)),
      ...(changed ? { patch: { result: { ...ctx.sub.result, bankAccountConfirmed: true } } } : {}),
    };
  }

  /** Where a follow-up record's document goes: the application's case file, about its approved revision. */
  private issuedTo(parent: Submission): Pick<IssuedDocument, 'submissionId' | 'revision' | 'version'> {
    return {
      submissionId: parent.id,
      revision: parent.approvedRevision ?? parent.revision,
      version: parent.version + 1,
    };
  }

  /** The interest rule of a repayment claim: the proof-of-use form's, with the round's percentage points. */
  private async claimRule(roundId: string, proof?: Pick<Submission, 'formId' | 'formVersion'>) {
    const form = proof
      ? await this.deps.forms.get(proof.formId, proof.formVersion)
      : await this.deps.forms.latest('proof-of-use');
    const record = this.deps.rounds ? await this.deps.rounds.current(roundId) : undefined;
    return interestRule(form, record);
  }

  /**
   * The repayment claim that follows a revocation (everything paid out and not reclaimed, with interest from
   * each payout), and its document; none where nothing was paid out. The funding rules call it on `revoke`.
   */
  async revocationClaim(
    parent: Submission,
    actor: Actor,
    now: Date,
    reason: string,
  ): Promise<{ claim: RevocationClaim; document: IssuedDocument } | undefined> {
    const today = berlinDate(now);
    // Nothing paid out (or all reclaimed): no claim, and nothing of the round or the interest rule to read.
    const finance = financeSummary(parent);
    if (finance.paid - finance.reclaimed <= 0) return undefined;
    const round = await this.roundOf(parent);
    const rule = await this.claimRule(round.id);
    const claim = revocationClaim(parent, rule, today);
    if (!claim) return undefined;
    const content: ClaimContent = {
      kind: 'repayment-claim',
      ground: 'revocation',
      decisionDate: parent.decision?.decisionDate ?? today,
      revocationDate: today,
      payouts: claim.payouts,
      principal: claim.principal,
      interest: claim.interest,
      total: claim.total,
      ratePercent: claim.ratePercent,
      baseRatePercent: rule.baseRatePercent,
      percentagePointsAboveBase: rule.percentagePointsAboveBase,
      ...(claim.payouts[0] ? { interestFrom: claim.payouts[0].paidOn } : {}),
      interestTo: today,
      dueOn: addMonths(today, CLAIM_DUE_MONTHS),
      ...(reason ? { reason } : {}),
      by: actor.name,
    };
    // The revocation is the same change as the application's: its version, not the next one.
    return {
      claim,
      document: { ...this.issuedTo(parent), version: parent.version, kind: 'repayment-claim', content },
    };
  }

  /** The round the application was decided in: the registry's latest published version, else the form's file. */
  private async roundOf(parent: Submission): Promise<FundingRound> {
    const id = parent.allocation?.round ?? (typeof parent.data.round === 'string' ? parent.data.round : '');
    const record = this.deps.rounds ? await this.deps.rounds.current(id) : undefined;
    if (record) return fundingRoundOf(record);
    const form = await this.deps.forms.get(parent.formId, parent.formVersion);
    const round = form.rounds && Object.hasOwn(form.rounds, id) ? form.rounds[id] : undefined;
    if (!round) throw conflict('followUp.round_unknown', `There is no funding round "${id}".`);
    return round;
  }

  /**
   * Approving a change notice: the entitlement recomputed with the round's rates; where the approved amount
   * changes, the application's decision is amended (amount, positions, history) and the planning frames are
   * credited or debited by the difference, all in the notice's transaction.
   */
  private async amend(ctx: TransitionContext, parent: Submission): Promise<TransitionEffects> {
    const round = await this.roundOf(parent);
    const result = recomputeEntitlement(parent, changesOf(ctx.sub.data), round);
    if ('code' in result) throw refuse(result);
    const entitlement = {
      before: result.before,
      after: result.after,
      approvedBefore: result.approvedBefore,
      approvedAfter: result.approvedAfter,
    };
    const patch = { result: { ...ctx.sub.result, entitlement } };
    const ref = this.refOf(parent, ctx.sub);
    if (result.approvedAfter === result.approvedBefore)
      return { patch, parent: this.parentWrite(parent, ref, { positions: result.positions }) };

    const allocation = parent.allocation;
    if (!allocation) throw conflict('allocation.missing', 'The application has no planning-frame debit.');
    const requested = parent.decision?.requestedAmount ?? result.approvedBefore;
    const debits = mergeDebits(
      splitAmount(result.approvedAfter, requested, parent.org, membersOf(parent.data)),
    );
    const before = new Map((allocation.debited ?? []).map((d) => [d.org, d.amount]));
    const orgs = new Set([...before.keys(), ...debits.map((d) => d.org)]);
    const changes: AllocationChange[] = [];
    for (const org of orgs) {
      const delta = (debits.find((d) => d.org === org)?.amount ?? 0) - (before.get(org) ?? 0);
      if (delta === 0) continue;
      const change: AllocationChange = {
        round: allocation.round,
        org,
        approvedDelta: delta,
        inReviewDelta: 0,
      };
      if (delta > 0) {
        // More approved: the frame must hold it (checked again by the write's condition).
        const frame = await this.deps.allocations?.get(allocation.round, org);
        change.approvedAtMost = (frame?.frame ?? 0) - delta;
      }
      changes.push(change);
    }
    const period = fundingPeriodOf(parent);
    const amended: IssuedDocument = {
      ...this.issuedTo(parent),
      kind: 'amended-decision',
      content: {
        kind: 'amended-decision',
        noticeId: ctx.sub.id,
        ...(ctx.sub.submittedAt ? { noticeSubmittedOn: berlinDate(new Date(ctx.sub.submittedAt)) } : {}),
        decisionDate: parent.decision?.decisionDate ?? berlinDate(ctx.now),
        from: result.approvedBefore,
        to: result.approvedAfter,
        ...(period ? { fundingStart: period.start, fundingEnd: period.end } : {}),
        positions: amendmentLines(
          positionsOf(parent),
          result.positions,
          round,
          result.approvedBefore,
          result.approvedAfter,
        ),
        by: ctx.actor.name,
      },
    };
    const amendments = [
      ...(parent.followUp?.amendments ?? []),
      {
        noticeId: ctx.sub.id,
        at: ctx.now.toISOString(),
        by: { sub: ctx.actor.sub, name: ctx.actor.name },
        from: result.approvedBefore,
        to: result.approvedAfter,
        document: 'amended-decision' as const,
      },
    ];
    return {
      patch,
      allocationChanges: changes,
      documents: [amended],
      parent: this.parentWrite(
        parent,
        ref,
        { approvedAmount: result.approvedAfter, positions: result.positions, amendments },
        { ...allocation, debited: debits },
      ),
    };
  }

  /** What the server proposes to reclaim for a proof of use (unfilled months and interest), as of today. */
  async proposal(parent: Submission, proof: Submission): Promise<RepaymentProposal> {
    const round = await this.roundOf(parent);
    const form = await this.deps.forms.get(proof.formId, proof.formVersion);
    const record = this.deps.rounds ? await this.deps.rounds.current(round.id) : undefined;
    const period = isObject(proof.data.reportingPeriod) ? proof.data.reportingPeriod : {};
    const positions = (Array.isArray(proof.data.positions) ? proof.data.positions : [])
      .filter(isObject)
      .flatMap((p) =>
        typeof p.positionId === 'string' && typeof p.monthsFilled === 'number'
          ? [{ positionId: p.positionId, monthsFilled: p.monthsFilled }]
          : [],
      );
    return proposeRepayment({
      parent,
      proof: {
        period: {
          from: typeof period.from === 'string' ? period.from : '0000-01-01',
          to: typeof period.to === 'string' ? period.to : '9999-12-31',
        },
        positions,
      },
      round,
      rule: interestRule(form, record),
      today: berlinDate(this.deps.now()),
    });
  }

  /**
   * Accepting a proof of use, or raising a repayment claim with it (`decision.repaymentClaim`): the server's
   * proposal stands unless the reviewer changes an amount, which needs a reason.
   */
  private async acceptProof(ctx: TransitionContext, parent: Submission): Promise<TransitionEffects> {
    const claim = (ctx.body as TransitionCommand).decision?.repaymentClaim;
    const ref = this.refOf(parent, ctx.sub);
    if (!claim) return { parent: this.parentWrite(parent, ref) };
    const proposed = await this.proposal(parent, ctx.sub);
    const principal = claim.principal ?? proposed.principal;
    const interest = claim.interest ?? proposed.interest;
    const reason = claim.reason?.trim();
    if ((principal !== proposed.principal || interest !== proposed.interest) && !reason)
      throw badRequest('repayment.reason_required', 'A claim other than the proposal needs a reason.', [
        { pointer: '/decision/repaymentClaim/reason', message: 'required when the amounts differ' },
      ]);
    const finance = financeSummary(parent);
    if (principal > finance.paid - finance.reclaimed)
      throw conflict('repayment.exceeds_paid', 'A claim cannot exceed what was paid and not yet reclaimed.');
    const today = berlinDate(ctx.now);
    const rule = await this.claimRule((await this.roundOf(parent)).id, ctx.sub);
    const period = isObject(ctx.sub.data.reportingPeriod) ? ctx.sub.data.reportingPeriod : {};
    const names = new Map(
      positionsOf(parent).map((p) => [p.id, p.segments.find((s) => s.personName)?.personName ?? '']),
    );
    const content: ClaimContent = {
      kind: 'repayment-claim',
      ground: 'proof-of-use',
      decisionDate: parent.decision?.decisionDate ?? today,
      recordId: ctx.sub.id,
      ...(ctx.sub.submittedAt ? { proofSubmittedOn: berlinDate(new Date(ctx.sub.submittedAt)) } : {}),
      ...(typeof period.from === 'string' && typeof period.to === 'string'
        ? { period: { from: period.from, to: period.to } }
        : {}),
      positions: proposed.positions.map((l) => ({
        id: l.positionId,
        personName: names.get(l.positionId) ?? '',
        fundedMonths: l.fundedMonths,
        filledMonths: l.filledMonths,
        amount: l.amount,
      })),
      principal,
      interest,
      total: principal + interest,
      ...(principal !== proposed.principal || interest !== proposed.interest
        ? { proposed: { principal: proposed.principal, interest: proposed.interest } }
        : {}),
      ...(reason ? { reason } : {}),
      ratePercent: proposed.ratePercent,
      baseRatePercent: rule.baseRatePercent,
      percentagePointsAboveBase: rule.percentagePointsAboveBase,
      ...(proposed.interestFrom ? { interestFrom: proposed.interestFrom } : {}),
      interestTo: today,
      dueOn: addMonths(today, CLAIM_DUE_MONTHS),
      by: ctx.actor.name,
    };
    return {
      // Nothing to repay (every month filled, or nothing paid out yet): the claim stays on the record, no letter.
      ...(content.total > 0
        ? { documents: [{ ...this.issuedTo(parent), kind: 'repayment-claim' as const, content }] }
        : {}),
      patch: {
        result: {
          ...ctx.sub.result,
          claim: {
            principal,
            interest,
            total: principal + interest,
            proposed: { principal: proposed.principal, interest: proposed.interest },
            ...(reason ? { reason } : {}),
            claimedOn: berlinDate(ctx.now),
          },
        },
      },
      parent: this.parentWrite(parent, { ...ref, reclaimed: principal }),
      allocationChanges: frameShares(parent, principal, 'reclaimedDelta'),
    };
  }

  // ---- Use cases of their own ----

  /** The application's follow-up records the caller may see, newest first. */
  async children(actor: Actor, id: string): Promise<Array<SubmissionSummary & { allowed: string[] }>> {
    const { sub: parent } = await loadSubmission(this.deps, actor, id);
    const refs = [...(parent.followUp?.children ?? [])].reverse();
    const items = await Promise.all(refs.map((r) => this.deps.submissions.get(r.id)));
    const out: Array<SubmissionSummary & { allowed: string[] }> = [];
    for (const child of items) {
      if (!child) continue;
      const form = await this.deps.forms.get(child.formId, child.formVersion);
      if (!readAccess(actor, form.workflow, child)) continue;
      const { data: _data, ...summary } = child;
      out.push(withAllowed(actor, form.workflow, summary));
    }
    return out;
  }

  /**
   * The case file ("Förderakte") of a funding application for whoever may read it: every step in order (its
   * history and its follow-up records' as far as the caller may see them, the documents issued, notification,
   * finality, payouts) and what is due next, by whom and by when, computed by the rules the server enforces.
   */
  async caseFile(actor: Actor, id: string): Promise<CaseFileView> {
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    if (sub.formId !== APPLICATION_FORM) throw submissionNotFound();
    const today = this.today();
    const reviewerSide = isReviewerSide(actor, form.workflow, sub);
    // Four-eyes proposals are the reviewing side's internal steps, as in the history.
    const visible = (events: readonly HistoryEvent[]) =>
      reviewerSide ? events : events.filter((e) => e.type !== 'proposal');
    const refs = sub.followUp?.children ?? [];
    const [history, documents, children] = await Promise.all([
      this.deps.submissions.history(sub.id),
      this.deps.caseFiles?.documents(sub.id) ?? Promise.resolve([]),
      Promise.all(refs.map((r) => this.deps.submissions.get(r.id))),
    ]);
    const states: RecordState[] = refs.map((ref, i) => {
      const proofKind = children[i]?.indexed.proofKind;
      return { ...ref, ...(typeof proofKind === 'string' ? { proofKind } : {}) };
    });
    // The records the caller may read, with their histories (read side by side).
    const readable = await Promise.all(
      children.map(async (child) => {
        if (!child) return undefined;
        const childForm = await this.deps.forms.get(child.formId, child.formVersion);
        if (!readAccess(actor, childForm.workflow, child)) return undefined;
        const events = await this.deps.submissions.history(child.id);
        return { id: child.id, formId: child.formId, history: visible(events) };
      }),
    );
    const records = readable.filter((r) => r !== undefined);
    const seen = new Set(records.map((r) => r.id));
    const timeline = caseTimeline({
      history: visible(history),
      records,
      documents,
      ...(sub.decision ? { decision: sub.decision } : {}),
      payouts: refs.flatMap((r) =>
        r.paidOn && seen.has(r.id)
          ? [{ id: r.id, formId: r.formId, amount: r.paid ?? 0, paidOn: r.paidOn }]
          : [],
      ),
      today,
    });
    return { timeline, nextSteps: nextSteps(sub, today, states), today };
  }

  /** What the application answer carries besides the submission: its money and the records one may start. */
  async extras(actor: Actor, sub: Submission, form: FormVersion): Promise<FollowUpExtras> {
    if (sub.formId === APPLICATION_FORM && sub.decision) {
      const lead = isOwnerSide(actor, form.workflow, sub);
      return {
        finance: financeSummary(sub),
        followUpForms: lead ? startableForms(sub, this.today()) : [],
      };
    }
    if (followUpKindOf(sub.formId) === 'payment' && sub.parentId) {
      const parent = await this.deps.submissions.get(sub.parentId);
      return parent ? { bankAccountChanged: bankAccountChanged(parent.data, sub.data) } : {};
    }
    // A proof of use in review: the reviewer sees the proposed claim beside it.
    if (followUpKindOf(sub.formId) === 'proof' && sub.status === 'review' && actor.roles.includes('reviewer'))
      return { repaymentProposal: await this.proposal(await this.parentOf(sub), sub) };
    return {};
  }

  /**
   * The reviewer records the payout of a released payment request, with its date; the application's finance
   * summary counts it as paid (one transaction).
   */
  async recordPayout(
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    paidOn: string,
  ): Promise<Submission & { allowed: string[] }> {
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    if (!actor.roles.includes('reviewer') || !sub.parentId)
      throw forbidden('payout.forbidden', 'Only a state reviewer records the payout of a payment request.');
    if (followUpKindOf(sub.formId) !== 'payment') throw submissionNotFound();
    if (expectedVersion !== undefined && expectedVersion !== sub.version) throw staleVersion();
    if (sub.status !== 'approved')
      throw conflict('paymentRequest.not_released', 'Only a released payment request is paid out.');
    if (sub.result?.payout) throw conflict('paymentRequest.already_paid', 'The payout is recorded already.');
    const parent = await this.parentOf(sub);
    const amount = typeof sub.data.amount === 'number' ? sub.data.amount : 0;
    const now = this.deps.now().toISOString();
    const next: Submission = {
      ...sub,
      version: sub.version + 1,
      updatedAt: now,
      result: {
        ...sub.result,
        payout: { amount, paidOn, recordedAt: now, recordedBy: { sub: actor.sub, name: actor.name } },
      },
    };
    const scopes = scopesOf(next, form.workflow);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: sub.version,
      expectedStatus: sub.status,
      event: {
        submissionId: sub.id,
        version: next.version,
        at: now,
        actor: { sub: actor.sub, name: actor.name },
        role: 'reviewer',
        type: 'payout',
        comment: `${amount} EUR, ${paidOn}`,
      },
      scopes,
      previousScopes: scopes,
      parent: this.parentWrite(parent, this.refOf(parent, next, { paid: amount, paidOn })),
      // The planning frames count what was paid, in the same transaction.
      allocationChanges: frameShares(parent, amount, 'paidDelta'),
    });
    return withAllowed(actor, form.workflow, next);
  }
}
