/** Schemas of a funding application's follow-up records: its follow-up state, a record's result, the money. */
import type { FromSchema } from 'json-schema-to-ts';
import { actorRef, amount, formId, id, isoDate, isoDateTime, status } from './common.ts';

const money = amount;

const followUpRef = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'formId', 'status', 'createdAt'],
  properties: {
    id,
    formId,
    status,
    createdAt: isoDateTime,
    amount: money,
    paid: money,
    paidOn: isoDate,
    reclaimed: money,
  },
} as const;

const amendedPosition = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'startDate', 'months', 'segments'],
  properties: {
    id: { type: 'string', maxLength: 100 },
    startDate: isoDate,
    months: { type: 'integer', minimum: 0, maximum: 1000 },
    segments: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'months', 'fte', 'qualification'],
        properties: {
          from: { type: 'integer', minimum: 0, maximum: 1000 },
          months: { type: 'integer', minimum: 0, maximum: 1000 },
          fte: { type: 'number', minimum: 0, maximum: 1 },
          qualification: { type: 'string', maxLength: 100 },
          personName: { type: 'string', maxLength: 200 },
        },
      },
    },
  },
} as const;

/** A funding application's follow-up records and the decision as amended by change notices. */
export const followUp = {
  type: 'object',
  additionalProperties: false,
  required: ['children'],
  properties: {
    children: { type: 'array', maxItems: 200, items: followUpRef },
    approvedAmount: money,
    positions: { type: 'array', maxItems: 50, items: amendedPosition },
    amendments: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['noticeId', 'at', 'by', 'from', 'to', 'document'],
        properties: {
          noticeId: id,
          at: isoDateTime,
          by: actorRef,
          from: money,
          to: money,
          document: { type: 'string', enum: ['amended-decision'] },
        },
      },
    },
  },
} as const;

/** What the reviewer decided on a follow-up record beyond its status. */
export const followUpResult = {
  type: 'object',
  additionalProperties: false,
  properties: {
    bankAccountConfirmed: { type: 'boolean' },
    payout: {
      type: 'object',
      additionalProperties: false,
      required: ['amount', 'paidOn', 'recordedAt', 'recordedBy'],
      properties: { amount: money, paidOn: isoDate, recordedAt: isoDateTime, recordedBy: actorRef },
    },
    entitlement: {
      type: 'object',
      additionalProperties: false,
      required: ['before', 'after', 'approvedBefore', 'approvedAfter'],
      properties: { before: money, after: money, approvedBefore: money, approvedAfter: money },
    },
    claim: {
      type: 'object',
      additionalProperties: false,
      required: ['principal', 'interest', 'total', 'proposed', 'claimedOn'],
      properties: {
        principal: money,
        interest: money,
        total: money,
        proposed: {
          type: 'object',
          additionalProperties: false,
          required: ['principal', 'interest'],
          properties: { principal: money, interest: money },
        },
        reason: { type: 'string', maxLength: 2000 },
        claimedOn: isoDate,
      },
    },
  },
} as const;

export const financeSummary = {
  type: 'object',
  additionalProperties: false,
  required: ['approved', 'requested', 'paid', 'reclaimed', 'available'],
  properties: {
    approved: money,
    requested: money,
    paid: money,
    reclaimed: money,
    // Negative when an amendment lowered the approval below what was already requested.
    available: { type: 'integer', minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 },
  },
} as const;

export const repaymentProposal = {
  type: 'object',
  additionalProperties: false,
  required: ['positions', 'principal', 'interest', 'total', 'ratePercent'],
  properties: {
    positions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['positionId', 'fundedMonths', 'filledMonths', 'amount'],
        properties: {
          positionId: { type: 'string', maxLength: 100 },
          fundedMonths: { type: 'integer', minimum: 0, maximum: 1000 },
          filledMonths: { type: 'integer', minimum: 0, maximum: 1000 },
          amount: money,
        },
      },
    },
    principal: money,
    interest: money,
    total: money,
    ratePercent: { type: 'number', minimum: 0, maximum: 100 },
    interestFrom: isoDate,
  },
} as const;

/** The payout of a released payment request, as the reviewer records it. */
export const payoutBody = {
  type: 'object',
  additionalProperties: false,
  required: ['paidOn'],
  properties: { paidOn: isoDate },
} as const;
export type PayoutCommand = FromSchema<typeof payoutBody>;
