import { createHash } from 'node:crypto';
import type { ConsentCommand } from '#api/schemas/resources';
import { type AllowedAction, isOwnerSide, withAllowed } from '#core/access';
import type { AccessEntry } from '#core/access-log';
import {
  type AttachmentView,
  attachmentView,
  contentDisposition,
  DOWNLOAD_EXPIRY_SECONDS,
  objectKey,
  withTypeExtension,
} from '#core/attachments';
import { canonicalJson } from '#core/canonical-json';
import { healthPointers, parseWithdrawal, redact, withdrawConsent } from '#core/consent';
import { AppError, badRequest, forbidden, notFound, staleVersion } from '#core/errors';
import type { FormVersion } from '#core/forms';
import {
  itemSize,
  KEY_ALLOWANCE_BYTES,
  MAX_ITEM_BYTES,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_ITEMS,
} from '#core/item-size';
import type { Actor, ConsentWithdrawal, HistoryEvent, Revision, Submission } from '#core/model';
import { berlinDate, dueOnWithdrawal } from '#core/retention';
import { scopesOf } from '#core/scopes';
import { keptTranslations } from '#core/translations';
import { indexedValues } from '#core/validation';
import type { AccessLogStore } from '#ports/access-log';
import type { AttachmentStore } from '#ports/attachment-store';
import type { ObjectStorage } from '#ports/object-storage';
import type { SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import type { FormCatalog } from './form-catalog.ts';
import { loadSubmission } from './load-submission.ts';

import { assertStorable, parseIfMatch } from './submission-service.ts';

/** Consecutive chunks of `items` (whose sizes are `sizes`, same order) within the budget each. */
function chunksWithin<T>(
  items: readonly T[],
  sizes: readonly number[],
  budget: { items: number; bytes: number },
) {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  items.forEach((item, i) => {
    const size = sizes[i] ?? 0;
    if (current.length && (current.length >= budget.items || bytes + size > budget.bytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  });
  if (current.length) chunks.push(current);
  return chunks;
}

export interface PrivacyDeps {
  /** The store as every use case reads it: submissions due for erasure are gone (`RetentionGuardStore`). */
  submissions: SubmissionStore;
  forms: FormCatalog;
  attachments: AttachmentStore;
  accessLog: AccessLogStore;
  recorder: AccessRecorder;
  /** Presigns the attachment links of an export. */
  objects: Pick<ObjectStorage, 'presignDownload'>;
  now: () => Date;
}

/** Everything stored about a plan's person, as one document (GDPR Art. 15). */
export interface SubjectAccessExport {
  format: 'pakt-subject-access/1';
  exportedAt: string;
  exportedBy: { sub: string; name: string };
  submission: Submission;
  revisions: Revision[];
  history: HistoryEvent[];
  attachments: Array<AttachmentView & { download?: { url: string; expiresAt: string } }>;
  accessLog: AccessEntry[];
}

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
const ATTEMPTS = 3;

/**
 * Data protection of plans: withdrawing consent (its own action, in every state, effective at once), the
 * access log, and the subject-access export. Only for case data; only the plan's manager and the
 * organisation's coordinators; state reviewers never reach any of it (404, as for every plan route).
 */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  private load(actor: Actor, id: string) {
    return loadSubmission(this.deps, actor, id);
  }

  private static isCoordinatorOf(actor: Actor, sub: Submission) {
    return actor.roles.includes('coordinator') && actor.org === sub.org;
  }

  /**
   * Records a withdrawal of consent: `storage` locks the plan and schedules its erasure; `health` removes the
   * health data from the working copy and from every revision, in one transaction with the history event
   * (which names the fields, never their content); `sharing` marks the named body's consent withdrawn.
   * `If-Match` is optional: a withdrawal must not fail because someone saved meanwhile.
   */
  async withdrawConsent(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    body: ConsentCommand,
  ): Promise<Submission & { allowed: AllowedAction[] }> {
    const expected = ifMatch === undefined ? undefined : parseIfMatch(ifMatch);
    const request = parseWithdrawal(body, berlinDate(this.deps.now()));
    for (let attempt = 1; ; attempt++) {
      const { sub, form } = await this.load(actor, id);
      if (sub.kind !== 'case') {
        throw badRequest('consent.not_applicable', 'Consent is withdrawn from integration plans only.');
      }
      if (!isOwnerSide(actor, form.workflow, sub) && !PrivacyService.isCoordinatorOf(actor, sub)) {
        throw forbidden(
          'consent.forbidden',
          "Only the plan's manager or a coordinator records a withdrawal.",
        );
      }
      if (expected !== undefined && sub.version !== expected) throw staleVersion();
      try {
        return withAllowed(actor, form.workflow, await this.recordWithdrawal(actor, sub, form, request));
      } catch (error) {
        const retry = expected === undefined && attempt < ATTEMPTS;
        if (!(retry && error instanceof AppError && error.code === 'submission.stale_version')) throw error;
      }
    }
  }

  private async recordWithdrawal(
    actor: Actor,
    sub: Submission,
    form: FormVersion,
    request: ReturnType<typeof parseWithdrawal>,
  ): Promise<Submission> {
    const now = this.deps.now();
    const at = now.toISOString();
    const withdrawn = withdrawConsent(sub.data, request);
    let data = withdrawn.data;
    const rewritten: Revision[] = [];
    let pointers: string[] = [];
    if (request.purpose === 'health') {
      pointers = healthPointers(form.config, data);
      data = redact(data, pointers);
      for (let n = 1; n <= sub.revision; n++) {
        const revision = await this.deps.submissions.getRevision(sub.id, n);
        if (!revision) continue;
        const config = (await this.deps.forms.get(sub.formId, revision.formVersion)).config;
        const found = healthPointers(config, revision.data);
        if (found.length === 0) continue;
        const redacted = redact(revision.data, found);
        // A translation of removed text goes with it.
        const translations = keptTranslations(redacted, revision.translations);
        const { translations: _before, ...rest } = revision;
        rewritten.push({
          ...rest,
          ...(Object.keys(translations).length ? { translations } : {}),
          data: redacted,
          dataSha256: sha256(redacted),
          redacted: [...(revision.redacted ?? []), { purpose: 'health', at, pointers: found }],
        });
      }
    }
    const withdrawal: ConsentWithdrawal = {
      purpose: request.purpose,
      ...(request.sharingId ? { sharingId: request.sharingId } : {}),
      ...(withdrawn.body ? { body: withdrawn.body } : {}),
      withdrawnAt: request.withdrawnAt,
      recordedAt: at,
      recordedBy: { sub: actor.sub, name: actor.name },
    };
    const next: Submission = {
      ...sub,
      data,
      version: sub.version + 1,
      updatedAt: at,
      indexed: indexedValues(form.workflow.indexed, data),
      consentWithdrawals: [...(sub.consentWithdrawals ?? []), withdrawal],
    };
    const translations = keptTranslations(data, sub.translations);
    if (Object.keys(translations).length) next.translations = translations;
    else delete next.translations;
    if (request.purpose === 'storage') {
      next.locked = true;
      next.erasureDueAt = dueOnWithdrawal(
        form.config,
        sub.erasureDueAt,
        request.withdrawnAt,
        berlinDate(now),
      );
    }
    const role = actor.roles.find((r) => r === 'manager' || r === 'coordinator') ?? 'manager';
    // A withdrawal must always be recordable: what does not fit into the one transaction with the change
    // (DynamoDB: 100 items, 4 MB) is redacted first, oldest revisions first, in transactions of its own.
    const budget = { items: MAX_TRANSACTION_ITEMS - 10, bytes: MAX_TRANSACTION_BYTES - 2 * MAX_ITEM_BYTES };
    const sizes = rewritten.map((r) => itemSize({ ...r }) + KEY_ALLOWANCE_BYTES);
    let inChange = rewritten.length;
    let bytes = sizes.reduce((a, b) => a + b, 0);
    while (inChange > budget.items || bytes > budget.bytes)
      bytes -= sizes[rewritten.length - inChange--] ?? 0;
    const ahead = rewritten.slice(0, rewritten.length - inChange);
    for (const chunk of chunksWithin(ahead, sizes, budget))
      await this.deps.submissions.rewriteRevisions(sub.id, chunk);
    const together = rewritten.slice(rewritten.length - inChange);
    assertStorable(next, false);
    await this.deps.submissions.write({
      submission: next,
      expectedVersion: sub.version,
      expectedStatus: sub.status,
      event: {
        submissionId: sub.id,
        version: next.version,
        type: 'consent',
        at,
        actor: { sub: actor.sub, name: actor.name },
        role,
        consent: {
          purpose: request.purpose,
          withdrawnAt: request.withdrawnAt,
          ...(withdrawn.body ? { body: withdrawn.body } : {}),
          ...(request.purpose === 'health'
            ? { redactedPointers: pointers, redactedRevisions: rewritten.map((r) => r.n) }
            : {}),
        },
      },
      scopes: scopesOf(next, form.workflow),
      previousScopes: scopesOf(sub, form.workflow),
      ...(together.length ? { rewrittenRevisions: together } : {}),
    });
    // The answer carries the plan: a read like any other (see SubmissionService.handOut).
    await this.deps.recorder.read(actor, next, 'view', 'consent');
    return next;
  }

  /** The plan's access log, oldest first: for its manager and the organisation's coordinators. */
  async accessLog(actor: Actor, id: string): Promise<AccessEntry[]> {
    const { sub } = await this.load(actor, id);
    if (sub.kind !== 'case')
      throw notFound('access_log.not_found', 'Only integration plans keep an access log.');
    return this.deps.accessLog.list(id);
  }

  /**
   * Everything stored about the plan's person as one document, ready to hand over (GDPR Art. 15): the
   * working data, every revision, the history, the attachments (with download links valid for a few
   * minutes) and the access log, which records this export too. For the organisation's coordinators.
   */
  async export(actor: Actor, id: string): Promise<SubjectAccessExport> {
    const { sub } = await this.load(actor, id);
    if (sub.kind !== 'case')
      throw badRequest('export.not_applicable', 'Only integration plans are exported.');
    if (!PrivacyService.isCoordinatorOf(actor, sub)) {
      throw forbidden('export.forbidden', "Only a coordinator of the plan's organisation exports it.");
    }
    await this.deps.recorder.read(actor, sub, 'export');
    const revisions: Revision[] = [];
    for (let n = 1; n <= sub.revision; n++) {
      const revision = await this.deps.submissions.getRevision(id, n);
      if (revision) revisions.push(revision);
    }
    const frozen = new Set(revisions.at(-1)?.attachments ?? []);
    const attachments = await Promise.all(
      (await this.deps.attachments.list(id)).map(async (a) => {
        const view = attachmentView(a, frozen.has(a.id));
        if (a.state !== 'available') return view;
        const download = await this.deps.objects.presignDownload({
          key: objectKey(id, a.id),
          contentType: a.contentType,
          contentDisposition: contentDisposition(withTypeExtension(a.filename, a.contentType)),
          expiresInSeconds: DOWNLOAD_EXPIRY_SECONDS,
        });
        return { ...view, download };
      }),
    );
    return {
      format: 'pakt-subject-access/1',
      exportedAt: this.deps.now().toISOString(),
      exportedBy: { sub: actor.sub, name: actor.name },
      submission: sub,
      revisions,
      history: await this.deps.submissions.history(id),
      attachments,
      accessLog: await this.deps.accessLog.list(id),
    };
  }
}
