import type { AccessEntry } from '#core/access-log';
import type { AccessLogStore } from '#ports/access-log';

const order = (a: AccessEntry, b: AccessEntry) => {
  const x = `${a.at}#${a.id}`;
  const y = `${b.at}#${b.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

export class MemoryAccessLogStore implements AccessLogStore {
  private readonly entries = new Map<string, AccessEntry[]>();

  async append(entry: AccessEntry): Promise<void> {
    const list = this.entries.get(entry.submissionId) ?? [];
    if (list.some((e) => e.id === entry.id && e.at === entry.at)) throw new Error('access entry exists');
    list.push(structuredClone(entry));
    this.entries.set(entry.submissionId, list);
  }

  async list(submissionId: string): Promise<AccessEntry[]> {
    return [...(this.entries.get(submissionId) ?? [])].sort(order).map((e) => structuredClone(e));
  }

  /** For the memory erasure store. */
  forget(submissionId: string) {
    this.entries.delete(submissionId);
  }
}
