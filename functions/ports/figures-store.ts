import type { FiguresRecord } from '#core/key-figures';

/**
 * The anonymous figures record of each plan (counts only, no personal data), rewritten in the same
 * transaction as each approval of the plan and kept when the plan itself is erased; key figures add them up.
 */
export interface FiguresStore {
  listByOrg(org: string): Promise<FiguresRecord[]>;
  /** Writes a plan's record unless it has one (for backfills); true if written. */
  putIfAbsent(write: FiguresWrite): Promise<boolean>;
}

/** A record to (re)write with a submission change. */
export interface FiguresWrite {
  planId: string;
  record: FiguresRecord;
}
