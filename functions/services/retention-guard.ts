import type { Revision, Submission, SubmissionSummary } from '#core/model';
import { berlinDate, isErasureDue } from '#core/retention';
import type {
  ListQuery,
  Page,
  QueuePage,
  QueueQuery,
  SubmissionStore,
  SubmissionWrite,
} from '#ports/submission-store';

/**
 * A submission store that treats every submission whose erasure date has come as gone, even before the
 * erasure job has run (DynamoDB's TTL lags up to two days, and the job runs daily): `get` answers nothing,
 * lists leave it out. Every use case reads through it; only the erasure job reads the store underneath.
 */
export class RetentionGuardStore implements SubmissionStore {
  constructor(
    private readonly inner: SubmissionStore,
    private readonly now: () => Date,
  ) {}

  private due(sub: Pick<Submission, 'erasureDueAt'>) {
    return isErasureDue(sub, berlinDate(this.now()));
  }

  async get(id: string) {
    const sub = await this.inner.get(id);
    return sub && !this.due(sub) ? sub : undefined;
  }

  write(change: SubmissionWrite) {
    return this.inner.write(change);
  }

  // Revisions and history are only ever read after the submission itself (`get`), which hides a due one;
  // checking again here would double the reads of every diff.
  getRevision(id: string, n: number) {
    return this.inner.getRevision(id, n);
  }

  rewriteRevisions(id: string, revisions: readonly Revision[]) {
    return this.inner.rewriteRevisions(id, revisions);
  }

  history(id: string) {
    return this.inner.history(id);
  }

  async list(query: ListQuery): Promise<Page<SubmissionSummary>> {
    const page = await this.inner.list(query);
    // A page may come back shorter than the limit; its cursor still continues after the last item read.
    return { ...page, items: page.items.filter((s) => !this.due(s)) };
  }

  async queue(query: QueueQuery): Promise<QueuePage<SubmissionSummary>> {
    const page = await this.inner.queue(query);
    return { ...page, items: page.items.filter((s) => !this.due(s)) };
  }

  addToQueue(...args: Parameters<SubmissionStore['addToQueue']>): Promise<boolean> {
    return this.inner.addToQueue(...args);
  }
}
