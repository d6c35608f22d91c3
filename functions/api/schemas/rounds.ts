/**
 * Funding rounds as records (`GET`/`POST /api/rounds`): every field bounded, so a round version stays a small
 * item. The pure rules are in `functions/core/rounds.ts`.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { actorRef, isoDate, isoDateTime, longText, orgId, shortText } from './common.ts';

/** A round id: lower-case letters, digits and dashes, e.g. `2017-2018` or `2026`. */
export const roundId = {
  type: 'string',
  minLength: 2,
  maxLength: 40,
  pattern: '^[0-9a-z][0-9a-z-]*$',
} as const;

const tier = { type: 'string', minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_-]*$' } as const;
const euros = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;
const text = { type: 'string', minLength: 1, maxLength: 8000 } as const;

export const roundFields = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'fundingPeriod', 'rates', 'minimumEntitlement', 'minimumFte'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    referenceDate: isoDate,
    fundingPeriod: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'maxMonths'],
      properties: { start: isoDate, maxMonths: { type: 'integer', minimum: 1, maximum: 120 } },
    },
    rates: {
      type: 'object',
      minProperties: 1,
      maxProperties: 20,
      propertyNames: tier,
      additionalProperties: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    },
    placeholders: { type: 'array', maxItems: 20, uniqueItems: true, items: tier },
    illustrative: { type: 'boolean' },
    note: longText,
    minimumEntitlement: euros,
    minimumFte: { type: 'number', minimum: 0.01, maximum: 10 },
    applicationWindow: {
      type: 'object',
      additionalProperties: false,
      required: ['opens', 'closes'],
      properties: { opens: isoDate, closes: isoDate },
    },
    reportingDates: {
      type: 'object',
      additionalProperties: false,
      properties: {
        keyFigures: { type: 'array', maxItems: 24, items: isoDate },
        proofOfUse: isoDate,
      },
    },
    legalBasis: longText,
    conditions: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'de'],
        properties: { code: tier, de: longText, en: longText },
      },
    },
    interestRule: {
      type: 'object',
      additionalProperties: false,
      required: ['percentagePointsAboveBase'],
      properties: {
        percentagePointsAboveBase: { type: 'number', minimum: 0, maximum: 20 },
        de: shortText,
        en: shortText,
      },
    },
    decisionTexts: {
      type: 'object',
      maxProperties: 30,
      propertyNames: tier,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['de'],
        properties: { de: text, en: text },
      },
    },
  },
} as const;

/** `POST /api/rounds`: save the round's draft (a new version after a published one), publishing it if asked. */
export const saveRoundBody = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'round'],
  properties: {
    id: roundId,
    round: roundFields,
    /** Publish the version now; it is immutable afterwards. */
    publish: { type: 'boolean' },
  },
} as const;
export type SaveRoundCommand = FromSchema<typeof saveRoundBody>;

export const roundVersion = {
  type: 'object',
  additionalProperties: false,
  required: [...roundFields.required, 'id', 'version', 'status', 'createdAt', 'createdBy', 'open'],
  properties: {
    ...roundFields.properties,
    id: roundId,
    version: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    status: { type: 'string', enum: ['draft', 'published'] },
    createdAt: isoDateTime,
    createdBy: actorRef,
    publishedAt: isoDateTime,
    publishedBy: actorRef,
    /** Whether its application window is open today (Europe/Berlin); a draft is never open. */
    open: { type: 'boolean' },
  },
} as const;

export const roundList = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    /** The latest published version of each round; for admins also each round's unpublished draft. */
    items: { type: 'array', maxItems: 1000, items: roundVersion },
  },
} as const;

export const roundParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: roundId },
} as const;

/** `POST /api/rounds/{id}/extensions`: one organisation may still start and first submit until `until`. */
export const extensionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['org', 'until', 'reason'],
  properties: { org: orgId, until: isoDate, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;
export type ExtensionCommand = FromSchema<typeof extensionBody>;

export const roundExtension = {
  type: 'object',
  additionalProperties: false,
  required: ['round', 'org', 'until', 'reason', 'grantedAt', 'grantedBy'],
  properties: {
    round: roundId,
    org: orgId,
    until: isoDate,
    reason: { type: 'string', maxLength: 2000 },
    grantedAt: isoDateTime,
    grantedBy: actorRef,
  },
} as const;
