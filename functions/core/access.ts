import { conflict, forbidden, notFound } from './errors.ts';
import { effectiveRoles, KIND_RULES, type WorkflowDefinition } from './forms.ts';
import { awaitsConfirmationOf } from './joint-confirmation.ts';
import type { Action, Actor, Role, Submission } from './model.ts';
import { isEditable, isReviewerAction, possibleActions } from './workflow.ts';

/**
 * Who may see and do what, as pure functions of the caller, the submission and its form's workflow.
 * Reading something you may not see is a 404 (its existence is not revealed); doing something your role
 * may not do is a 403.
 */

type Subject = Pick<Submission, 'kind' | 'org' | 'assignedTo' | 'revision' | 'submittedAt' | 'locked'> & {
  /** Joint funding applications: member organisations may read. */
  members?: string[];
};

/** How the caller sees a submission: the working copy, or only the latest frozen snapshot. */
export type ReadAccess = 'working' | 'snapshot' | false;

const has = (actor: Actor, role: Role) => actor.roles.includes(role);

/** True if the caller belongs to the owner side of this submission (may edit, submit, amend). */
export function isOwnerSide(actor: Actor, workflow: WorkflowDefinition, sub: Subject): boolean {
  const kind = workflow.kind;
  if (actor.org !== sub.org) return false;
  if (kind === 'case') return has(actor, 'manager') && sub.assignedTo === actor.sub;
  const ownerRoles = new Set([...effectiveRoles(workflow, 'start'), ...effectiveRoles(workflow, 'submit')]);
  return actor.roles.some((r) => ownerRoles.has(r));
}

/** True if the caller may review (approve / return) this submission. */
export function isReviewerSide(actor: Actor, workflow: WorkflowDefinition, sub: Subject): boolean {
  const reviewRoles = effectiveRoles(workflow, 'review');
  return actor.roles.some((role) => {
    if (!reviewRoles.includes(role)) return false;
    // Organisation roles review within their organisation; the state reviews across organisations.
    if (KIND_RULES[workflow.kind].sameOrgReview || role !== 'reviewer') return actor.org === sub.org;
    return true;
  });
}

export function readAccess(actor: Actor, workflow: WorkflowDefinition, sub: Subject): ReadAccess {
  // Admins publish forms; they see no submission. Case data never reaches roles outside the kind's bound.
  if (has(actor, 'admin') && actor.roles.length === 1) return false;
  const visible = KIND_RULES[sub.kind].visibleTo;
  if (!actor.roles.some((r) => visible.includes(r))) return false;
  if (isOwnerSide(actor, workflow, sub)) return 'working';
  if (sub.kind === 'case' && has(actor, 'coordinator') && actor.org === sub.org) return 'working';
  // Members of a joint application read the lead's working copy: they confirm the share they see there.
  if (isJointMember(actor, sub)) return 'working';
  // Reviewers read what was submitted, never a draft or a working copy.
  if (isReviewerSide(actor, workflow, sub) && sub.revision > 0) return 'snapshot';
  return false;
}

/** True if the caller is a member municipality (not the lead) of a joint funding application. */
export function isJointMember(actor: Actor, sub: Pick<Subject, 'kind' | 'org' | 'members'>): boolean {
  return (
    sub.kind === 'funding' &&
    has(actor, 'municipality') &&
    actor.org !== sub.org &&
    (sub.members?.includes(actor.org) ?? false)
  );
}

/** Throws 404 if the caller may not see the submission; returns how they see it. */
export function assertReadable(
  actor: Actor,
  workflow: WorkflowDefinition,
  sub: Subject,
): 'working' | 'snapshot' {
  const access = readAccess(actor, workflow, sub);
  if (!access) throw notFound('submission.not_found', 'Submission not found.');
  return access;
}

/** Throws 404 if invisible, 403 if the caller's side may not take this action, 409 if the plan is locked. */
export function assertMayAct(
  actor: Actor,
  workflow: WorkflowDefinition,
  sub: Subject,
  action: Action | 'save',
): void {
  assertReadable(actor, workflow, sub);
  const allowed = isReviewerAction(action)
    ? isReviewerSide(actor, workflow, sub)
    : isOwnerSide(actor, workflow, sub);
  if (!allowed) {
    throw forbidden(
      'submission.forbidden',
      `Your role may not ${action === 'save' ? 'edit' : action} this submission.`,
    );
  }
  // Consent to storage withdrawn: the plan is only kept until its erasure, nothing changes it any more.
  if (sub.locked) {
    throw conflict(
      'submission.locked',
      'Consent to storage was withdrawn: the plan is locked and scheduled for erasure.',
    );
  }
}

