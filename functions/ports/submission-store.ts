import type { CaseDocument } from '#core/documents/issue';
import type { FollowUp, HistoryEvent, Revision, Status, Submission, SubmissionSummary } from '#core/model';
import type { OutboxEvent } from '#core/notifications';
import type { QueuePlan, QueueProfile, QueueSort } from '#core/queue';
import type { Scopes } from '#core/scopes';
import type { AllocationChange } from './allocation-store.ts';
import type { FiguresWrite } from './figures-store.ts';

/** One atomic change of a submission: the new state, its history event and, on submit, its snapshot. */
export interface SubmissionWrite {
  submission: Submission;
  /** `null` creates the submission (fails if it exists); otherwise the version the change was based on. */
  expectedVersion: number | null;
  /** The state the change was based on (checked together with the version). */
  expectedStatus?: Status;
  event: HistoryEvent;
  revision?: Revision;
  /** The list scopes the submission appears in after the change. */
  scopes: Scopes;
  /** The scopes before the change (to drop member scopes that no longer apply). */
  previousScopes?: Scopes;
  /** Planning-frame counters changed in the same transaction (funding applications). */
  allocationChanges?: AllocationChange[];
  /**
   * The attachment-change counter the write was based on (default: `submission.attachmentsVersion`, as
   * read). The stored counter must still have this value: a submit must not freeze a list of attachments
   * that changed meanwhile, and a write of the whole item must never put back an older counter.
   */
  expectedAttachmentsVersion?: number;
  /** The plan's anonymous figures record, rewritten with an approval (case forms). */
  figures?: FiguresWrite;
  /**
   * Existing revisions rewritten in the same transaction (health data redacted after its consent was
   * withdrawn). Each must exist already; nothing else ever changes a frozen revision.
   */
  rewrittenRevisions?: Revision[];
  /** The notification event the change reports (an outbox item), written in the same transaction. */
  outbox?: OutboxEvent;
  /**
   * The reviewer's work queue: the organisation's name and district for the queue and search items written in
   * the same transaction (when the submission is in a review scope). Absent: the stored profile is kept.
   */
  queueProfile?: QueueProfile;
  /**
   * The first submit's file number: the counter of the authority and round moves from `expected` to
   * `expected + 1` in the same transaction, or the write fails with 409 `file_number.taken` (another submit
   * took that number; read the counter again and retry). A failed submit so never leaves a gap.
   */
  fileNumberCounter?: FileNumberCounterMove;
  /** Documents the change issues, written `pending` in its transaction (rendered after the commit). */
  documents?: CaseDocument[];
  /** A follow-up record's change: its application's follow-up state (and frames debited) in the same transaction. */
  parent?: ParentWrite;
}

export interface FileNumberCounterMove {
  authority: string;
  round: string;
  expected: number;
}

/**
 * The application side of a follow-up record's change: its list of records, the amended approval and, where a
 * change notice amends it, what is debited from the frames. Conditioned on the version and state read.
 */
export interface ParentWrite {
  id: string;
  expectedVersion: number;
  expectedStatus: Status;
  /** The application's version and time after the change. */
  version: number;
  updatedAt: string;
  followUp: FollowUp;
  allocation?: Submission['allocation'];
}

/** One read of the reviewer's work queue: one partition of a review scope (see `#core/queue`). */
export interface QueueQuery {
  scope: string;
  plan: QueuePlan;
  sort: QueueSort;
  limit: number;
  cursor?: string;
}

export interface QueuePage<T> extends Page<T> {
  /** Running counters of the scope, per status. */
  counts: Partial<Record<Status, number>>;
}

/** A list scope: one index partition (see `functions/table.ts`), optionally narrowed to a status. */
export interface ListQuery {
  /** `org`: the owner organisation's scope; `second`: the assignee's or the cross-organisation review scope. */
  index: 'org' | 'second';
  scope: string;
  status?: Status;
  formId?: string;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Storage of submissions, their revisions and their history. Every write is conditional and atomic:
 * a write whose expected version (or state) no longer holds throws the 412 `submission.stale_version`
 * and changes nothing.
 */
export interface SubmissionStore {
  get(id: string): Promise<Submission | undefined>;
  write(change: SubmissionWrite): Promise<void>;
  getRevision(id: string, n: number): Promise<Revision | undefined>;
  /**
   * Rewrites existing revisions (health data redacted) ahead of the change that records why, for when all of
   * them would not fit into that change's transaction. Each must exist (else 412 and, per transaction, none is
   * written); a redaction is idempotent, so a change that fails afterwards is simply retried.
   */
  rewriteRevisions(id: string, revisions: readonly Revision[]): Promise<void>;
  history(id: string): Promise<HistoryEvent[]>;
  list(query: ListQuery): Promise<Page<SubmissionSummary>>;
  /** The reviewer's work queue: one partition read, with the scope's counters per status. */
  queue(query: QueueQuery): Promise<QueuePage<SubmissionSummary>>;
  /**
   * Lists a stored submission of a review scope in the work queue (its queue and search items and its status
   * counter) as a change would, without touching the submission or its history: the backfill of submissions
   * written before the queue existed. Only while the stored version is still `submission.version` (else 412
   * `submission.stale_version`: the change that came first listed it). `false` if it was listed already
   * (nothing written): running it twice, or two runs at once, counts a submission once.
   */
  addToQueue(submission: Submission, scopes: Scopes, profile: QueueProfile): Promise<boolean>;
}
