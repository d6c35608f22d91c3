import { createHash } from 'node:crypto';
import { assertMayAct, assertReadable } from '#core/access';
import {
  type Attachment,
  type AttachmentLimits,
  type AttachmentView,
  attachmentLimits,
  attachmentTransition,
  attachmentView,
  contentDisposition,
  contentMatches,
  DOWNLOAD_EXPIRY_SECONDS,
  isUnsettled,
  normaliseContentType,
  objectKey,
  parseObjectKey,
  type ScanVerdict,
  sanitizeFilename,
  UPLOAD_EXPIRY_SECONDS,
  withTypeExtension,
} from '#core/attachments';
import { AppError, badRequest, conflict, type ErrorDetail, notFound } from '#core/errors';
import type { Actor, Submission } from '#core/model';
import { attachmentRefusedEvent } from '#core/notifications';
import { EDITABLE, isEditable } from '#core/workflow';
import type { AttachmentStore } from '#ports/attachment-store';
import type { MalwareScanner } from '#ports/malware-scanner';
import type { ObjectStorage, PresignedUpload } from '#ports/object-storage';
import type { SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import type { FormCatalog } from './form-catalog.ts';

export interface AttachmentDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  attachments: AttachmentStore;
  objects: ObjectStorage;
  scanner: MalwareScanner;
  now: () => Date;
  newId: () => string;
  /** Records downloads of a plan's attachments in its access log. */
  access?: Pick<AccessRecorder, 'read'>;
}

/** A rejection reason: the error code and message the confirming call answers with. */
type Reason = { code: string; message: string };

/** Concurrent changes of the same submission are retried this often before the caller gets a 409. */
const ATTEMPTS = 3;

const sha256Hex = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isChanged = (error: unknown) => error instanceof AppError && error.code === 'attachments.changed';
const attachmentNotFound = () => notFound('attachments.not_found', 'Attachment not found.');
const notEditable = (sub: Submission) =>
  conflict(
    'submission.not_editable',
    `Attachments of a submission in state "${sub.status}" cannot be changed.`,
  );

const REASONS = {
  tooLarge: (max: number) => ({
    code: 'attachments.too_large',
    message: `The file is larger than ${max} bytes.`,
  }),
  sizeMismatch: {
    code: 'attachments.size_mismatch',
    message: 'The uploaded file does not have the declared size.',
  },
  typeMismatch: (type: string) => ({
    code: 'attachments.type_mismatch',
    message: `The file's content is not of the declared type ${type}.`,
  }),
  malware: {
    code: 'attachments.malware_found',
    message: 'The malware scan found a threat in the file; it was deleted.',
  },
  scanFailed: {
    code: 'attachments.scan_failed',
    message: 'The file could not be scanned for malware (e.g. encrypted or damaged); it was deleted.',
  },
  replaced: {
    code: 'attachments.replaced',
    message: 'The upload was replaced after it was checked; upload it again.',
  },
} as const;

/**
 * The one use the submission workflow makes of attachments: at submit, the attachments frozen with the
 * revision. Needs the metadata store only, so the submissions function carries no S3 code.
 */
export class RevisionAttachments {
  constructor(private readonly attachments: AttachmentStore) {}

  /** Refuses (409 `attachments.pending`) while an upload is not settled; else the available ones' ids. */
  async forRevision(submission: Pick<Submission, 'id'>): Promise<string[]> {
    const all = await this.attachments.list(submission.id);
    const unsettled = all.filter((a) => isUnsettled(a.state));
    if (unsettled.length) {
      throw conflict(
        'attachments.pending',
        'Some attachments are not confirmed or still being checked; wait for them or delete them, then submit.',
        unsettled.map((a): ErrorDetail => ({ pointer: `/attachments/${a.id}`, message: a.state })),
      );
    }
    return all.filter((a) => a.state === 'available').map((a) => a.id);
  }
}

