import { S3Client } from '@aws-sdk/client-s3';
import { config } from '#lib/config';

/**
 * One S3 client per container. Checksums only when required: presigned URLs must not carry a checksum
 * parameter a browser upload cannot satisfy.
 */
export const s3Client = new S3Client({
  forcePathStyle: config().s3ForcePathStyle,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
