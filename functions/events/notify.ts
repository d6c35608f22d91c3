import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { awsNotificationAdapters } from '#lib/aws-notifications';
import { injectLambdaContext, logger } from '#lib/logger';
import { notificationService as service } from '#lib/services';
import { entities } from '../table.ts';

const notificationService = () => service(awsNotificationAdapters());

/** The outbox event id of a stream record, if the record is a newly written outbox item. */
export function outboxIdOf(record: DynamoDBStreamEvent['Records'][number]): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.entity?.S !== entities.outbox.tag) return undefined;
  return image.event?.M?.id?.S;
}

/**
 * Reads the table's stream (an event source mapping in AWS; the local platform polls DynamoDB Local's
 * stream and calls this same function): each new outbox item is delivered. A delivery that fails is
 * recorded on the item and retried by the sweeper; only a failure to record that fails the record, so
 * the mapping retries it (bisecting the batch) and finally sends it to the dead-letter queue.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const id = outboxIdOf(record);
      if (!id) continue;
      try {
        const outcome = await notificationService().process(id);
        logger.info('outbox item', { id, outcome });
      } catch (error) {
        logger.error('outbox item could not be handled', { id, error: (error as Error).name });
        if (record.dynamodb?.SequenceNumber)
          failures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures: failures };
  });
