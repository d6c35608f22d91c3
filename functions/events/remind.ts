import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { awsNotificationAdapters } from '#lib/aws-notifications';
import { injectLambdaContext, logger } from '#lib/logger';
import { notificationService as notifications, reminderService as reminders } from '#lib/services';

const notificationService = () => notifications(awsNotificationAdapters());
const reminderService = () => reminders(awsNotificationAdapters());

/**
 * The daily reminder job (EventBridge Scheduler): deadlines due and overdue go to the outbox; then the
 * daily digests are sent.
 */
export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    logger.info('reminders', await reminderService().run());
    logger.info('digests', await notificationService().sendDigests());
  });
