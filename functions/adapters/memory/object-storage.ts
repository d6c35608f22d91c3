import { createHash } from 'node:crypto';
import type { ObjectArea, ObjectStorage, StoredObject } from '#ports/object-storage';

interface MemoryObject {
  content: Uint8Array;
  etag: string;
  contentType?: string;
}

/**
 * Object storage in memory, for service tests: the two areas as maps, presigned URLs that name the key
 * (nothing listens there; tests put the "uploaded" bytes with `upload`).
 */
export class MemoryObjectStorage implements ObjectStorage {
  readonly areas: Record<ObjectArea, Map<string, MemoryObject>> = {
    quarantine: new Map(),
    attachments: new Map(),
  };

  /** What a browser's presigned POST would store. */
  upload(key: string, content: Uint8Array, contentType: string) {
    this.areas.quarantine.set(key, { content: content.slice(), etag: etagOf(content), contentType });
  }

  async presignUpload(input: { key: string; contentType: string; size: number; expiresInSeconds: number }) {
    return {
      url: `memory://quarantine/${input.key}`,
      fields: { key: input.key, 'Content-Type': input.contentType },
      expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000).toISOString(),
    };
  }

  async presignDownload(input: { key: string; expiresInSeconds: number }) {
    return {
      url: `memory://attachments/${input.key}`,
      expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000).toISOString(),
    };
  }

  async head(area: ObjectArea, key: string): Promise<StoredObject | undefined> {
    const o = this.areas[area].get(key);
    if (!o) return undefined;
    return {
      size: o.content.byteLength,
      etag: o.etag,
      ...(o.contentType ? { contentType: o.contentType } : {}),
    };
  }

  async read(area: ObjectArea, key: string, maxBytes: number) {
    const o = this.areas[area].get(key);
    if (!o) return undefined;
    if (o.content.byteLength > maxBytes) return 'too_large' as const;
    return { content: o.content.slice(), etag: o.etag };
  }

  async put(
    area: ObjectArea,
    key: string,
    content: Uint8Array,
    meta: { contentType: string; contentDisposition: string; sha256: string },
  ) {
    this.areas[area].set(key, {
      content: content.slice(),
      etag: etagOf(content),
      contentType: meta.contentType,
    });
  }

  async deleteAllVersions(area: ObjectArea, key: string) {
    this.areas[area].delete(key);
  }

  async *list(area: ObjectArea): AsyncIterable<string> {
    yield* [...this.areas[area].keys()].sort();
  }
}

const etagOf = (content: Uint8Array) => createHash('md5').update(content).digest('hex');
