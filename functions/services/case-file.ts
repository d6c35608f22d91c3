import { documentsIssuedBy, pendingDocument } from '#core/documents/issue';
import { AppError } from '#core/errors';
import {
  type FileNumberConfig,
  fileNumberConfig,
  fileNumberRound,
  formatFileNumber,
} from '#core/file-number';
import type { FormConfig } from '#core/forms';
import type { Submission } from '#core/model';
import type { CaseFileStore } from '#ports/case-file-store';
import type { SubmissionStore, SubmissionWrite } from '#ports/submission-store';
import { settle } from './settle.ts';

/**
 * A submission store that adds to every write the documents its action issues (`core/documents/issue.ts`),
 * as `pending` items of the same transaction: a change that fails issues nothing, and no issuing change is
 * left without its document. They are rendered after the commit, from the table's stream.
 */
export class DocumentIssuingStore implements SubmissionStore {
  constructor(
    private readonly inner: SubmissionStore,
    private readonly newId: () => string,
  ) {}

  get(id: string) {
    return this.inner.get(id);
  }

  write(change: SubmissionWrite) {
    const { submission: sub, event } = change;
    // Follow-up records (payment requests, change notices, proofs of use) issue none of the application's letters.
    const kinds =
      event.type === 'transition' && !sub.parentId ? documentsIssuedBy(sub.kind, event.action) : [];
    if (kinds.length === 0) return this.inner.write(change);
    const documents = kinds.map((kind) =>
      pendingDocument({
        id: this.newId(),
        submissionId: sub.id,
        kind,
        issuedAt: event.at,
        revision: sub.revision,
        version: sub.version,
      }),
    );
    return this.inner.write({ ...change, documents: [...(change.documents ?? []), ...documents] });
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

/** How often a first submit reads the counter again after another submit took its number. */
const FILE_NUMBER_ATTEMPTS = 10;

/** A file-number counter as read ahead of the write (see {@link readFileNumberAhead}). */
export interface CounterRead {
  round: string;
  last: () => Promise<number>;
}

/**
 * Starts reading the counter a first submit of `sub` will move, so that the read runs beside the use case's
 * other reads; undefined if the change numbers no file. The write checks that the counter still holds it.
 */
export function readFileNumberAhead(
  counters: Pick<CaseFileStore, 'lastFileNumber'> | undefined,
  config: FormConfig,
  sub: Submission,
  action: string,
): CounterRead | undefined {
  const numbering = fileNumberConfig(config);
  if (!counters || !numbering || sub.fileNumber || action !== 'submit') return undefined;
  const round = fileNumberRound(sub.data, sub.submittedAt ?? sub.updatedAt);
  return { round, last: settle(counters.lastFileNumber(numbering.authority, round)) };
}

/**
 * Writes a change; a first submit of a form that numbers its files gets the next file number of its authority
 * and round, the counter moved in the same transaction (see {@link writeNumbered}). Returns the submission as
 * written. `ahead`: the counter as read ahead, used for the first attempt if it is the one the change moves.
 */
export async function writeWithFileNumber(
  store: Pick<SubmissionStore, 'write'>,
  counters: Pick<CaseFileStore, 'lastFileNumber'> | undefined,
  config: FormConfig,
  change: SubmissionWrite,
  ahead?: CounterRead,
): Promise<Submission> {
  const sub = change.submission;
  const numbering = fileNumberConfig(config);
  if (!counters || !numbering || sub.fileNumber || change.event.action !== 'submit') {
    await store.write(change);
    return sub;
  }
  return writeNumbered(store, counters, numbering, change, ahead);
}

/**
 * Writes a change that gives the submission the next file number of its authority and round: if another write
 * took the number meanwhile, the counter is read again and the write retried, so numbers stay unique and
 * gap-free. Any other failure (a stale version, a planning frame) fails it, and no number is used.
 */
export async function writeNumbered(
  store: Pick<SubmissionStore, 'write'>,
  counters: Pick<CaseFileStore, 'lastFileNumber'>,
  numbering: FileNumberConfig,
  change: SubmissionWrite,
  ahead?: CounterRead,
): Promise<Submission> {
  const sub = change.submission;
  const round = fileNumberRound(sub.data, sub.submittedAt ?? sub.updatedAt);
  for (let attempt = 1; ; attempt++) {
    const last =
      attempt === 1 && ahead?.round === round
        ? await ahead.last()
        : await counters.lastFileNumber(numbering.authority, round);
    const numbered: Submission = { ...sub, fileNumber: formatFileNumber(numbering, round, last + 1) };
    try {
      await store.write({
        ...change,
        submission: numbered,
        fileNumberCounter: { authority: numbering.authority, round, expected: last },
      });
      return numbered;
    } catch (error) {
      if (
        !(error instanceof AppError && error.code === 'file_number.taken') ||
        attempt >= FILE_NUMBER_ATTEMPTS
      )
        throw error;
    }
  }
}
