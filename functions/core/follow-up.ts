/**
 * Follow-up records of a funding application after its decision ("nach der Bewilligung"): payment requests
 * ("Mittelabruf"), change notices ("Änderungsanzeige") and proofs of use ("Zwischen-/Verwendungsnachweis"), as
 * pure rules. Which record may be started when, what is still available to call, how a change notice moves the
 * entitlement (the round's rates), and what a repayment claim ("Rückforderung", § 49a LVwVfG) proposes.
 *
 * No I/O, no clock: "today" is an ISO date in Europe/Berlin, passed in. Amounts are whole euros. Months are
 * counted as whole calendar months from a position's start date (a change effective on the 15th counts from the
 * month it falls in); the round's rate is per full-time equivalent and year.
 */
import { type FundingRound, normalizeIban, positionAmount } from './allocation-rules.ts';
import { isDecisionFinal } from './finality.ts';
import type { AmendedPosition, FollowUpRef, JsonObject, Submission } from './model.ts';
import { isObject } from './model.ts';
import { addMonths } from './retention.ts';

/** The application form whose follow-up records these are. */
export const APPLICATION_FORM = 'funding-application';

/** Follow-up forms by id and what each is. */
export const FOLLOW_UP_FORMS = {
  'payment-request': 'payment',
  'change-notice': 'change',
  'proof-of-use': 'proof',
} as const;
export type FollowUpKind = (typeof FOLLOW_UP_FORMS)[keyof typeof FOLLOW_UP_FORMS];

export const followUpKindOf = (formId: string): FollowUpKind | undefined =>
  Object.hasOwn(FOLLOW_UP_FORMS, formId)
    ? FOLLOW_UP_FORMS[formId as keyof typeof FOLLOW_UP_FORMS]
    : undefined;

/** Months after the funding period ends during which funds may still be called. */
export const CALL_MONTHS_AFTER_PERIOD = 3;
/** Most follow-up records one application holds (they are listed on it). */
export const MAX_CHILDREN = 200;

/** Why a follow-up record is refused (409 with the code). */
export interface Refusal {
  code: string;
  message: string;
}

type Parent = Pick<Submission, 'formId' | 'status' | 'decision' | 'data' | 'followUp'>;

/** The funding period as decided, else as applied for. */
export function fundingPeriodOf(
  parent: Pick<Submission, 'decision' | 'data'>,
): { start: string; end: string } | undefined {
  const applied = isObject(parent.data.fundingPeriod) ? parent.data.fundingPeriod : {};
  const start = parent.decision?.fundingStart ?? applied.start;
  const end = parent.decision?.fundingEnd ?? applied.end;
  return typeof start === 'string' && typeof end === 'string' ? { start, end } : undefined;
}

/** The approved amount as amended by change notices. */
export const approvedAmountOf = (parent: Pick<Submission, 'decision' | 'followUp'>): number =>
  parent.followUp?.approvedAmount ?? parent.decision?.approvedAmount ?? 0;

/** Payment requests count as requested from their submit until they are returned (or refused). */
const COUNTS_AS_REQUESTED = new Set(['review', 'approved']);

/** The application's money since the decision, in whole euros. */
export interface FinanceSummary {
  approved: number;
  requested: number;
  paid: number;
  reclaimed: number;
  /** Approved (as amended) − payment requests not refused. */
  available: number;
}

export function financeSummary(
  parent: Pick<Submission, 'decision' | 'followUp'>,
  exceptChild?: string,
): FinanceSummary {
  const children = (parent.followUp?.children ?? []).filter((c) => c.id !== exceptChild);
  const sum = (pick: (c: FollowUpRef) => number | undefined) =>
    children.reduce((total, c) => total + (pick(c) ?? 0), 0);
  const approved = approvedAmountOf(parent);
  const requested = sum((c) =>
    FOLLOW_UP_FORMS[c.formId as keyof typeof FOLLOW_UP_FORMS] === 'payment' &&
    COUNTS_AS_REQUESTED.has(c.status)
      ? c.amount
      : 0,
  );
  return {
    approved,
    requested,
    paid: sum((c) => c.paid),
    // Proofs of use with a claim, and the claim that followed a revocation.
    reclaimed: sum((c) => c.reclaimed) + (parent.decision?.revocation?.claim?.principal ?? 0),
    available: approved - requested,
  };
}

