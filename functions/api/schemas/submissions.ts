/** Schemas of the submission routes: requests (typed commands for the services) and responses. */
import type { FromSchema } from 'json-schema-to-ts';
import { ALLOWED_ACTIONS } from '../../core/access.ts';
import { CHANGE_OPS } from '../../core/diff.ts';
import {
  ACTIONS,
  CONSENT_PURPOSES,
  EVENT_TYPES,
  FINALITY_STEPS,
  STATUSES,
  type Status,
} from '../../core/model.ts';
import { MAX_RAW_ENTRIES, MAX_RAW_LENGTH } from '../../core/raw-text.ts';
import { MAX_TRANSLATION_LENGTH, MAX_TRANSLATIONS } from '../../core/translations.ts';
import {
  actorRef,
  amount,
  formId,
  formKind,
  id,
  isoDate,
  isoDateTime,
  jsonObject,
  longText,
  orgId,
  positiveInt,
  role,
  shortText,
  status,
  userId,
} from './common.ts';
import { financeSummary, followUp, followUpResult, repaymentProposal } from './follow-up.ts';

/** What the caller may do with a submission now (computed by the access rules and the workflow). */
export const allowed = {
  type: 'array',
  maxItems: ALLOWED_ACTIONS.length,
  uniqueItems: true,
  items: { type: 'string', enum: ALLOWED_ACTIONS },
} as const;

/** Text typed into a field that does not parse yet, by the field's JSON pointer (kept beside a draft's data). */
export const rawText = {
  type: 'object',
  maxProperties: MAX_RAW_ENTRIES,
  propertyNames: { type: 'string', pattern: '^(/[^/]*)+$', maxLength: 1000 },
  additionalProperties: { type: 'string', maxLength: MAX_RAW_LENGTH },
} as const;

const pointerName = { type: 'string', pattern: '^(/[^/]*)+$', maxLength: 1000 } as const;
/** Fingerprint of the text a translation translates (`textFingerprint` in `core/translations.ts`). */
const sourceHash = { type: 'string', pattern: '^[0-9a-f]{1,16}$' } as const;
const languageCode = { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 } as const;

/**
 * Translations of free text as a save sends them, by the field's JSON pointer (see `core/translations.ts`); who
 * wrote one and when is the server's to say, and may be sent back unchanged.
 */
export const translationsInput = {
  type: 'object',
  maxProperties: MAX_TRANSLATIONS,
  propertyNames: pointerName,
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['lang', 'text'],
    properties: {
      lang: languageCode,
      text: { type: 'string', maxLength: MAX_TRANSLATION_LENGTH },
      sourceHash,
      by: actorRef,
      at: isoDateTime,
    },
  },
} as const;

/** Stored translations of free text, by the field's JSON pointer. */
export const translations = {
  type: 'object',
  maxProperties: MAX_TRANSLATIONS,
  propertyNames: pointerName,
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['lang', 'text', 'sourceHash', 'by', 'at'],
    properties: {
      lang: languageCode,
      text: { type: 'string', maxLength: MAX_TRANSLATION_LENGTH },
      sourceHash,
      by: actorRef,
      at: isoDateTime,
    },
  },
} as const;

const indexedValues = {
  type: 'object',
  maxProperties: 100,
  additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: 1000 },
} as const;

const orgAmounts = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['org', 'amount'],
    properties: { org: orgId, amount },
  },
} as const;

/** Approved amounts per position of the application, by the position's id. */
const decisionPositions = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'approvedAmount'],
    properties: { id: { type: 'string', maxLength: 100 }, approvedAmount: amount },
  },
} as const;

const conditionList = { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 1000 } } as const;
/** Keys of the round's conditions catalogue ("Nebenbestimmungen"). */
const conditionKeys = {
  type: 'array',
  maxItems: 20,
  uniqueItems: true,
  items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,59}$' },
} as const;

/** A version of a funding round. */
const roundVersionNumber = { type: 'integer', minimum: 1, maximum: 1_000_000 } as const;

/** How a decision becomes final (see `core/finality.ts`). */
const finality = {
  type: 'object',
  additionalProperties: false,
  required: ['readyAt'],
  properties: {
    readyAt: isoDateTime,
    retrievedAt: isoDateTime,
    notifiedBy: { type: 'string', enum: ['retrieval', 'post'] },
    remedyNoticeDefective: { type: 'boolean' },
    remedyWaivedOn: isoDate,
    actionFiledOn: isoDate,
    actionClosedOn: isoDate,
  },
} as const;