/** Throws 403 unless the caller may start a submission of this form. */
export function assertMayStart(actor: Actor, workflow: WorkflowDefinition): void {
  const starters = effectiveRoles(workflow, 'start');
  if (!actor.roles.some((r) => starters.includes(r))) {
    throw forbidden('submission.start_forbidden', 'Your role may not start a submission of this form.');
  }
}

/** Whether a form is usable by the caller at all (listed in GET /api/forms). */
export function mayUseForm(actor: Actor, workflow: WorkflowDefinition): boolean {
  if (has(actor, 'admin')) return true;
  const visible = KIND_RULES[workflow.kind].visibleTo;
  return actor.roles.some(
    (r) =>
      visible.includes(r) &&
      (workflow.start.includes(r) || workflow.submit.includes(r) || workflow.review.includes(r)),
  );
}

/**
 * What a caller may do with a submission now: `save` (edit the data), the workflow's transitions
 * (`submit`, `approve`, `return`, `amend`), `assign` (hand a plan to another manager), `upload` (add or
 * delete attachments), `withdrawConsent` (record a person's withdrawal), `confirmShare` (a joint
 * application's member confirms its participation and share). The server answers every
 * single-submission request with this list, so the web renders buttons and editability from it alone.
 */
export const ALLOWED_ACTIONS = [
  'save',
  'submit',
  'approve',
  'return',
  'amend',
  'assign',
  'upload',
  'withdrawConsent',
  'reject',
  'withdraw',
  'revoke',
  'confirm',
  'discard',
  /** Reviewer: record notification by post, a defective remedy notice, an action filed or closed. */
  'recordFinality',
  /** Applicant side: waive legal remedy ("Rechtsbehelfsverzicht"). */
  'waiveRemedy',
  'confirmShare',
] as const;
export type AllowedAction = (typeof ALLOWED_ACTIONS)[number];

type ActionSubject = Subject &
  Pick<Submission, 'status'> &
  Partial<Pick<Submission, 'data' | 'jointConfirmations'>> & {
    amending?: boolean;
    proposal?: Submission['proposal'];
    decision?: Pick<NonNullable<Submission['decision']>, 'notifiedAt' | 'finalAt' | 'finality'>;
  };

/** The actions the caller may take on the submission now, by the same rules the use cases enforce. */
export function allowedActions(
  actor: Actor,
  workflow: WorkflowDefinition,
  sub: ActionSubject,
): AllowedAction[] {
  if (!readAccess(actor, workflow, sub)) return [];
  // Consent to storage withdrawn: nothing changes the plan any more.
  if (sub.locked) return [];
  const owner = isOwnerSide(actor, workflow, sub);
  const reviewer = isReviewerSide(actor, workflow, sub);
  const allowed: AllowedAction[] = [];
  if (owner && isEditable(sub.status)) allowed.push('save');
  for (const action of possibleActions(workflow, sub)) {
    // Four-eyes: the reviewer who proposed a decision may not confirm it.
    if (action === 'confirm' && sub.proposal?.proposedBy.sub === actor.sub) continue;
    if (isReviewerAction(action) ? reviewer : owner) allowed.push(action);
  }
  const coordinator = sub.kind === 'case' && has(actor, 'coordinator') && actor.org === sub.org;
  if (coordinator) allowed.push('assign');
  if (owner && isEditable(sub.status)) allowed.push('upload');
  if (sub.kind === 'case' && (owner || coordinator)) allowed.push('withdrawConsent');
  const finality = sub.decision?.finality;
  if (finality && sub.kind !== 'case' && (sub.status === 'approved' || sub.status === 'rejected')) {
    if (reviewer) allowed.push('recordFinality');
    // A waiver needs the decision notified; once waived, or with an action filed, there is nothing to waive.
    if (owner && sub.decision?.notifiedAt && !finality.remedyWaivedOn && !finality.actionFiledOn)
      allowed.push('waiveRemedy');
  }
  // A member confirms its current share while the lead can still change it (a list item has no data: none).
  if (
    sub.data &&
    isJointMember(actor, sub) &&
    isEditable(sub.status) &&
    awaitsConfirmationOf(
      { data: sub.data, org: sub.org, jointConfirmations: sub.jointConfirmations },
      actor.org,
    )
  )
    allowed.push('confirmShare');
  return allowed;
}

/**
 * The submission as an answer: with what the caller may do with it. A four-eyes proposal is internal to the
 * reviewing side: nobody else sees it.
 */
export const withAllowed = <S extends ActionSubject>(
  actor: Actor,
  workflow: WorkflowDefinition,
  sub: S,
): S & { allowed: AllowedAction[] } => {
  const allowed = allowedActions(actor, workflow, sub);
  if (sub.proposal === undefined || isReviewerSide(actor, workflow, sub)) return { ...sub, allowed };
  const { proposal: _internal, ...rest } = sub;
  return { ...(rest as S), allowed };
};
