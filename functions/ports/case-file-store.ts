import type { CaseDocument } from '#core/documents/issue';

/**
 * The case file's own items beside the submission: the documents it issued (written pending with the change
 * that issues them, see `SubmissionWrite.documents`) and the file-number counters (moved with a first submit,
 * see `SubmissionWrite.fileNumberCounter`).
 */
export interface CaseFileStore {
  /** The last file number issued for the authority and round; 0 if none yet. */
  lastFileNumber(authority: string, round: string): Promise<number>;
  /** A submission's documents, oldest first. */
  documents(submissionId: string): Promise<CaseDocument[]>;
  document(submissionId: string, documentId: string): Promise<CaseDocument | undefined>;
  /** Marks a pending document ready with its PDF's hash; false if it is not (or no longer) pending. */
  markReady(
    submissionId: string,
    documentId: string,
    ready: { sha256: string; size: number; readyAt: string },
  ): Promise<boolean>;
  /**
   * Records the applicant's first retrieval of a ready document (and the day it counts as notified, where the
   * retrieval came in time); false if it was retrieved before or is not ready.
   */
  markRetrieved(
    submissionId: string,
    documentId: string,
    retrieval: { retrievedAt: string; notifiedOn?: string },
  ): Promise<boolean>;
}
