import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectArea, ObjectStorage } from '#ports/object-storage';

const unquote = (etag: string | undefined) => (etag ?? '').replace(/"/g, '');
const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};
/** The local S3 emulator has no versions: it refuses ListObjectVersions. */
const versionsUnsupported = (error: unknown) =>
  ['NotImplemented', 'MethodNotAllowed'].includes((error as { name?: string })?.name ?? '');

/**
 * The two attachment buckets: `quarantine` (presigned POST uploads from browsers) and `attachments`
 * (checked objects; presigned GET downloads). The client must be created with checksums "when required",
 * or presigned URLs carry a checksum a browser cannot satisfy (see `#adapters/s3/client`).
 */
export class S3ObjectStorage implements ObjectStorage {
  constructor(
    private readonly client: S3Client,
    private readonly buckets: Record<ObjectArea, string>,
  ) {}

  async presignUpload(input: { key: string; contentType: string; size: number; expiresInSeconds: number }) {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.buckets.quarantine,
      Key: input.key,
      // Fields become exact-match conditions of the policy; the key is pinned by the presigner itself.
      Fields: { 'Content-Type': input.contentType },
      Conditions: [['content-length-range', input.size, input.size]],
      Expires: input.expiresInSeconds,
    });
    return { url, fields, expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000).toISOString() };
  }

  async presignDownload(input: {
    key: string;
    contentType: string;
    contentDisposition: string;
    expiresInSeconds: number;
  }) {
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.buckets.attachments,
        Key: input.key,
        ResponseContentType: input.contentType,
        ResponseContentDisposition: input.contentDisposition,
      }),
      { expiresIn: input.expiresInSeconds },
    );
    return { url, expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000).toISOString() };
  }

  async head(area: ObjectArea, key: string) {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.buckets[area], Key: key }));
      return {
        size: out.ContentLength ?? 0,
        etag: unquote(out.ETag),
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(area: ObjectArea, key: string, maxBytes: number) {
    let out: GetObjectCommandOutput;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.buckets[area], Key: key }));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const body = out.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    if ((out.ContentLength ?? 0) > maxBytes) {
      body?.destroy?.();
      return 'too_large' as const;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Counted while reading too: the length header is the server's word, the bytes are what arrives.
    for await (const chunk of body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        body?.destroy?.();
        return 'too_large' as const;
      }
      chunks.push(chunk);
    }
    return { content: new Uint8Array(Buffer.concat(chunks)), etag: unquote(out.ETag) };
  }

  async put(
    area: ObjectArea,
    key: string,
    content: Uint8Array,
    meta: { contentType: string; contentDisposition: string; sha256: string },
  ) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.buckets[area],
        Key: key,
        Body: content,
        ContentLength: content.byteLength,
        ContentType: meta.contentType,
        // Also served as a download without overrides: never rendered inline by a browser.
        ContentDisposition: meta.contentDisposition,
        Metadata: { sha256: meta.sha256 },
      }),
    );
  }

  /**
   * Every key with any version left (a deleted object's older versions are still its data), each once;
   * where versions are not supported (the local emulator), the current objects.
   */
  async *list(area: ObjectArea): AsyncIterable<string> {
    const Bucket = this.buckets[area];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    let last: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectVersionsCommand({ Bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
        );
        const keys = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
          .map((v) => v.Key)
          .filter((k): k is string => k !== undefined)
          .sort();
        for (const key of keys) {
          if (key === last) continue;
          last = key;
          yield key;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
      return;
    } catch (error) {
      if (!versionsUnsupported(error)) throw error;
    }
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.buckets[area], ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async deleteAllVersions(area: ObjectArea, key: string) {
    const Bucket = this.buckets[area];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectVersionsCommand({
            Bucket,
            Prefix: key,
            KeyMarker: keyMarker,
            VersionIdMarker: versionMarker,
          }),
        );
        // The prefix also matches longer keys; only this key's versions and delete markers go.
        const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].filter(
          (v) => v.Key === key,
        );
        for (const v of versions) {
          await this.client.send(
            new DeleteObjectCommand({ Bucket, Key: key, VersionId: v.VersionId ?? 'null' }),
          );
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      if (!versionsUnsupported(error)) throw error;
      await this.client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    }
  }
}
