import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { awsAdapters } from '#lib/aws-files';
import { injectLambdaContext, logger } from '#lib/logger';
import { attachmentService, erasureService } from '#lib/services';

/**
 * The daily erasure job (EventBridge schedule): erases every submission whose erasure date has come. A
 * submission that could not be erased is retried on the next run; the function fails (and alarms) if any did.
 * Then it reconciles attachment objects with their metadata (orphaned objects deleted, deletions and
 * confirmations that stopped half-way finished; see `AttachmentService.reconcile`).
 */
export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const report = await erasureService(awsAdapters({ quarantine: true })).eraseDue();
    // Ids are pseudonymous and kept in the tombstones; nothing else about the submissions is logged.
    logger.info('erasure run', {
      erased: report.erased.length,
      failed: report.failed.length,
      ids: report.erased,
    });
    // Counts only: ids would tell whose files were where.
    const reconciled = await attachmentService(awsAdapters({ quarantine: true })).reconcile();
    logger.info('attachment reconciliation', { ...reconciled });
    if (report.failed.length) {
      logger.error('erasure failed for some submissions', { failed: report.failed });
      throw new Error(`Erasure failed for ${report.failed.length} submission(s); the next run retries.`);
    }
    if (reconciled.failed) {
      throw new Error(`Reconciliation failed for ${reconciled.failed} object(s); the next run retries.`);
    }
  });