/**
 * Whether a follow-up record of `formId` may be started on the application on `today`: payment requests only
 * once the decision is final and until three months after the funding period; change notices and proofs of use
 * on an approved application.
 */
export function startRefusal(
  formId: string,
  parent: Parent,
  today: string,
  /** False for a record that exists already (its submit or approval): the count is not checked. */
  starting = true,
): Refusal | undefined {
  const kind = followUpKindOf(formId);
  if (!kind)
    return { code: 'followUp.not_a_follow_up', message: `Form ${formId} is not a follow-up record.` };
  if (parent.formId !== APPLICATION_FORM)
    return { code: 'followUp.parent_invalid', message: 'Follow-up records belong to a funding application.' };
  if (parent.status !== 'approved' || !parent.decision)
    return { code: 'followUp.not_approved', message: 'The application is not approved.' };
  if (starting && (parent.followUp?.children.length ?? 0) >= MAX_CHILDREN)
    return {
      code: 'followUp.too_many',
      message: `An application holds at most ${MAX_CHILDREN} follow-up records.`,
    };
  if (kind === 'payment') {
    if (!isDecisionFinal(parent, today))
      return {
        code: 'followUp.decision_not_final',
        message: 'Funds can be called only once the decision is final ("bestandskräftig").',
      };
    const period = fundingPeriodOf(parent);
    if (period && today > addMonths(period.end, CALL_MONTHS_AFTER_PERIOD))
      return {
        code: 'followUp.period_ended',
        message: `Funds can be called until ${CALL_MONTHS_AFTER_PERIOD} months after the funding period (${period.end}).`,
      };
  }
  return undefined;
}

/** The follow-up records a caller may start now (the web shows these as buttons). */
export const startableForms = (parent: Parent, today: string): string[] =>
  Object.keys(FOLLOW_UP_FORMS).filter((formId) => startRefusal(formId, parent, today) === undefined);

/**
 * A payment request's submit (and release): the start rules again, the period within the funding period, the
 * amount within what is available (its own earlier amount not counted).
 */
export function paymentRequestRefusal(
  parent: Parent,
  request: { id: string; amount: number; period?: { from?: unknown; to?: unknown } },
  today: string,
  /** False at the release: a request made in time is released after the deadline too. */
  deadline = true,
): Refusal | undefined {
  const start = startRefusal('payment-request', parent, today, false);
  if (start && (deadline || start.code !== 'followUp.period_ended')) return start;
  const period = fundingPeriodOf(parent);
  const from = request.period?.from;
  const to = request.period?.to;
  if (
    period &&
    (typeof from !== 'string' ||
      typeof to !== 'string' ||
      from > to ||
      from < period.start ||
      to > period.end)
  ) {
    return {
      code: 'paymentRequest.period_outside',
      message: `The period must lie within the funding period ${period.start} to ${period.end}.`,
    };
  }
  const { available } = financeSummary(parent, request.id);
  if (request.amount > available)
    return {
      code: 'paymentRequest.exceeds_available',
      message: `The amount exceeds what is available of the grant (${available} EUR).`,
    };
  return undefined;
}

/** Whether the payment request names a bank account other than the application's (by IBAN). */
export function bankAccountChanged(application: JsonObject, request: JsonObject): boolean {
  const applicant = isObject(application.applicant) ? application.applicant : {};
  const original = isObject(applicant.bankAccount) ? applicant.bankAccount.iban : undefined;
  const given = isObject(request.bankAccount) ? request.bankAccount.iban : undefined;
  if (typeof given !== 'string') return false;
  return typeof original !== 'string' || normalizeIban(original) !== normalizeIban(given);
}

/**
 * What a new record takes from its application: the round; for payment requests the bank account; for proofs of
 * use one row per position with its identifier and funded FTE (an applicant cannot know the identifiers the
 * platform gave the positions, and should not have to type them).
 */
