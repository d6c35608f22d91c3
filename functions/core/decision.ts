/**
 * The granting decision ("Bewilligung") of a funding application, read and checked as a pure rule: the
 * shape `{approvedAmount, positions[{id, approvedAmount}], reason, conditions[], fundingStart, fundingEnd}`
 * (plus `fileNumber`, `decisionDate`). Anything else is refused with 400 and a pointer per problem: a
 * decision that is not an object never counts as a full approval.
 */
import { badRequest, type ErrorDetail } from './errors.ts';
import { isObject } from './model.ts';
import { isCalendarDate, isCleanText } from './text.ts';

export const MAX_REASON_LENGTH = 2000;
export const MAX_CONDITIONS = 20;
export const MAX_CONDITION_LENGTH = 1000;
/** All conditions together; with the reason and a comment, well inside the item's headroom. */
export const MAX_CONDITIONS_TOTAL = 4000;
export const MAX_FILE_NUMBER_LENGTH = 100;

export interface DecisionInput {
  approvedAmount: number;
  positions?: Array<{ id: string; approvedAmount: number }>;
  reason?: string;
  conditions?: string[];
  /** Keys of the round's conditions catalogue that were chosen (their texts lead `conditions`). */
  conditionKeys?: string[];
  fundingStart?: string;
  fundingEnd?: string;
  fileNumber?: string;
  decisionDate?: string;
  /**
   * A later published version of the round the reviewer applies instead of the one the application started in
   * (checked against the round registry by the funding rules).
   */
  roundVersion?: number;
}

/** What the decision is measured against: the amount requested in all and per position (by its id). */
export interface DecisionContext {
  requested: number;
  positions: ReadonlyArray<{ id: string; requestedAmount: number }>;
  /** The round's conditions catalogue; chosen keys are resolved to its German texts (the letter's language). */
  conditionCatalogue?: ReadonlyArray<{ code: string; de: string; en?: string }>;
}

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const KEYS = new Set([
  'approvedAmount',
  'positions',
  'reason',
  'conditions',
  'conditionKeys',
  'fundingStart',
  'fundingEnd',
  'fileNumber',
  'decisionDate',
  'roundVersion',
]);

