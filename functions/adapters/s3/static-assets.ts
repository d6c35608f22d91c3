import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StaticAssets } from '#services/form-catalog';

/** Static files for the web origin (published validator modules), in the web bucket. */
export class S3StaticAssets implements StaticAssets {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string, contentType: string) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }
}
