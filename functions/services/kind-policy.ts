import type { TransitionCommand } from '#api/schemas/submissions';
import type { pendingDocument } from '#core/documents/issue';
import type { FormVersion } from '#core/forms';
import type { Actor, JsonObject, RoundPin, Submission } from '#core/model';
import type { TransitionOutcome } from '#core/workflow';
import type { AllocationChange } from '#ports/allocation-store';
import type { FiguresWrite } from '#ports/figures-store';
import type { ParentWrite } from '#ports/submission-store';

/**
 * Kind-specific rules (a funding application's budget and planning frames, a plan's consent and key
 * figures) that the generic submission service calls at two fixed points: when data is prepared for
 * storing, and when a transition is about to be written. One policy per form kind
 * (`funding-policy.ts`, `case-policy.ts`); a kind without one has no extra rules.
 */
export interface KindPolicy {
  /** Server-owned fields (amounts, frames) computed into the data on every save and for every snapshot. */
  prepare(context: PrepareContext): Promise<PreparedData>;
  /** Checks and effects of a transition; may refuse it by throwing. */
  transition(context: TransitionContext): Promise<TransitionEffects>;
}

export interface PrepareContext {
  form: FormVersion;
  /** The data to be stored, already pruned to the schema and validated. */
  data: JsonObject;
  /** The organisation that owns the submission (for a new one: the caller's). */
  org: string;
  /** The data stored so far; absent while the submission is being created. */
  previous?: JsonObject;
  /** The round version the submission is pinned to so far, if any. */
  roundPin?: RoundPin;
  /** Prepared for the submission's first submit (a policy may start reading what that submit checks). */
  firstSubmit?: boolean;
}

export interface PreparedData {
  data: JsonObject;
  /** Further organisations the submission is listed for (members of a joint application). */
  members?: string[];
  /** Whatever the policy read while preparing, handed to `transition` for the same snapshot. */
  context?: unknown;
  /** The round version the submission is (now) pinned to; stored with it. */
  roundPin?: RoundPin;
}

export interface TransitionContext {
  form: FormVersion;
  /** The submission as it will be after the transition (status, version, snapshot data). */
  sub: Submission;
  action: string;
  actor: Actor;
  /** The transition request (e.g. a reviewer's `decision`). */
  body: TransitionCommand;
  now: Date;
  outcome: TransitionOutcome;
  /** The `context` that `prepare` returned for this transition's snapshot, if it froze one. */
  prepared?: unknown;
}

/** What a kind's policy adds to a transition: more changes in the same transaction, fields of the submission. */
export interface TransitionEffects {
  allocationChanges?: AllocationChange[];
  figures?: FiguresWrite;
  patch?: Partial<Submission>;
  /** A follow-up record's application, changed in the same transaction. */
  parent?: ParentWrite;
  /**
   * Documents the change issues with what they state (an amended decision, a repayment claim), to the case file
   * of `submissionId` (the application): written pending in the same transaction, rendered after the commit.
   */
  documents?: IssuedDocument[];
}

/** A document a policy issues; the service gives it its id and the change's time. */
export type IssuedDocument = Omit<Parameters<typeof pendingDocument>[0], 'id' | 'issuedAt'>;
