/** Schemas of the case file's routes: the documents an application's changes issued, its timeline and next steps. */
import { DOCUMENT_KINDS, DOCUMENT_STATES } from '../../core/documents/issue.ts';
import { ACTIONS, EVENT_TYPES, FINALITY_STEPS } from '../../core/model.ts';
import { NEXT_STEP_KINDS } from '../../core/next-steps.ts';
import { amount, formId, id, isoDate, isoDateTime, role, status } from './common.ts';

export const documentParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'documentId'],
  properties: { id, documentId: id },
} as const;

/** One document as the case file lists it: pending until rendered, then ready with its PDF's hash. */
export const caseDocument = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'title', 'issuedAt', 'revision', 'state'],
  properties: {
    id,
    kind: { type: 'string', enum: DOCUMENT_KINDS },
    title: { type: 'string', maxLength: 200 },
    issuedAt: isoDateTime,
    revision: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    state: { type: 'string', enum: DOCUMENT_STATES },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    size: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    /** Letters other than the decision: the day the applicant's retrieval notified it. */
    notifiedOn: isoDate,
  },
} as const;

const record = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'formId'],
  properties: { id, formId },
} as const;

/** One step of the case file's timeline (see `core/case-timeline.ts`). */
const timelineEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'at'],
  properties: {
    kind: { type: 'string', enum: ['event', 'document', 'notified', 'final', 'paid'] },
    at: isoDateTime,
    type: { type: 'string', enum: EVENT_TYPES },
    action: { type: 'string', enum: ACTIONS },
    to: status,
    actor: { type: 'string', maxLength: 200 },
    role,
    comment: { type: 'string', maxLength: 10_000 },
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
    record,
    document: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'kind', 'title', 'state'],
      properties: {
        id,
        kind: { type: 'string', enum: DOCUMENT_KINDS },
        title: { type: 'string', maxLength: 200 },
        state: { type: 'string', enum: DOCUMENT_STATES },
      },
    },
    amount,
  },
} as const;

/** One step due next (see `core/next-steps.ts`). */
const nextStep = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: NEXT_STEP_KINDS },
    by: { type: 'string', enum: ['applicant', 'reviewer'] },
    date: isoDate,
    overdue: { type: 'boolean' },
    afterFinality: {
      type: 'object',
      additionalProperties: false,
      properties: { from: isoDate },
    },
    record,
  },
} as const;

/** The case file ("Förderakte"): the timeline and what is due next, by whom and by when. */
export const caseFileView = {
  type: 'object',
  additionalProperties: false,
  required: ['timeline', 'nextSteps', 'today'],
  properties: {
    timeline: { type: 'array', maxItems: 100_000, items: timelineEntry },
    nextSteps: { type: 'array', maxItems: 1000, items: nextStep },
    today: isoDate,
  },
} as const;
