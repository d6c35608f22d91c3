/**
 * Building blocks of the API's JSON Schemas (draft 2020-12, the forms' dialect). Every schema is bounded:
 * strings have a maximum length, arrays a maximum size, numbers a range, so that validation alone refuses
 * input that would be expensive to carry further. Plain `as const` data: read by the route table, the
 * validator build, the OpenAPI document and, through `FromSchema`, the services' command types.
 */
import { FORM_KINDS, ROLES, STATUSES } from '../../core/model.ts';

/** Ids the platform assigns (ULIDs), with room for imported ids. */
export const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' } as const;

/** A form id: lower-case letters, digits and dashes. */
export const formId = { type: 'string', minLength: 2, maxLength: 63, pattern: '^[a-z][a-z0-9-]*$' } as const;

/** An organisation id: an official municipality key or a slug. */
export const orgId = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** A user id (Cognito `sub` or a local demo user). */
export const userId = { type: 'string', minLength: 1, maxLength: 128 } as const;

export const isoDate = { type: 'string', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const isoDateTime = { type: 'string', maxLength: 40 } as const;

/** A short free text (names, titles). */
export const shortText = { type: 'string', maxLength: 500 } as const;
/** A comment or a reason. */
export const longText = { type: 'string', maxLength: 4000 } as const;

export const role = {
  type: 'string',
  enum: ROLES,
} as const;
export const status = { type: 'string', enum: STATUSES } as const;
export const formKind = { type: 'string', enum: FORM_KINDS } as const;

/** A positive whole number, e.g. a version or a revision number. */
export const positiveInt = { type: 'integer', minimum: 1, maximum: 1_000_000 } as const;

/** Amounts in whole euros: far above any planning frame, far below 2^53. */
export const amount = { type: 'integer', minimum: 0, maximum: 1_000_000_000_000 } as const;

export const actorRef = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'name'],
  properties: { sub: userId, name: shortText },
} as const;

/** Localised text: German first, English optional. */
export const localized = {
  type: 'object',
  required: ['de'],
  properties: { de: shortText, en: shortText },
} as const;

/** Any JSON object whose shape another schema (a form's) decides; bounded by the request size. */
export const jsonObject = { type: 'object', additionalProperties: true } as const;

/** The one error body: `{"error": {"code", "message", "details"?, "correlationId"?}}`. */
export const errorBody = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', maxLength: 100 },
        message: { type: 'string', maxLength: 2000 },
        details: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['pointer', 'message'],
            properties: {
              pointer: { type: 'string', maxLength: 2000 },
              message: { type: 'string', maxLength: 2000 },
              code: { type: 'string', maxLength: 100 },
              in: { type: 'string', enum: ['path', 'query', 'body'] },
              /** The German message, where the rule that refused has one (funding rules). */
              messageDe: { type: 'string', maxLength: 2000 },
            },
          },
        },
        correlationId: { type: 'string', maxLength: 200 },
      },
    },
  },
} as const;

/** Path parameters of a submission route. */
export const submissionParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id },
} as const;

/** `{items: [...]}` with a bounded list. */
export const itemsOf = <const S>(item: S, maxItems = 10_000) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: { items: { type: 'array', maxItems, items: item } },
  }) as const;

/** No query parameters at all: an unknown one is refused. */
export const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const;
