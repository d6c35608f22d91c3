import type { AccessEntry } from '#core/access-log';

/**
 * The append-only access log of plans (entity `access` in `functions/table.ts`). There is no
 * update and no delete: only the erasure of the whole plan removes its entries (see `ErasureStore`).
 */
export interface AccessLogStore {
  /** Appends an entry; never overwrites one. */
  append(entry: AccessEntry): Promise<void>;
  /** The plan's entries, oldest first. */
  list(submissionId: string): Promise<AccessEntry[]>;
}
