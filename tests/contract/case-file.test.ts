/**
 * The case file's store contract, run against the in-memory and the DynamoDB adapters: the file-number counter
 * moves only with the write that counted on it (a failed write leaves it, a taken number answers
 * `file_number.taken`), and the documents written with a change go from pending to ready once.
 */
import { describe, expect, it } from 'vitest';
import { DynamoCaseFileStore } from '../../functions/adapters/dynamodb/case-file-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryCaseFileStore } from '../../functions/adapters/memory/case-file-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { pendingDocument } from '../../functions/core/documents/issue.ts';
import type { Submission } from '../../functions/core/model.ts';
import type { CaseFileStore } from '../../functions/ports/case-file-store.ts';
import type { SubmissionStore, SubmissionWrite } from '../../functions/ports/submission-store.ts';
import { localTable } from '../helpers/dynamo.ts';
import { submission } from './submission-store.contract.ts';

const table = localTable('casefile');

function caseFileContract(
  name: string,
  make: () => { submissions: SubmissionStore; caseFiles: CaseFileStore },
) {
  describe(`case file contract: ${name}`, () => {
    const created = (sub: Submission, extra: Partial<SubmissionWrite> = {}): SubmissionWrite => ({
      submission: sub,
      expectedVersion: null,
      event: {
        submissionId: sub.id,
        version: sub.version,
        type: 'created',
        at: sub.createdAt,
        actor: { sub: 'u1', name: 'U' },
        role: 'municipality',
      },
      scopes: { org: `O#${sub.org}#funding` },
      ...extra,
    });

    it('moves the file-number counter only with the write that counted on it', async () => {
      const { submissions, caseFiles } = make();
      const authority = `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      const move = (expected: number) => ({ fileNumberCounter: { authority, round: '2017-2018', expected } });
      expect(await caseFiles.lastFileNumber(authority, '2017-2018')).toBe(0);
      await submissions.write(created(submission({ fileNumber: 'A-1' }), move(0)));
      expect(await caseFiles.lastFileNumber(authority, '2017-2018')).toBe(1);
      // Another write counting on 0 lost the race: nothing of it is written.
      const loser = submission({ fileNumber: 'A-1' });
      await expect(submissions.write(created(loser, move(0)))).rejects.toMatchObject({
        code: 'file_number.taken',
      });
      expect(await submissions.get(loser.id)).toBeUndefined();
      // A write that fails for another reason (the submission exists) leaves the counter as it was.
      const existing = submission();
      await submissions.write(created(existing));
      await expect(submissions.write(created(existing, move(1)))).rejects.toMatchObject({ status: 412 });
      expect(await caseFiles.lastFileNumber(authority, '2017-2018')).toBe(1);
      await submissions.write(created(submission({ fileNumber: 'A-2' }), move(1)));
      expect(await caseFiles.lastFileNumber(authority, '2017-2018')).toBe(2);
      expect(await caseFiles.lastFileNumber(authority, '2026-2027')).toBe(0);
    });

    it('writes documents pending with the change, and marks each ready once', async () => {
      const { submissions, caseFiles } = make();
      const sub = submission();
      const doc = pendingDocument({
        id: `d${Math.random().toString(36).slice(2, 10)}`,
        submissionId: sub.id,
        kind: 'receipt',
        issuedAt: sub.createdAt,
        revision: 1,
        version: 1,
      });
      await submissions.write(created(sub, { documents: [doc] }));
      expect(await caseFiles.documents(sub.id)).toEqual([doc]);
      const ready = { sha256: 'f'.repeat(64), size: 1234, readyAt: '2026-03-02T10:00:00.000Z' };
      expect(await caseFiles.markReady(sub.id, doc.id, ready)).toBe(true);
      expect(await caseFiles.markReady(sub.id, doc.id, { ...ready, sha256: '0'.repeat(64) })).toBe(false);
      expect(await caseFiles.document(sub.id, doc.id)).toEqual({ ...doc, state: 'ready', ...ready });
      expect(await caseFiles.markReady(sub.id, 'unknown', ready)).toBe(false);
      expect(await caseFiles.documents('nothing-here')).toEqual([]);
    });

    it("records a ready document's first retrieval only, with the day it counts as notified", async () => {
      const { submissions, caseFiles } = make();
      const sub = submission();
      const doc = pendingDocument({
        id: `d${Math.random().toString(36).slice(2, 10)}`,
        submissionId: sub.id,
        kind: 'amended-decision',
        issuedAt: sub.createdAt,
        revision: 1,
        version: 1,
      });
      await submissions.write(created(sub, { documents: [doc] }));
      const first = { retrievedAt: '2026-03-03T08:00:00.000Z', notifiedOn: '2026-03-04' };
      // Not while it is pending.
      expect(await caseFiles.markRetrieved(sub.id, doc.id, first)).toBe(false);
      const ready = { sha256: 'f'.repeat(64), size: 1234, readyAt: '2026-03-02T10:00:00.000Z' };
      await caseFiles.markReady(sub.id, doc.id, ready);
      expect(await caseFiles.markRetrieved(sub.id, doc.id, first)).toBe(true);
      expect(await caseFiles.markRetrieved(sub.id, doc.id, { retrievedAt: '2026-03-05T08:00:00.000Z' })).toBe(
        false,
      );
      expect(await caseFiles.document(sub.id, doc.id)).toEqual({
        ...doc,
        state: 'ready',
        ...ready,
        ...first,
      });
    });
  });
}

caseFileContract('memory', () => {
  const submissions = new MemorySubmissionStore();
  return { submissions, caseFiles: new MemoryCaseFileStore(submissions) };
});
caseFileContract('DynamoDB Local', () => ({
  submissions: new DynamoSubmissionStore(table.doc, table.tableName),
  caseFiles: new DynamoCaseFileStore(table.doc, table.tableName),
}));
