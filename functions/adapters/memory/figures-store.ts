import { applyDelta, type FiguresAggregate, figuresDelta } from '#core/figures-aggregate';
import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore, StoredAggregate } from '#ports/figures-store';

interface Stored {
  record: FiguresRecord;
  /** Counted in its organisation's aggregate (false only for records written before aggregates existed). */
  counted: boolean;
}

export class MemoryFiguresStore implements FiguresStore {
  private readonly records = new Map<string, Stored>();
  private readonly counters = new Map<string, StoredAggregate>();

  async listByOrg(org: string) {
    return [...this.records.values()]
      .filter((s) => s.record.org === org)
      .map((s) => structuredClone(s.record));
  }

  async aggregates(orgs: readonly string[]) {
    const found = new Map<string, StoredAggregate>();
    for (const org of orgs) {
      const aggregate = this.counters.get(org);
      if (aggregate) found.set(org, { version: aggregate.version, counts: { ...aggregate.counts } });
    }
    return found;
  }

  async aggregateVersions(orgs: readonly string[]) {
    const found = new Map<string, number>();
    for (const org of orgs) {
      const aggregate = this.counters.get(org);
      if (aggregate) found.set(org, aggregate.version);
    }
    return found;
  }

  async putIfAbsent(write: { planId: string; record: FiguresRecord }) {
    if (this.records.has(write.planId)) return false;
    this.put(write.planId, write.record);
    return true;
  }

  async countUncounted(org: string) {
    let counted = 0;
    for (const stored of this.records.values()) {
      if (stored.record.org !== org || stored.counted) continue;
      this.count(org, figuresDelta(undefined, stored.record));
      stored.counted = true;
      counted += 1;
    }
    return counted;
  }

  /** Writes a plan's record and changes its organisation's aggregate by the difference, as one step. */
  put(planId: string, record: FiguresRecord) {
    const before = this.records.get(planId);
    const counted = before?.counted ? before.record : undefined;
    if (counted && counted.org !== record.org) this.count(counted.org, figuresDelta(counted, undefined));
    this.count(record.org, figuresDelta(counted?.org === record.org ? counted : undefined, record));
    this.records.set(planId, { record: structuredClone(record), counted: true });
  }

  /** A record as written before aggregates existed: stored, not counted (to exercise the backfill). */
  putUncounted(planId: string, record: FiguresRecord) {
    this.records.set(planId, { record: structuredClone(record), counted: false });
  }

  private count(org: string, delta: Record<string, number>) {
    // As in DynamoDB, an empty change is no write and leaves the version as it is.
    if (Object.keys(delta).length === 0) return;
    const before = this.counters.get(org);
    this.counters.set(org, {
      version: (before?.version ?? 0) + 1,
      counts: applyDelta(before?.counts ?? ({} as FiguresAggregate), delta),
    });
  }
}