/**
 * The use cases of attachments: ask for an upload, confirm it (check the stored object, then the malware
 * verdict), list, download, delete, and record a verdict that arrives by event. Who may see a submission
 * may see its attachments (a snapshot reader only those of the latest revision); only the owner side
 * changes them, and only while the submission is editable.
 */
export class AttachmentService {
  constructor(private readonly deps: AttachmentDeps) {}

  private async load(actor: Actor, id: string) {
    const sub = await this.deps.submissions.get(id);
    if (!sub) throw notFound('submission.not_found', 'Submission not found.');
    const form = await this.deps.forms.get(sub.formId, sub.formVersion);
    const access = assertReadable(actor, form.workflow, sub);
    return { sub, form, access };
  }

  private async reload(id: string): Promise<Submission> {
    const sub = await this.deps.submissions.get(id);
    if (!sub) throw notFound('submission.not_found', 'Submission not found.');
    return sub;
  }

  /** Ids frozen in a revision. Frozen attachments are never deleted, so the latest revision lists them all. */
  private async frozenIds(sub: Submission): Promise<Set<string>> {
    if (sub.revision === 0) return new Set();
    const revision = await this.deps.submissions.getRevision(sub.id, sub.revision);
    return new Set(revision?.attachments ?? []);
  }

  private readonly stamp = () => this.deps.now().toISOString();

  async list(actor: Actor, id: string): Promise<AttachmentView[]> {
    const { sub, access } = await this.load(actor, id);
    const [all, frozen] = await Promise.all([this.deps.attachments.list(id), this.frozenIds(sub)]);
    // Reviewers read what was submitted, never what the owner side adds after a return.
    const visible = access === 'working' ? all : all.filter((a) => frozen.has(a.id));
    return visible.map((a) => attachmentView(a, frozen.has(a.id)));
  }

  async requestUpload(
    actor: Actor,
    id: string,
    body: unknown,
  ): Promise<{ attachmentId: string; attachment: AttachmentView; upload: PresignedUpload }> {
    const { sub: loaded, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, loaded, 'save');
    const limits = attachmentLimits(form.config);
    const request = parseUploadRequest(body, limits);
    let sub = loaded;
    for (let attempt = 1; ; attempt++) {
      if (!isEditable(sub.status)) throw notEditable(sub);
      const existing = await this.deps.attachments.list(id);
      // Rejected uploads do not count: their objects are gone.
      if (existing.filter((a) => a.state !== 'rejected').length >= limits.maxFiles) {
        throw badRequest(
          'attachments.too_many',
          `A submission may have at most ${limits.maxFiles} attachments.`,
        );
      }
      const now = this.stamp();
      const attachment: Attachment = {
        id: this.deps.newId(),
        submissionId: id,
        filename: request.filename,
        contentType: request.contentType,
        size: request.size,
        ...(request.kind ? { kind: request.kind } : {}),
        state: 'pending',
        version: 1,
        createdAt: now,
        createdBy: actor.sub,
        updatedAt: now,
      };
      try {
        // The counter read with the submission guards the file limit against concurrent requests.
        await this.deps.attachments.create(attachment, {
          statuses: EDITABLE,
          revision: sub.revision,
          attachmentsVersion: sub.attachmentsVersion ?? 0,
        });
      } catch (error) {
        if (!isChanged(error) || attempt >= ATTEMPTS) throw error;
        sub = await this.reload(id);
        continue;
      }
      const upload = await this.deps.objects.presignUpload({
        key: objectKey(id, attachment.id),
        contentType: attachment.contentType,
        size: attachment.size,
        expiresInSeconds: UPLOAD_EXPIRY_SECONDS,
      });
      return { attachmentId: attachment.id, attachment: attachmentView(attachment, false), upload };
    }
  }

