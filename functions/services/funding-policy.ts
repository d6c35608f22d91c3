import type { TransitionCommand } from '#api/schemas/submissions';
import { mergeDebits, splitAmount } from '#core/allocation-debits';
import {
  checkFundingRules,
  computeBudget,
  type FrameInput,
  type FundingRound,
  fillPlanningFrame,
  isJointApplication,
} from '#core/allocation-rules';
import { parseDecision } from '#core/decision';
import { badRequest, conflict } from '#core/errors';
import type { FormVersion } from '#core/forms';
import { missingConfirmations } from '#core/joint-confirmation';
import {
  type Actor,
  type Decision,
  isObject,
  type JsonObject,
  type RoundPin,
  type Submission,
} from '#core/model';
import { setOwn } from '#core/own';
import { berlinDate } from '#core/retention';
import {
  type DecisionRound,
  decisionRound,
  fundingRoundOf,
  isRoundOpen,
  type RoundExtension,
  type RoundVersion,
} from '#core/rounds';
import type { AllocationChange, AllocationStore } from '#ports/allocation-store';
import type {
  IssuedDocument,
  KindPolicy,
  PrepareContext,
  TransitionContext,
  TransitionEffects,
} from './kind-policy.ts';
import { settle } from './settle.ts';

/** The repayment claim that follows a revocation, and its document (the follow-up records' rules know the payouts). */
export interface RevocationClaims {
  revocationClaim(
    parent: Submission,
    actor: Actor,
    now: Date,
    reason: string,
  ): Promise<
    { claim: { principal: number; interest: number; total: number }; document: IssuedDocument } | undefined
  >;
}

function membersOf(data: JsonObject): Array<{ org: string; share?: number }> {
  if (!isJointApplication(data)) return [];
  const joint = isObject(data.joint) ? data.joint : {};
  const members = Array.isArray(joint.members) ? joint.members : [];
  return members
    .filter(isObject)
    .flatMap((m) =>
      typeof m.organisationId === 'string' && m.organisationId
        ? [{ org: m.organisationId, ...(typeof m.share === 'number' ? { share: m.share } : {}) }]
        : [],
    );
}

/**
 * Funding applications: amounts computed by the server from the round's rates, the planning frame filled from
 * the state's data, the budget rules on submit, and the frames reserved (in review) and debited (approved) in
 * the same transaction as the transition.
 */
export class FundingPolicy implements KindPolicy {
  /**
   * The frames come from storage; a round's rates and minimums from its latest published version in the
   * round registry, else from the form's round files (`FormVersion.rounds`).
   */
  constructor(
    private readonly allocations: AllocationStore,
    private readonly registry?: RoundRegistry,
    private readonly claims?: RevocationClaims,
  ) {}

  /** The latest published version of the application's round: its window applies to everyone. */
  private async record(data: JsonObject): Promise<RoundVersion | undefined> {
    return typeof data.round === 'string' && this.registry ? this.registry.current(data.round) : undefined;
  }

  /**
   * The version whose rates and rules the application follows: the one it is pinned to while it stays in
   * that round, else (new, or another round chosen in the draft) the round's latest published version.
   */
  private async pinned(data: JsonObject, pin: RoundPin | undefined): Promise<RoundVersion | undefined> {
    if (typeof data.round !== 'string' || !this.registry) return undefined;
    if (pin && pin.round === data.round) {
      const version = await this.registry.version(pin.round, pin.version);
      if (version) return version;
    }
    return this.registry.current(data.round);
  }

  private async round(
    form: FormVersion,
    data: JsonObject,
    pin: RoundPin | undefined,
  ): Promise<FundingRound | undefined> {
    const record = await this.pinned(data, pin);
    if (record) return fundingRoundOf(record);
    const rounds = form.rounds ?? {};
    return typeof data.round === 'string' && Object.hasOwn(rounds, data.round)
      ? rounds[data.round]
      : undefined;
  }

  /**
   * An application starts, and is first submitted, only while its round's window is open (or extended for
   * its organisation); a returned application may always be resubmitted.
   * @throws AppError 409 `round.closed`.
   */
  private async assertOpen(
    data: JsonObject,
    org: string,
    /** The round's record as read ahead (see `prepare`). */
    read?: () => Promise<RoundVersion | undefined>,
  ): Promise<void> {
    const record = await (read?.() ?? this.record(data));
    if (!record || !this.registry) return;
    const now = this.registry.now();
    if (isRoundOpen(record, now)) return;
    if (isRoundOpen(record, now, await this.registry.extension(record.id, org))) return;
    throw conflict(
      'round.closed',
      `The application window of round ${record.id} is closed (${record.applicationWindow?.opens} to ${record.applicationWindow?.closes}).`,
    );
  }

