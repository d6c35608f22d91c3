import { guardHolds, type SubmissionGuard } from '#core/attachments';
import type { CaseDocument } from '#core/documents/issue';
import { badRequest, fileNumberTaken, staleVersion } from '#core/errors';
import {
  itemSize,
  KEY_ALLOWANCE_BYTES,
  MAX_ITEM_BYTES,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_ITEMS,
  submissionItemSize,
} from '#core/item-size';
import type { HistoryEvent, Revision, Status, Submission, SubmissionSummary } from '#core/model';
import { type QueueEntry, type QueueProfile, queueEntry } from '#core/queue';
import { type Scopes, scopeSortKey } from '#core/scopes';
import type {
  ListQuery,
  Page,
  QueuePage,
  QueueQuery,
  SubmissionStore,
  SubmissionWrite,
} from '#ports/submission-store';
import type { MemoryAllocationStore } from './allocation-store.ts';
import type { MemoryFiguresStore } from './figures-store.ts';
import type { MemoryNotificationStore } from './notification-store.ts';

interface Entry {
  submission: Submission;
  scopes: Scopes;
  revisions: Map<number, Revision>;
  events: Map<number, HistoryEvent>;
  /** The case file's issued documents (the DynamoDB adapter keeps them in the submission's partition). */
  documents: Map<string, CaseDocument>;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * DynamoDB's limits, applied here too so that tests on this store see what the table would refuse: an item
 * of at most 400 KB, a transaction of at most 100 items and 4 MB. Like DynamoDB's ValidationException, a breach
 * is a plain error (the services must never get here).
 */
function assertWithinDynamoLimits(change: SubmissionWrite): void {
  const sizes = [
    submissionItemSize(change.submission),
    itemSize({ ...change.event }) + KEY_ALLOWANCE_BYTES,
    ...(change.revision ? [itemSize({ ...change.revision }) + KEY_ALLOWANCE_BYTES] : []),
    ...(change.rewrittenRevisions ?? []).map((r) => itemSize({ ...r }) + KEY_ALLOWANCE_BYTES),
  ];
  const count =
    sizes.length +
    (change.scopes.members?.length ?? 0) +
    (change.previousScopes?.members?.length ?? 0) +
    (change.figures ? 2 : 0) +
    (change.allocationChanges?.length ?? 0) +
    (change.fileNumberCounter ? 1 : 0) +
    (change.documents?.length ?? 0);
  if (sizes.some((s) => s > MAX_ITEM_BYTES))
    throw new Error('ValidationException: Item size has exceeded the maximum allowed size');
  if (count > MAX_TRANSACTION_ITEMS || sizes.reduce((a, b) => a + b, 0) > MAX_TRANSACTION_BYTES)
    throw new Error('ValidationException: Transaction request exceeds the maximum allowed size');
}

/** In-memory store with the same semantics as the DynamoDB one (conditions, scopes, order, cursors). */
export class MemorySubmissionStore implements SubmissionStore {
  private readonly entries = new Map<string, Entry>();
  /** The file-number counters by `{authority}#{round}`. */
  private readonly fileNumbers = new Map<string, number>();

  /** With an allocation store, allocation changes are checked and applied together with each write. */
  constructor(
    private readonly allocations?: MemoryAllocationStore,
    private readonly figures?: MemoryFiguresStore,
    private readonly notifications?: MemoryNotificationStore,
  ) {}

  async get(id: string): Promise<Submission | undefined> {
    const entry = this.entries.get(id);
    return entry ? clone(entry.submission) : undefined;
  }

