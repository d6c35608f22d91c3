import type { FiguresRecord } from '#core/key-figures';
import type { FiguresStore } from '#ports/figures-store';

export class MemoryFiguresStore implements FiguresStore {
  private readonly records = new Map<string, FiguresRecord>();

  async listByOrg(org: string) {
    return [...this.records.values()].filter((r) => r.org === org).map((r) => structuredClone(r));
  }

  put(planId: string, record: FiguresRecord) {
    this.records.set(planId, structuredClone(record));
  }
}
