import { staleVersion } from '#core/errors';
import type { Submission } from '#core/model';
import type { Tombstone } from '#core/retention';
import type { DueEntry, ErasureStore } from '#ports/erasure-store';
import type { MemoryAccessLogStore } from './access-log.ts';
import type { MemoryAttachmentStore } from './attachment-store.ts';
import type { MemorySubmissionStore } from './submission-store.ts';

/** In-memory erasure with the DynamoDB adapter's semantics, over the other memory stores. */
export class MemoryErasureStore implements ErasureStore {
  private readonly tombstones = new Map<string, Tombstone>();

  constructor(
    private readonly submissions: MemorySubmissionStore,
    private readonly attachments?: MemoryAttachmentStore,
    private readonly accessLog?: MemoryAccessLogStore,
  ) {}

  async due(today: string, limit: number): Promise<DueEntry[]> {
    return this.submissions.dueForErasure(today).slice(0, limit);
  }

  async erase(sub: Submission, tombstone: Tombstone): Promise<void> {
    this.attachments?.forget(sub.id);
    this.accessLog?.forget(sub.id);
    if (!this.submissions.forget(sub.id, sub.version)) throw staleVersion();
    this.tombstones.set(sub.id, structuredClone(tombstone));
  }

  async tombstone(id: string): Promise<Tombstone | undefined> {
    const t = this.tombstones.get(id);
    return t ? structuredClone(t) : undefined;
  }
}