  async write(change: SubmissionWrite): Promise<void> {
    const { submission } = change;
    const existing = this.entries.get(submission.id);
    if (change.expectedVersion === null) {
      if (existing) throw staleVersion();
    } else if (
      !existing ||
      existing.submission.version !== change.expectedVersion ||
      (change.expectedStatus !== undefined && existing.submission.status !== change.expectedStatus) ||
      (existing.submission.attachmentsVersion ?? 0) !==
        (change.expectedAttachmentsVersion ?? submission.attachmentsVersion ?? 0)
    ) {
      throw staleVersion();
    }
    const parent = change.parent ? this.entries.get(change.parent.id) : undefined;
    if (
      change.parent &&
      (!parent ||
        parent.submission.version !== change.parent.expectedVersion ||
        parent.submission.status !== change.parent.expectedStatus)
    )
      throw staleVersion();
    assertWithinDynamoLimits(change);
    const revisions = existing?.revisions ?? new Map<number, Revision>();
    const events = existing?.events ?? new Map<number, HistoryEvent>();
    if (events.has(change.event.version) || (change.revision && revisions.has(change.revision.n)))
      throw staleVersion();
    if (change.outbox) {
      if (!this.notifications) throw new Error('outbox events need a notification store');
      if (this.notifications.hasOutbox(change.outbox.id)) throw staleVersion();
    }
    const documents = existing?.documents ?? new Map<string, CaseDocument>();
    // A follow-up record's change may issue documents to its application's case file.
    const parentDocuments = parent?.documents ?? new Map<string, CaseDocument>();
    const target = (d: CaseDocument) =>
      d.submissionId === submission.id
        ? documents
        : parent && d.submissionId === change.parent?.id
          ? parentDocuments
          : undefined;
    if ((change.documents ?? []).some((d) => target(d)?.has(d.id) !== false)) throw staleVersion();
    const counter = change.fileNumberCounter;
    const counterKey = counter ? `${counter.authority}#${counter.round}` : '';
    // The submission's own conditions held (checked above): as in DynamoDB, only the counter failed.
    if (counter && (this.fileNumbers.get(counterKey) ?? 0) !== counter.expected) throw fileNumberTaken();
    if (change.allocationChanges?.length) {
      if (!this.allocations) throw new Error('allocation changes need an allocation store');
      this.allocations.check(change.allocationChanges);
      this.allocations.apply(change.allocationChanges);
    }
    if (change.figures) {
      if (!this.figures) throw new Error('figures records need a figures store');
      this.figures.put(change.figures.planId, change.figures.record);
    }
    for (const rewritten of change.rewrittenRevisions ?? [])
      if (!revisions.has(rewritten.n)) throw staleVersion();
    if (change.outbox) this.notifications?.putOutbox(change.outbox);
    if (counter) this.fileNumbers.set(counterKey, counter.expected + 1);
    for (const d of change.documents ?? []) target(d)?.set(d.id, clone(d));
    this.writeQueue(change);
    events.set(change.event.version, clone(change.event));
    if (change.revision) revisions.set(change.revision.n, clone(change.revision));
    for (const rewritten of change.rewrittenRevisions ?? []) revisions.set(rewritten.n, clone(rewritten));
    if (parent && change.parent) {
      const { followUp, allocation, version, updatedAt } = clone(change.parent);
      parent.submission = {
        ...parent.submission,
        followUp,
        version,
        updatedAt,
        ...(allocation ? { allocation } : {}),
      };
    }
    this.entries.set(submission.id, {
      submission: clone(submission),
      scopes: { ...change.scopes },
      revisions,
      events,
      documents,
    });
  }

  /** For the memory case-file store: the last file number of an authority and round. */
  lastFileNumber(authority: string, round: string): number {
    return this.fileNumbers.get(`${authority}#${round}`) ?? 0;
  }

  /** For the memory case-file store: the live map of a submission's documents (undefined if it is gone). */
  documentsOf(id: string): Map<string, CaseDocument> | undefined {
    return this.entries.get(id)?.documents;
  }

  /**
   * The memory attachment store's side of a change (the DynamoDB adapter's `ADD attachmentsVersion` on the
   * submission item): checks the guard and counts the change in one synchronous step. False if the
   * submission is missing or fails the guard.
   */
  touchAttachments(id: string, guard?: SubmissionGuard): boolean {
    const entry = this.entries.get(id);
    if (!entry || (guard && !guardHolds(entry.submission, guard))) return false;
    entry.submission.attachmentsVersion = (entry.submission.attachmentsVersion ?? 0) + 1;
    return true;
  }