export const decision = {
  type: 'object',
  additionalProperties: false,
  required: ['requestedAmount', 'approvedAmount', 'fileNumber', 'decisionDate', 'decidedBy'],
  properties: {
    requestedAmount: amount,
    approvedAmount: amount,
    reason: longText,
    positions: decisionPositions,
    fileNumber: { type: 'string', maxLength: 100 },
    // One text per condition; decisions stored before conditions became a list hold one text.
    conditions: { anyOf: [{ type: 'string', maxLength: 20_000 }, conditionList] },
    fundingStart: isoDate,
    fundingEnd: isoDate,
    decisionDate: isoDate,
    decidedBy: actorRef,
    outcome: { type: 'string', enum: ['approved', 'rejected'] },
    proposedBy: actorRef,
    conditionKeys,
    /** A later correction of the round applied by the reviewer, and the version the application was pinned to. */
    roundVersion: roundVersionNumber,
    pinnedRoundVersion: roundVersionNumber,
    notifiedAt: isoDate,
    finalAt: isoDate,
    finality,
    revocation: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'date', 'by'],
      properties: {
        reason: longText,
        date: isoDate,
        by: actorRef,
        claim: {
          type: 'object',
          additionalProperties: false,
          required: ['principal', 'interest', 'total'],
          properties: { principal: amount, interest: amount, total: amount },
        },
      },
    },
  },
} as const;

const consentWithdrawal = {
  type: 'object',
  additionalProperties: false,
  required: ['purpose', 'withdrawnAt', 'recordedAt', 'recordedBy'],
  properties: {
    purpose: { type: 'string', enum: CONSENT_PURPOSES },
    sharingId: id,
    body: shortText,
    withdrawnAt: isoDate,
    recordedAt: isoDateTime,
    recordedBy: actorRef,
  },
} as const;

/** A member's share of a joint application in EUR (the share of an entry of the form's `/joint/members`). */
const share = { type: 'number', minimum: 0, maximum: 1_000_000_000_000 } as const;

/** A joint application member's confirmation of its participation and share. */
const shareConfirmation = {
  type: 'object',
  additionalProperties: false,
  required: ['org', 'share', 'confirmedAt', 'confirmedBy'],
  properties: { org: orgId, share, confirmedAt: isoDateTime, confirmedBy: actorRef },
} as const;

/** Fields of a submission without its data (the list items' shape). */
const summaryProperties = {
  id,
  formId,
  formVersion: positiveInt,
  kind: formKind,
  status,
  version: positiveInt,
  revision: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  approvedRevision: { type: ['integer', 'null'], minimum: 0, maximum: 1_000_000 },
  amending: { type: 'boolean' },
  org: orgId,
  createdBy: userId,
  assignedTo: userId,
  reviewer: userId,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime,
  /** File number ("Aktenzeichen"), assigned at the first submit. */
  fileNumber: { type: 'string', maxLength: 100 },
  lastComment: longText,
  indexed: indexedValues,
  submittedIndexed: indexedValues,
  attachmentsVersion: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
  members: { type: 'array', maxItems: 100, items: orgId },
  jointConfirmations: { type: 'array', maxItems: 100, items: shareConfirmation },
  allocation: {
    type: 'object',
    additionalProperties: false,
    required: ['round', 'reserved'],
    properties: { round: { type: 'string', maxLength: 50 }, reserved: orgAmounts, debited: orgAmounts },
  },
  roundPin: {
    type: 'object',
    additionalProperties: false,
    required: ['round', 'version'],
    properties: { round: { type: 'string', maxLength: 50 }, version: positiveInt },
  },
  decision,
  proposal: {
    type: 'object',
    additionalProperties: false,
    required: ['action', 'proposedBy', 'proposedAt'],
    properties: {
      action: { type: 'string', enum: ['approve', 'reject'] },
      // The decision as the reviewer sent it (`decisionInput`, checked by the transition's request schema).
      decision: jsonObject,
      comment: longText,
      proposedBy: actorRef,
      proposedAt: isoDateTime,
    },
  },
  locked: { type: 'boolean' },
  erasureDueAt: isoDate,
  consentWithdrawals: { type: 'array', maxItems: 1000, items: consentWithdrawal },
  parentId: id,
  followUp,
  result: followUpResult,
  allowed,
} as const;

const summaryRequired = [
  'id',
  'formId',
  'formVersion',
  'kind',
  'status',
  'version',
  'revision',
  'approvedRevision',
  'amending',
  'org',
  'createdBy',
  'createdAt',
  'updatedAt',
  'indexed',
] as const;

/** One submission with its data, as the caller may see it, and what the caller may do with it. */
export const submission = {
  type: 'object',
  additionalProperties: false,
  required: [...summaryRequired, 'data', 'allowed'],
  properties: {
    ...summaryProperties,
    data: jsonObject,
    raw: rawText,
    translations,
    finance: financeSummary,
    followUpForms: { type: 'array', maxItems: 10, items: formId },
    repaymentProposal,
    bankAccountChanged: { type: 'boolean' },
  },
} as const;