export function prefill(formId: string, application: JsonObject): JsonObject {
  const data: JsonObject = {};
  if (typeof application.round === 'string') data.round = application.round;
  const applicant = isObject(application.applicant) ? application.applicant : {};
  if (followUpKindOf(formId) === 'proof' && Array.isArray(application.positions)) {
    const rows = application.positions.flatMap((p) =>
      isObject(p) && typeof p.id === 'string'
        ? [{ positionId: p.id, ...(typeof p.fte === 'number' ? { fte: p.fte } : {}) }]
        : [],
    );
    if (rows.length) data.positions = rows;
  }
  if (followUpKindOf(formId) === 'payment' && isObject(applicant.bankAccount)) {
    const { accountHolder, iban } = applicant.bankAccount;
    data.bankAccount = {
      ...(typeof accountHolder === 'string' ? { accountHolder } : {}),
      ...(typeof iban === 'string' ? { iban } : {}),
    };
  }
  return data;
}

// ---------------------------------------------------------------------------------------------------------------
// Positions over their months, and the entitlement

type Month = { fte: number; qualification: string; personName?: string } | null;

/** The positions as the application's decision funds them (each one segment), or as amended since. */
export function positionsOf(parent: Pick<Submission, 'data' | 'followUp'>): AmendedPosition[] {
  if (parent.followUp?.positions) return parent.followUp.positions;
  const list = Array.isArray(parent.data.positions) ? parent.data.positions : [];
  return list.filter(isObject).flatMap((p) =>
    typeof p.id === 'string' &&
    typeof p.startDate === 'string' &&
    typeof p.months === 'number' &&
    typeof p.fte === 'number' &&
    typeof p.qualification === 'string'
      ? [
          {
            id: p.id,
            startDate: p.startDate,
            months: p.months,
            segments: [
              {
                from: 0,
                months: p.months,
                fte: p.fte,
                qualification: p.qualification,
                ...(typeof p.personName === 'string' ? { personName: p.personName } : {}),
              },
            ],
          },
        ]
      : [],
  );
}

function expand(position: AmendedPosition): Month[] {
  const months: Month[] = Array.from({ length: position.months }, () => null);
  for (const s of position.segments) {
    for (let i = s.from; i < s.from + s.months && i < months.length; i++) {
      months[i] = {
        fte: s.fte,
        qualification: s.qualification,
        ...(s.personName !== undefined ? { personName: s.personName } : {}),
      };
    }
  }
  return months;
}

function compress(position: AmendedPosition, months: Month[]): AmendedPosition {
  const segments: AmendedPosition['segments'] = [];
  months.forEach((m, i) => {
    if (!m) return;
    const last = segments.at(-1);
    if (
      last &&
      last.from + last.months === i &&
      last.fte === m.fte &&
      last.qualification === m.qualification &&
      last.personName === m.personName
    )
      last.months++;
    else segments.push({ from: i, months: 1, ...m });
  });
  return { ...position, months: months.length, segments };
}

/** The whole month (from 0) of `date` counted from the position's start. */
export function monthIndex(startDate: string, date: string): number {
  const [y1, m1] = startDate.split('-').map(Number) as [number, number];
  const [y2, m2] = date.split('-').map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1);
}

/** The entitlement of positions with the round's rates: FTE × rate × months ÷ 12 per segment. */
export function entitlementOf(positions: readonly AmendedPosition[], round: FundingRound): number {
  let total = 0;
  for (const p of positions)
    for (const s of p.segments) total += positionAmount(s.fte, round.rates[s.qualification] ?? 0, s.months);
  return total;
}

/** One line of a change notice (`/positions/n` of the form). */
export interface PositionChange {
  positionId: string;
  type: 'staff-change' | 'vacancy' | 'fte-change' | 'end-of-employment' | 'salary-interruption';
  effectiveFrom: string;
  until?: string;
  personName?: string;
  qualification?: string;
  fte?: number;
}