/** Reads the `decision` of an `approve` request; `undefined` approves the full amount requested. */
export function parseDecision(raw: unknown, context: DecisionContext): DecisionInput {
  if (raw === undefined) return { approvedAmount: context.requested };
  const details: ErrorDetail[] = [];
  const at = (p: string, message: string, code = 'decision.invalid') =>
    details.push({ pointer: `/decision${p}`, message, code });
  if (!isObject(raw)) {
    throw badRequest('decision.invalid', 'The decision must be an object.', [
      { pointer: '/decision', message: 'must be an object', code: 'decision.invalid' },
    ]);
  }
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) at(`/${key}`, 'unknown field');

  const text = (key: string, max: number): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') at(`/${key}`, 'must be text');
    else if (v.length > max) at(`/${key}`, `at most ${max} characters`);
    else if (!isCleanText(v)) at(`/${key}`, 'contains a control or bidi formatting character');
    else return v.trim() || undefined;
    return undefined;
  };
  const date = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!isCalendarDate(v)) at(`/${key}`, 'a real calendar date (YYYY-MM-DD)');
    else return v;
    return undefined;
  };

  let positions: DecisionInput['positions'];
  if (raw.positions !== undefined) {
    if (!Array.isArray(raw.positions)) at('/positions', 'must be a list');
    else {
      positions = [];
      const known = new Map(context.positions.map((p) => [p.id, p.requestedAmount]));
      const seen = new Set<string>();
      for (const [i, p] of raw.positions.entries()) {
        if (!isObject(p) || typeof p.id !== 'string') {
          at(`/positions/${i}`, 'expected {id, approvedAmount}');
          continue;
        }
        const requested = known.get(p.id);
        if (requested === undefined || seen.has(p.id)) {
          at(`/positions/${i}/id`, 'unknown or repeated position');
          continue;
        }
        seen.add(p.id);
        if (!isAmount(p.approvedAmount) || p.approvedAmount > requested) {
          at(`/positions/${i}/approvedAmount`, `a whole amount from 0 to the requested ${requested} EUR`);
          continue;
        }
        positions.push({ id: p.id, approvedAmount: p.approvedAmount });
      }
    }
  }
  const positionSum = positions?.reduce((s, p) => s + p.approvedAmount, 0);
  let approvedAmount = raw.approvedAmount;
  if (approvedAmount === undefined) approvedAmount = positionSum ?? context.requested;
  if (!isAmount(approvedAmount) || approvedAmount > context.requested) {
    at('/approvedAmount', `a whole amount from 0 to the requested ${context.requested} EUR`);
  } else if (
    positionSum !== undefined &&
    positions?.length === context.positions.length &&
    positionSum !== approvedAmount
  ) {
    at('/approvedAmount', 'must equal the sum of the positions approved');
  }

  const reason = text('reason', MAX_REASON_LENGTH);
  let conditions: string[] | undefined;
  if (raw.conditions !== undefined) {
    // A single text is one condition.
    const list = typeof raw.conditions === 'string' ? [raw.conditions] : raw.conditions;
    if (!Array.isArray(list) || list.length > MAX_CONDITIONS)
      at('/conditions', `a list of at most ${MAX_CONDITIONS} texts`);
    else {
      conditions = [];
      let total = 0;
      for (const [i, c] of list.entries()) {
        if (typeof c !== 'string' || c.length > MAX_CONDITION_LENGTH) {
          at(`/conditions/${i}`, `a text of at most ${MAX_CONDITION_LENGTH} characters`);
          continue;
        }
        if (!isCleanText(c)) {
          at(`/conditions/${i}`, 'contains a control or bidi formatting character');
          continue;
        }
        total += c.length;
        if (c.trim()) conditions.push(c.trim());
      }
      if (total > MAX_CONDITIONS_TOTAL)
        at('/conditions', `at most ${MAX_CONDITIONS_TOTAL} characters in all`);
    }
  }
  let conditionKeys: string[] | undefined;
  const catalogueTexts: string[] = [];
  if (raw.conditionKeys !== undefined) {
    if (!Array.isArray(raw.conditionKeys) || raw.conditionKeys.length > MAX_CONDITIONS)
      at('/conditionKeys', `a list of at most ${MAX_CONDITIONS} catalogue keys`);
    else {
      conditionKeys = [];
      for (const [i, key] of raw.conditionKeys.entries()) {
        const entry = context.conditionCatalogue?.find((c) => c.code === key);
        if (!entry || conditionKeys.includes(entry.code)) {
          at(`/conditionKeys/${i}`, "not a condition of the round's catalogue, or repeated");
          continue;
        }
        conditionKeys.push(entry.code);
        catalogueTexts.push(entry.de);
      }
    }
  }
  if (catalogueTexts.length) conditions = [...catalogueTexts, ...(conditions ?? [])];
  if ((conditions?.length ?? 0) > MAX_CONDITIONS)
    at('/conditions', `at most ${MAX_CONDITIONS} conditions in all`);
  const fundingStart = date('fundingStart');
  const fundingEnd = date('fundingEnd');
  if (fundingStart && fundingEnd && fundingEnd < fundingStart)
    at('/fundingEnd', 'must not lie before fundingStart');
  const fileNumber = text('fileNumber', MAX_FILE_NUMBER_LENGTH);
  const decisionDate = date('decisionDate');
  const roundVersion = raw.roundVersion;
  if (roundVersion !== undefined && !(Number.isSafeInteger(roundVersion) && (roundVersion as number) >= 1))
    at('/roundVersion', 'a version number of the round (1 or more)');

  if (isAmount(approvedAmount) && approvedAmount < context.requested && !reason)
    at('/reason', 'A partial approval needs a reason.', 'decision.reason_required');
  if (details.length) {
    const code = details.some((d) => d.code === 'decision.reason_required')
      ? 'decision.reason_required'
      : 'decision.invalid';
    throw badRequest(code, 'The decision is incomplete or invalid.', details);
  }
  return {
    approvedAmount: approvedAmount as number,
    ...(positions?.length ? { positions } : {}),
    ...(reason ? { reason } : {}),
    ...(conditions?.length ? { conditions } : {}),
    ...(conditionKeys?.length ? { conditionKeys } : {}),
    ...(fundingStart ? { fundingStart } : {}),
    ...(fundingEnd ? { fundingEnd } : {}),
    ...(fileNumber ? { fileNumber } : {}),
    ...(decisionDate ? { decisionDate } : {}),
    ...(roundVersion !== undefined ? { roundVersion: roundVersion as number } : {}),
  };
}
