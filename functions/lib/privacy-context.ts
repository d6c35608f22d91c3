import { documentClient } from '#adapters/dynamodb/client';
import { DynamoErasureStore } from '#adapters/dynamodb/erasure-store';
import { s3Client } from '#adapters/s3/client';
import { S3ObjectStorage } from '#adapters/s3/object-storage';
import { ErasureService } from '#services/erasure-service';
import { PrivacyService } from '#services/privacy-service';
import { config } from './config.ts';
import { context } from './context.ts';

/**
 * The data-protection use cases (consent, access log, export) and the erasure job, built once per container.
 * Apart from `context.ts` because both need S3: the export presigns attachment links, the job deletes
 * objects.
 */
function objects() {
  const { attachmentsBucket, quarantineBucket } = config();
  if (!attachmentsBucket) throw new Error('Missing configuration: ATTACHMENTS_BUCKET must be set.');
  // The privacy API only presigns downloads; the erasure job gets both buckets (checked below).
  return new S3ObjectStorage(s3Client, { attachments: attachmentsBucket, quarantine: quarantineBucket });
}

let privacy: PrivacyService | undefined;
export const privacyService = () => {
  const { submissions, forms, attachments, accessLog, recorder, now } = context();
  privacy ??= new PrivacyService({
    submissions,
    forms,
    attachments,
    accessLog,
    recorder,
    objects: objects(),
    now,
  });
  return privacy;
};

let erasure: ErasureService | undefined;
export const erasureService = () => {
  if (!erasure) {
    const { submissionTable, attachments, accessLog, now } = context();
    if (!config().quarantineBucket) throw new Error('Missing configuration: QUARANTINE_BUCKET must be set.');
    erasure = new ErasureService({
      submissions: submissionTable,
      erasure: new DynamoErasureStore(documentClient, config().tableName),
      attachments,
      accessLog,
      objects: objects(),
      now,
    });
  }
  return erasure;
};
