import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { awsNotificationAdapters } from '#lib/aws-notifications';
import { injectLambdaContext, logger } from '#lib/logger';
import { notificationService as service } from '#lib/services';

const notificationService = () => service(awsNotificationAdapters());

/** The sweeper (scheduled): delivers outbox items the stream missed and retries failed ones when due. */
export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const { processed } = await notificationService().sweep();
    logger.info('outbox sweep', { processed });
  });
