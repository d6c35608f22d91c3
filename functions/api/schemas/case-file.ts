/** Schemas of the case file's routes: the documents an application's changes issued. */
import { DOCUMENT_KINDS, DOCUMENT_STATES } from '../../core/documents/issue.ts';
import { id, isoDate, isoDateTime } from './common.ts';

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