  /**
   * The round versions around a decision (pinned, applied, latest), if the round is a record; a named
   * version must be a published one of the round and not older than the pin.
   */
  private async decisionRound(
    sub: Submission,
    roundId: string,
    requested?: number,
  ): Promise<DecisionRound | undefined> {
    const versions = this.registry && roundId ? await this.registry.versions(roundId) : [];
    return decisionRound(versions, roundId, sub.roundPin, requested);
  }

  private async frames(roundId: string, org: string, data: JsonObject): Promise<FundingFrames> {
    const memberIds = membersOf(data).map((m) => m.org);
    const [own, ...memberFrames] = await Promise.all(
      [org, ...memberIds].map((id) => this.allocations.get(roundId, id)),
    );
    // Keyed by ids the applicant typed: own properties only (see core/own).
    const members: Record<string, { frame: number; approved: number }> = {};
    const committed = new Map<string, Committed>();
    memberIds.forEach((id, i) => {
      const a = memberFrames[i];
      if (!a) return;
      // A member's share must fit beside everything it has approved or in review, in any application.
      setOwn(members, id, { frame: a.frame, approved: a.approved + a.inReview });
      committed.set(id, { frame: a.frame, approved: a.approved, inReview: a.inReview });
    });
    return { frame: own?.frame ?? 0, approved: own?.approved ?? 0, members, committed };
  }

  async prepare({ form, data, org, previous, roundPin, firstSubmit }: PrepareContext) {
    if (previous === undefined) await this.assertOpen(data, org);
    // A first submit checks the round's window (see `submit`): its record is read beside the frames.
    const window = firstSubmit ? settle(this.record(data)) : undefined;
    const record = await this.pinned(data, roundPin);
    const pin = record ? { round: record.id, version: record.version } : undefined;
    const round = record ? fundingRoundOf(record) : await this.round(form, data, undefined);
    let next = data;
    let frames: FundingFrames | undefined;
    if (round) {
      next = computeBudget(next, round).data;
      frames = await this.frames(round.id, org, next);
      next = fillPlanningFrame(next, frames);
    }
    const members = membersOf(next).map((m) => m.org);
    // The frames read here are handed to `transition` (a submit checks against them: no second read).
    return {
      data: next,
      ...(members.length ? { members } : {}),
      ...(frames ? { context: { ...frames, ...(window ? { window } : {}) } satisfies FundingFrames } : {}),
      ...(pin ? { roundPin: pin } : {}),
    };
  }

  async transition({
    form,
    sub,
    action,
    actor,
    body,
    now,
    prepared,
  }: TransitionContext): Promise<TransitionEffects> {
    if (action === 'submit') return this.submit(form, sub, prepared as FundingFrames | undefined);
    if (action === 'approve') return this.approve(sub, actor, body, now);
    // A refusal and a withdrawal release what was reserved in review; the frames are not debited.
    if (action === 'return' || action === 'withdraw') return this.release(sub);
    if (action === 'reject') return this.reject(sub, actor, body, now);
    if (action === 'revoke') return this.revoke(sub, actor, body, now);
    return {};
  }

  /**
   * The application's own file number (assigned at its first submit); older data without one keeps the
   * reviewer's or the former fallback.
   */
  private fileNumber(sub: Submission, round: string, given?: string): string {
    return sub.fileNumber ?? given ?? `IM-${round}-${sub.id.slice(-8)}`;
  }

  /**
   * A refusal ("Ablehnung"): recorded as a decision with nothing approved and its reasons; what was reserved in
   * review is released, nothing is debited.
   */
  private reject(sub: Submission, actor: Actor, body: TransitionCommand, now: Date): TransitionEffects {
    const released = this.release(sub);
    const round = sub.allocation?.round ?? (typeof sub.data.round === 'string' ? sub.data.round : '');
    const requestedAmount = sub.allocation?.reserved.reduce((sum, r) => sum + r.amount, 0) ?? 0;
    const decision: Decision = {
      outcome: 'rejected',
      requestedAmount,
      approvedAmount: 0,
      reason: body.comment?.trim() ?? '',
      fileNumber: this.fileNumber(sub, round),
      decisionDate: berlinDate(now),
      decidedBy: { sub: actor.sub, name: actor.name },
      finality: { readyAt: now.toISOString() },
    };
    return { ...released, patch: { ...released.patch, decision } };
  }

