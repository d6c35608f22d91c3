/**
 * Planning frames ("Planungsrahmen") per funding round and organisation, with what is approved and what is
 * in review against them. Frames are imported from the state's data; the counters change only together with
 * a submission's transition (see `SubmissionWrite.allocationChanges`), in the same transaction.
 */
export interface Allocation {
  round: string;
  org: string;
  name: string;
  district?: string;
  electoralDistrict?: string;
  /** The frame in EUR, as the state published it. */
  frame: number;
  /** Sum approved against the frame. */
  approved: number;
  /** Sum requested by applications now in review. */
  inReview: number;
  /** Sum paid out on approved applications (payouts recorded); absent: none yet. */
  paid?: number;
  /** Sum of repayment claims raised ("Rückforderung", principal); absent: none yet. */
  reclaimed?: number;
  /** Number of persons the frame was computed from, where published. */
  persons?: number;
  /** True where the published amount is rounded. */
  rounded?: boolean;
  source?: string;
}

/** A change of one organisation's counters, applied atomically with a submission's transition. */
export interface AllocationChange {
  round: string;
  org: string;
  approvedDelta: number;
  inReviewDelta: number;
  /** A payout recorded on an application debited from this frame (its share). */
  paidDelta?: number;
  /** A repayment claim raised on such an application (its share of the principal). */
  reclaimedDelta?: number;
  /** The change fails (409 `allocation.exceeded`) unless `approved` is at most this before it. */
  approvedAtMost?: number;
  /**
   * The change fails (409 `allocation.exceeded`) unless `approved` and `inReview` are at most these before it:
   * a reservation that keeps approved + in review + itself within the frame, as read (a concurrent change of
   * either counter refuses it rather than letting it through).
   */
  committedAtMost?: { approved: number; inReview: number };
}

export interface AllocationStore {
  get(round: string, org: string): Promise<Allocation | undefined>;
  list(round: string): Promise<Allocation[]>;
  /** Imports a frame; keeps the counters of an existing record. */
  importFrame(allocation: Omit<Allocation, 'approved' | 'inReview'>): Promise<void>;
  /**
   * Writes all frames of an upload or none: each only if its stored frame is still `expectedFrame` (null:
   * none stored) and the new frame is not below what is approved or in review; else 409 `import.changed`.
   */
  importFrames(frames: readonly FrameImport[]): Promise<void>;
}

export interface FrameImport {
  frame: Omit<Allocation, 'approved' | 'inReview'>;
  expectedFrame: number | null;
}
