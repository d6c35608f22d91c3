import { badRequest, conflict } from './errors.ts';
import type { WorkflowDefinition } from './forms.ts';
import type { Action, Status } from './model.ts';

/** What a transition does to the submission, decided without I/O. */
export interface TransitionOutcome {
  action: Action;
  from: Status;
  to: Status;
  /** A new frozen snapshot is written (submit). */
  freezesRevision: boolean;
  /** The (new or current) revision becomes the approved one. */
  approves: boolean;
  /** After the transition the submission is an amendment working copy. */
  amending: boolean;
  /**
   * Four-eyes forms: `propose` stores the approval or refusal as a proposal (the state stays), `discard` drops
   * it, `confirm` applies it (the outcome is then that of the proposed action).
   */
  fourEyes?: 'propose' | 'discard' | 'confirm';
}

/** Actions of the reviewing side; every other action is the owner side's. */
export const REVIEWER_ACTIONS: readonly Action[] = [
  'approve',
  'return',
  'reject',
  'revoke',
  'confirm',
  'discard',
];
export const isReviewerAction = (action: Action | 'save') =>
  (REVIEWER_ACTIONS as readonly string[]).includes(action);

/** Refusing, withdrawing and revoking belong to decisions on applications, not to plans (case forms). */
const DECISION_ACTIONS: readonly Action[] = ['reject', 'withdraw', 'revoke', 'confirm', 'discard'];

const FROM: Record<Action, readonly Status[]> = {
  submit: ['draft', 'revised'],
  approve: ['review'],
  return: ['review'],
  amend: ['approved'],
  reject: ['review'],
  withdraw: ['draft', 'revised', 'review'],
  revoke: ['approved'],
  confirm: ['review'],
  discard: ['review'],
};

/** What the workflow reads of the submission. */
export interface WorkflowState {
  status: Status;
  amending: boolean;
  /** A pending four-eyes proposal, if any. */
  proposal?: { action: 'approve' | 'reject' } | undefined;
}

const requireComment = (comment: string | undefined, what: string) => {
  if (!comment || comment.trim() === '') {
    throw badRequest('workflow.comment_required', `${what} requires a comment.`, [
      { pointer: '/comment', message: 'A non-empty comment is required.' },
    ]);
  }
};

/**
 * The workflow draft → review → approved / revised, as a pure function of the form's workflow, the current
 * state and the action. Who may act is decided by `access.ts`; this decides what the action does.
 */
export function decideTransition(
  workflow: WorkflowDefinition,
  current: WorkflowState,
  action: Action,
  comment?: string,
): TransitionOutcome {
  const from = current.status;
  if (
    !FROM[action].includes(from) ||
    (workflow.kind === 'case' && DECISION_ACTIONS.includes(action)) ||
    // An amendment working copy was approved before: it is not withdrawn, its approval would be revoked.
    (action === 'withdraw' && current.amending)
  ) {
    throw conflict('workflow.action_not_allowed', `Action "${action}" is not allowed in state "${from}".`);
  }
  const fourEyes = workflow.fourEyes === true && workflow.kind !== 'case';
  if (fourEyes && (action === 'approve' || action === 'reject')) {
    if (current.proposal)
      throw conflict(
        'workflow.proposal_pending',
        'A proposed decision waits for confirmation; confirm or discard it first.',
      );
    if (action === 'reject') requireComment(comment, 'Refusing');
    return {
      action,
      from,
      to: from,
      freezesRevision: false,
      approves: false,
      amending: current.amending,
      fourEyes: 'propose',
    };
  }
  if (action === 'confirm' || action === 'discard') {
    if (!fourEyes || !current.proposal)
      throw conflict('workflow.no_proposal', 'There is no proposed decision to confirm or discard.');
    if (action === 'discard')
      return {
        action,
        from,
        to: from,
        freezesRevision: false,
        approves: false,
        amending: current.amending,
        fourEyes: 'discard',
      };
    const applied = decideTransition(
      { ...workflow, fourEyes: false },
      { ...current, proposal: undefined },
      current.proposal.action,
      'confirmed',
    );
    return { ...applied, fourEyes: 'confirm' };
  }
  switch (action) {
    case 'submit': {
      // An amendment of a form whose amendments need no review is agreed at once ("Fortschreibung").
      const direct = current.amending && !workflow.amendNeedsReview;
      return {
        action,
        from,
        to: direct ? 'approved' : 'review',
        freezesRevision: true,
        approves: direct,
        amending: false,
      };
    }
    case 'approve':
      return { action, from, to: 'approved', freezesRevision: false, approves: true, amending: false };
    case 'return':
      if (!comment || comment.trim() === '') {
        throw badRequest('workflow.comment_required', 'Returning for revision requires a comment.', [
          { pointer: '/comment', message: 'A non-empty comment is required.' },
        ]);
      }
      return {
        action,
        from,
        to: 'revised',
        freezesRevision: false,
        approves: false,
        amending: current.amending,
      };
    case 'amend':
      if (!workflow.amend) {
        throw conflict(
          'workflow.amend_not_allowed',
          'This form does not allow amending an approved submission.',
        );
      }
      return { action, from, to: 'draft', freezesRevision: false, approves: false, amending: true };
    case 'reject':
      requireComment(comment, 'Refusing');
      return { action, from, to: 'rejected', freezesRevision: false, approves: false, amending: false };
    case 'withdraw':
      return { action, from, to: 'withdrawn', freezesRevision: false, approves: false, amending: false };
    case 'revoke':
      requireComment(comment, 'Revoking');
      return { action, from, to: 'revoked', freezesRevision: false, approves: false, amending: false };
  }
}

/** The transitions the workflow offers in the current state (who may take them is for `access.ts`). */
export function possibleActions(
  workflow: Pick<WorkflowDefinition, 'amend' | 'kind' | 'fourEyes'>,
  current: { status: Status; amending?: boolean; proposal?: unknown },
): Action[] {
  const fourEyes = workflow.fourEyes === true && workflow.kind !== 'case';
  return (Object.keys(FROM) as Action[]).filter((action) => {
    if (!FROM[action].includes(current.status)) return false;
    if (action === 'amend') return workflow.amend === true;
    if (workflow.kind === 'case' && DECISION_ACTIONS.includes(action)) return false;
    if (action === 'withdraw') return current.amending !== true;
    if (action === 'confirm' || action === 'discard') return fourEyes && current.proposal !== undefined;
    if (action === 'approve' || action === 'reject') return !(fourEyes && current.proposal !== undefined);
    return true;
  });
}

/** States in which the owner side may change the data or attachments. */
export const EDITABLE: readonly Status[] = ['draft', 'revised'];
export const isEditable = (status: Status) => EDITABLE.includes(status);