  /**
   * A revocation ("Widerruf") of an approval: recorded on the decision with its reasons. The frames stay
   * debited: the money comes back by the repayment claim that follows, which credits them.
   */
  private async revoke(
    sub: Submission,
    actor: Actor,
    body: TransitionCommand,
    now: Date,
  ): Promise<TransitionEffects> {
    if (!sub.decision) return {};
    // What was paid out is reclaimed with interest: a repayment claim of its own beside the revocation.
    const reason = body.comment?.trim() ?? '';
    const followed = await this.claims?.revocationClaim(sub, actor, now, reason);
    const claim = followed?.claim;
    return {
      patch: {
        decision: {
          ...sub.decision,
          revocation: {
            reason,
            date: berlinDate(now),
            by: { sub: actor.sub, name: actor.name },
            ...(claim
              ? { claim: { principal: claim.principal, interest: claim.interest, total: claim.total } }
              : {}),
          },
        },
      },
      ...(followed ? { documents: [followed.document] } : {}),
    };
  }

  private async submit(
    form: FormVersion,
    sub: Submission,
    prepared?: FundingFrames,
  ): Promise<TransitionEffects> {
    // The round's rules are read while its window is checked (independent reads, one round trip).
    const rules = settle(this.round(form, sub.data, sub.roundPin));
    // The first submit froze revision 1; later ones (after a return) are always allowed.
    if (sub.revision === 1) await this.assertOpen(sub.data, sub.org, prepared?.window);
    // Every member has confirmed its current share; checked before the frames, so that the lead learns
    // whether a share fits a member's frame only for a share the member has agreed to.
    const missing = missingConfirmations(sub);
    if (missing.length)
      throw conflict(
        'joint.confirmation_missing',
        `Not every member has confirmed its participation and share yet: ${missing.map((m) => m.name).join(', ')}.`,
        missing.map((m) => ({ pointer: m.pointer, message: m.name, code: 'joint.confirmation_missing' })),
      );
    const round = await rules();
    const roundId = typeof sub.data.round === 'string' ? sub.data.round : '';
    const frames = prepared ?? (await this.frames(roundId, sub.org, sub.data));
    const breaches = checkFundingRules(sub.data, round, frames);
    if (breaches.length) {
      const first = breaches.find((b) => b.code === 'allocation.exceeded') ?? breaches[0]!;
      throw badRequest(
        first.code,
        first.message,
        breaches.map((b) => ({
          pointer: b.pointer,
          message: b.message,
          code: b.code,
          messageDe: b.messageDe,
        })),
      );
    }
    const total = computeBudget(sub.data, round!).totals.requestedTotal;
    const reserved = mergeDebits(splitAmount(total, total, sub.org, membersOf(sub.data)));
    return {
      allocationChanges: reserved.map((r) => {
        // A member's counters as read: its shares in review or approved, this one added, stay within its frame.
        const c = r.org === sub.org ? undefined : frames.committed.get(r.org);
        return {
          round: roundId,
          org: r.org,
          approvedDelta: 0,
          inReviewDelta: r.amount,
          ...(c
            ? { committedAtMost: { approved: c.approved, inReview: c.frame - c.approved - r.amount } }
            : {}),
        };
      }),
      patch: { allocation: { round: roundId, reserved } },
    };
  }

  private release(sub: Submission): TransitionEffects {
    const allocation = sub.allocation;
    if (!allocation) return {};
    return {
      allocationChanges: allocation.reserved.map((r) => ({
        round: allocation.round,
        org: r.org,
        approvedDelta: 0,
        inReviewDelta: -r.amount,
      })),
      patch: { allocation: { round: allocation.round, reserved: [] } },
    };
  }