  /**
   * Confirms an upload: checks the stored object (size, content against the declared type), records its
   * SHA-256 and asks for the malware verdict. 200 when available, 202 while the verdict is pending; a
   * failed check deletes the object and answers 400 with the reason. Repeating it (or racing it) is safe:
   * the state changes are conditional, and whoever loses answers with the state the winner reached.
   */
  async complete(
    actor: Actor,
    id: string,
    attachmentId: string,
  ): Promise<{ status: 200 | 202; attachment: AttachmentView }> {
    const { sub, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, sub, 'save');
    let attachment = await this.deps.attachments.get(id, attachmentId);
    if (!attachment) throw attachmentNotFound();
    const limits = attachmentLimits(form.config);
    for (let attempt = 1; attachment.state === 'pending'; attempt++) {
      if (attempt > ATTEMPTS)
        throw conflict('attachments.changed', 'The attachment changed meanwhile; try again.');
      attachment = await this.check(attachment, limits);
    }
    if (attachment.state === 'rejected') {
      const reason = attachment.rejection ?? REASONS.sizeMismatch;
      throw badRequest(reason.code, reason.message);
    }
    const frozen = await this.frozenIds(sub);
    return {
      status: attachment.state === 'available' ? 200 : 202,
      attachment: attachmentView(attachment, frozen.has(attachment.id)),
    };
  }

  /** One attempt to move a pending attachment on; answers the attachment as it is afterwards. */
  private async check(attachment: Attachment, limits: AttachmentLimits): Promise<Attachment> {
    const key = objectKey(attachment.submissionId, attachment.id);
    const head = await this.deps.objects.head('quarantine', key);
    if (!head) return this.notUploaded(attachment);
    if (head.size > limits.maxBytes) return this.reject(attachment, REASONS.tooLarge(limits.maxBytes));
    if (head.size !== attachment.size) return this.reject(attachment, REASONS.sizeMismatch);
    if (head.contentType && normaliseContentType(head.contentType) !== attachment.contentType) {
      return this.reject(attachment, REASONS.typeMismatch(attachment.contentType));
    }
    const read = await this.deps.objects.read('quarantine', key, limits.maxBytes);
    if (!read) return this.notUploaded(attachment);
    if (read === 'too_large') return this.reject(attachment, REASONS.tooLarge(limits.maxBytes));
    const { content, etag } = read;
    if (content.byteLength !== attachment.size) return this.reject(attachment, REASONS.sizeMismatch);
    if (!contentMatches(attachment.contentType, content)) {
      return this.reject(attachment, REASONS.typeMismatch(attachment.contentType));
    }
    const step = attachmentTransition(attachment.state, 'checked');
    const moved = await this.deps.attachments.update(attachment, {
      state: step.to,
      sha256: sha256Hex(content),
      etag,
      updatedAt: this.stamp(),
    });
    if (!moved.ok) return moved.current ?? Promise.reject(attachmentNotFound());
    const scanning = moved.attachment;
    // In AWS the verdict may have come before the confirmation (GuardDuty scans on upload).
    const early = scanning.verdict?.etag === etag ? scanning.verdict.result : undefined;
    const verdict = early ?? (await this.deps.scanner.scan({ key, etag, content }));
    return this.applyVerdict(scanning, verdict, content);
  }

  /** Nothing stored (yet): still pending, unless someone else confirmed it meanwhile and moved the object. */
  private async notUploaded(attachment: Attachment): Promise<Attachment> {
    const current = await this.deps.attachments.get(attachment.submissionId, attachment.id);
    if (!current) throw attachmentNotFound();
    if (current.state === 'pending' && current.version === attachment.version) {
      throw conflict(
        'attachments.not_uploaded',
        'Nothing was uploaded for this attachment yet; upload the file first.',
      );
    }
    return current;
  }

  /** Marks the attachment rejected and deletes its object (the quarantine's expiry would, a day later). */
  private async reject(attachment: Attachment, reason: Reason): Promise<Attachment> {
    attachmentTransition(
      attachment.state,
      attachment.state === 'pending' ? 'checkFailed' : 'verdictRejected',
    );
    // The uploader is told, by an outbox item written with the refusal (the submission is read for it).
    const sub = await this.deps.submissions.get(attachment.submissionId);
    const updatedAt = this.stamp();
    const result = await this.deps.attachments.update(
      attachment,
      { state: 'rejected', rejection: reason, updatedAt },
      sub ? attachmentRefusedEvent(sub, attachment, updatedAt) : undefined,
    );
    if (!result.ok) return result.current ?? Promise.reject(attachmentNotFound());
    await this.deps.objects.deleteAllVersions(
      'quarantine',
      objectKey(attachment.submissionId, attachment.id),
    );
    return result.attachment;
  }

