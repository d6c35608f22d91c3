/**
 * Schemas of the directory, form, attachment, privacy and report routes. Large read-only documents whose
 * shape belongs to another module (a form version, key figures, the planning-frame overview, the subject-
 * access export) are described by their top-level fields; their parts are typed where they are built.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { ATTACHMENT_STATES } from '../../core/attachments.ts';
import { CONSENT_PURPOSES } from '../../core/model.ts';
import {
  actorRef,
  formId,
  formKind,
  id,
  isoDate,
  isoDateTime,
  jsonObject,
  localized,
  orgId,
  positiveInt,
  role,
  shortText,
  status,
  userId,
} from './common.ts';

// --- Directory --------------------------------------------------------------------------------------------

export const me = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'name', 'email', 'roles', 'org', 'orgName', 'orgType', 'district'],
  properties: {
    sub: userId,
    name: shortText,
    email: { type: ['string', 'null'], maxLength: 320 },
    roles: { type: 'array', maxItems: 5, items: role },
    org: orgId,
    orgName: shortText,
    orgType: { type: ['string', 'null'], enum: ['municipality', 'district', 'provider', 'state', null] },
    district: { type: ['string', 'null'], maxLength: 500 },
    /** The caller's own organisation's address, contact person and bank account, where stored (a new application starts with them). */
    orgProfile: {
      type: 'object',
      additionalProperties: false,
      properties: {
        address: {
          type: 'object',
          additionalProperties: false,
          required: ['street', 'postalCode', 'city'],
          properties: {
            street: shortText,
            houseNumber: { type: 'string', maxLength: 20 },
            postalCode: { type: 'string', maxLength: 20 },
            city: shortText,
          },
        },
        contact: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: shortText,
            function: shortText,
            phone: { type: 'string', maxLength: 40 },
            email: { type: 'string', maxLength: 320 },
          },
        },
        bankAccount: {
          type: 'object',
          additionalProperties: false,
          required: ['accountHolder', 'iban'],
          properties: {
            accountHolder: shortText,
            iban: { type: 'string', maxLength: 50 },
            bic: { type: 'string', maxLength: 20 },
            bankName: shortText,
          },
        },
      },
    },
  },
} as const;

export const organisation = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'type'],
  properties: {
    id: orgId,
    name: shortText,
    type: { type: 'string', enum: ['municipality', 'district', 'provider', 'state'] },
    district: shortText,
    electoralDistrict: shortText,
    /** Official municipality key (AGS), where verified. */
    ags: { type: 'string', maxLength: 8, pattern: '^\\d{8}$' },
  },
} as const;

// --- Forms ------------------------------------------------------------------------------------------------

export const formParams = {
  type: 'object',
  additionalProperties: false,
  required: ['formId'],
  properties: { formId },
} as const;

export const formVersionParams = {
  type: 'object',
  additionalProperties: false,
  required: ['formId', 'version'],
  properties: { formId, version: positiveInt },
} as const;

export const formVersion = {
  type: 'object',
  required: [
    'id',
    'version',
    'title',
    'schema',
    'uiSchema',
    'workflow',
    'config',
    'i18n',
    'publishedAt',
    'source',
  ],
  properties: {
    id: formId,
    version: positiveInt,
    title: localized,
    schema: jsonObject,
    uiSchema: jsonObject,
    workflow: jsonObject,
    config: jsonObject,
    i18n: jsonObject,
    publishedAt: isoDateTime,
    source: { type: 'string', enum: ['repo', 'published'] },
    rounds: jsonObject,
  },
} as const;

export const formListItem = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'kind', 'workflow'],
  properties: { id: formId, version: positiveInt, title: localized, kind: formKind, workflow: jsonObject },
} as const;

/** A new form version as an admin publishes it; the service checks the workflow and compiles the schema. */
export const publishBody = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'schema', 'workflow'],
  properties: {
    title: { anyOf: [shortText, localized] },
    schema: jsonObject,
    uiSchema: jsonObject,
    workflow: jsonObject,
    config: jsonObject,
    i18n: jsonObject,
  },
} as const;
export type PublishCommand = FromSchema<typeof publishBody>;

// --- Attachments ------------------------------------------------------------------------------------------

export const attachmentParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'attachmentId'],
  properties: { id, attachmentId: id },
} as const;

