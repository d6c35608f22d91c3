import type { Submission } from '#core/model';
import type { Tombstone } from '#core/retention';

/** A submission due for erasure, as the erasure index lists it (access pattern `dueForErasure`). */
export interface DueEntry {
  id: string;
  erasureDueAt: string;
}

/**
 * Erasure of submissions. Due submissions are found through their own index partition (sorted by due
 * date; access pattern `dueForErasure` in `functions/table.ts`), never by a scan.
 */
export interface ErasureStore {
  /** Submissions whose erasure date is on or before `today`, oldest first, at most `limit`. */
  due(today: string, limit: number): Promise<DueEntry[]>;
  /**
   * Deletes every item of the submission (data, revisions, history, attachment metadata, access log, list
   * index items) and leaves the tombstone in its place. The submission item itself goes last, in one
   * transaction with the tombstone, and only if it is still at `sub.version`; otherwise throws 412
   * `submission.stale_version`. The plan's figures record (another partition) is not touched.
   */
  erase(sub: Submission, tombstone: Tombstone): Promise<void>;
  tombstone(id: string): Promise<Tombstone | undefined>;
}
