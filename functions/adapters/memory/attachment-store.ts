import type { Attachment, SubmissionGuard } from '#core/attachments';
import { conflict, notFound } from '#core/errors';
import type {
  AttachmentPatch,
  AttachmentStore,
  AttachmentUpdate,
  AttachmentUpdateOptions,
} from '#ports/attachment-store';
import type { MemoryNotificationStore } from './notification-store.ts';
import type { MemorySubmissionStore } from './submission-store.ts';

const clone = <T>(value: T): T => structuredClone(value);
const byId = (a: Attachment, b: Attachment) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const attachmentsChanged = () =>
  conflict('attachments.changed', 'The submission changed meanwhile; reload it and try again.');
const attachmentNotFound = () => notFound('attachments.not_found', 'Attachment not found.');

/**
 * In-memory attachment metadata with the DynamoDB adapter's semantics. The submission's side of each
 * change (guard and `attachmentsVersion`) is checked and counted synchronously in the memory submission
 * store, so that check and change stay one atomic step, as in a DynamoDB transaction.
 */
export class MemoryAttachmentStore implements AttachmentStore {
  private readonly items = new Map<string, Map<string, Attachment>>();

  constructor(
    private readonly submissions: MemorySubmissionStore,
    private readonly notifications?: MemoryNotificationStore,
  ) {}

  private of(submissionId: string) {
    let map = this.items.get(submissionId);
    if (!map) {
      map = new Map();
      this.items.set(submissionId, map);
    }
    return map;
  }

  async get(submissionId: string, attachmentId: string) {
    const item = this.items.get(submissionId)?.get(attachmentId);
    return item ? clone(item) : undefined;
  }

  async list(submissionId: string) {
    return [...(this.items.get(submissionId)?.values() ?? [])].sort(byId).map(clone);
  }

  async create(attachment: Attachment, guard: SubmissionGuard) {
    const map = this.of(attachment.submissionId);
    if (map.has(attachment.id) || !this.submissions.touchAttachments(attachment.submissionId, guard)) {
      throw attachmentsChanged();
    }
    map.set(attachment.id, clone(attachment));
  }

  async update(
    current: Attachment,
    patch: AttachmentPatch,
    { guard, outbox }: AttachmentUpdateOptions = {},
  ): Promise<AttachmentUpdate> {
    const map = this.items.get(current.submissionId);
    const stored = map?.get(current.id);
    if (!map || !stored || stored.version !== current.version) {
      return { ok: false, current: stored ? clone(stored) : undefined };
    }
    if (outbox && !this.notifications) throw new Error('outbox events need a notification store');
    // A repeated event id fails the transaction in DynamoDB: nothing is written.
    if (outbox && this.notifications?.hasOutbox(outbox.id)) return { ok: false, current: clone(stored) };
    if (!this.submissions.touchAttachments(current.submissionId, guard)) {
      if (guard) throw attachmentsChanged();
      return { ok: false, current: clone(stored) };
    }
    const next: Attachment = { ...stored, ...clone(patch), version: stored.version + 1 };
    map.set(current.id, next);
    if (outbox) this.notifications?.putOutbox(outbox);
    return { ok: true, attachment: clone(next) };
  }

  /** For the memory erasure store: drops every attachment of an erased submission. */
  forget(submissionId: string) {
    this.items.delete(submissionId);
  }

  async remove(submissionId: string, attachmentId: string, guard: SubmissionGuard) {
    const map = this.items.get(submissionId);
    if (!map?.has(attachmentId)) throw attachmentNotFound();
    if (!this.submissions.touchAttachments(submissionId, guard)) throw attachmentsChanged();
    map.delete(attachmentId);
  }
}