export const submissionSummary = {
  type: 'object',
  additionalProperties: false,
  required: summaryRequired,
  properties: summaryProperties,
} as const;

export const submissionPage = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: { type: 'array', maxItems: 100, items: submissionSummary },
    nextCursor: { type: 'string', maxLength: 2000 },
    /** The reviewer's work queue: running counts of the review scope per status. */
    counts: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(STATUSES.map((s) => [s, { type: 'integer', minimum: 0 }])) as Record<
        Status,
        { type: 'integer'; minimum: 0 }
      >,
    },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    formId,
    status,
    /** Reviewers: a prefix of the municipality's name, its key (AGS) or the file number. */
    q: { type: 'string', minLength: 1, maxLength: 100 },
    district: { type: 'string', minLength: 1, maxLength: 100 },
    round: { type: 'string', pattern: '^[0-9A-Za-z._-]{1,40}$' },
    /** Reviewers: `me`, `none` (unassigned) or a user id. */
    reviewer: { type: 'string', pattern: '^[0-9A-Za-z._@-]{1,128}$' },
    sort: { type: 'string', enum: ['oldest', 'newest'] },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    cursor: { type: 'string', minLength: 1, maxLength: 2000 },
  },
} as const;
export type ListSubmissionsQuery = FromSchema<typeof listQuery>;

export const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['formId'],
  /** `parentId`: a follow-up record (payment request, change notice, proof of use) of this application. */
  properties: { formId, data: jsonObject, parentId: id },
} as const;
export type CreateSubmissionCommand = FromSchema<typeof createBody>;

export const saveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { data: jsonObject, raw: rawText, translations: translationsInput },
} as const;
export type SaveSubmissionCommand = FromSchema<typeof saveBody>;

/** The approval decision as the reviewer sends it; the server adds the requested amount and who decided. */
export const decisionInput = {
  type: 'object',
  additionalProperties: false,
  properties: {
    approvedAmount: amount,
    positions: decisionPositions,
    reason: { type: 'string', maxLength: 2000 },
    fileNumber: { type: 'string', maxLength: 100 },
    // A single text is one condition. Total length and calendar dates are checked by the decision rule.
    conditions: { anyOf: [{ type: 'string', maxLength: 1000 }, conditionList] },
    conditionKeys,
    fundingStart: isoDate,
    fundingEnd: isoDate,
    decisionDate: isoDate,
    /** Funding applications: apply this later published version of the round (a correction), not the pinned one. */
    roundVersion: roundVersionNumber,
    /** Payment requests: the reviewer confirms a bank account other than the application's. */
    confirmBankAccount: { type: 'boolean' },
    /** Proofs of use: raise a repayment claim; amounts other than the server's proposal need a reason. */
    repaymentClaim: {
      type: 'object',
      additionalProperties: false,
      properties: { principal: amount, interest: amount, reason: { type: 'string', maxLength: 2000 } },
    },
  },
} as const;
export type DecisionInput = FromSchema<typeof decisionInput>;

export const transitionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', enum: ACTIONS },
    comment: longText,
    decision: decisionInput,
  },
} as const;
export type TransitionCommand = FromSchema<typeof transitionBody>;

/**
 * `GET /api/submissions/{id}/decision-proposal?approvedAmount=&roundVersion=`: the total to split pro rata, and a
 * later published version of the round to apply (its rates and conditions).
 */
export const decisionProposalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { approvedAmount: amount, roundVersion: roundVersionNumber },
} as const;
export type DecisionProposalQuery = FromSchema<typeof decisionProposalQuery>;

export const decisionProposal = {
  type: 'object',
  additionalProperties: false,
  required: ['requestedAmount', 'approvedAmount', 'positions', 'conditions'],
  properties: {
    requestedAmount: amount,
    approvedAmount: amount,
    positions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'requestedAmount', 'approvedAmount'],
        properties: {
          id: { type: 'string', maxLength: 100 },
          requestedAmount: amount,
          approvedAmount: amount,
          /** With a later version applied: what the position comes to under its rates (at most requested). */
          correctedAmount: amount,
        },
      },
    },
    conditions: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'de'],
        properties: {
          code: { type: 'string', maxLength: 60 },
          de: { type: 'string', maxLength: 4000 },
          en: { type: 'string', maxLength: 4000 },
        },
      },
    },
    /** The round's versions: the application's, the one applied here, the latest published. */
    round: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'pinned', 'applied', 'latest'],
      properties: {
        id: { type: 'string', maxLength: 100 },
        pinned: roundVersionNumber,
        applied: roundVersionNumber,
        latest: roundVersionNumber,
      },
    },
  },
} as const;

