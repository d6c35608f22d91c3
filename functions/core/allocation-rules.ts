/**
 * Budget rules of the funding application ("Förderantrag Integrationsmanagement"): the amount per position,
 * the requested total, and the checks against the state's planning frame ("Planungsrahmen").
 *
 * Pure: no I/O, no clock, no environment. The server runs these rules on every save and submit, and the web app
 * runs the same functions to show the amounts while the applicant types. Every rate, minimum and period comes
 * from the funding round ("Förderrunde"), which is data (`forms/funding-application/rounds/<id>.json`); nothing
 * here knows a figure of a particular round.
 */
import { isObject, type JsonObject } from './model.ts';
import { once } from './once.ts';

/** A funding round ("Förderrunde") as stored in `forms/funding-application/rounds/<id>.json`. */
export interface FundingRound {
  /** The round's id, also the value of the application's `/round`, e.g. `2017-2018`. */
  id: string;
  title: string;
  /** Reference date ("Stichtag") of the refugee count behind the planning frames, ISO date. */
  referenceDate: string;
  /** Funding rate in EUR per full-time equivalent (VZÄ) and year, keyed by qualification tier. */
  rates: Record<string, number>;
  /** Tiers whose rate is a configurable placeholder rather than a published figure. */
  placeholders?: string[];
  /** Free text about the round's figures, e.g. where they come from. */
  note?: string;
  /** Smallest planning frame (EUR) with which a municipality may apply on its own. */
  minimumEntitlement: number;
  /** Smallest fundable position, in full-time equivalents. */
  minimumFte: number;
  /** Longest funding period of a position, in months. */
  maxMonths: number;
  currency: 'EUR';
  /** File names (beside the round file) of the state's published allocation data. */
  allocationsFile?: string;
  electoralDistrictsFile?: string;
}

/** A planning frame ("Planungsrahmen") and the sum already approved against it, both in EUR. */
export interface AllocationFrame {
  frame: number;
  approved: number;
}

/**
 * The frames a check needs: the applicant's own and, for a joint application, those of the members named in
 * `/joint/members`, keyed by their `organisationId`. `approved` must not include the application being checked.
 */
export interface FrameInput extends AllocationFrame {
  members?: Readonly<Record<string, AllocationFrame>>;
}

/** The frame an application is measured against: own plus members' frames, what is approved, and what is left. */
export interface EffectiveFrame {
  frame: number;
  approved: number;
  remaining: number;
}

/** Stable codes of the funding rules, for clients to branch on and for the error details of a refused submit. */
export const BREACH_CODES = [
  'round.unknown',
  'position.fte_too_small',
  'position.months_exceeded',
  'position.rate_unknown',
  'allocation.exceeded',
  'allocation.below_minimum',
  'joint.members_missing',
  'joint.member_unknown',
  'joint.member_duplicate',
  'joint.share_exceeds_frame',
  'bank.iban_invalid',
  'period.end_before_start',
] as const;
export type BreachCode = (typeof BREACH_CODES)[number];

/** One broken funding rule, pointing at the field it concerns (JSON pointer into the data). */
export interface RuleBreach {
  code: BreachCode;
  pointer: string;
  message: string;
  messageDe: string;
}

/** The amount of one position; `null` when it cannot be computed yet (missing FTE or months, unknown tier). */
export interface PositionAmount {
  pointer: string;
  amount: number | null;
}

/** What `computeBudget` worked out, beside the data it filled in. */
export interface BudgetTotals {
  /** Sum of all computable position amounts, in whole EUR. */
  requestedTotal: number;
  /** Sum of the positions' full-time equivalents. */
  fteTotal: number;
  positions: PositionAmount[];
}

// ---------------------------------------------------------------------------------------------------------------
// IBAN

const IBAN_FORMAT = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/** Removes spaces and upper-cases an IBAN as typed ("de89 3704 …" → "DE893704…"). */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks an IBAN's format and its check digits (ISO 13616, mod 97 = 1). Spaces and lower case are accepted.
 * It does not check the per-country length, so a check-digit-valid IBAN of the wrong length for its country passes.
 */