/** Longest extension of a position's funding for interrupted salary payments, in months. */
export const MAX_INTERRUPTION_EXTENSION = 12;

/**
 * Applies one change to the positions: a staff change or an FTE change from its month on; a vacancy and an
 * interruption of salary payments take their months out (an interruption extends the position by as many
 * months, at most twelve); an end of employment ends the funding after its month.
 */
export function applyChange(
  positions: readonly AmendedPosition[],
  change: PositionChange,
): AmendedPosition[] | Refusal {
  const position = positions.find((p) => p.id === change.positionId);
  if (!position)
    return {
      code: 'changeNotice.unknown_position',
      message: `There is no funded position ${change.positionId}.`,
    };
  const months = expand(position);
  const from = Math.max(0, monthIndex(position.startDate, change.effectiveFrom));
  const through = change.until ? monthIndex(position.startDate, change.until) : from;
  if (through < from)
    return { code: 'changeNotice.invalid_dates', message: 'A change must not end before it begins.' };
  switch (change.type) {
    case 'staff-change':
    case 'fte-change':
      for (let i = from; i < months.length; i++) {
        const m = months[i];
        if (!m) continue;
        months[i] =
          change.type === 'fte-change'
            ? { ...m, fte: change.fte ?? m.fte }
            : {
                fte: m.fte,
                qualification: change.qualification ?? m.qualification,
                ...(change.personName ? { personName: change.personName } : {}),
              };
      }
      break;
    case 'vacancy':
      for (let i = from; i <= through && i < months.length; i++) months[i] = null;
      break;
    case 'end-of-employment':
      months.splice(from + 1);
      break;
    case 'salary-interruption': {
      const taken = months.slice(from, through + 1).filter(Boolean);
      for (let i = from; i <= through && i < months.length; i++) months[i] = null;
      // The months not paid are funded later instead, at the staffing the position had when it stopped.
      for (const m of taken.slice(0, MAX_INTERRUPTION_EXTENSION)) months.push(m);
      break;
    }
  }
  return positions.map((p) => (p.id === position.id ? compress(position, months) : p));
}

/** The entitlement before and after a change notice, and the approved amount that follows. */
export interface Recomputed {
  before: number;
  after: number;
  approvedBefore: number;
  approvedAfter: number;
  positions: AmendedPosition[];
}

/**
 * Recomputes the entitlement for a change notice's changes with the round's rates. Where less than the
 * entitlement was approved, the approved amount moves in the same proportion (a partial approval stays partial).
 */
export function recomputeEntitlement(
  parent: Pick<Submission, 'data' | 'followUp' | 'decision'>,
  changes: readonly PositionChange[],
  round: FundingRound,
): Recomputed | Refusal {
  let positions = positionsOf(parent);
  const before = entitlementOf(positions, round);
  for (const change of changes) {
    const next = applyChange(positions, change);
    if (!Array.isArray(next)) return next;
    positions = next;
  }
  const after = entitlementOf(positions, round);
  const approvedBefore = approvedAmountOf(parent);
  const approvedAfter =
    before > 0 ? Math.min(after, Math.round((approvedBefore * after) / before)) : approvedBefore;
  return { before, after, approvedBefore, approvedAfter, positions };
}

