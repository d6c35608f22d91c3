import type { SchemaStore } from '#ports/schema-store';

/** The schema version in memory; indexes become ready after `indexChecks` checks (to test the wait). */
export class MemorySchemaStore implements SchemaStore {
  private current = 0;
  /** How often `waitForIndexes` looked before the indexes were ready. */
  checks = 0;

  constructor(private readonly indexChecks = 1) {}

  async version() {
    return this.current;
  }

  async advance(from: number, to: number) {
    if (this.current !== from) return false;
    this.current = to;
    return true;
  }

  async waitForIndexes() {
    while (this.checks < this.indexChecks) {
      this.checks += 1;
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}
