/**
 * Which change issues which document of the case file ("Förderakte"), as one table keyed by the workflow
 * action's name. A document is written as `pending` in the same transaction as the change that issues it and
 * rendered after the commit (see `services/case-file-service.ts`). Pure.
 */
import type { FormKind } from '../model.ts';
import type { LetterContent } from './follow-up-letters.ts';

export const DOCUMENT_KINDS = [
  'receipt',
  'decision',
  'amended-decision',
  'refusal',
  'revocation',
  'repayment-claim',
] as const;
/**
 * `receipt`: "Eingangsbestätigung"; `decision`: "Zuwendungsbescheid"; `amended-decision`: "Änderungsbescheid";
 * `refusal`: "Ablehnungsbescheid"; `revocation`: "Widerrufsbescheid"; `repayment-claim`: "Rückforderungsbescheid".
 */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATES = ['pending', 'ready'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/**
 * The kinds an applicant's retrieval counts for (notification by retrieval, § 41 (2a) LVwVfG). The decision and
 * the refusal are notified on the application's decision (its finality); each other one on its own document.
 */
export const DECISION_KINDS: readonly DocumentKind[] = [
  'decision',
  'amended-decision',
  'refusal',
  'revocation',
  'repayment-claim',
];

/** The kinds whose notification the application's decision records (`Decision.finality`). */
export const FINALITY_KINDS: readonly DocumentKind[] = ['decision', 'refusal'];

/**
 * The document each action of an application issues. Plain strings: other actions join by name. The amended
 * decision and the repayment claim are issued by the follow-up records' rules (`services/follow-up-service.ts`)
 * with what they state, and a revocation after a payout issues a repayment claim beside it.
 */
export const ISSUED_BY_ACTION: Readonly<Record<string, DocumentKind>> = {
  submit: 'receipt',
  approve: 'decision',
  reject: 'refusal',
  revoke: 'revocation',
};

/** Titles as the case file lists them (German first; the letters are German). */
export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, { de: string; en: string }>> = {
  receipt: { de: 'Eingangsbestätigung', en: 'Acknowledgement of receipt' },
  decision: { de: 'Zuwendungsbescheid', en: 'Grant decision' },
  'amended-decision': { de: 'Änderungsbescheid', en: 'Amended grant decision' },
  refusal: { de: 'Ablehnungsbescheid', en: 'Refusal' },
  revocation: { de: 'Widerrufsbescheid', en: 'Revocation' },
  'repayment-claim': { de: 'Rückforderungsbescheid', en: 'Repayment claim' },
};

/** The documents a change issues: only funding applications have a case file of issued documents. */
export function documentsIssuedBy(kind: FormKind, action: string | undefined): DocumentKind[] {
  if (kind !== 'funding' || action === undefined || !Object.hasOwn(ISSUED_BY_ACTION, action)) return [];
  return [ISSUED_BY_ACTION[action] as DocumentKind];
}

/** One issued document of a submission, as stored: written `pending`, rendered, then `ready` with its hash. */
export interface CaseDocument {
  id: string;
  submissionId: string;
  kind: DocumentKind;
  /** German title, e.g. "Eingangsbestätigung (Fassung 2)". */
  title: string;
  /** When the change that issued it was made (ISO); the PDF's creation time. */
  issuedAt: string;
  /** The frozen revision it is about (the receipt's), or the revision current at the decision. */
  revision: number;
  /** The submission version the issuing change produced. */
  version: number;
  state: DocumentState;
  /** Object key of the PDF (in the attachments area, under the submission). */
  key: string;
  /** SHA-256 of the PDF, hex; set when ready. */
  sha256?: string;
  size?: number;
  readyAt?: string;
  /** What the letter states where the application alone does not tell (amended decision, repayment claim). */
  content?: LetterContent;
  /** Decision-type documents other than the decision: the applicant's first retrieval, and the day it counts as notified. */
  retrievedAt?: string;
  notifiedOn?: string;
}

/**
 * The case file's order: by issue time; documents of one change in the order of `DOCUMENT_KINDS` (a revocation
 * before the repayment claim that follows it), then by id.
 */
export function compareDocuments(a: CaseDocument, b: CaseDocument): number {
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt ? -1 : 1;
  const kinds = DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind);
  if (kinds !== 0) return kinds;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const ID = /^[0-9A-Za-z-]{1,64}$/;

/** The object key of a document's PDF, from ids only; beside (not among) the submission's attachments. */
export function documentObjectKey(submissionId: string, documentId: string): string {
  if (!ID.test(submissionId) || !ID.test(documentId)) throw new Error('invalid id for an object key');
  return `submissions/${submissionId}/documents/${documentId}.pdf`;
}

/** A new pending document of a change. */
export function pendingDocument(input: {
  id: string;
  submissionId: string;
  kind: DocumentKind;
  issuedAt: string;
  revision: number;
  version: number;
  content?: LetterContent;
}): CaseDocument {
  const title = DOCUMENT_TITLES[input.kind].de;
  return {
    ...input,
    title: input.kind === 'receipt' ? `${title} (Fassung ${input.revision})` : title,
    state: 'pending',
    key: documentObjectKey(input.submissionId, input.id),
  };
}
