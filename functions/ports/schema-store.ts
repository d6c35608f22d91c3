/**
 * The stored data's schema version (one item in the table) and the table's readiness, for the versioned
 * data migrations (`functions/services/migrations.ts`).
 */
export interface SchemaStore {
  /** The version the stored data was last migrated to; 0 for data older than versioned migrations. */
  version(): Promise<number>;
  /** Moves the version from `from` to `to`; false if another run moved it meanwhile (nothing written). */
  advance(from: number, to: number, at: string): Promise<boolean>;
  /**
   * Waits until the table and every index the table definition declares are ACTIVE (a new index is
   * backfilled after a deploy or an upgrade; querying it before then fails). Throws after `timeoutMs`.
   */
  waitForIndexes(timeoutMs: number): Promise<void>;
}