  private async applyVerdict(
    scanning: Attachment,
    verdict: ScanVerdict,
    content?: Uint8Array,
  ): Promise<Attachment> {
    switch (verdict) {
      case 'pending':
        return scanning;
      case 'infected':
        return this.reject(scanning, REASONS.malware);
      case 'failed':
        return this.reject(scanning, REASONS.scanFailed);
      case 'clean':
        return this.promote(scanning, content);
    }
  }

  /**
   * Puts the checked bytes where downloads come from and only then marks the attachment available. Without
   * the bytes at hand (verdict by event), the quarantine object is read again and must still be the one
   * whose SHA-256 was recorded.
   */
  private async promote(scanning: Attachment, checked?: Uint8Array): Promise<Attachment> {
    const key = objectKey(scanning.submissionId, scanning.id);
    let content = checked;
    if (!content) {
      const read = await this.deps.objects.read('quarantine', key, scanning.size);
      if (!read || read === 'too_large' || sha256Hex(read.content) !== scanning.sha256) {
        return this.reject(scanning, REASONS.replaced);
      }
      content = read.content;
    }
    attachmentTransition(scanning.state, 'verdictClean');
    await this.deps.objects.put('attachments', key, content, {
      contentType: scanning.contentType,
      contentDisposition: contentDisposition(withTypeExtension(scanning.filename, scanning.contentType)),
      sha256: scanning.sha256 ?? sha256Hex(content),
    });
    const result = await this.deps.attachments.update(scanning, {
      state: 'available',
      updatedAt: this.stamp(),
    });
    if (!result.ok) {
      if (result.current) return result.current;
      // Deleted while it was being promoted: nothing of it may stay behind.
      await this.deps.objects.deleteAllVersions('attachments', key);
      await this.deps.objects.deleteAllVersions('quarantine', key);
      throw attachmentNotFound();
    }
    await this.deps.objects.deleteAllVersions('quarantine', key);
    return result.attachment;
  }

  /** A presigned GET (at most 5 minutes) that downloads the file as an attachment under its sanitised name. */
  async download(
    actor: Actor,
    id: string,
    attachmentId: string,
  ): Promise<{ url: string; expiresAt: string }> {
    const { sub, access } = await this.load(actor, id);
    const attachment = await this.deps.attachments.get(id, attachmentId);
    if (!attachment) throw attachmentNotFound();
    if (access !== 'working' && !(await this.frozenIds(sub)).has(attachment.id)) throw attachmentNotFound();
    if (attachment.state !== 'available') {
      throw conflict(
        'attachments.not_available',
        `The attachment is ${attachment.state}, not available for download.`,
      );
    }
    await this.deps.access?.read(actor, sub, 'attachment', attachment.id);
    return this.deps.objects.presignDownload({
      key: objectKey(id, attachment.id),
      contentType: attachment.contentType,
      contentDisposition: contentDisposition(withTypeExtension(attachment.filename, attachment.contentType)),
      expiresInSeconds: DOWNLOAD_EXPIRY_SECONDS,
    });
  }

