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
}

const FROM: Record<Action, readonly Status[]> = {
  submit: ['draft', 'revised'],
  approve: ['review'],
  return: ['review'],
  amend: ['approved'],
};

/**
 * The workflow draft → review → approved / revised, as a pure function of the form's workflow, the current
 * state and the action. Who may act is decided by `access.ts`; this decides what the action does.
 */
export function decideTransition(
  workflow: WorkflowDefinition,
  current: { status: Status; amending: boolean },
  action: Action,
  comment?: string,
): TransitionOutcome {
  const from = current.status;
  if (!FROM[action].includes(from)) {
    throw conflict('workflow.action_not_allowed', `Action "${action}" is not allowed in state "${from}".`);
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
  }
}

/** The transitions the workflow offers in the current state (who may take them is for `access.ts`). */
export function possibleActions(
  workflow: Pick<WorkflowDefinition, 'amend'>,
  current: { status: Status },
): Action[] {
  return (Object.keys(FROM) as Action[]).filter(
    (action) => FROM[action].includes(current.status) && (action !== 'amend' || workflow.amend === true),
  );
}

/** States in which the owner side may change the data or attachments. */
export const EDITABLE: readonly Status[] = ['draft', 'revised'];
export const isEditable = (status: Status) => EDITABLE.includes(status);