  /** For the memory erasure store: submissions with an erasure date on or before `today`, oldest first. */
  dueForErasure(today: string): Array<{ id: string; erasureDueAt: string }> {
    return [...this.entries.values()]
      .flatMap(({ submission: s }) =>
        s.erasureDueAt !== undefined && s.erasureDueAt <= today
          ? [{ id: s.id, erasureDueAt: s.erasureDueAt }]
          : [],
      )
      .sort((a, b) => (`${a.erasureDueAt}#${a.id}` < `${b.erasureDueAt}#${b.id}` ? -1 : 1));
  }

  /** For the memory erasure store: removes the submission with its revisions and history if still at `version`. */
  forget(id: string, version: number): boolean {
    if (this.entries.get(id)?.submission.version !== version) return false;
    this.removeFromQueue(id);
    this.entries.delete(id);
    return true;
  }

  async rewriteRevisions(id: string, rewritten: readonly Revision[]): Promise<void> {
    const revisions = this.entries.get(id)?.revisions;
    if (!revisions || rewritten.some((r) => r.submissionId !== id || !revisions.has(r.n)))
      throw staleVersion();
    const sizes = rewritten.map((r) => itemSize({ ...r }) + KEY_ALLOWANCE_BYTES);
    if (sizes.some((s) => s > MAX_ITEM_BYTES) || rewritten.length > MAX_TRANSACTION_ITEMS)
      throw new Error('ValidationException: Item or transaction too large');
    if (sizes.reduce((a, b) => a + b, 0) > MAX_TRANSACTION_BYTES)
      throw new Error('ValidationException: Transaction request exceeds the maximum allowed size');
    for (const r of rewritten) revisions.set(r.n, clone(r));
  }

  async getRevision(id: string, n: number): Promise<Revision | undefined> {
    const revision = this.entries.get(id)?.revisions.get(n);
    return revision ? clone(revision) : undefined;
  }

  async history(id: string): Promise<HistoryEvent[]> {
    const events = this.entries.get(id)?.events;
    return events ? [...events.values()].sort((a, b) => a.version - b.version).map(clone) : [];
  }

  async list(query: ListQuery): Promise<Page<SubmissionSummary>> {
    const inScope = [...this.entries.values()]
      .filter((e) =>
        query.index === 'org'
          ? e.scopes.org === query.scope || (e.scopes.members ?? []).includes(query.scope)
          : e.scopes.second === query.scope,
      )
      .filter((e) => !query.status || e.submission.status === query.status)
      .map((e) => ({ key: scopeSortKey(e.submission), submission: e.submission }))
      .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    let start = 0;
    if (query.cursor) {
      let after: string;
      try {
        const decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as {
          scope?: unknown;
          key?: unknown;
        };
        if (decoded.scope !== query.scope || typeof decoded.key !== 'string')
          throw new Error('foreign cursor');
        after = decoded.key;
      } catch {
        throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
      }
      start = inScope.findIndex((e) => e.key < after);
      if (start === -1) start = inScope.length;
    }
    const matching = inScope
      .slice(start)
      .filter((e) => !query.formId || e.submission.formId === query.formId);
    const page = matching.slice(0, query.limit);
    const items = page.map(({ submission: { data: _data, translations: _t, ...summary } }) => clone(summary));
    const last = page.at(-1);
    return matching.length > query.limit && last
      ? {
          items,
          nextCursor: Buffer.from(JSON.stringify({ scope: query.scope, key: last.key })).toString(
            'base64url',
          ),
        }
      : { items };
  }

  // ---- The reviewer's work queue: the same partitions, sort keys and counters as the DynamoDB items ----

