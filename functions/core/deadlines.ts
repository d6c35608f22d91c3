/**
 * Deadlines ("Fristen") as pure rules, in Europe/Berlin calendar dates (`YYYY-MM-DD`): which reminder is
 * due on a given day. A reminder is keyed by record, deadline date and stage, so each is sent once and a
 * moved deadline gets reminders of its own.
 */
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
