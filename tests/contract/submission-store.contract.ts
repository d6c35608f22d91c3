import { beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEvent, Submission } from '../../functions/core/model.ts';
import type { SubmissionStore, SubmissionWrite } from '../../functions/ports/submission-store.ts';

let seq = 0;
export function submission(overrides: Partial<Submission> = {}): Submission {
  seq += 1;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
  return {
    id: `s-${String(seq).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`,
    formId: 'funding-application',
    formVersion: 1,
    kind: 'funding',
    status: 'draft',
    version: 1,
    revision: 0,
    approvedRevision: null,
    amending: false,
    data: { round: '2017-2018' },
    org: 'kirchheim',
    createdBy: 'u1',
    createdAt,
    updatedAt: createdAt,
    indexed: { round: '2017-2018' },
    ...overrides,
  };
}

const event = (sub: Submission, fields: Partial<HistoryEvent> = {}): HistoryEvent => ({
  submissionId: sub.id,
  version: sub.version,
  type: 'created',
  at: sub.updatedAt,
  actor: { sub: 'u1', name: 'U' },
  role: 'municipality',
  ...fields,
});

const create = (
  sub: Submission,
  scopes: SubmissionWrite['scopes'] = { org: `O#${sub.org}#${sub.kind}` },
): SubmissionWrite => ({
  submission: sub,
  expectedVersion: null,
  event: event(sub),
  scopes,
});

