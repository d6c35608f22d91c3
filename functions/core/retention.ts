/**
 * Retention ("Aufbewahrung und Löschung") as pure rules: when a submission is due for erasure, read from its
 * form's config (`retention`) and its data, and what stays of it afterwards (a tombstone without personal
 * data). No I/O; "today" is passed in as an ISO date in Europe/Berlin.
 *
 * Every period counts from the later of the event's own date and the day the platform learned of it: a plan
 * closed or a consent withdrawn with a date in the past is never erased before anyone could see it was.
 */
import type { FormConfig } from './forms.ts';
import { type FormKind, isObject, type Submission } from './model.ts';
import { once } from './once.ts';

/** Plans: months after the plan is closed (closing agreed) or storage consent withdrawn. */
export const DEFAULT_PLAN_RETENTION_MONTHS = 6;
/** Funding applications: years after the funding period ends (at the earliest after the decision). */
export const DEFAULT_FUNDING_RETENTION_YEARS = 5;

export interface RetentionRule {
  afterClosedOrWithdrawnMonths?: number;
  afterFundingEndsYears?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v);
const later = (a: string, b: string) => (a > b ? a : b);
const whole = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;

/** The calendar date of an instant in Europe/Berlin (`YYYY-MM-DD`). */
export function berlinDate(now: Date): string {
  return BERLIN_DATE().format(now);
}

/**
 * Built once: constructing an `Intl.DateTimeFormat` costs more than a DynamoDB read's share of a request;
 * and on first use, not at import (see `once`).
 */
const BERLIN_DATE = once(
  () =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }),
);

/** Adds calendar months to an ISO date; the day is clamped to the target month's last day (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The form's retention rule with the defaults filled in. */
export function retentionRule(config: FormConfig | undefined): Required<RetentionRule> {
  const rule = isObject(config?.retention) ? config.retention : {};
  return {
    afterClosedOrWithdrawnMonths: whole(rule.afterClosedOrWithdrawnMonths, DEFAULT_PLAN_RETENTION_MONTHS),
    afterFundingEndsYears: whole(rule.afterFundingEndsYears, DEFAULT_FUNDING_RETENTION_YEARS),
  };
}

/**
 * The erasure date a submission gets from its state after a workflow transition on `today`:
 * - a plan (`case`) once its closing is agreed (approved with `/closing/date`): that date (at the earliest
 *   today) plus the plan period;
 * - a funding application once approved (or revoked): the end of its funding period (`/fundingPeriod/end`, at
 *   the earliest today) plus the funding period in years; once refused or withdrawn: today plus those years;
 * - otherwise none (a plan reopened by `amend` loses its date again).
 */
export function dueOnTransition(
  kind: FormKind,
  config: FormConfig | undefined,
  sub: Pick<Submission, 'status' | 'data'>,
  today: string,
): string | undefined {
  const rule = retentionRule(config);
  if (kind === 'funding') {
    // A refused or withdrawn application is kept as long as a funded one, counted from its closing day.
    if (sub.status === 'rejected' || sub.status === 'withdrawn')
      return addMonths(today, rule.afterFundingEndsYears * 12);
    // A revoked approval keeps the date of the approval (the repayment claim follows within it).
    if (sub.status === 'revoked') {
      const end = isObject(sub.data.fundingPeriod) ? sub.data.fundingPeriod.end : undefined;
      return isDate(end) ? addMonths(later(end, today), rule.afterFundingEndsYears * 12) : undefined;
    }
  }
  if (sub.status !== 'approved') return undefined;
  if (kind === 'case') {
    const closing = isObject(sub.data.closing) ? sub.data.closing.date : undefined;
    return isDate(closing) ? addMonths(later(closing, today), rule.afterClosedOrWithdrawnMonths) : undefined;
  }
  if (kind === 'funding') {
    const end = isObject(sub.data.fundingPeriod) ? sub.data.fundingPeriod.end : undefined;
    return isDate(end) ? addMonths(later(end, today), rule.afterFundingEndsYears * 12) : undefined;
  }
  return undefined;
}

/**
 * The erasure date after storage consent was withdrawn on `withdrawnAt` (recorded `today`): the plan period
 * after it, unless an earlier date was already set (a closed plan).
 */
export function dueOnWithdrawal(
  config: FormConfig | undefined,
  current: string | undefined,
  withdrawnAt: string,
  today: string,
): string {
  const due = addMonths(later(withdrawnAt, today), retentionRule(config).afterClosedOrWithdrawnMonths);
  return current !== undefined && current < due ? current : due;
}

/** True from the erasure date on: every read treats the submission as gone, even before the job ran. */
export const isErasureDue = (sub: Pick<Submission, 'erasureDueAt'>, today: string): boolean =>
  sub.erasureDueAt !== undefined && sub.erasureDueAt <= today;

/** Why a submission was erased. */
export type ErasureBasis = 'consent_withdrawn' | 'retention_period';

/**
 * What stays of an erased submission: no personal data, only what audits and figures need to add up (ids,
 * form, organisation, dates, counts of what was deleted; for funding applications the amounts decided). The
 * plan's anonymous figures record is kept separately and untouched.
 */
export interface Tombstone {
  id: string;
  formId: string;
  formVersion: number;
  kind: FormKind;
  org: string;
  reason: 'erased';
  basis: ErasureBasis;
  createdAt: string;
  submittedAt?: string;
  /** Number of the last approved revision, if any was approved. */
  approvedRevision: number | null;
  erasureDueAt: string;
  erasedAt: string;
  /** How many items of each kind were deleted. */
  counts: { revisions: number; events: number; attachments: number; accessLog: number };
  /** Funding applications: the round and the amounts decided (public money, no personal data). */
  funding?: { round?: string; requestedAmount?: number; approvedAmount?: number };
}

export function tombstoneOf(sub: Submission, counts: Tombstone['counts'], erasedAt: string): Tombstone {
  return {
    id: sub.id,
    formId: sub.formId,
    formVersion: sub.formVersion,
    kind: sub.kind,
    org: sub.org,
    reason: 'erased',
    basis: sub.locked ? 'consent_withdrawn' : 'retention_period',
    createdAt: sub.createdAt,
    ...(sub.submittedAt ? { submittedAt: sub.submittedAt } : {}),
    approvedRevision: sub.approvedRevision,
    erasureDueAt: sub.erasureDueAt ?? erasedAt.slice(0, 10),
    erasedAt,
    counts,
    ...(sub.kind === 'funding'
      ? {
          funding: {
            ...(sub.allocation?.round ? { round: sub.allocation.round } : {}),
            ...(sub.decision
              ? { requestedAmount: sub.decision.requestedAmount, approvedAmount: sub.decision.approvedAmount }
              : {}),
          },
        }
      : {}),
  };
}
