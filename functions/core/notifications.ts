/**
 * Notifications ("Benachrichtigungen"), as pure rules: which change of a submission is worth telling
 * someone, and who that is. No I/O; the outbox item is derived from the change the store writes, so a
 * change and its notification event are one transaction, and a change that fails writes none.
 *
 * Nothing personal goes into an event or a notification: no names, no form data, no comments; only what
 * happened, ids, and the reference (file number of a decision, else the submission id).
 */
import type { FormKind, HistoryEvent, Role, Submission } from './model.ts';

export const NOTIFICATION_TYPES = [
  'application.submitted',
  'application.returned',
  'application.decided',
  'application.rejected',
  'application.withdrawn',
  'application.revoked',
  'decision.proposed',
  'application.confirmation_requested',
  'application.member_confirmed',
  'plan.submitted',
  'plan.agreed',
  'plan.returned',
  'plan.reassigned',
  'plan.consent_withdrawn',
  'attachment.refused',
  'deadline.plan_review_due',
  'deadline.plan_review_overdue',
  'deadline.overdue_summary',
  'deadline.key_figures_due',
  'deadline.proof_of_use_due',
  'deadline.proof_of_use_overdue',
  'deadline.payment_window_closing',
  'followup.submitted',
  'followup.returned',
  'followup.refused',
  'payment.released',
  'payment.paid',
  'change.decided',
  'proof.accepted',
  'repayment.claimed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Who receives an event: users by organisation and role, the reviewers (any state organisation), or one user. */
export type Audience =
  | { kind: 'org-role'; org: string; role: Role }
  | { kind: 'reviewers' }
  | { kind: 'user'; sub: string };

/** One outbox item: written with the change, fanned out to recipients after the commit. */
export interface OutboxEvent {
  /** `{submissionId}#{version}` for changes (unique and stable), `{key}` for reminders. */
  id: string;
  type: NotificationType;
  at: string;
  /** The case it is about (none for summaries and organisation-wide deadlines). */
  submissionId?: string;
  formId?: string;
  kind?: FormKind;
  /** The organisation the submission belongs to (the mail sender is chosen by it). */
  org: string;
  /** The file number of a decision, else the submission id ("Vorgangsnummer"). */
  reference: string;
  audience: Audience[];
  /** The user whose action it was: never notified of their own action. */
  actor?: string;
  /** Reminders: the deadline date (Europe/Berlin) and, for summaries, how many records are overdue. */
  dueDate?: string;
  count?: number;
}

/** One entry in a user's notification list. */
export interface Notification {
  id: string;
  eventId: string;
  type: NotificationType;
  at: string;
  submissionId?: string;
  formId?: string;
  kind?: FormKind;
  reference: string;
  dueDate?: string;
  count?: number;
  readAt?: string;
}

export const DELIVERY_MODES = ['immediate', 'digest', 'in-app'] as const;
/** E-mail at once, a daily digest, or in the app only. */
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Preferences {
  delivery: DeliveryMode;
  language: Language;
}

/** What SES reported about an address: a permanent bounce or a complaint. */
export type AddressProblem = 'bounce' | 'complaint';

export const DEFAULT_PREFERENCES: Preferences = { delivery: 'immediate', language: 'de' };

/** Notifications and finished outbox items expire by themselves (they hold nothing personal). */
export const NOTIFICATION_TTL_DAYS = 180;
export const OUTBOX_SENT_TTL_DAYS = 14;

export const expiresAfterDays = (at: Date, days: number) => Math.floor(at.getTime() / 1000) + days * 86_400;

/** The part of a store write the outbox rule reads. */
export interface ChangeForOutbox {
  submission: Submission;
  event: HistoryEvent;
}

/**
 * What a notification names the record by: a plan by its case number ("Fallnummer", the organisation's own
 * reference, never a name), an application by its file number once it has one; the record id otherwise.
 */
export function referenceOf(
  sub: Pick<Submission, 'id' | 'kind' | 'decision' | 'fileNumber'> & { indexed?: Submission['indexed'] },
): string {
  if (sub.kind === 'case') {
    const caseId = sub.indexed?.caseId;
    if (typeof caseId === 'string' && caseId.trim() !== '') return caseId;
  }
  return sub.fileNumber ?? sub.decision?.fileNumber ?? sub.id;
}

const base = (sub: Submission, event: HistoryEvent) => ({
  id: `${sub.id}#${event.version}`,
  at: event.at,
  submissionId: sub.id,
  formId: sub.formId,
  kind: sub.kind,
  org: sub.org,
  reference: referenceOf(sub),
  actor: event.actor.sub,
});

const municipalityOf = (org: string): Audience => ({ kind: 'org-role', org, role: 'municipality' });

/** The applicant's side of a funding application: its municipality staff and those of its joint members. */
export const applicants = (sub: Pick<Submission, 'org' | 'members'>): Audience[] =>
  [sub.org, ...(sub.members ?? []).filter((m) => m !== sub.org)].map((org) => ({
    kind: 'org-role' as const,
    org,
    role: 'municipality' as const,
  }));

const manager = (sub: Submission): Audience[] =>
  sub.assignedTo ? [{ kind: 'user', sub: sub.assignedTo }] : [];
const coordinators = (sub: Submission): Audience[] => [
  { kind: 'org-role', org: sub.org, role: 'coordinator' },
];

/**
 * The outbox event a change produces, or none. Plans (case forms) never reach reviewers; applications
 * go to the reviewers when submitted and back to the applicant side when returned or decided.
 */
export function outboxEventFor(change: ChangeForOutbox): OutboxEvent | undefined {
  const { submission: sub, event } = change;
  const make = (type: NotificationType, audience: Audience[]): OutboxEvent | undefined =>
    audience.length ? { ...base(sub, event), type, audience } : undefined;
  if (sub.kind === 'case') {
    if (event.type === 'assigned') {
      const audience: Audience[] = [];
      if (event.previousAssignee && event.previousAssignee !== event.assignedTo)
        audience.push({ kind: 'user', sub: event.previousAssignee });
      if (event.assignedTo) audience.push({ kind: 'user', sub: event.assignedTo });
      return make('plan.reassigned', audience);
    }
    if (event.type === 'consent') return make('plan.consent_withdrawn', coordinators(sub));
    if (event.type !== 'transition') return undefined;
    if (event.action === 'submit' && event.to === 'review') return make('plan.submitted', coordinators(sub));
    if (event.action === 'approve') return make('plan.agreed', manager(sub));
    if (event.action === 'return') return make('plan.returned', manager(sub));
    return undefined;
  }
  if (sub.parentId) return followUpEvent(sub, event, make);
  // Four-eyes: a proposed decision waits for a second reviewer.
  if (event.type === 'proposal' && event.action !== 'discard')
    return make('decision.proposed', [{ kind: 'reviewers' }]);
  // Joint applications: the members named (or whose share changed) are asked; the lead hears of a confirmation.
  if (event.asked?.length) return make('application.confirmation_requested', event.asked.map(municipalityOf));
  if (event.type === 'member-confirmed')
    return make('application.member_confirmed', [municipalityOf(sub.org)]);
  if (event.type !== 'transition') return undefined;
  if (event.action === 'reject') return make('application.rejected', applicants(sub));
  if (event.action === 'revoke') return make('application.revoked', applicants(sub));
  // The reviewers hear of a withdrawal only of what they had in review.
  if (event.action === 'withdraw')
    return event.from === 'review' ? make('application.withdrawn', [{ kind: 'reviewers' }]) : undefined;
  if (event.action === 'submit' && event.to === 'review' && sub.kind === 'funding')
    return make('application.submitted', [{ kind: 'reviewers' }]);
  if (event.action === 'approve') return make('application.decided', applicants(sub));
  if (event.action === 'return') return make('application.returned', applicants(sub));
  return undefined;
}

/** What each follow-up record's approval means to the applicant. */
const APPROVED_FOLLOW_UP: Record<string, NotificationType> = {
  'payment-request': 'payment.released',
  'change-notice': 'change.decided',
  'proof-of-use': 'proof.accepted',
};

/**
 * Follow-up records of an application (payment requests, change notices, proofs of use): submitted to the
 * reviewers; returned, refused, released, paid, decided, accepted or answered with a repayment claim to the
 * applicant's side, under the application's file number.
 */
function followUpEvent(
  sub: Submission,
  event: HistoryEvent,
  make: (type: NotificationType, audience: Audience[]) => OutboxEvent | undefined,
): OutboxEvent | undefined {
  if (event.type === 'payout') return make('payment.paid', applicants(sub));
  if (event.type === 'proposal' && event.action !== 'discard')
    return make('decision.proposed', [{ kind: 'reviewers' }]);
  if (event.type !== 'transition') return undefined;
  if (event.action === 'submit' && event.to === 'review')
    return make('followup.submitted', [{ kind: 'reviewers' }]);
  if (event.action === 'return') return make('followup.returned', applicants(sub));
  if (event.action === 'reject') return make('followup.refused', applicants(sub));
  if (event.action === 'approve' || (event.action === 'confirm' && event.to === 'approved')) {
    if (sub.formId === 'proof-of-use' && sub.result?.claim) return make('repayment.claimed', applicants(sub));
    const type = APPROVED_FOLLOW_UP[sub.formId];
    return type ? make(type, applicants(sub)) : undefined;
  }
  return undefined;
}

/** A user as the recipient rules see them. */
export interface Recipient {
  sub: string;
  role: Role;
  org: string;
  email: string;
}

/** Whether a user belongs to an audience. Reviewers never receive anything about a plan. */
export function inAudience(
  event: Pick<OutboxEvent, 'audience' | 'actor' | 'kind' | 'type'>,
  user: Recipient,
  stateOrgs: ReadonlySet<string>,
): boolean {
  if (user.sub === event.actor) return false;
  const aboutPlans =
    event.kind === 'case' || event.type.startsWith('plan.') || event.type.startsWith('deadline.plan');
  if (aboutPlans && (user.role === 'reviewer' || user.role === 'admin')) return false;
  return event.audience.some((a) =>
    a.kind === 'user'
      ? a.sub === user.sub
      : a.kind === 'reviewers'
        ? user.role === 'reviewer' && stateOrgs.has(user.org)
        : user.org === a.org && user.role === a.role,
  );
}

/** The notification entry of one recipient (the same for every recipient of an event). */
export function notificationOf(event: OutboxEvent): Notification {
  return {
    id: event.id,
    eventId: event.id,
    type: event.type,
    at: event.at,
    ...(event.submissionId ? { submissionId: event.submissionId } : {}),
    ...(event.formId ? { formId: event.formId } : {}),
    ...(event.kind ? { kind: event.kind } : {}),
    reference: event.reference,
    ...(event.dueDate ? { dueDate: event.dueDate } : {}),
    ...(event.count !== undefined ? { count: event.count } : {}),
  };
}

/** Retries of a failed send: 1, 2, 4, … minutes, at most an hour; after `MAX_ATTEMPTS` it counts as failed. */
export const MAX_ATTEMPTS = 8;
export const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/** An upload refused by the checks or the malware scan: its uploader is told (by the attachment's own change). */
export function attachmentRefusedEvent(
  sub: Pick<Submission, 'id' | 'formId' | 'kind' | 'org' | 'decision' | 'fileNumber'>,
  attachment: { id: string; createdBy: string; version: number },
  at: string,
): OutboxEvent {
  return {
    id: `${sub.id}#attachment#${attachment.id}#${attachment.version + 1}`,
    type: 'attachment.refused',
    at,
    submissionId: sub.id,
    formId: sub.formId,
    kind: sub.kind,
    org: sub.org,
    reference: referenceOf(sub),
    audience: [{ kind: 'user', sub: attachment.createdBy }],
  };
}