  private async approve(
    sub: Submission,
    actor: Actor,
    body: TransitionCommand,
    now: Date,
  ): Promise<TransitionEffects> {
    const allocation = sub.allocation;
    if (!allocation)
      throw conflict('allocation.missing', 'The application has no reservation against a planning frame.');
    const requested = allocation.reserved.reduce((sum, r) => sum + r.amount, 0);
    const positions = (Array.isArray(sub.data.positions) ? sub.data.positions : []).flatMap((p) =>
      isObject(p) && typeof p.id === 'string' && typeof p.requestedAmount === 'number'
        ? [{ id: p.id, requestedAmount: p.requestedAmount }]
        : [],
    );
    // The frames a decision may debit (the applicant's and its members') are read with the round versions.
    const frameReads = new Map(
      [sub.org, ...membersOf(sub.data).map((m) => m.org)].map((org) => [
        org,
        settle(this.allocations.get(allocation.round, org)),
      ]),
    );
    const requestedVersion = isObject(body.decision) ? body.decision.roundVersion : undefined;
    // The version the decision applies: the pinned one, or a later correction the reviewer chose.
    const round = await this.decisionRound(
      sub,
      allocation.round,
      typeof requestedVersion === 'number' ? requestedVersion : undefined,
    );
    const record = round?.applied;
    const input = parseDecision(body.decision, {
      requested,
      positions,
      ...(record?.conditions ? { conditionCatalogue: record.conditions } : {}),
    });
    const corrected =
      round && input.roundVersion !== undefined && round.applied.version !== round.pinned.version;
    // The file number is the application's, fixed at its first submit: a decision cannot give another.
    if (input.fileNumber !== undefined && sub.fileNumber !== undefined && input.fileNumber !== sub.fileNumber)
      throw badRequest('decision.invalid', 'The file number is fixed at the first submit.', [
        {
          pointer: '/decision/fileNumber',
          message: `must be ${sub.fileNumber} or absent`,
          code: 'decision.invalid',
        },
      ]);
    const approved = input.approvedAmount;
    const debits = mergeDebits(splitAmount(approved, requested, sub.org, membersOf(sub.data)));
    const changes: AllocationChange[] = allocation.reserved.map((r) => ({
      round: allocation.round,
      org: r.org,
      approvedDelta: 0,
      inReviewDelta: -r.amount,
    }));
    for (const d of debits) {
      const read = frameReads.get(d.org);
      const frame = read ? await read() : await this.allocations.get(allocation.round, d.org);
      const max = (frame?.frame ?? 0) - d.amount;
      if (!frame || max < 0)
        throw conflict('allocation.exceeded', `The approval would exceed the planning frame of ${d.org}.`);
      changes.push({
        round: allocation.round,
        org: d.org,
        approvedDelta: d.amount,
        inReviewDelta: 0,
        approvedAtMost: max,
      });
    }
    const decision: Decision = {
      requestedAmount: requested,
      approvedAmount: approved,
      ...(input.positions ? { positions: input.positions } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      fileNumber: this.fileNumber(sub, allocation.round, input.fileNumber),
      ...(input.conditions ? { conditions: input.conditions } : {}),
      ...(input.conditionKeys ? { conditionKeys: input.conditionKeys } : {}),
      ...(corrected ? { roundVersion: round.applied.version, pinnedRoundVersion: round.pinned.version } : {}),
      ...(input.fundingStart ? { fundingStart: input.fundingStart } : {}),
      ...(input.fundingEnd ? { fundingEnd: input.fundingEnd } : {}),
      decisionDate: input.decisionDate ?? berlinDate(now),
      decidedBy: { sub: actor.sub, name: actor.name },
      // Provided for retrieval from now on (§ 41 (2a) LVwVfG); see core/finality.
      finality: { readyAt: now.toISOString() },
    };
    return {
      allocationChanges: mergeChanges(changes),
      patch: { decision, allocation: { round: allocation.round, reserved: [], debited: debits } },
    };
  }
}

/** A member's frame and counters as read for a submit. */
interface Committed {
  frame: number;
  approved: number;
  inReview: number;
}

/** The frames a check reads, with the members' counters as read (the reservation's condition). */
type FundingFrames = FrameInput & {
  committed: ReadonlyMap<string, Committed>;
  /** A first submit's round record, read while preparing (see `prepare`). */
  window?: () => Promise<RoundVersion | undefined>;
};

/** What the funding rules read of the round registry. */
export interface RoundRegistry {
  /** The latest published version of a round, if the registry has the round. */
  current(roundId: string): Promise<RoundVersion | undefined>;
  /** One version of a round (what an application is pinned to). */
  version(roundId: string, version: number): Promise<RoundVersion | undefined>;
  /** Every version of a round (a decision may apply a later published one). */
  versions(roundId: string): Promise<RoundVersion[]>;
  extension(roundId: string, org: string): Promise<RoundExtension | undefined>;
  now(): Date;
}

/** One change per organisation (a transaction may touch an item only once). */
function mergeChanges(changes: readonly AllocationChange[]): AllocationChange[] {
  const byOrg = new Map<string, AllocationChange>();
  for (const c of changes) {
    const prev = byOrg.get(c.org);
    if (!prev) byOrg.set(c.org, { ...c });
    else {
      prev.approvedDelta += c.approvedDelta;
      prev.inReviewDelta += c.inReviewDelta;
      if (c.approvedAtMost !== undefined)
        prev.approvedAtMost = Math.min(prev.approvedAtMost ?? Number.POSITIVE_INFINITY, c.approvedAtMost);
    }
  }
  return [...byOrg.values()];
}