  /** Deletes an attachment that no revision holds, with every version of its objects. */
  async remove(actor: Actor, id: string, attachmentId: string): Promise<void> {
    const { sub: loaded, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, loaded, 'save');
    let sub = loaded;
    for (let attempt = 1; ; attempt++) {
      if (!isEditable(sub.status)) throw notEditable(sub);
      const attachment = await this.deps.attachments.get(id, attachmentId);
      if (!attachment) throw attachmentNotFound();
      if ((await this.frozenIds(sub)).has(attachmentId)) {
        throw conflict(
          'attachments.frozen',
          'The attachment belongs to a submitted revision; it can be downloaded but no longer deleted.',
        );
      }
      try {
        // Guarded by state and revision: a submit in between freezes the attachment, and this fails.
        await this.deps.attachments.remove(id, attachmentId, { statuses: EDITABLE, revision: sub.revision });
        break;
      } catch (error) {
        if (!isChanged(error) || attempt >= ATTEMPTS) throw error;
        sub = await this.reload(id);
      }
    }
    const key = objectKey(id, attachmentId);
    await this.deps.objects.deleteAllVersions('quarantine', key);
    await this.deps.objects.deleteAllVersions('attachments', key);
  }

  /**
   * Records a malware verdict that arrived by event for an object in quarantine. A verdict for an upload
   * not yet confirmed is kept on the attachment (the confirmation applies it); one for a confirmed upload
   * promotes or rejects it; one for another upload of the key, or for a settled attachment, is ignored
   * (events arrive at least once). An object whose attachment is gone is deleted.
   */
  async recordVerdict(input: {
    key: string;
    etag: string;
    verdict: Exclude<ScanVerdict, 'pending'>;
  }): Promise<'recorded' | 'applied' | 'ignored' | 'orphan'> {
    const ids = parseObjectKey(input.key);
    if (!ids) return 'ignored';
    const etag = input.etag.replace(/"/g, '');
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const attachment = await this.deps.attachments.get(ids.submissionId, ids.attachmentId);
      if (!attachment) {
        await this.deps.objects.deleteAllVersions('quarantine', input.key);
        return 'orphan';
      }
      if (attachment.state === 'pending') {
        const recorded = await this.deps.attachments.update(attachment, {
          verdict: { result: input.verdict, etag, at: this.stamp() },
          updatedAt: this.stamp(),
        });
        if (recorded.ok) return 'recorded';
        continue;
      }
      if (attachment.state !== 'scanning' || attachment.etag !== etag) return 'ignored';
      await this.applyVerdict(attachment, input.verdict);
      return 'applied';
    }
    throw conflict('attachments.changed', 'The attachment kept changing while its verdict was recorded.');
  }
}

/** Reads `{filename, contentType, size, kind?}` and checks it against the form's limits. */
function parseUploadRequest(body: unknown, limits: AttachmentLimits) {
  const invalid = (pointer: string, message: string) =>
    badRequest('attachments.invalid_request', 'Expected {filename, contentType, size, kind?}.', [
      { pointer, message },
    ]);
  if (!isObject(body)) throw invalid('', 'must be an object');
  const { filename, contentType, size, kind } = body;
  if (typeof filename !== 'string' || filename.length === 0 || filename.length > 1024) {
    throw invalid('/filename', 'a string of 1 to 1024 characters');
  }
  if (typeof contentType !== 'string' || contentType.length > 255)
    throw invalid('/contentType', 'a media type');
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    throw invalid('/size', 'a whole number of bytes, at least 1');
  if (kind !== undefined && typeof kind !== 'string') throw invalid('/kind', 'a string');
  const type = normaliseContentType(contentType);
  if (!limits.allowedTypes.includes(type)) {
    throw badRequest('attachments.type_not_allowed', `Allowed types: ${limits.allowedTypes.join(', ')}.`, [
      { pointer: '/contentType', message: 'type not allowed' },
    ]);
  }
  if (size > limits.maxBytes) {
    throw badRequest('attachments.too_large', `A file may have at most ${limits.maxBytes} bytes.`, [
      { pointer: '/size', message: `at most ${limits.maxBytes}` },
    ]);
  }
  if (kind !== undefined && !limits.kinds.includes(kind)) {
    throw badRequest('attachments.kind_not_allowed', `Known kinds: ${limits.kinds.join(', ') || 'none'}.`, [
      { pointer: '/kind', message: 'unknown kind' },
    ]);
  }
  return {
    filename: sanitizeFilename(filename),
    contentType: type,
    size,
    ...(kind !== undefined ? { kind } : {}),
  };
}
