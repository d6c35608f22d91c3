import type { FiguresAggregate } from '#core/figures-aggregate';
import type { FiguresRecord } from '#core/key-figures';

/**
 * The anonymous figures record of each plan (counts only, no personal data), rewritten in the same
 * transaction as each approval of the plan and kept when the plan itself is erased; key figures add them up.
 * Each organisation's records are also added up in one maintained aggregate (`core/figures-aggregate`),
 * changed in the same transaction as every record, so a year's figures read one item per organisation.
 */
export interface FiguresStore {
  listByOrg(org: string): Promise<FiguresRecord[]>;
  /** The aggregates of the named organisations; an organisation without figures has none in the map. */
  aggregates(orgs: readonly string[]): Promise<Map<string, StoredAggregate>>;
  /**
   * Only the version of each named organisation's aggregate (a small read), so a reader that computed figures
   * from an aggregate before knows whether they still hold.
   */
  aggregateVersions(orgs: readonly string[]): Promise<Map<string, number>>;
  /** Writes a plan's record (and counts it in the aggregate) unless it has one (for backfills); true if written. */
  putIfAbsent(write: FiguresWrite): Promise<boolean>;
  /**
   * Counts in its organisation's aggregate every record of `org` written before aggregates existed (once each,
   * safe to repeat and to race with approvals); returns how many were counted now.
   */
  countUncounted(org: string): Promise<number>;
}

/** An organisation's aggregate as stored: its counters, and a version that every change moves on. */
export interface StoredAggregate {
  version: number;
  counts: FiguresAggregate;
}

/** A record to (re)write with a submission change. */
export interface FiguresWrite {
  planId: string;
  record: FiguresRecord;
}
