import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { awsNotificationAdapters } from '#lib/aws-notifications';
import { injectLambdaContext, logger } from '#lib/logger';
import { notificationService as service } from '#lib/services';

const notificationService = () => service(awsNotificationAdapters());

/**
 * SES bounce and complaint events (configuration set → SNS → this function): the address is marked, no
 * further mail goes to it, and its owner sees a banner to correct it. Addresses are never logged.
 */
export const handler = middy<SNSEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    let marked = 0;
    for (const record of event.Records)
      marked += await notificationService().recordFeedback(JSON.parse(record.Sns.Message));
    logger.info('mail feedback', { records: event.Records.length, marked });
  });
