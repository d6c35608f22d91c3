import { conflict } from '#core/errors';
import type { Allocation, AllocationChange, AllocationStore, FrameImport } from '#ports/allocation-store';

export class MemoryAllocationStore implements AllocationStore {
  private readonly items = new Map<string, Allocation>();

  async get(round: string, org: string) {
    const a = this.items.get(`${round}|${org}`);
    return a ? { ...a } : undefined;
  }

  async list(round: string) {
    return [...this.items.values()].filter((a) => a.round === round).map((a) => ({ ...a }));
  }

  async importFrame(a: Omit<Allocation, 'approved' | 'inReview'>) {
    const existing = this.items.get(`${a.round}|${a.org}`);
    // The counters stay as they are (a rollback may hand back the paid and reclaimed it read).
    this.items.set(`${a.round}|${a.org}`, {
      ...(existing?.paid !== undefined ? { paid: existing.paid } : {}),
      ...(existing?.reclaimed !== undefined ? { reclaimed: existing.reclaimed } : {}),
      ...a,
      approved: existing?.approved ?? 0,
      inReview: existing?.inReview ?? 0,
    });
  }

  async importFrames(frames: readonly FrameImport[]) {
    // Every condition is checked before anything is written: all or nothing.
    for (const { frame, expectedFrame } of frames) {
      const a = this.items.get(`${frame.round}|${frame.org}`);
      if ((a?.frame ?? null) !== expectedFrame || (a && frame.frame < a.approved + a.inReview)) {
        throw conflict('import.changed', `The frame of ${frame.org} changed since the preview.`);
      }
    }
    for (const { frame } of frames) await this.importFrame(frame);
  }

  /** Throws 409 `allocation.exceeded` if any change's condition fails (checked before anything is applied). */
  check(changes: readonly AllocationChange[]) {
    for (const c of changes) {
      const a = this.items.get(`${c.round}|${c.org}`);
      const committed = c.committedAtMost;
      if (
        !a ||
        (c.approvedAtMost !== undefined && a.approved > c.approvedAtMost) ||
        (committed && (a.approved > committed.approved || a.inReview > committed.inReview))
      ) {
        throw conflict('allocation.exceeded', 'The change would exceed a planning frame.');
      }
    }
  }

  apply(changes: readonly AllocationChange[]) {
    for (const c of changes) {
      const a = this.items.get(`${c.round}|${c.org}`)!;
      a.approved += c.approvedDelta;
      a.inReview += c.inReviewDelta;
      if (c.paidDelta) a.paid = (a.paid ?? 0) + c.paidDelta;
      if (c.reclaimedDelta) a.reclaimed = (a.reclaimed ?? 0) + c.reclaimedDelta;
    }
  }
}