/** The behaviour every SubmissionStore must have; run against the in-memory and the DynamoDB adapter. */
export function submissionStoreContract(name: string, makeStore: () => Promise<SubmissionStore>) {
  describe(`SubmissionStore contract: ${name}`, () => {
    let store: SubmissionStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('creates once and reads back what it stored', async () => {
      const sub = submission();
      await store.write(create(sub));
      expect(await store.get(sub.id)).toEqual(sub);
      await expect(store.write(create(sub))).rejects.toMatchObject({ status: 412 });
      expect(await store.get('nope')).toBeUndefined();
    });

    it('applies a change only on the expected version and state, atomically with its event and revision', async () => {
      const sub = submission();
      await store.write(create(sub));
      const next = { ...sub, status: 'review' as const, version: 2, revision: 1 };
      const revision = {
        submissionId: sub.id,
        n: 1,
        formVersion: 1,
        data: sub.data,
        dataSha256: 'abc',
        attachments: [],
        createdAt: sub.createdAt,
        createdBy: 'u1',
      };
      const change: SubmissionWrite = {
        submission: next,
        expectedVersion: 1,
        expectedStatus: 'draft',
        event: event(next, {
          type: 'transition',
          action: 'submit',
          from: 'draft',
          to: 'review',
          revision: 1,
        }),
        revision,
        scopes: { org: 'O#kirchheim#funding', second: 'R#reviewer' },
      };
      await expect(store.write({ ...change, expectedVersion: 7 })).rejects.toMatchObject({
        status: 412,
        code: 'submission.stale_version',
      });
      await expect(store.write({ ...change, expectedStatus: 'revised' })).rejects.toMatchObject({
        status: 412,
      });
      // Nothing of a refused change is stored.
      expect(await store.getRevision(sub.id, 1)).toBeUndefined();
      expect((await store.history(sub.id)).length).toBe(1);

      await store.write(change);
      expect(await store.get(sub.id)).toMatchObject({ status: 'review', version: 2, revision: 1 });
      expect(await store.getRevision(sub.id, 1)).toEqual(revision);
      expect((await store.history(sub.id)).map((e) => e.type)).toEqual(['created', 'transition']);
      // The same version cannot be written twice.
      await expect(store.write(change)).rejects.toMatchObject({ status: 412 });
    });

    it("writes a follow-up record together with its application's follow-up state, or neither", async () => {
      const parent = submission({ status: 'approved' });
      await store.write(create(parent));
      const child = submission({ formId: 'payment-request', parentId: parent.id });
      const followUp = {
        children: [
          { id: child.id, formId: 'payment-request', status: 'draft' as const, createdAt: child.createdAt },
        ],
      };
      const parentWrite = {
        id: parent.id,
        expectedVersion: 1,
        expectedStatus: 'approved' as const,
        version: 2,
        updatedAt: child.createdAt,
        followUp,
      };
      // The application changed meanwhile: the record is not written either.
      await expect(
        store.write({ ...create(child), parent: { ...parentWrite, expectedVersion: 5 } }),
      ).rejects.toMatchObject({ status: 412 });
      expect(await store.get(child.id)).toBeUndefined();
      await store.write({ ...create(child), parent: parentWrite });
      expect(await store.get(child.id)).toMatchObject({ parentId: parent.id });
      expect(await store.get(parent.id)).toMatchObject({ version: 2, followUp, status: 'approved' });
    });

    it('lets exactly one of many concurrent writers win', async () => {
      const sub = submission();
      await store.write(create(sub));
      const attempts = Array.from({ length: 10 }, (_, i) => {
        const next = { ...sub, version: 2, data: { round: `r${i}` } };
        return store.write({
          submission: next,
          expectedVersion: 1,
          event: event(next, { type: 'saved' }),
          scopes: { org: 'O#kirchheim#funding' },
        });
      });
      const results = await Promise.allSettled(attempts);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 412 });
      expect((await store.history(sub.id)).length).toBe(2);
    });

    it('lists a scope newest first, by status, filtered by form, in pages, without data', async () => {
      const org = `org-${Math.random().toString(36).slice(2, 8)}`;
      const scope = `O#${org}#funding`;
      const subs = [];
      for (let i = 0; i < 5; i++) {
        const sub = submission({
          org,
          status: i % 2 ? 'review' : 'draft',
          formId: i === 4 ? 'other-form' : 'funding-application',
        });
        subs.push(sub);
        await store.write(create(sub, { org: scope, ...(i % 2 ? { second: `R#reviewer-${org}` } : {}) }));
      }
      const all = await store.list({ index: 'org', scope, limit: 10 });
      expect(all.items.map((s) => s.id)).toEqual(subs.map((s) => s.id).reverse());
      expect(all.items[0]).not.toHaveProperty('data');
      expect(all.nextCursor).toBeUndefined();

      const first = await store.list({ index: 'org', scope, limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toBeDefined();
      const second = await store.list({ index: 'org', scope, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((s) => s.id)).toEqual([subs[2]!.id, subs[1]!.id]);

      const inReview = await store.list({ index: 'org', scope, status: 'review', limit: 10 });
      expect(inReview.items.map((s) => s.id)).toEqual([subs[3]!.id, subs[1]!.id]);
      const reviewScope = await store.list({ index: 'second', scope: `R#reviewer-${org}`, limit: 10 });
      expect(reviewScope.items).toHaveLength(2);

      const byForm = await store.list({ index: 'org', scope, formId: 'funding-application', limit: 10 });
      expect(byForm.items.map((s) => s.formId)).not.toContain('other-form');
      expect(byForm.items).toHaveLength(4);

      await expect(store.list({ index: 'org', scope, limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
        status: 400,
        code: 'list.bad_cursor',
      });
      await expect(
        store.list({ index: 'org', scope: 'O#elsewhere#funding', limit: 2, cursor: first.nextCursor! }),
      ).rejects.toMatchObject({ status: 400 });
    });

    it('lists a stored submission of a review scope in the work queue once (the backfill), only while unchanged', async () => {
      // A scope of its own: the DynamoDB table is shared by the tests.
      const scope = `R#reviewer-${Math.random().toString(36).slice(2, 8)}`;
      const sub = submission({ status: 'review', revision: 1 });
      const scopes = { org: `O#${sub.org}#${sub.kind}`, second: scope };
      // Written as before the queue existed: no organisation profile, so not listed.
      await store.write(create(sub, scopes));
      const read = (plan: { facet: string } | { search: string }) =>
        store.queue({ scope, plan, sort: 'oldest', limit: 10 });
      expect((await read({ facet: 'all' })).items).toEqual([]);
      const profile = { municipality: 'Kirchheim unter Teck', district: 'Esslingen' };
      expect(await store.addToQueue(sub, scopes, profile)).toBe(true);
      expect(await store.addToQueue(sub, scopes, profile)).toBe(false);
      const all = await read({ facet: 'all' });
      expect(all.items.map((i) => i.id)).toEqual([sub.id]);
      expect(all.counts).toEqual({ review: 1 });
      expect((await read({ search: 'kirchheimu' })).items.map((i) => i.id)).toEqual([sub.id]);
      expect((await read({ facet: 'district=esslingen' })).items.map((i) => i.id)).toEqual([sub.id]);
      // A copy older than the stored submission is refused and lists nothing.
      const other = submission({ status: 'review', revision: 1 });
      await store.write(create(other, scopes));
      await expect(store.addToQueue({ ...other, version: 7 }, scopes, profile)).rejects.toMatchObject({
        status: 412,
      });
      expect((await read({ facet: 'all' })).counts).toEqual({ review: 1 });
    });
  });
}