/** The changes of a change notice's data, in the shape the rules read. */
export function changesOf(data: JsonObject): PositionChange[] {
  const list = Array.isArray(data.positions) ? data.positions : [];
  return list.filter(isObject).flatMap((c) =>
    typeof c.positionId === 'string' && typeof c.type === 'string' && typeof c.effectiveFrom === 'string'
      ? [
          {
            positionId: c.positionId,
            type: c.type as PositionChange['type'],
            effectiveFrom: c.effectiveFrom,
            ...(typeof c.until === 'string' ? { until: c.until } : {}),
            ...(typeof c.personName === 'string' ? { personName: c.personName } : {}),
            ...(typeof c.qualification === 'string' ? { qualification: c.qualification } : {}),
            ...(typeof c.fte === 'number' ? { fte: c.fte } : {}),
          },
        ]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Repayment ("Rückforderung") with interest (§ 49a LVwVfG)

/** The interest rule as data: percentage points above the base rate ("Basiszinssatz") a year. */
export interface InterestRule {
  percentagePointsAboveBase: number;
  baseRatePercent: number;
}

/** Interest a year in percent (never below zero). */
export const interestRatePercent = (rule: InterestRule): number =>
  Math.max(0, rule.baseRatePercent + rule.percentagePointsAboveBase);

const dayNumber = (date: string) =>
  Date.UTC(...(date.split('-').map(Number) as [number, number, number])) / 86_400_000;

/** Interest on `principal` from `from` to `to` (ISO dates, actual days ÷ 365), whole euros. */
export function repaymentInterest(principal: number, ratePercent: number, from: string, to: string): number {
  const days = Math.max(0, dayNumber(to) - dayNumber(from));
  return Math.round((principal * ratePercent * days) / (100 * 365));
}

/** One position of a proof of use as the rules read it. */
export interface ProofPosition {
  positionId: string;
  monthsFilled: number;
}

/** The proposed claim: per position the months funded but not filled and their amount, then interest. */
export interface RepaymentProposal {
  positions: Array<{ positionId: string; fundedMonths: number; filledMonths: number; amount: number }>;
  principal: number;
  interest: number;
  total: number;
  ratePercent: number;
  /** Interest runs from the first payout to the claim. */
  interestFrom?: string;
}

/**
 * Proposes a repayment for a proof of use: for each position, the months funded within the reporting period but
 * not filled, valued at the position's own entitlement per month in that period and scaled by the share of the
 * entitlement that was approved; at most what was paid and not yet reclaimed; interest on it from the first
 * payout to `today` at the rule's rate.
 */
export function proposeRepayment(input: {
  parent: Pick<Submission, 'data' | 'followUp' | 'decision'>;
  proof: { period: { from: string; to: string }; positions: readonly ProofPosition[] };
  round: FundingRound;
  rule: InterestRule;
  today: string;
}): RepaymentProposal {
  const { parent, proof, round, rule, today } = input;
  const positions = positionsOf(parent);
  const entitlement = entitlementOf(positions, round);
  const scale = entitlement > 0 ? Math.min(1, approvedAmountOf(parent) / entitlement) : 0;
  const lines: RepaymentProposal['positions'] = [];
  for (const p of positions) {
    const months = expand(p);
    let funded = 0;
    let value = 0;
    months.forEach((m, i) => {
      const month = addMonths(p.startDate, i).slice(0, 7);
      if (!m || month < proof.period.from.slice(0, 7) || month > proof.period.to.slice(0, 7)) return;
      funded++;
      value += positionAmount(m.fte, round.rates[m.qualification] ?? 0, 1);
    });
    const filled = Math.min(
      funded,
      proof.positions.filter((q) => q.positionId === p.id).reduce((s, q) => s + q.monthsFilled, 0),
    );
    const unfilled = funded - filled;
    const amount = funded > 0 ? Math.round(((value * unfilled) / funded) * scale) : 0;
    lines.push({ positionId: p.id, fundedMonths: funded, filledMonths: filled, amount });
  }
  const finance = financeSummary(parent);
  const principal = Math.min(
    lines.reduce((s, l) => s + l.amount, 0),
    Math.max(0, finance.paid - finance.reclaimed),
  );
  const ratePercent = interestRatePercent(rule);
  const payouts = (parent.followUp?.children ?? []).flatMap((c) => (c.paidOn ? [c.paidOn] : [])).sort();
  const interestFrom = payouts[0];
  const interest = interestFrom ? repaymentInterest(principal, ratePercent, interestFrom, today) : 0;
  return {
    positions: lines,
    principal,
    interest,
    total: principal + interest,
    ratePercent,
    ...(interestFrom ? { interestFrom } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// What the amended decision and the repayment claim state (frozen into their documents when issued)

/** A position's terms at one point: months funded, the FTE it is staffed with, its approved amount. */
export interface PositionTerms {
  months: number;
  /** The distinct FTE values over its months, in order (one where the staffing never changed). */
  fte: number[];
  amount: number;
}

/** One position of an amended decision: its terms before and after the change notice. */
export interface AmendmentLine {
  id: string;
  personName: string;
  before: PositionTerms;
  after: PositionTerms;
}

/** Splits `total` over the amounts in proportion, in whole euros adding up exactly (largest remainder). */
function splitInProportion(amounts: readonly number[], total: number): number[] {
  const sum = amounts.reduce((s, a) => s + a, 0);
  if (sum <= 0) return amounts.map((_, i) => (i === 0 ? total : 0));
  const exact = amounts.map((a) => (a * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, a) => s + a, 0);
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

function termsOf(position: AmendedPosition | undefined, amount: number): PositionTerms {
  const months = position ? expand(position).filter(Boolean) : [];
  const fte: number[] = [];
  for (const m of months) if (m && fte.at(-1) !== m.fte) fte.push(m.fte);
  return { months: months.length, fte, amount };
}

/**
 * The positions of an amended decision, before and after: each position's approved amount is the approved
 * total split over the positions by their entitlement at the round's rates (whole euros, adding up exactly).
 */
export function amendmentLines(
  before: readonly AmendedPosition[],
  after: readonly AmendedPosition[],
  round: FundingRound,
  approvedBefore: number,
  approvedAfter: number,
): AmendmentLine[] {
  const ids = [...new Set([...before.map((p) => p.id), ...after.map((p) => p.id)])];
  const entitlement = (list: readonly AmendedPosition[]) =>
    ids.map((id) => {
      const p = list.find((q) => q.id === id);
      return p ? entitlementOf([p], round) : 0;
    });
  const amountsBefore = splitInProportion(entitlement(before), approvedBefore);
  const amountsAfter = splitInProportion(entitlement(after), approvedAfter);
  return ids.map((id, i) => {
    const b = before.find((p) => p.id === id);
    const a = after.find((p) => p.id === id);
    // Everyone the position funds, in order (a staff change names the new person after the old one).
    const names = [...(a?.segments ?? b?.segments ?? [])].flatMap((s) =>
      s.personName ? [s.personName] : [],
    );
    return {
      id,
      personName: [...new Set(names)].join(' / '),
      before: termsOf(b, amountsBefore[i] ?? 0),
      after: termsOf(a, amountsAfter[i] ?? 0),
    };
  });
}

/** The months after a claim within which it is to be paid ("Fälligkeit"). */
export const CLAIM_DUE_MONTHS = 1;

/** A repayment claim after a revocation: what was paid and not yet reclaimed, with interest per payout. */
export interface RevocationClaim {
  payouts: Array<{ paidOn: string; amount: number; interest: number }>;
  principal: number;
  interest: number;
  total: number;
  ratePercent: number;
}

/**
 * The claim that follows a revocation with effect for the past (§ 49a LVwVfG): everything paid out and not yet
 * reclaimed, spread over the payouts in proportion; interest on each part from its payout to `today` at the
 * rule's rate. None where nothing is outstanding.
 */
export function revocationClaim(
  parent: Pick<Submission, 'decision' | 'followUp'>,
  rule: InterestRule,
  today: string,
): RevocationClaim | undefined {
  const finance = financeSummary(parent);
  const principal = Math.max(0, finance.paid - finance.reclaimed);
  if (principal === 0) return undefined;
  const paid = (parent.followUp?.children ?? [])
    .flatMap((c) => (c.paid && c.paidOn ? [{ paidOn: c.paidOn, paid: c.paid }] : []))
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const ratePercent = interestRatePercent(rule);
  const parts = splitInProportion(
    paid.map((p) => p.paid),
    principal,
  );
  const payouts = paid.map((p, i) => {
    const amount = parts[i] ?? 0;
    return { paidOn: p.paidOn, amount, interest: repaymentInterest(amount, ratePercent, p.paidOn, today) };
  });
  const interest = payouts.reduce((s, p) => s + p.interest, 0);
  return { payouts, principal, interest, total: principal + interest, ratePercent };
}
