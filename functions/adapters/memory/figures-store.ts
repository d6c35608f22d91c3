import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore } from '#ports/figures-store';

export class MemoryFiguresStore implements FiguresStore {
  private readonly records = new Map<string, FiguresRecord>();

  async listByOrg(org: string) {
    return [...this.records.values()].filter((r) => r.org === org).map((r) => structuredClone(r));
  }

  async putIfAbsent(write: { planId: string; record: FiguresRecord }) {
    if (this.records.has(write.planId)) return false;
    this.put(write.planId, write.record);
    return true;
  }

  put(planId: string, record: FiguresRecord) {
    this.records.set(planId, structuredClone(record));
  }
}
