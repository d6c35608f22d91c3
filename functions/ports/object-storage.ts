/**
 * Object storage for attachments, in two areas: `quarantine`, where browsers upload with a presigned POST,
 * and `attachments`, where only checked objects are put and downloads come from. Keys are built from ids
 * (see `objectKey` in `#core/attachments`).
 */
export type ObjectArea = 'quarantine' | 'attachments';

export interface PresignedUpload {
  /** Where the browser POSTs the form (multipart/form-data, the file last). */
  url: string;
  /** Form fields to send as they are, before the file: key, Content-Type, policy and signature. */
  fields: Record<string, string>;
  expiresAt: string;
}

export interface StoredObject {
  size: number;
  /** Without quotes. */
  etag: string;
  contentType?: string;
}

export interface ObjectStorage {
  /**
   * A presigned POST into quarantine whose policy pins the key and the content type and allows exactly
   * `size` bytes (`content-length-range`).
   */
  presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  /** A presigned GET from the attachments area that answers with the given Content-Type and Content-Disposition. */
  presignDownload(input: {
    key: string;
    contentType: string;
    contentDisposition: string;
    expiresInSeconds: number;
  }): Promise<{ url: string; expiresAt: string }>;
  head(area: ObjectArea, key: string): Promise<StoredObject | undefined>;
  /** The whole object; `too_large` (unread) if it has more than `maxBytes`; undefined if there is none. */
  read(
    area: ObjectArea,
    key: string,
    maxBytes: number,
  ): Promise<{ content: Uint8Array; etag: string } | 'too_large' | undefined>;
  put(
    area: ObjectArea,
    key: string,
    content: Uint8Array,
    meta: { contentType: string; contentDisposition: string; sha256: string },
  ): Promise<void>;
  /** Deletes every version of the object (a versioned bucket would otherwise keep them behind a delete marker). */
  deleteAllVersions(area: ObjectArea, key: string): Promise<void>;
  /** Every key in the area (for the reconciliation of objects and metadata). */
  list(area: ObjectArea): AsyncIterable<string>;
}
