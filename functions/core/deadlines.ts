/**
 * Deadlines ("Fristen") as pure rules, in Europe/Berlin calendar dates (`YYYY-MM-DD`): which reminder is
 * due on a given day. A reminder is keyed by record, deadline date and stage, so each is sent once and a
 * moved deadline gets reminders of its own.
 */
import { proofOfUseDue } from './documents/letters.ts';
import type { NotificationType } from './notifications.ts';

/** A plan's review is announced this many days ahead. */
export const PLAN_REVIEW_NOTICE_DAYS = 14;
/** The yearly key figures are due on 31 January and announced this many days ahead. */
export const KEY_FIGURES_NOTICE_DAYS = 21;

export type Stage = 'due' | 'overdue';

export interface Reminder {
  /** `{kind}#{record}#{dueDate}#{stage}`: unique per record, deadline and stage. */
  key: string;
  type: NotificationType;
  stage: Stage;
  dueDate: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whole days from `from` to `to` (both calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The reminder a plan's next review date calls for today, if any. */
export function planReviewReminder(
  planId: string,
  nextReviewDate: unknown,
  today: string,
): Reminder | undefined {
  if (typeof nextReviewDate !== 'string' || !ISO_DATE.test(nextReviewDate)) return undefined;
  const left = daysBetween(today, nextReviewDate);
  if (left > PLAN_REVIEW_NOTICE_DAYS) return undefined;
  const stage: Stage = left < 0 ? 'overdue' : 'due';
  return {
    key: `plan-review#${planId}#${nextReviewDate}#${stage}`,
    type: stage === 'due' ? 'deadline.plan_review_due' : 'deadline.plan_review_overdue',
    stage,
    dueDate: nextReviewDate,
  };
}

/** The key figures reminder of an organisation, in the weeks before 31 January. */
export function keyFiguresReminder(org: string, today: string): Reminder | undefined {
  const dueDate = `${today.slice(0, 4)}-01-31`;
  const left = daysBetween(today, dueDate);
  if (left < 0 || left > KEY_FIGURES_NOTICE_DAYS) return undefined;
  return {
    key: `key-figures#${org}#${dueDate}#due`,
    type: 'deadline.key_figures_due',
    stage: 'due',
    dueDate,
  };
}

/** The proof of use is announced this many days ahead, and again shortly before. */
export const PROOF_OF_USE_NOTICE_DAYS = [30, 7] as const;
/** The end of the payment window is announced this many days ahead. */
export const PAYMENT_WINDOW_NOTICE_DAYS = 30;

/** What the funding deadlines of an approved application are read from. */
export interface GrantDeadlineSource {
  id: string;
  /** The funding period's last day as decided (else as applied for). */
  fundingEnd: unknown;
  /** The final proof of use came in: no more reminders for it. */
  proofOfUseIn: boolean;
  /** Nothing is left to call: no reminder of the payment window. */
  nothingAvailable: boolean;
}

/**
 * The proof-of-use reminder an approved application calls for today: 30 and 7 days ahead (`due`, keyed by
 * the notice so each goes once), then once when it is overdue.
 */
export function proofOfUseReminder(source: GrantDeadlineSource, today: string): Reminder | undefined {
  if (source.proofOfUseIn || typeof source.fundingEnd !== 'string' || !ISO_DATE.test(source.fundingEnd))
    return undefined;
  // The date the decision letter names (a month's end stays a month's end).
  const dueDate = proofOfUseDue(source.fundingEnd);
  const left = daysBetween(today, dueDate);
  if (left < 0)
    return {
      key: `proof-of-use#${source.id}#${dueDate}#overdue`,
      type: 'deadline.proof_of_use_overdue',
      stage: 'overdue',
      dueDate,
    };
  // The nearest notice already reached: a run missed on day 30 still reminds on day 29, but only once.
  const notice = [...PROOF_OF_USE_NOTICE_DAYS].sort((a, b) => a - b).find((days) => left <= days);
  if (notice === undefined) return undefined;
  return {
    key: `proof-of-use#${source.id}#${dueDate}#due-${notice}`,
    type: 'deadline.proof_of_use_due',
    stage: 'due',
    dueDate,
  };
}

/**
 * The reminder that the window for payment requests closes, 30 days before its last day: the funding period
 * plus three months, counted as for the proof of use.
 */
export function paymentWindowReminder(source: GrantDeadlineSource, today: string): Reminder | undefined {
  if (source.nothingAvailable || typeof source.fundingEnd !== 'string' || !ISO_DATE.test(source.fundingEnd))
    return undefined;
  const dueDate = proofOfUseDue(source.fundingEnd);
  const left = daysBetween(today, dueDate);
  if (left < 0 || left > PAYMENT_WINDOW_NOTICE_DAYS) return undefined;
  return {
    key: `payment-window#${source.id}#${dueDate}#due`,
    type: 'deadline.payment_window_closing',
    stage: 'due',
    dueDate,
  };
}
