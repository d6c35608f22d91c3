import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '#lib/logger';
import { notificationService } from '#lib/notifications-context';

/** The sweeper (scheduled): delivers outbox items the stream missed and retries failed ones when due. */
export const handler = middy<ScheduledEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const { processed } = await notificationService().sweep();
    logger.info('outbox sweep', { processed });
  });
