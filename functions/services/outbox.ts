import { outboxEventFor } from '#core/notifications';
import type { SubmissionStore, SubmissionWrite } from '#ports/submission-store';

/**
 * A submission store that adds to every write the notification event it reports (see
 * `core/notifications`), so the store commits both in one transaction: a change that fails writes no
 * notification, and no change is left without one.
 */
export class OutboxSubmissionStore implements SubmissionStore {
  constructor(private readonly inner: SubmissionStore) {}

  get(id: string) {
    return this.inner.get(id);
  }

  write(change: SubmissionWrite) {
    const outbox = change.outbox ?? outboxEventFor(change);
    return this.inner.write(outbox ? { ...change, outbox } : change);
  }

  getRevision(id: string, n: number) {
    return this.inner.getRevision(id, n);
  }

  rewriteRevisions(id: string, revisions: Parameters<SubmissionStore['rewriteRevisions']>[1]) {
    return this.inner.rewriteRevisions(id, revisions);
  }

  history(id: string) {
    return this.inner.history(id);
  }

  list(query: Parameters<SubmissionStore['list']>[0]) {
    return this.inner.list(query);
  }

  queue(query: Parameters<SubmissionStore['queue']>[0]) {
    return this.inner.queue(query);
  }
  addToQueue(...args: Parameters<SubmissionStore['addToQueue']>) {
    return this.inner.addToQueue(...args);
  }
}
