import type { DocumentModel } from '#core/documents/model';

/** Turns a document model into a printable file (PDF): the platform's one document renderer. */
export interface DocumentRenderer {
  /** The PDF bytes. Deterministic for the same model and `createdAt` (the time in its metadata). */
  render(document: DocumentModel, createdAt: Date): Promise<Uint8Array>;
}
