import { createHash } from 'node:crypto';
import type { ObjectArea, ObjectStorage, PresignedUpload, StoredObject } from '#ports/object-storage';

interface Stored {
  content: Uint8Array;
  etag: string;
  contentType?: string;
  contentDisposition?: string;
  sha256?: string;
}

/**
 * Object storage in memory with the two areas. A presigned upload is a `memory://` address that `upload`
 * (what a browser's POST does) fills; downloads are `memory://` addresses too. No policy is enforced on
 * upload, as with the local S3 emulator: the service's own checks on `complete` are what is tested.
 */
export class MemoryObjectStorage implements ObjectStorage {
  readonly areas: Record<ObjectArea, Map<string, Stored>> = {
    quarantine: new Map(),
    attachments: new Map(),
  };
  /** Every presigned upload, newest last (what the browser would have been told). */
  readonly uploads: Array<{ key: string; contentType: string; size: number }> = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  async presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    expiresInSeconds: number;
  }): Promise<PresignedUpload> {
    this.uploads.push({ key: input.key, contentType: input.contentType, size: input.size });
    return {
      url: `memory://quarantine/${input.key}`,
      fields: { key: input.key, 'Content-Type': input.contentType },
      expiresAt: new Date(this.now().getTime() + input.expiresInSeconds * 1000).toISOString(),
    };
  }

  async presignDownload(input: { key: string; expiresInSeconds: number }) {
    return {
      url: `memory://attachments/${input.key}`,
      expiresAt: new Date(this.now().getTime() + input.expiresInSeconds * 1000).toISOString(),
    };
  }

  /** What a browser's upload to a presigned POST does: puts the bytes into quarantine. */
  upload(key: string, content: Uint8Array, contentType?: string): void {
    this.areas.quarantine.set(key, {
      content: new Uint8Array(content),
      etag: createHash('md5').update(content).digest('hex'),
      ...(contentType ? { contentType } : {}),
    });
  }

  /** The object as stored, for assertions. */
  peek(area: ObjectArea, key: string): Readonly<Stored> | undefined {
    return this.areas[area].get(key);
  }

  async head(area: ObjectArea, key: string): Promise<StoredObject | undefined> {
    const stored = this.areas[area].get(key);
    if (!stored) return undefined;
    return {
      size: stored.content.byteLength,
      etag: stored.etag,
      ...(stored.contentType ? { contentType: stored.contentType } : {}),
    };
  }

  async read(area: ObjectArea, key: string, maxBytes: number) {
    const stored = this.areas[area].get(key);
    if (!stored) return undefined;
    if (stored.content.byteLength > maxBytes) return 'too_large' as const;
    return { content: new Uint8Array(stored.content), etag: stored.etag };
  }

  async put(
    area: ObjectArea,
    key: string,
    content: Uint8Array,
    meta: { contentType: string; contentDisposition: string; sha256: string },
  ) {
    this.areas[area].set(key, {
      content: new Uint8Array(content),
      etag: createHash('md5').update(content).digest('hex'),
      ...meta,
    });
  }

  async deleteAllVersions(area: ObjectArea, key: string) {
    this.areas[area].delete(key);
  }

  async *list(area: ObjectArea): AsyncIterable<string> {
    yield* [...this.areas[area].keys()].sort();
  }
}