export function isValidIban(value: string): boolean {
  const iban = normalizeIban(value);
  if (!IBAN_FORMAT.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Letters become two digits (A = 10 … Z = 35); the remainder is taken digit by digit so no number grows
  // beyond what a double holds exactly.
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

/** FTE is scaled to an integer first so that e.g. 0.35 × 51,000 × 18 / 12 rounds as on paper, not as in binary. */
const FTE_SCALE = 10_000;

/**
 * The grant for one position: FTE × rate per FTE-year × months / 12, rounded half up to whole euros.
 * @throws RangeError when an argument is negative or not a finite number.
 */
export function positionAmount(fte: number, ratePerYear: number, months: number): number {
  for (const [name, value] of [
    ['fte', fte],
    ['ratePerYear', ratePerYear],
    ['months', months],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0`);
  }
  const fteUnits = Math.round(fte * FTE_SCALE);
  return Math.round((fteUnits * ratePerYear * months) / (12 * FTE_SCALE));
}

/**
 * Fills in each position's `requestedAmount` and `budget.requestedTotal` from the round's rates. Whatever the
 * client sent in these read-only fields is overwritten (or removed where no amount can be computed yet).
 * The input is not changed; the result is a copy.
 */
export function computeBudget<T extends JsonObject>(
  data: T,
  round: FundingRound,
): { data: T; totals: BudgetTotals } {
  const copy = structuredClone(data);
  const target: JsonObject = copy;
  const totals: BudgetTotals = { requestedTotal: 0, fteTotal: 0, positions: [] };
  let fteUnits = 0;
  positionsOf(target).forEach((position, index) => {
    const pointer = `/positions/${index}`;
    const amount = amountOf(position, round);
    if (amount === null) delete position.requestedAmount;
    else {
      position.requestedAmount = amount;
      totals.requestedTotal += amount;
    }
    const fte = numberOf(position.fte);
    if (fte !== undefined) fteUnits += Math.round(fte * FTE_SCALE);
    totals.positions.push({ pointer, amount });
  });
  totals.fteTotal = fteUnits / FTE_SCALE;
  const budget = isObject(target.budget) ? target.budget : {};
  budget.requestedTotal = totals.requestedTotal;
  target.budget = budget;
  return { data: copy, totals };
}

// ---------------------------------------------------------------------------------------------------------------
// Frames

/** A joint application: the joint flag is set or the applicant is an association of municipalities. */
export function isJointApplication(data: JsonObject): boolean {
  const joint = isObject(data.joint) ? data.joint : {};
  const applicant = isObject(data.applicant) ? data.applicant : {};
  return joint.isJoint === true || applicant.kind === 'joint';
}

/** Sums planning frames, e.g. those of the members of a joint application. */
export function combineFrames(frames: readonly AllocationFrame[]): AllocationFrame {
  return frames.reduce((sum, f) => ({ frame: sum.frame + f.frame, approved: sum.approved + f.approved }), {
    frame: 0,
    approved: 0,
  });
}

/** A member's frame by the id the applicant typed: own entries only, never an inherited name. */
const memberFrame = (frames: FrameInput, id: string): AllocationFrame | undefined =>
  frames.members && Object.hasOwn(frames.members, id) ? frames.members[id] : undefined;

/**
 * The frame the application is measured against. For a joint application the frames of the applicant and of
 * every distinct member named in the data add up; members whose frame is not known count as zero.
 */
export function effectiveFrame(data: JsonObject, frames: FrameInput): EffectiveFrame {
  const parts: AllocationFrame[] = [frames];
  if (isJointApplication(data)) {
    for (const id of new Set(membersOf(data).map((m) => m.organisationId))) {
      const member = typeof id === 'string' ? memberFrame(frames, id) : undefined;
      if (member) parts.push(member);
    }
  }
  const { frame, approved } = combineFrames(parts);
  return { frame, approved, remaining: frame - approved };
}

/**
 * Fills the read-only `/planningFrame` from the state's data; a copy, the input is not changed. A joint
 * application gets the joint frame only (the frames are the state's published allocation data): what the
 * members have had approved already is theirs and never shown to the applicant or the other members, so the
 * joint `approved` and `remaining` are left out.
 */
export function fillPlanningFrame<T extends JsonObject>(data: T, frames: FrameInput): T {
  const copy = structuredClone(data);
  const effective = effectiveFrame(data, frames);
  (copy as JsonObject).planningFrame = isJointApplication(data)
    ? { frame: effective.frame }
    : { ...effective };
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/**
 * Checks an application against the funding round and the planning frame. Amounts are recomputed here, never
 * taken from the data. With an unknown round (`undefined`, or one whose id differs from `/round`) only the
 * checks that need no round are run.
 */
export function checkFundingRules(
  data: JsonObject,
  round: FundingRound | undefined,
  frames: FrameInput,
): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const roundKnown = round !== undefined && round.id === data.round;
  if (!roundKnown) {
    const id = typeof data.round === 'string' ? data.round : '';
    breaches.push(
      breach(
        'round.unknown',
        '/round',
        `There is no funding round "${id}".`,
        `Die Förderrunde „${id}“ ist nicht bekannt.`,
      ),
    );
  } else {
    breaches.push(...checkPositions(data, round), ...checkAllocation(data, round, frames));
  }
  breaches.push(...checkJoint(data, frames), ...checkBank(data), ...checkPeriod(data));
  return breaches;
}

/** Positions whose tier's rate is a placeholder in the round: the amount is provisional, not a breach. */
export function findPlaceholderRates(data: JsonObject, round: FundingRound): PositionAmount[] {
  const placeholders = new Set(round.placeholders ?? []);
  const result: PositionAmount[] = [];
  positionsOf(data).forEach((position, index) => {
    if (typeof position.qualification === 'string' && placeholders.has(position.qualification)) {
      result.push({ pointer: `/positions/${index}/qualification`, amount: amountOf(position, round) });
    }
  });
  return result;
}

function checkPositions(data: JsonObject, round: FundingRound): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  positionsOf(data).forEach((position, index) => {
    const at = `/positions/${index}`;
    const fte = numberOf(position.fte);
    if (fte !== undefined && fte < round.minimumFte) {
      breaches.push(
        breach(
          'position.fte_too_small',
          `${at}/fte`,
          `A position needs at least ${fmt(round.minimumFte, 'en')} FTE.`,
          `Eine Stelle muss mindestens ${fmt(round.minimumFte, 'de')} VZÄ umfassen.`,
        ),
      );
    }
    const months = numberOf(position.months);
    if (months !== undefined && months > round.maxMonths) {
      breaches.push(
        breach(
          'position.months_exceeded',
          `${at}/months`,
          `Funding round ${round.id} funds a position for at most ${round.maxMonths} months.`,
          `In der Förderrunde ${round.id} wird eine Stelle höchstens ${round.maxMonths} Monate gefördert.`,
        ),
      );
    }
    const tier = position.qualification;
    if (typeof tier === 'string' && rateOf(round, tier) === undefined) {
      breaches.push(
        breach(
          'position.rate_unknown',
          `${at}/qualification`,
          `Funding round ${round.id} has no rate for the qualification tier "${tier}".`,
          `Die Förderrunde ${round.id} hat keinen Fördersatz für die Qualifikationsstufe „${tier}“.`,
        ),
      );
    }
  });
  return breaches;
}

function checkAllocation(data: JsonObject, round: FundingRound, frames: FrameInput): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  const { totals } = computeBudget(data, round);
  const effective = effectiveFrame(data, frames);
  if (totals.requestedTotal > effective.remaining) {
    // A joint remaining frame contains the members' approvals: it is never named (nor anything else of theirs).
    breaches.push(
      isJointApplication(data)
        ? breach(
            'allocation.exceeded',
            '/budget/requestedTotal',
            `The requested total of ${eur(totals.requestedTotal, 'en')} exceeds the remaining joint planning frame.`,
            `Die beantragte Zuwendung von ${eur(totals.requestedTotal, 'de')} übersteigt den verfügbaren gemeinsamen Planungsrahmen.`,
          )
        : breach(
            'allocation.exceeded',
            '/budget/requestedTotal',
            `The requested total of ${eur(totals.requestedTotal, 'en')} exceeds the remaining planning frame of ${eur(effective.remaining, 'en')}.`,
            `Die beantragte Zuwendung von ${eur(totals.requestedTotal, 'de')} übersteigt den verfügbaren Planungsrahmen von ${eur(effective.remaining, 'de')}.`,
          ),
    );
  }
  // The minimum entitlement concerns the frame itself, not what is left of it: a municipality below it may
  // only apply jointly, and a joint application must reach it with its members' frames added up.
  if (effective.frame < round.minimumEntitlement) {
    const joint = isJointApplication(data);
    breaches.push(
      breach(
        'allocation.below_minimum',
        '/planningFrame/frame',
        joint
          ? `The joint planning frame of ${eur(effective.frame, 'en')} is below the minimum entitlement of ${eur(round.minimumEntitlement, 'en')}.`
          : `The planning frame of ${eur(effective.frame, 'en')} is below the minimum entitlement of ${eur(round.minimumEntitlement, 'en')}; apply jointly with other municipalities.`,
        joint
          ? `Der gemeinsame Planungsrahmen von ${eur(effective.frame, 'de')} liegt unter dem Mindestanspruch von ${eur(round.minimumEntitlement, 'de')}.`
          : `Der Planungsrahmen von ${eur(effective.frame, 'de')} liegt unter dem Mindestanspruch von ${eur(round.minimumEntitlement, 'de')}; stellen Sie einen gemeinsamen Antrag mit anderen Kommunen.`,
      ),
    );
  }
  return breaches;
}

function checkJoint(data: JsonObject, frames: FrameInput): RuleBreach[] {
  if (!isJointApplication(data)) return [];
  const members = membersOf(data);
  if (members.length === 0) {
    return [
      breach(
        'joint.members_missing',
        '/joint/members',
        'A joint application names at least one participating municipality.',
        'Ein gemeinsamer Antrag nennt mindestens eine beteiligte Kommune.',
      ),
    ];
  }
  const breaches: RuleBreach[] = [];
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const at = `/joint/members/${index}`;
    const id = typeof member.organisationId === 'string' ? member.organisationId : '';
    if (seen.has(id)) {
      breaches.push(
        breach(
          'joint.member_duplicate',
          `${at}/organisationId`,
          'This municipality is already listed.',
          'Diese Kommune ist bereits aufgeführt.',
        ),
      );
      return;
    }
    seen.add(id);
    const frame = memberFrame(frames, id);
    if (!frame) {
      breaches.push(
        breach(
          'joint.member_unknown',
          `${at}/organisationId`,
          'No planning frame is known for this municipality.',
          'Für diese Kommune ist kein Planungsrahmen bekannt.',
        ),
      );
      return;
    }
    const share = numberOf(member.share);
    const remaining = frame.frame - frame.approved;
    if (share !== undefined && share > remaining) {
      breaches.push(
        breach(
          'joint.share_exceeds_frame',
          `${at}/share`,
          // The member's remaining frame is its own figure: not named.
          `The share of ${eur(share, 'en')} exceeds this municipality's remaining planning frame.`,
          `Der Anteil von ${eur(share, 'de')} übersteigt den verfügbaren Planungsrahmen dieser Kommune.`,
        ),
      );
    }
  });
  return breaches;
}

