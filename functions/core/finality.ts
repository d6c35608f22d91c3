/**
 * When a decision counts as notified and when it becomes final ("bestandskräftig"), as pure date rules.
 *
 * - Notification by retrieval (§ 41 (2a) LVwVfG): a decision provided for retrieval counts as notified on the
 *   day after the applicant's first retrieval. If it is not retrieved within ten days of the notice that it is
 *   ready, the provision ends; the authority then notifies it by other means (post) and records the date.
 * - Deadlines (§§ 187–193 BGB, by § 31 LVwVfG and § 57 VwGO): the day of the event is not counted (§ 187 (1));
 *   a deadline of months ends with the end of the day of the last month with the same number as the event's
 *   day, or the month's last day where it has none (§ 188 (2), (3)); an end on a Saturday, Sunday or public
 *   holiday at the place (Baden-Württemberg) moves to the next working day (§ 193).
 * - The time for an action is one month after notification (§ 74 VwGO), one year where the notice of legal
 *   remedy ("Rechtsbehelfsbelehrung") is missing or wrong (§ 58 (2) VwGO). A waiver of legal remedy
 *   ("Rechtsbehelfsverzicht") makes the decision final at once; while an action runs it is not final.
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`, Europe/Berlin); no clock is read here.
 */
import type { Decision, Submission } from './model.ts';
import { addMonths } from './retention.ts';

/** Days after the notice that a decision is ready within which a retrieval notifies it (§ 41 (2a) LVwVfG). */
export const RETRIEVAL_WINDOW_DAYS = 10;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
};
const utc = (date: string) => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => {
  const t = new Date(ms);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => fromUtc(utc(date) + days * 86_400_000);

/** Days in a month (1–12) of a year, leap years by the Gregorian rule. */
export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Easter Sunday of a year (Gregorian calendar; the anonymous Gauss/Meeus algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/**
 * The statutory public holidays of Baden-Württemberg in a year (Feiertagsgesetz BW § 1), by date with their
 * German name. Easter Sunday and Whit Sunday are Sundays anyway and not listed.
 */
export function publicHolidaysBW(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const list: Array<[string, string]> = [
    [iso(year, 1, 1), 'Neujahr'],
    [iso(year, 1, 6), 'Heilige Drei Könige'],
    [addDays(easter, -2), 'Karfreitag'],
    [addDays(easter, 1), 'Ostermontag'],
    [iso(year, 5, 1), 'Tag der Arbeit'],
    [addDays(easter, 39), 'Christi Himmelfahrt'],
    [addDays(easter, 50), 'Pfingstmontag'],
    [addDays(easter, 60), 'Fronleichnam'],
    [iso(year, 10, 3), 'Tag der Deutschen Einheit'],
    [iso(year, 11, 1), 'Allerheiligen'],
    [iso(year, 12, 25), 'Erster Weihnachtstag'],
    [iso(year, 12, 26), 'Zweiter Weihnachtstag'],
  ];
  return new Map(list);
}

/** Whether a day is a working day in Baden-Württemberg (not Saturday, Sunday or a public holiday). */
export function isWorkingDayBW(date: string): boolean {
  const weekday = new Date(utc(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidaysBW(parts(date)[0]).has(date);
}

/** § 193 BGB: an end on a Saturday, Sunday or public holiday moves to the next working day. */
export function nextWorkingDayBW(date: string): string {
  let day = date;
  while (!isWorkingDayBW(day)) day = addDays(day, 1);
  return day;
}

/**
 * The last day of a deadline of `months` months that starts with an event on `eventDate` (§§ 187 (1),
 * 188 (2), (3), 193 BGB): the day of the later month with the same number, or that month's last day, moved to
 * the next working day in Baden-Württemberg.
 */
export function deadlineEnd(eventDate: string, months: number): string {
  return nextWorkingDayBW(addMonths(eventDate, months));
}

/** The day a retrieval notifies the decision: the day after the retrieval (Berlin calendar days). */
export const notifiedOnRetrieval = (retrievalDate: string): string => addDays(retrievalDate, 1);

/** Whether a retrieval on `retrievalDate` still lies within the ten days after the notice on `readyDate`. */
export const withinRetrievalWindow = (readyDate: string, retrievalDate: string): boolean =>
  retrievalDate >= readyDate && retrievalDate <= addDays(readyDate, RETRIEVAL_WINDOW_DAYS);

/** The last day on which the applicant may still retrieve the decision with effect of notification. */
export const retrievalWindowEnd = (readyDate: string): string => addDays(readyDate, RETRIEVAL_WINDOW_DAYS);

/**
 * From which day the decision is final, or `undefined` while it is not (yet) determined: not notified, or an
 * action filed and not recorded as closed. A waiver makes it final on its day; a closed action on the day it
 * was recorded closed; otherwise the day after the time for an action ended.
 */
export function finalFrom(decision: Pick<Decision, 'notifiedAt' | 'finality'>): string | undefined {
  const f = decision.finality;
  if (f?.actionFiledOn) return f.actionClosedOn;
  // A waiver counts from its day, but never before the decision is notified.
  if (f?.remedyWaivedOn)
    return decision.notifiedAt && decision.notifiedAt > f.remedyWaivedOn
      ? decision.notifiedAt
      : f.remedyWaivedOn;
  if (!decision.notifiedAt) return undefined;
  return addDays(deadlineEnd(decision.notifiedAt, f?.remedyNoticeDefective ? 12 : 1), 1);
}

/** The decision with `finalAt` computed anew from its recorded steps. */
export function withFinalAt<D extends Decision>(decision: D): D {
  const finalAt = finalFrom(decision);
  const { finalAt: _old, ...rest } = decision;
  return (finalAt ? { ...rest, finalAt } : rest) as D;
}

/**
 * Whether the approval of an application is final on `today` (ISO date): the one rule follow-up records
 * (payment requests) read.
 */
export function isDecisionFinal(submission: Pick<Submission, 'status' | 'decision'>, today: string): boolean {
  return (
    submission.status === 'approved' &&
    submission.decision?.finalAt !== undefined &&
    submission.decision.finalAt <= today
  );
}