export const attachment = {
  type: 'object',
  additionalProperties: false,
  required: ['attachmentId', 'filename', 'contentType', 'size', 'state', 'createdAt', 'updatedAt', 'frozen'],
  properties: {
    attachmentId: id,
    filename: { type: 'string', maxLength: 1024 },
    contentType: { type: 'string', maxLength: 255 },
    size: { type: 'integer', minimum: 0, maximum: 10_000_000_000 },
    kind: { type: 'string', maxLength: 100 },
    state: { type: 'string', enum: ATTACHMENT_STATES },
    sha256: { type: 'string', maxLength: 64 },
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    frozen: { type: 'boolean' },
    signedRevision: { type: 'integer', minimum: 1, maximum: 999_999 },
    /** Pages read from a page-limited PDF (a proof of use's narrative report). */
    pages: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    rejection: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: { type: 'string', maxLength: 100 }, message: { type: 'string', maxLength: 2000 } },
    },
  },
} as const;

export const uploadBody = {
  type: 'object',
  additionalProperties: false,
  required: ['filename', 'contentType', 'size'],
  properties: {
    filename: { type: 'string', minLength: 1, maxLength: 1024 },
    contentType: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 1, maximum: 10_000_000_000 },
    kind: { type: 'string', minLength: 1, maxLength: 100 },
    /** A plan: the scan of the signed paper of this agreed revision (uploaded after the agreement). */
    signedRevision: { type: 'integer', minimum: 1, maximum: 999_999 },
  },
} as const;
export type UploadCommand = FromSchema<typeof uploadBody>;

export const uploadTicket = {
  type: 'object',
  additionalProperties: false,
  required: ['attachmentId', 'attachment', 'upload'],
  properties: {
    attachmentId: id,
    attachment,
    upload: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'fields'],
      properties: {
        url: { type: 'string', maxLength: 4000 },
        fields: {
          type: 'object',
          maxProperties: 50,
          additionalProperties: { type: 'string', maxLength: 10_000 },
        },
        expiresAt: isoDateTime,
        maxBytes: { type: 'integer', minimum: 0, maximum: 10_000_000_000 },
      },
    },
  },
} as const;

export const downloadLink = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', maxLength: 4000 },
    expiresAt: isoDateTime,
    filename: { type: 'string', maxLength: 1024 },
  },
} as const;

// --- Privacy ----------------------------------------------------------------------------------------------

export const consentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['purpose'],
  properties: {
    purpose: { type: 'string', enum: CONSENT_PURPOSES },
    withdrawnAt: isoDate,
    sharingId: id,
  },
} as const;
export type ConsentCommand = FromSchema<typeof consentBody>;

export const accessEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'submissionId', 'at', 'actor', 'role', 'what'],
  properties: {
    id,
    submissionId: id,
    at: isoDateTime,
    actor: actorRef,
    role,
    what: { type: 'string', maxLength: 50 },
    detail: { type: 'string', maxLength: 200 },
  },
} as const;

export const subjectAccessExport = {
  type: 'object',
  required: [
    'format',
    'exportedAt',
    'exportedBy',
    'submission',
    'revisions',
    'history',
    'attachments',
    'accessLog',
  ],
  properties: {
    format: { type: 'string', const: 'pakt-subject-access/1' },
    exportedAt: isoDateTime,
    exportedBy: actorRef,
    submission: { type: 'object', required: ['id', 'data'], properties: { id, data: jsonObject } },
    revisions: { type: 'array', maxItems: 10_000 },
    history: { type: 'array', maxItems: 100_000 },
    attachments: { type: 'array', maxItems: 1000 },
    accessLog: { type: 'array', maxItems: 1_000_000 },
  },
} as const;

// --- Reports ----------------------------------------------------------------------------------------------

const round = { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z-]+$' } as const;

export const allocationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { round },
} as const;
export type AllocationsQuery = FromSchema<typeof allocationsQuery>;

export const allocationOverview = {
  type: 'object',
  required: ['round', 'items', 'districts', 'electoralDistricts', 'totals'],
  properties: {
    round: { type: 'string', maxLength: 20 },
    items: { type: 'array', maxItems: 10_000, items: jsonObject },
    districts: { type: 'array', maxItems: 1000, items: jsonObject },
    electoralDistricts: { type: 'array', maxItems: 1000, items: jsonObject },
    totals: jsonObject,
  },
} as const;

export const keyFiguresQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    org: orgId,
    format: { type: 'string', enum: ['json', 'csv'] },
  },
} as const;
export type KeyFiguresQuery = FromSchema<typeof keyFiguresQuery>;

export const keyFigures = {
  type: 'object',
  required: ['scope', 'suppressed', 'figures'],
  properties: {
    scope: { type: 'object', required: ['org'], properties: { org: orgId } },
    suppressed: { type: 'boolean' },
    figures: jsonObject,
  },
} as const;

export const applicationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { round, status, formId },
} as const;
export type ApplicationsQuery = FromSchema<typeof applicationsQuery>;