  /** Partition → sort key → summary (facet partitions and search partitions), as the table holds them. */
  private readonly queuePartitions = new Map<string, Map<string, SubmissionSummary>>();
  private readonly queueStates = new Map<string, QueueEntry>();
  private readonly queueCounters = new Map<string, number>();

  private queueKeys(e: QueueEntry): Array<[string, string]> {
    return [
      ...e.facets.map((f): [string, string] => [`QUEUE#${e.scope}#${f}`, e.sortKey]),
      ...e.terms.map((t): [string, string] => [`QSEARCH#${e.scope}`, `${t}#${e.sortKey}`]),
    ];
  }

  async addToQueue(submission: Submission, scopes: Scopes, profile: QueueProfile): Promise<boolean> {
    if (this.queueStates.has(submission.id)) return false;
    const stored = this.entries.get(submission.id)?.submission;
    if (!stored || stored.version !== submission.version) throw staleVersion();
    this.writeQueue({ submission: stored, scopes, queueProfile: profile });
    return true;
  }

  private writeQueue(change: Pick<SubmissionWrite, 'submission' | 'scopes' | 'queueProfile'>): void {
    const { submission: sub, scopes } = change;
    const before = this.queueStates.get(sub.id);
    const inReview = scopes.second?.startsWith('R#') ? scopes.second : undefined;
    const profile = change.queueProfile ?? before?.profile;
    const after = inReview && profile ? queueEntry(inReview, sub, profile) : undefined;
    this.removeFromQueue(sub.id);
    if (after) {
      const { data: _data, translations: _t, ...summary } = sub;
      for (const [pk, sk] of this.queueKeys(after)) {
        const partition = this.queuePartitions.get(pk) ?? new Map<string, SubmissionSummary>();
        partition.set(sk, clone(summary));
        this.queuePartitions.set(pk, partition);
      }
      const key = `${after.scope}#${after.status}`;
      this.queueCounters.set(key, (this.queueCounters.get(key) ?? 0) + 1);
      this.queueStates.set(sub.id, clone(after));
    }
  }

  private removeFromQueue(id: string): void {
    const before = this.queueStates.get(id);
    if (!before) return;
    for (const [pk, sk] of this.queueKeys(before)) this.queuePartitions.get(pk)?.delete(sk);
    const key = `${before.scope}#${before.status}`;
    this.queueCounters.set(key, (this.queueCounters.get(key) ?? 0) - 1);
    this.queueStates.delete(id);
  }

  async queue(query: QueueQuery): Promise<QueuePage<SubmissionSummary>> {
    const pk = 'facet' in query.plan ? `QUEUE#${query.scope}#${query.plan.facet}` : `QSEARCH#${query.scope}`;
    const prefix = 'search' in query.plan ? query.plan.search : '';
    const forwards = query.sort === 'oldest';
    const keys = [...(this.queuePartitions.get(pk)?.keys() ?? [])]
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (!forwards) keys.reverse();
    let start = 0;
    if (query.cursor) {
      let after: string;
      try {
        const decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as Record<
          string,
          unknown
        >;
        if (decoded.pk !== pk || typeof decoded.sk !== 'string' || !decoded.sk.startsWith(prefix))
          throw new Error('foreign cursor');
        after = decoded.sk;
      } catch {
        throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
      }
      start = keys.findIndex((k) => (forwards ? k > after : k < after));
      if (start === -1) start = keys.length;
    }
    const page = keys.slice(start, start + query.limit);
    const partition = this.queuePartitions.get(pk);
    const items = page.map((k) => clone(partition?.get(k) as SubmissionSummary));
    const counts: QueuePage<SubmissionSummary>['counts'] = {};
    for (const [key, n] of this.queueCounters) {
      const status = key.slice(query.scope.length + 1) as Status;
      if (key.startsWith(`${query.scope}#`) && n > 0) counts[status] = n;
    }
    const last = page.at(-1);
    return start + query.limit < keys.length && last
      ? { items, counts, nextCursor: Buffer.from(JSON.stringify({ pk, sk: last })).toString('base64url') }
      : { items, counts };
  }
}