/** A step towards a decision's finality (reviewer; `remedy_waived` by the applicant side). */
export const finalityBody = {
  type: 'object',
  additionalProperties: false,
  required: ['step'],
  properties: {
    step: {
      type: 'string',
      enum: ['notified_by_post', 'remedy_notice', 'remedy_waived', 'action_filed', 'action_closed'],
    },
    /** The day notified by post, or the action was filed or closed. */
    date: isoDate,
    /** `remedy_notice`: true if the legal-remedy notice is missing or wrong. */
    value: { type: 'boolean' },
  },
} as const;
export type FinalityCommand = FromSchema<typeof finalityBody>;

export const assignBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: { userId },
} as const;
export type AssignCommand = FromSchema<typeof assignBody>;

/** Takes (own id), assigns (another reviewer's id) or releases (`null`) a submission in the review queue. */
export const reviewerBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: { userId: { anyOf: [userId, { type: 'null' }] } },
} as const;
export type ReviewerCommand = FromSchema<typeof reviewerBody>;

/** A member confirms its participation in a joint application with the share it was shown. */
export const memberConfirmationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['share'],
  properties: { share },
} as const;
export type MemberConfirmationCommand = FromSchema<typeof memberConfirmationBody>;

export const historyEvent = {
  type: 'object',
  additionalProperties: false,
  required: ['submissionId', 'version', 'type', 'at', 'actor', 'role'],
  properties: {
    submissionId: id,
    version: positiveInt,
    type: { type: 'string', enum: EVENT_TYPES },
    at: isoDateTime,
    actor: actorRef,
    role,
    action: { type: 'string', enum: ACTIONS },
    from: status,
    to: status,
    comment: longText,
    revision: positiveInt,
    assignedTo: userId,
    /** For `assigned`: the assignee before (told of the change too). */
    previousAssignee: userId,
    reviewer: userId,
    proposedBy: actorRef,
    finality: {
      type: 'object',
      additionalProperties: false,
      required: ['step'],
      properties: {
        step: { type: 'string', enum: FINALITY_STEPS },
        date: isoDate,
        value: { type: 'boolean' },
      },
    },
    asked: { type: 'array', maxItems: 100, items: orgId },
    confirmation: {
      type: 'object',
      additionalProperties: false,
      required: ['org', 'share'],
      properties: { org: orgId, share },
    },
    migration: {
      type: 'object',
      additionalProperties: false,
      required: ['fromVersion', 'toVersion'],
      properties: {
        fromVersion: positiveInt,
        toVersion: positiveInt,
        language: { type: 'string', maxLength: 35 },
      },
    },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['purpose', 'withdrawnAt'],
      properties: {
        purpose: { type: 'string', enum: CONSENT_PURPOSES },
        withdrawnAt: isoDate,
        body: shortText,
        redactedPointers: { type: 'array', maxItems: 10_000, items: { type: 'string', maxLength: 2000 } },
        redactedRevisions: { type: 'array', maxItems: 10_000, items: positiveInt },
      },
    },
  },
} as const;

export const revision = {
  type: 'object',
  additionalProperties: false,
  required: [
    'submissionId',
    'n',
    'formVersion',
    'data',
    'dataSha256',
    'attachments',
    'createdAt',
    'createdBy',
  ],
  properties: {
    submissionId: id,
    n: positiveInt,
    formVersion: positiveInt,
    data: jsonObject,
    dataSha256: { type: 'string', maxLength: 64 },
    translations,
    attachments: { type: 'array', maxItems: 1000, items: id },
    createdAt: isoDateTime,
    createdBy: userId,
    redacted: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['purpose', 'at', 'pointers'],
        properties: {
          purpose: { type: 'string', enum: CONSENT_PURPOSES },
          at: isoDateTime,
          pointers: { type: 'array', maxItems: 10_000, items: { type: 'string', maxLength: 2000 } },
        },
      },
    },
  },
} as const;

export const revisionParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'n'],
  properties: { id, n: positiveInt },
} as const;

export const diffQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: {
    from: positiveInt,
    // A revision number, or `working` for the owner side's working copy.
    to: { type: 'string', maxLength: 10, pattern: '^([1-9][0-9]{0,6}|working)$' },
  },
} as const;
export type DiffQuery = FromSchema<typeof diffQuery>;

export const diffResult = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'changes', 'summary'],
  properties: {
    from: positiveInt,
    to: { anyOf: [positiveInt, { type: 'string', const: 'working' }] },
    changes: {
      type: 'array',
      maxItems: 100_000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pointer', 'op'],
        properties: {
          pointer: { type: 'string', maxLength: 2000 },
          op: { type: 'string', enum: CHANGE_OPS },
          before: {},
          after: {},
          itemId: { type: 'string', maxLength: 200 },
        },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['added', 'removed', 'changed', 'total'],
      properties: {
        added: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        removed: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        changed: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        total: { type: 'integer', minimum: 0, maximum: 1_000_000 },
      },
    },
  },
} as const;
