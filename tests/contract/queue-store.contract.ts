import { beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../functions/core/model.ts';
import { planQueueQuery, type QueueFilter, type QueueProfile } from '../../functions/core/queue.ts';
import { tombstoneOf } from '../../functions/core/retention.ts';
import type { ErasureStore } from '../../functions/ports/erasure-store.ts';
import type { SubmissionStore, SubmissionWrite } from '../../functions/ports/submission-store.ts';
import { submission } from './submission-store.contract.ts';

const profiles: Record<string, QueueProfile> = {
  '08999001': { municipality: 'Übersynthingen', district: 'Landkreis Testtal' },
  '08999002': { municipality: 'Bad Beispielheim', district: 'Landkreis Testtal' },
  '08999003': { municipality: 'Musterstadt', district: 'Stadtkreis Probe' },
};

/** The reviewer's work queue, the same on every SubmissionStore: one partition per query, counters per status. */
export function queueStoreContract(
  name: string,
  makeStore: () => Promise<{ store: SubmissionStore; erasure: ErasureStore }>,
) {
  describe(`SubmissionStore work queue contract: ${name}`, () => {
    let store: SubmissionStore;
    let erasure: ErasureStore;
    let scope: string;
    beforeEach(async () => {
      ({ store, erasure } = await makeStore());
      scope = `R#reviewer-${Math.random().toString(36).slice(2, 8)}`;
    });

    /** A submitted application of `org`, written as the service writes it (with the queue profile). */
    async function submitted(org: string, overrides: Partial<Submission> = {}): Promise<Submission> {
      const sub = submission({
        org,
        status: 'review',
        revision: 1,
        allocation: { round: '2017-2018', reserved: [] },
        ...overrides,
      });
      sub.submittedAt = sub.createdAt;
      await store.write({
        submission: sub,
        expectedVersion: null,
        event: {
          submissionId: sub.id,
          version: sub.version,
          type: 'created',
          at: sub.updatedAt,
          actor: { sub: 'u1', name: 'U' },
          role: 'municipality',
        },
        scopes: { org: `O#${org}#funding`, second: scope },
        queueProfile: profiles[org] as QueueProfile,
      });
      return sub;
    }

    async function change(sub: Submission, fields: Partial<Submission>): Promise<Submission> {
      const next = { ...sub, ...fields, version: sub.version + 1 };
      const write: SubmissionWrite = {
        submission: next,
        expectedVersion: sub.version,
        event: {
          submissionId: sub.id,
          version: next.version,
          type: 'reviewer',
          at: next.updatedAt,
          actor: { sub: 'r1', name: 'R' },
          role: 'reviewer',
        },
        scopes: { org: `O#${sub.org}#funding`, second: scope },
      };
      await store.write(write);
      return next;
    }

    const ids = async (filter: QueueFilter, sort: 'oldest' | 'newest' = 'oldest', limit = 50) =>
      (await store.queue({ scope, plan: planQueueQuery(filter), sort, limit })).items.map((s) => s.id);

    it('lists oldest waiting first, newest on request, with counters per status', async () => {
      const a = await submitted('08999001');
      const b = await submitted('08999002');
      const c = await submitted('08999003');
      expect(await ids({})).toEqual([a.id, b.id, c.id]);
      expect(await ids({}, 'newest')).toEqual([c.id, b.id, a.id]);
      await change(b, { status: 'approved' });
      const page = await store.queue({ scope, plan: planQueueQuery({}), sort: 'oldest', limit: 10 });
      expect(page.counts).toEqual({ review: 2, approved: 1 });
      expect(await ids({ status: 'review' })).toEqual([a.id, c.id]);
      expect(await ids({ status: 'approved' })).toEqual([b.id]);
    });

    it('searches prefixes of name, municipality key and file number, case-insensitive with umlauts folded', async () => {
      const a = await submitted('08999001');
      const b = await submitted('08999002', {
        decision: {
          requestedAmount: 1,
          approvedAmount: 1,
          fileNumber: 'AZ-2026/17',
          decisionDate: '2026-01-02',
          decidedBy: { sub: 'r', name: 'R' },
        },
      });
      await submitted('08999003');
      expect(await ids({ q: 'übersyn' })).toEqual([a.id]);
      expect(await ids({ q: 'UEBERSYN' })).toEqual([a.id]);
      expect(await ids({ q: 'bad bei' })).toEqual([b.id]);
      expect(await ids({ q: '0899900' })).toHaveLength(3);
      expect(await ids({ q: '08999002' })).toEqual([b.id]);
      expect(await ids({ q: 'az-2026' })).toEqual([b.id]);
      expect(await ids({ q: 'nirgendwo' })).toEqual([]);
    });

    it('filters by district, round, form and reviewer, and follows a change of reviewer', async () => {
      const a = await submitted('08999001');
      const b = await submitted('08999002');
      const c = await submitted('08999003', { allocation: { round: '2019', reserved: [] } });
      expect(await ids({ district: 'landkreis testtal' })).toEqual([a.id, b.id]);
      expect(await ids({ round: '2019' })).toEqual([c.id]);
      expect(await ids({ formId: 'funding-application' })).toEqual([a.id, b.id, c.id]);
      expect(await ids({ reviewer: 'none' })).toEqual([a.id, b.id, c.id]);
      const taken = await change(b, { reviewer: 'r1' });
      expect(await ids({ reviewer: 'r1' })).toEqual([b.id]);
      expect(await ids({ reviewer: 'none' })).toEqual([a.id, c.id]);
      expect(await ids({ reviewer: 'r1', status: 'review' })).toEqual([b.id]);
      const page = await store.queue({
        scope,
        plan: planQueueQuery({ reviewer: 'r1' }),
        sort: 'oldest',
        limit: 5,
      });
      expect(page.items[0]?.reviewer).toBe('r1');
      const { reviewer: _r, ...released } = taken;
      await store.write({
        submission: { ...released, version: taken.version + 1 },
        expectedVersion: taken.version,
        event: {
          submissionId: b.id,
          version: taken.version + 1,
          type: 'reviewer',
          at: taken.updatedAt,
          actor: { sub: 'r1', name: 'R' },
          role: 'reviewer',
        },
        scopes: { org: `O#${b.org}#funding`, second: scope },
      });
      expect(await ids({ reviewer: 'r1' })).toEqual([]);
      expect(await ids({ reviewer: 'none' })).toEqual([a.id, b.id, c.id]);
    });

    it('pages with a cursor in both orders, and refuses a cursor of another partition', async () => {
      const subs = [];
      for (const org of ['08999001', '08999002', '08999003', '08999001', '08999002'])
        subs.push(await submitted(org));
      for (const sort of ['oldest', 'newest'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.queue({
            scope,
            plan: planQueueQuery({}),
            sort,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((s) => s.id));
          cursor = page.nextCursor;
        } while (cursor);
        const expected = subs.map((s) => s.id);
        expect(seen).toEqual(sort === 'oldest' ? expected : expected.reverse());
      }
      const first = await store.queue({ scope, plan: planQueueQuery({}), sort: 'oldest', limit: 2 });
      await expect(
        store.queue({
          scope,
          plan: planQueueQuery({ status: 'review' }),
          sort: 'oldest',
          limit: 2,
          cursor: first.nextCursor as string,
        }),
      ).rejects.toMatchObject({ code: 'list.bad_cursor' });
    });

    it('leaves the queue when the submission leaves the review scope', async () => {
      const a = await submitted('08999001');
      await store.write({
        submission: { ...a, version: a.version + 1, status: 'draft' },
        expectedVersion: a.version,
        event: {
          submissionId: a.id,
          version: a.version + 1,
          type: 'saved',
          at: a.updatedAt,
          actor: { sub: 'u1', name: 'U' },
          role: 'municipality',
        },
        scopes: { org: `O#${a.org}#funding` },
      });
      const page = await store.queue({ scope, plan: planQueueQuery({}), sort: 'oldest', limit: 5 });
      expect(page.items).toEqual([]);
      expect(page.counts).toEqual({});
      expect(await ids({ q: 'uebers' })).toEqual([]);
    });

    it('leaves the queue with an erased submission, counter included', async () => {
      const a = await submitted('08999001');
      const b = await submitted('08999002');
      const stored = (await store.get(a.id)) as Submission;
      await erasure.erase(
        stored,
        tombstoneOf(
          { ...stored, erasureDueAt: '2026-01-01' },
          { revisions: 0, events: 1, attachments: 0, accessLog: 0 },
          '2026-02-01T00:00:00.000Z',
        ),
      );
      const page = await store.queue({ scope, plan: planQueueQuery({}), sort: 'oldest', limit: 5 });
      expect(page.items.map((s) => s.id)).toEqual([b.id]);
      expect(page.counts).toEqual({ review: 1 });
      expect(await ids({ q: 'uebers' })).toEqual([]);
    });
  });
}
