import { EicarScanner } from '#adapters/memory/eicar-scanner';
import { s3Client } from '#adapters/s3/client';
import { GuardDutyScanner } from '#adapters/s3/guardduty-scanner';
import { S3ObjectStorage } from '#adapters/s3/object-storage';
import { AttachmentService } from '#services/attachment-service';
import { config } from './config.ts';
import { context } from './context.ts';

/**
 * The attachment use cases with their object storage and malware scanner, built once per container. Apart
 * from `context.ts` so that only the functions that handle files (the attachments API and the malware
 * verdict) bundle the S3 client and the presigners.
 */
function build() {
  const { submissions, forms, attachments, now, newId, recorder } = context();
  const { attachmentsBucket, quarantineBucket, malwareScanner } = config();
  if (!attachmentsBucket || !quarantineBucket) {
    throw new Error('Missing configuration: ATTACHMENTS_BUCKET and QUARANTINE_BUCKET must be set.');
  }
  return new AttachmentService({
    submissions,
    forms,
    attachments,
    objects: new S3ObjectStorage(s3Client, { quarantine: quarantineBucket, attachments: attachmentsBucket }),
    scanner: malwareScanner === 'eicar' ? new EicarScanner() : new GuardDutyScanner(),
    now,
    newId,
    access: recorder,
  });
}

let built: AttachmentService | undefined;
export const attachmentService = () => {
  built ??= build();
  return built;
};
