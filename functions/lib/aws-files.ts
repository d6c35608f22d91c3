import { EicarScanner } from '#adapters/local/eicar-scanner';
import { s3Client } from '#adapters/s3/client';
import { GuardDutyScanner } from '#adapters/s3/guardduty-scanner';
import { S3ObjectStorage } from '#adapters/s3/object-storage';
import { awsTableAdapters } from './aws-adapters.ts';
import { config } from './config.ts';
import type { Adapters } from './services.ts';

let files: Adapters | undefined;

/**
 * The table adapters plus S3 and the malware scanner (chosen by configuration: GuardDuty in AWS, the
 * EICAR check locally), for the functions that handle files only: the others bundle no S3 client. The
 * same object as `awsTableAdapters()`, so that every function of a process shares one form catalogue.
 * `needs` names the buckets the caller uses, checked here once.
 */
export function awsAdapters(needs: { quarantine: boolean }): Adapters {
  const { attachmentsBucket, quarantineBucket, malwareScanner } = config();
  if (!attachmentsBucket) throw new Error('Missing configuration: ATTACHMENTS_BUCKET must be set.');
  if (needs.quarantine && !quarantineBucket) {
    throw new Error('Missing configuration: QUARANTINE_BUCKET must be set.');
  }
  files ??= Object.assign(awsTableAdapters(), {
    objects: new S3ObjectStorage(s3Client, { quarantine: quarantineBucket, attachments: attachmentsBucket }),
    scanner: malwareScanner === 'eicar' ? new EicarScanner() : new GuardDutyScanner(),
  });
  return files;
}