function checkBank(data: JsonObject): RuleBreach[] {
  const applicant = isObject(data.applicant) ? data.applicant : {};
  const bank = isObject(applicant.bankAccount) ? applicant.bankAccount : {};
  if (typeof bank.iban !== 'string' || isValidIban(bank.iban)) return [];
  return [
    breach(
      'bank.iban_invalid',
      '/applicant/bankAccount/iban',
      'This IBAN is not valid; please check it for typing errors.',
      'Diese IBAN ist ungültig; bitte prüfen Sie sie auf Tippfehler.',
    ),
  ];
}

function checkPeriod(data: JsonObject): RuleBreach[] {
  const period = isObject(data.fundingPeriod) ? data.fundingPeriod : {};
  // ISO dates (YYYY-MM-DD) compare correctly as strings.
  if (typeof period.start !== 'string' || typeof period.end !== 'string' || period.end >= period.start)
    return [];
  return [
    breach(
      'period.end_before_start',
      '/fundingPeriod/end',
      'The funding period ends before it starts.',
      'Der Förderzeitraum endet vor seinem Beginn.',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Funding round files

/**
 * Reads a funding round file, checking every field the rules use, so a broken file fails when it is loaded
 * and not in the middle of a check.
 * @throws Error naming every problem found.
 */
export function parseFundingRound(value: unknown): FundingRound {
  const problems: string[] = [];
  if (!isObject(value)) throw new Error('Funding round: expected an object.');
  const requireString = (key: string) => {
    if (typeof value[key] !== 'string' || value[key] === '')
      problems.push(`${key} must be a non-empty string`);
  };
  const requirePositive = (key: string) => {
    const n = value[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) problems.push(`${key} must be a number > 0`);
  };
  requireString('id');
  requireString('title');
  if (typeof value.referenceDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.referenceDate)) {
    problems.push('referenceDate must be an ISO date');
  }
  requirePositive('minimumEntitlement');
  requirePositive('minimumFte');
  requirePositive('maxMonths');
  if (value.currency !== 'EUR') problems.push('currency must be "EUR"');
  const rates = value.rates;
  if (!isObject(rates) || Object.keys(rates).length === 0)
    problems.push('rates must map at least one tier to a rate');
  else {
    for (const [tier, rate] of Object.entries(rates)) {
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
        problems.push(`rates.${tier} must be a number > 0`);
      }
    }
    const placeholders = value.placeholders;
    if (placeholders !== undefined) {
      if (
        !Array.isArray(placeholders) ||
        !placeholders.every((p) => typeof p === 'string' && Object.hasOwn(rates, p))
      ) {
        problems.push('placeholders must list tiers that have a rate');
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`Funding round ${String(value.id ?? '?')}: ${problems.join('; ')}.`);
  }
  return value as unknown as FundingRound;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function positionsOf(data: JsonObject): JsonObject[] {
  return Array.isArray(data.positions) ? data.positions.filter(isObject) : [];
}

function membersOf(data: JsonObject): JsonObject[] {
  const joint = isObject(data.joint) ? data.joint : {};
  return Array.isArray(joint.members) ? joint.members.filter(isObject) : [];
}

function rateOf(round: FundingRound, tier: string): number | undefined {
  // Own keys only: a tier called "constructor" must not find Object.prototype's.
  return Object.hasOwn(round.rates, tier) ? numberOf(round.rates[tier]) : undefined;
}

function amountOf(position: JsonObject, round: FundingRound): number | null {
  const fte = numberOf(position.fte);
  const months = numberOf(position.months);
  const rate = typeof position.qualification === 'string' ? rateOf(round, position.qualification) : undefined;
  if (fte === undefined || months === undefined || rate === undefined || fte < 0 || months < 0 || rate < 0) {
    return null;
  }
  return positionAmount(fte, rate, months);
}

function breach(code: BreachCode, pointer: string, message: string, messageDe: string): RuleBreach {
  return { code, pointer, message, messageDe };
}

const NUMBER_FORMATS = {
  de: once(() => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 })),
  en: once(() => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })),
};

function fmt(value: number, lang: 'de' | 'en'): string {
  return NUMBER_FORMATS[lang]().format(value);
}

function eur(value: number, lang: 'de' | 'en'): string {
  return `${fmt(value, lang)} EUR`;
}
