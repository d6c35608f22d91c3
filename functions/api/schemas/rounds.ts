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

/** The byte limit of an allocation upload (about 1,100 municipalities take some 200 kB). */
export const ALLOCATION_UPLOAD_BYTES = 2 * 1024 * 1024;

/**
 * `POST /api/rounds/{id}/allocations?dryRun=true&map=4=weilheim-an-der-teck,7=*`: a preview (nothing written)
 * or the import; `map` assigns rows (by line) that match no organisation to one, or `*` to a new one.
 */
export const allocationUploadQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean' },
    map: { type: 'string', maxLength: 8000, pattern: '^[0-9]{1,6}=[^,=]{1,128}(,[0-9]{1,6}=[^,=]{1,128})*$' },
  },
} as const;
export type AllocationUploadQuery = FromSchema<typeof allocationUploadQuery>;

const importProblem = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'code', 'message'],
  properties: {
    line: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    column: { type: 'string', maxLength: 100 },
    code: { type: 'string', maxLength: 100 },
    message: { type: 'string', maxLength: 2000 },
    /** A row that matches no organisation: its name and key as the file states them. */
    name: shortText,
    ags: { type: 'string', maxLength: 20 },
  },
} as const;

const count = { type: 'integer', minimum: 0, maximum: 10_000_000 } as const;
const euros10 = { type: 'integer', minimum: 0, maximum: 1_000_000_000_000 } as const;

export const allocationImportResult = {
  type: 'object',
  additionalProperties: false,
  required: ['dryRun', 'written', 'rows', 'problems', 'notInFile', 'summary'],
  properties: {
    dryRun: { type: 'boolean' },
    written: { type: 'boolean' },
    rows: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line', 'org', 'name', 'frame', 'rounded', 'change'],
        properties: {
          line: count,
          org: orgId,
          name: shortText,
          ags: { type: 'string', maxLength: 20 },
          district: shortText,
          electoralDistrict: shortText,
          frame: euros10,
          persons: count,
          rounded: { type: 'boolean' },
          source: { type: 'string', maxLength: 2000 },
          change: { type: 'string', enum: ['new', 'changed', 'unchanged'] },
          previousFrame: euros10,
          createsOrganisation: { type: 'boolean' },
        },
      },
    },
    problems: { type: 'array', maxItems: 100_000, items: importProblem },
    notInFile: { type: 'array', maxItems: 100_000, items: orgId },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['new', 'changed', 'unchanged'],
      properties: { new: count, changed: count, unchanged: count },
    },
  },
} as const;
