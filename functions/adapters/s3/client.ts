import { S3Client } from '@aws-sdk/client-s3';
import { config, dependencyTimeoutMs } from '#lib/config';
import { sdkTimeouts, translateUnavailable } from '../sdk-resilience.ts';

/**
 * One S3 client per container. Checksums only when required: presigned URLs must not carry a checksum
 * parameter a browser upload cannot satisfy. Bounded timeouts and retries; an object store that does not
 * answer becomes 503 `dependency.unavailable`.
 */
export const s3Client = translateUnavailable(
  new S3Client({
    ...sdkTimeouts(dependencyTimeoutMs()),
    forcePathStyle: config().s3ForcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }),
);
