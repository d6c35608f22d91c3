import { createHash } from 'node:crypto';
import type { UploadCommand } from '#api/schemas/resources';
import { assertMayAct } from '#core/access';
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
import type { FormConfig } from '#core/forms';
import { type Actor, isObject, STATUSES, type Submission } from '#core/model';
import { attachmentRefusedEvent } from '#core/notifications';
import { EDITABLE, isEditable } from '#core/workflow';
import type { AttachmentStore } from '#ports/attachment-store';
import type { MalwareScanner } from '#ports/malware-scanner';
import type { ObjectArea, ObjectStorage, PresignedUpload } from '#ports/object-storage';
import type { SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import { agreedOn } from './document-service.ts';
import type { FormCatalog } from './form-catalog.ts';
import { loadSubmission } from './load-submission.ts';
import { pdfPageCount } from './pdf-pages.ts';

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

/** What one reconciliation run did, in counts (no ids: they would tell whose files were where). */
export interface ReconcileReport {
  /** Objects without metadata, deleted. */
  orphans: number;
  /** Deletions that had stopped half-way, finished. */
  finished: number;
  /** Copies left behind (quarantine after a rejection or promotion), deleted. */
  cleaned: number;
  /** Attachments stuck in `scanning`, carried on. */
  resumed: number;
  failed: number;
}

/** An attachment in `scanning` for longer than this is taken as a confirmation that stopped half-way. */
export const STALE_SCAN_MS = 2 * 60 * 1000;

/** A rejection reason: the error code and message the confirming call answers with. */
type Reason = { code: string; message: string };

/** A form's page limit for one attachment kind (`narrativeReport` in its config): warn above, refuse above max. */
function pageRule(
  config: FormConfig | undefined,
): { kind: string; warnAbovePages: number; maxPages: number } | undefined {
  const rule = config?.narrativeReport;
  if (!isObject(rule) || typeof rule.kind !== 'string' || typeof rule.maxPages !== 'number') return undefined;
  return {
    kind: rule.kind,
    maxPages: rule.maxPages,
    warnAbovePages: typeof rule.warnAbovePages === 'number' ? rule.warnAbovePages : rule.maxPages,
  };
}

const pageLimited = (config: FormConfig | undefined, a: Attachment) =>
  a.contentType === 'application/pdf' && a.kind !== undefined && pageRule(config)?.kind === a.kind;

/** Concurrent changes of the same submission are retried this often before the caller gets a 409. */
const ATTEMPTS = 3;

const sha256Hex = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');
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

  /**
   * Refuses (409 `attachments.pending`) while an upload is not settled, and (409 `attachments.required`, one
   * detail per missing kind) while a kind the form requires has no available attachment; else the available
   * ones' ids.
   */
  async forRevision(submission: Pick<Submission, 'id'>, required: readonly string[] = []): Promise<string[]> {
    // Scans of signed papers stay with the revision they were signed for; a later revision does not take them.
    const all = (await this.attachments.list(submission.id)).filter((a) => a.signedRevision === undefined);
    const unsettled = all.filter((a) => isUnsettled(a.state));
    if (unsettled.length) {
      throw conflict(
        'attachments.pending',
        'Some attachments are not confirmed or still being checked; wait for them or delete them, then submit.',
        unsettled.map((a): ErrorDetail => ({ pointer: `/attachments/${a.id}`, message: a.state })),
      );
    }
    const available = all.filter((a) => a.state === 'available');
    const missing = required.filter((kind) => !available.some((a) => a.kind === kind));
    if (missing.length) {
      throw conflict(
        'attachments.required',
        `Attachments of these kinds are required before submitting: ${missing.join(', ')}.`,
        missing.map((kind): ErrorDetail => ({ pointer: '/attachments', message: kind })),
      );
    }
    return available.map((a) => a.id);
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

  private load(actor: Actor, id: string) {
    return loadSubmission(this.deps, actor, id);
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
    // Scans of signed papers belong to agreed revisions: the reviewer side (a plan's coordinators) sees them.
    const visible =
      access === 'working' ? all : all.filter((a) => frozen.has(a.id) || a.signedRevision !== undefined);
    // File names and sizes of a plan's documents are its data too: the list is a logged read.
    if (visible.length) await this.deps.access?.read(actor, sub, 'view', 'attachments');
    return visible.map((a) => attachmentView(a, frozen.has(a.id)));
  }

  /**
   * A scan of the signed paper is for a plan's revision that was agreed (the paper printed from it was
   * signed), one per revision.
   */
  private async assertSignable(sub: Submission, kind: string, n: number): Promise<void> {
    if (kind !== 'case')
      throw badRequest('attachments.signed_not_applicable', 'Only integration plans are signed on paper.', [
        { pointer: '/signedRevision', message: 'not a plan' },
      ]);
    const agreed = n <= sub.revision && agreedOn(await this.deps.submissions.history(sub.id), n) !== null;
    if (!agreed)
      throw conflict('attachments.signed_not_agreed', `Revision ${n} of the plan was not agreed.`, [
        { pointer: '/signedRevision', message: 'not an agreed revision' },
      ]);
    const existing = await this.deps.attachments.list(sub.id);
    if (existing.some((a) => a.signedRevision === n && a.state !== 'rejected'))
      throw conflict('attachments.signed_exists', `The signed paper of revision ${n} is already kept.`, [
        { pointer: '/signedRevision', message: 'already uploaded' },
      ]);
  }

  async requestUpload(
    actor: Actor,
    id: string,
    body: UploadCommand,
  ): Promise<{ attachmentId: string; attachment: AttachmentView; upload: PresignedUpload }> {
    const { sub: loaded, form } = await this.load(actor, id);
    assertMayAct(actor, form.workflow, loaded, 'save');
    const limits = attachmentLimits(form.config);
    const request = parseUploadRequest(body, limits);
    const signed = body.signedRevision;
    if (signed !== undefined) await this.assertSignable(loaded, form.workflow.kind, signed);
    let sub = loaded;
    for (let attempt = 1; ; attempt++) {
      if (signed === undefined && !isEditable(sub.status)) throw notEditable(sub);
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
        ...(signed !== undefined ? { signedRevision: signed } : {}),
        state: 'pending',
        version: 1,
        createdAt: now,
        createdBy: actor.sub,
        updatedAt: now,
      };
      try {
        // The counter read with the submission guards the file limit against concurrent requests.
        await this.deps.attachments.create(attachment, {
          // A signed scan comes after the agreement, in any state; the revision read still guards it.
          statuses: signed === undefined ? EDITABLE : STATUSES,
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
      attachment = await this.check(attachment, limits, form.config);
    }
    // Re-entrant: a confirmation that stopped half-way (after the check, before the verdict was applied)
    // is finished by the next one, or by the reconciliation job.
    if (this.isStaleScan(attachment)) attachment = await this.resume(attachment);
    if (attachment.state === 'deleting') {
      throw conflict('attachments.deleting', 'The attachment is being deleted.');
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
  private async check(
    attachment: Attachment,
    limits: AttachmentLimits,
    config?: FormConfig,
  ): Promise<Attachment> {
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
    // A page-limited document (the narrative report of a proof of use): its pages are read from the file.
    const pages = pageLimited(config, attachment) ? pdfPageCount(content) : undefined;
    const rule = pageRule(config);
    if (pages !== undefined && rule && pages > rule.maxPages) {
      return this.reject(attachment, {
        code: 'attachments.too_many_pages',
        message: `The document has ${pages} pages; at most ${rule.maxPages} are accepted.`,
      });
    }
    const step = attachmentTransition(attachment.state, 'checked');
    const moved = await this.deps.attachments.update(attachment, {
      state: step.to,
      sha256: sha256Hex(content),
      etag,
      updatedAt: this.stamp(),
      ...(pages !== undefined ? { pages } : {}),
    });
    if (!moved.ok) return moved.current ?? Promise.reject(attachmentNotFound());
    const scanning = moved.attachment;
    // In AWS the verdict may have come before the confirmation (GuardDuty scans on upload).
    const early = scanning.verdict?.etag === etag ? scanning.verdict.result : undefined;
    const verdict = early ?? (await this.deps.scanner.scan({ key, etag, content }));
    return this.applyVerdict(scanning, verdict, content);
  }

  /** True for an attachment left in `scanning` longer than a confirmation or a verdict event takes. */
  isStaleScan(attachment: Attachment): boolean {
    return (
      attachment.state === 'scanning' &&
      this.deps.now().getTime() - Date.parse(attachment.updatedAt) > STALE_SCAN_MS
    );
  }

  /**
   * Carries an attachment stuck in `scanning` on: the checked object is read again (it must still have the
   * recorded SHA-256), the scanner asked again and its verdict applied; a promotion that stopped after the
   * object was put is completed. What cannot be verified any more is rejected (its objects deleted).
   */
  async resume(scanning: Attachment): Promise<Attachment> {
    const key = objectKey(scanning.submissionId, scanning.id);
    const read = await this.deps.objects.read('quarantine', key, scanning.size);
    if (read && read !== 'too_large' && sha256Hex(read.content) === scanning.sha256) {
      const early = scanning.verdict?.etag === read.etag ? scanning.verdict.result : undefined;
      const verdict =
        early ?? (await this.deps.scanner.scan({ key, etag: read.etag, content: read.content }));
      return this.applyVerdict(scanning, verdict, read.content);
    }
    if (!read) {
      // The quarantine copy is deleted only after the attachment is available: a promotion that stopped
      // after putting the object, with the copy since expired.
      const promoted = await this.deps.objects.read('attachments', key, scanning.size);
      if (promoted && promoted !== 'too_large' && sha256Hex(promoted.content) === scanning.sha256) {
        const result = await this.deps.attachments.update(scanning, {
          state: 'available',
          updatedAt: this.stamp(),
        });
        if (result.ok) return result.attachment;
        return result.current ?? Promise.reject(attachmentNotFound());
      }
    }
    await this.deps.objects.deleteAllVersions('attachments', key);
    return this.reject(scanning, REASONS.replaced);
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
      sub ? { outbox: attachmentRefusedEvent(sub, attachment, updatedAt) } : {},
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
      if (result.current && result.current.state !== 'deleting') return result.current;
      // Deleted (or being deleted) while it was being promoted: nothing of it may stay behind, also if the
      // deletion removed the objects before this put.
      await this.deps.objects.deleteAllVersions('attachments', key);
      await this.deps.objects.deleteAllVersions('quarantine', key);
      if (result.current) return result.current;
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
    if (
      access !== 'working' &&
      attachment.signedRevision === undefined &&
      !(await this.frozenIds(sub)).has(attachment.id)
    )
      throw attachmentNotFound();
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
      const attachment = await this.deps.attachments.get(id, attachmentId);
      if (!attachment) throw attachmentNotFound();
      // A signed scan may be taken back (a wrong file) until the plan moves on to another revision.
      const signed = attachment.signedRevision !== undefined;
      if (signed ? attachment.signedRevision !== sub.revision : !isEditable(sub.status)) {
        if (signed)
          throw conflict(
            'attachments.frozen',
            'The plan moved on to another revision; the signed paper stays with the one it was signed for.',
          );
        throw notEditable(sub);
      }
      // A deletion that stopped half-way: finish it.
      if (attachment.state === 'deleting') return this.finishRemoval(attachment);
      if ((await this.frozenIds(sub)).has(attachmentId)) {
        throw conflict(
          'attachments.frozen',
          'The attachment belongs to a submitted revision; it can be downloaded but no longer deleted.',
        );
      }
      try {
        // The tombstone first, guarded by state and revision: a submit in between freezes the attachment,
        // and this fails. Once it is `deleting`, no submit can freeze it (it counts as unsettled).
        const marked = await this.deps.attachments.update(
          attachment,
          { state: 'deleting', updatedAt: this.stamp() },
          { guard: { statuses: signed ? STATUSES : EDITABLE, revision: sub.revision } },
        );
        if (marked.ok) return this.finishRemoval(marked.attachment);
        if (attempt >= ATTEMPTS)
          throw conflict('attachments.changed', 'The attachment changed meanwhile; try again.');
      } catch (error) {
        if (!isChanged(error) || attempt >= ATTEMPTS) throw error;
        sub = await this.reload(id);
      }
    }
  }

  /**
   * Deletes a `deleting` attachment's objects (every version, both areas) and only then its metadata, so
   * that a failure leaves the tombstone for a repeated delete or the reconciliation to finish. Repeatable.
   */
  async finishRemoval(attachment: Attachment): Promise<void> {
    const key = objectKey(attachment.submissionId, attachment.id);
    await this.deps.objects.deleteAllVersions('quarantine', key);
    await this.deps.objects.deleteAllVersions('attachments', key);
    const sub = await this.deps.submissions.get(attachment.submissionId);
    // Erased meanwhile: the erasure removed the metadata with the submission.
    if (!sub) return;
    try {
      await this.deps.attachments.remove(attachment.submissionId, attachment.id, {
        statuses: [sub.status],
        revision: sub.revision,
      });
    } catch (error) {
      // Someone else finished it first.
      if (error instanceof AppError && error.code === 'attachments.not_found') return;
      throw error;
    }
  }

  /**
   * The reconciliation of metadata and objects (daily with the erasure job in AWS; on every start
   * locally): every object in either area is checked against its metadata. An object without metadata is
   * deleted (personal data nobody could find again); a deletion that stopped half-way is finished; a copy
   * left in quarantine after a rejection or promotion is deleted; an attachment stuck in `scanning` is
   * resumed. Safe to run at any time and twice.
   */
  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { orphans: 0, finished: 0, cleaned: 0, resumed: 0, failed: 0 };
    const seen = new Set<string>();
    for (const area of ['quarantine', 'attachments'] as const) {
      for await (const key of this.deps.objects.list(area)) {
        const ids = parseObjectKey(key);
        if (!ids) continue;
        try {
          const outcome = await this.reconcileObject(area, key, ids, seen);
          if (outcome) report[outcome] += 1;
        } catch {
          report.failed += 1;
        }
      }
    }
    return report;
  }

  private async reconcileObject(
    area: ObjectArea,
    key: string,
    ids: { submissionId: string; attachmentId: string },
    seen: Set<string>,
  ): Promise<Exclude<keyof ReconcileReport, 'failed'> | undefined> {
    const attachment = await this.deps.attachments.get(ids.submissionId, ids.attachmentId);
    if (!attachment) {
      await this.deps.objects.deleteAllVersions(area, key);
      return 'orphans';
    }
    if (seen.has(attachment.id)) return undefined;
    seen.add(attachment.id);
    switch (attachment.state) {
      case 'deleting':
        await this.finishRemoval(attachment);
        return 'finished';
      case 'rejected':
        await this.deps.objects.deleteAllVersions(area, key);
        return 'cleaned';
      case 'available':
        if (area !== 'quarantine') return undefined;
        await this.deps.objects.deleteAllVersions(area, key);
        return 'cleaned';
      case 'scanning':
        if (!this.isStaleScan(attachment)) return undefined;
        await this.resume(attachment);
        return 'resumed';
      case 'pending':
        // An upload not confirmed (yet): the quarantine's expiry removes the object after a day.
        return undefined;
    }
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

/** Checks an upload request (its shape passed the route's schema) against the form's limits. */
function parseUploadRequest(body: UploadCommand, limits: AttachmentLimits) {
  const { filename, contentType, size, kind } = body;
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
