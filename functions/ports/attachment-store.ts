import type { Attachment, SubmissionGuard } from '#core/attachments';
import type { OutboxEvent } from '#core/notifications';

/** Fields an update may change; the rest of an attachment never changes after it is created. */
export type AttachmentPatch = Partial<
  Pick<Attachment, 'state' | 'sha256' | 'etag' | 'verdict' | 'rejection'>
> &
  Pick<Attachment, 'updatedAt'>;

/** The outcome of a conditional update: the attachment after it, or as it is now if it had changed meanwhile. */
export type AttachmentUpdate =
  | { ok: true; attachment: Attachment }
  | { ok: false; current: Attachment | undefined };

/** What else an update checks or writes in its transaction. */
export interface AttachmentUpdateOptions {
  /** Only if the submission passes it (else 409 `attachments.changed`). */
  guard?: SubmissionGuard;
  /** The notification event the change reports (an outbox item), written in the same transaction. */
  outbox?: OutboxEvent;
}

/**
 * Attachment metadata, beside its submission (entity `attachment` in `functions/table.ts`).
 * Every change also counts up the submission's `attachmentsVersion` in the same transaction, so that a
 * submit based on an older list of attachments fails (see `SubmissionWrite.expectedAttachmentsVersion`).
 */
export interface AttachmentStore {
  get(submissionId: string, attachmentId: string): Promise<Attachment | undefined>;
  /** A submission's attachments, oldest first. */
  list(submissionId: string): Promise<Attachment[]>;
  /** Creates an attachment; throws 409 `attachments.changed` unless the submission passes the guard. */
  create(attachment: Attachment, guard: SubmissionGuard): Promise<void>;
  /**
   * Applies the patch (and counts up `version`) only if the attachment is still at the version it was
   * read at; otherwise answers how it is now. With a guard, also only if the submission passes it (else
   * throws 409 `attachments.changed`); with an outbox event, that is written in the same transaction.
   */
  update(
    current: Attachment,
    patch: AttachmentPatch,
    options?: AttachmentUpdateOptions,
  ): Promise<AttachmentUpdate>;
  /**
   * Deletes the metadata; throws 404 `attachments.not_found` if it is gone and 409 `attachments.changed`
   * unless the submission passes the guard.
   */
  remove(submissionId: string, attachmentId: string, guard: SubmissionGuard): Promise<void>;
}
