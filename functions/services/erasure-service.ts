import { objectKey } from '#core/attachments';
import { berlinDate, isErasureDue, tombstoneOf } from '#core/retention';
import type { AccessLogStore } from '#ports/access-log';
import type { AttachmentStore } from '#ports/attachment-store';
import type { CaseFileStore } from '#ports/case-file-store';
import type { ErasureStore } from '#ports/erasure-store';
import type { ObjectStorage } from '#ports/object-storage';
import type { SubmissionStore } from '#ports/submission-store';

export interface ErasureDeps {
  /** The store underneath the retention guard: the job must see what every read already hides. */
  submissions: SubmissionStore;
  erasure: ErasureStore;
  attachments: AttachmentStore;
  accessLog: AccessLogStore;
  objects: Pick<ObjectStorage, 'deleteAllVersions'>;
  /** The case file's issued documents: their PDFs are erased with the case (the items go with its partition). */
  caseFiles?: Pick<CaseFileStore, 'documents'>;
  now: () => Date;
}

export interface ErasureReport {
  /** Ids erased in this run (ids are pseudonymous; they are kept in the tombstones too). */
  erased: string[];
  /** Ids whose erasure failed this time; the next run tries again. */
  failed: Array<{ id: string; errorName: string }>;
}

/** How many due submissions one query asks for. */
const PAGE = 100;

/**
 * The erasure job (a daily schedule in AWS; `npm run erase-due` and every start locally): deletes every
 * submission whose erasure date has come, with its revisions, history, attachments (every object version in
 * both buckets) and access log, and leaves a tombstone without personal data. The plan's anonymous figures
 * record is kept, so key figures still add up. Safe to run twice or to resume after a failure.
 */
export class ErasureService {
  constructor(private readonly deps: ErasureDeps) {}

  async eraseDue(now: Date = this.deps.now()): Promise<ErasureReport> {
    const today = berlinDate(now);
    const report: ErasureReport = { erased: [], failed: [] };
    const tried = new Set<string>();
    for (;;) {
      const due = (await this.deps.erasure.due(today, PAGE)).filter((d) => !tried.has(d.id));
      if (due.length === 0) return report;
      for (const { id } of due) {
        tried.add(id);
        try {
          if (await this.erase(id, today, now)) report.erased.push(id);
        } catch (error) {
          report.failed.push({ id, errorName: (error as Error)?.name ?? 'Error' });
        }
      }
    }
  }

  /** Erases one submission if it is due; false if it is gone or no longer due. */
  private async erase(id: string, today: string, now: Date): Promise<boolean> {
    const sub = await this.deps.submissions.get(id);
    if (!sub || !isErasureDue(sub, today)) return false;
    const attachments = await this.deps.attachments.list(id);
    // Objects first: should anything fail later, the next run finds the submission again and retries.
    for (const attachment of attachments) {
      const key = objectKey(id, attachment.id);
      await this.deps.objects.deleteAllVersions('quarantine', key);
      await this.deps.objects.deleteAllVersions('attachments', key);
    }
    for (const document of (await this.deps.caseFiles?.documents(id)) ?? [])
      await this.deps.objects.deleteAllVersions('attachments', document.key);
    const [events, accessLog] = await Promise.all([
      this.deps.submissions.history(id),
      this.deps.accessLog.list(id),
    ]);
    const counts = {
      revisions: sub.revision,
      events: events.length,
      attachments: attachments.length,
      accessLog: accessLog.length,
    };
    await this.deps.erasure.erase(sub, tombstoneOf(sub, counts, now.toISOString()));
    return true;
  }
}
