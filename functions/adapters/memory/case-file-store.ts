import { type CaseDocument, compareDocuments } from '#core/documents/issue';
import type { CaseFileStore } from '#ports/case-file-store';
import type { MemorySubmissionStore } from './submission-store.ts';

/** The case file over the memory submission store, which writes documents and counters with its changes. */
export class MemoryCaseFileStore implements CaseFileStore {
  constructor(private readonly submissions: MemorySubmissionStore) {}

  async lastFileNumber(authority: string, round: string): Promise<number> {
    return this.submissions.lastFileNumber(authority, round);
  }

  async documents(submissionId: string): Promise<CaseDocument[]> {
    return [...(this.submissions.documentsOf(submissionId)?.values() ?? [])]
      .sort(compareDocuments)
      .map((d) => structuredClone(d));
  }

  async document(submissionId: string, documentId: string): Promise<CaseDocument | undefined> {
    const d = this.submissions.documentsOf(submissionId)?.get(documentId);
    return d ? structuredClone(d) : undefined;
  }

  async markReady(
    submissionId: string,
    documentId: string,
    ready: { sha256: string; size: number; readyAt: string },
  ): Promise<boolean> {
    const documents = this.submissions.documentsOf(submissionId);
    const d = documents?.get(documentId);
    if (!documents || !d || d.state !== 'pending') return false;
    documents.set(documentId, { ...d, state: 'ready', ...ready });
    return true;
  }

  async markRetrieved(
    submissionId: string,
    documentId: string,
    retrieval: { retrievedAt: string; notifiedOn?: string },
  ): Promise<boolean> {
    const documents = this.submissions.documentsOf(submissionId);
    const d = documents?.get(documentId);
    if (!documents || !d || d.state !== 'ready' || d.retrievedAt) return false;
    documents.set(documentId, { ...d, ...retrieval });
    return true;
  }
}
