import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { awsCaseFileAdapters } from '#lib/aws-documents';
import { injectLambdaContext, logger } from '#lib/logger';
import { caseFileService as service } from '#lib/services';
import { entities } from '../table.ts';

const caseFileService = () => service(awsCaseFileAdapters());

/** The submission and document ids of a stream record, if it is a newly issued (pending) document. */
export function pendingDocumentOf(
  record: DynamoDBStreamEvent['Records'][number],
): { submissionId: string; documentId: string } | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage;
  if (image?.entity?.S !== entities.document.tag || image.state?.S !== 'pending') return undefined;
  const submissionId = image.submissionId?.S;
  const documentId = image.id?.S;
  return submissionId && documentId ? { submissionId, documentId } : undefined;
}

/**
 * Renders the documents a change issued, after its commit: reads the table's stream (an event source mapping
 * filtered to new document items in AWS; locally the platform's stream reader calls this same function).
 * Rendering is idempotent, so a record delivered twice does nothing more; a failed render fails the record,
 * so the mapping retries it and finally sends it to the dead-letter queue.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const ids = pendingDocumentOf(record);
      if (!ids) continue;
      try {
        const outcome = await caseFileService().render(ids.submissionId, ids.documentId);
        logger.info('case document', { ...ids, outcome });
      } catch (error) {
        logger.error('case document could not be rendered', { ...ids, error: (error as Error).name });
        if (record.dynamodb?.SequenceNumber)
          failures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
    }
    return { batchItemFailures: failures };
  });
