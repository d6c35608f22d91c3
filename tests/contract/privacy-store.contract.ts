import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../functions/core/access-log.ts';
import type { Attachment } from '../../functions/core/attachments.ts';
import { aggregateOf } from '../../functions/core/figures-aggregate.ts';
import type { FiguresRecord } from '../../functions/core/key-figures.ts';
import type { HistoryEvent, Revision, Submission } from '../../functions/core/model.ts';
import { tombstoneOf } from '../../functions/core/retention.ts';
import type { AccessLogStore } from '../../functions/ports/access-log.ts';
import type { AttachmentStore } from '../../functions/ports/attachment-store.ts';
import type { ErasureStore } from '../../functions/ports/erasure-store.ts';
import type { FiguresStore } from '../../functions/ports/figures-store.ts';
import type { SubmissionStore, SubmissionWrite } from '../../functions/ports/submission-store.ts';
import { submission } from './submission-store.contract.ts';

export interface PrivacyStores {
  submissions: SubmissionStore;
  attachments: AttachmentStore;
  accessLog: AccessLogStore;
  erasure: ErasureStore;
  figures: FiguresStore;
}

const plan = (overrides: Partial<Submission> = {}) =>
  submission({
    formId: 'integration-plan',
    kind: 'case',
    data: { person: { name: 'P' } },
    indexed: {},
    ...overrides,
  });

const event = (sub: Submission, type: HistoryEvent['type'] = 'created'): HistoryEvent => ({
  submissionId: sub.id,
  version: sub.version,
  type,
  at: sub.updatedAt,
  actor: { sub: 'u-im1', name: 'IM' },
  role: 'manager',
});

const revision = (sub: Submission, n: number, data: Record<string, unknown>): Revision => ({
  submissionId: sub.id,
  n,
  formVersion: 1,
  data,
  dataSha256: `sha-${n}`,
  attachments: [],
  createdAt: sub.updatedAt,
  createdBy: 'u-im1',
});

const entry = (sub: Submission, at: string, id: string): AccessEntry => ({
  id,
  submissionId: sub.id,
  at,
  actor: { sub: 'u-koord', name: 'K' },
  role: 'coordinator',
  what: 'view',
});

const figures = (org: string): FiguresRecord => ({
  recordVersion: 1,
  org,
  counsellingStartYear: 2026,
  extended: false,
  goals: [{ area: 'language', status: 'open', reachedByDeadline: null }],
  reviewsHeld: [],
});

/**
 * The data-protection side of the stores (access log, revisions rewritten by a redaction, erasure), run
 * against the in-memory and the DynamoDB adapters.
 */
export function privacyStoreContract(name: string, make: () => Promise<PrivacyStores>) {
  describe(`Privacy stores contract: ${name}`, () => {
    let s: PrivacyStores;
    beforeEach(async () => {
      s = await make();
    });

    /** A plan with two revisions, one event per version, and the given extra fields. */
    async function storedPlan(overrides: Partial<Submission> = {}) {
      const sub = plan(overrides);
      const scopes = { org: `O#${sub.org}#case` };
      await s.submissions.write({ submission: sub, expectedVersion: null, event: event(sub), scopes });
      let current = sub;
      for (const n of [1, 2]) {
        const next = { ...current, version: current.version + 1, revision: n };
        await s.submissions.write({
          submission: next,
          expectedVersion: current.version,
          event: event(next, 'transition'),
          revision: revision(next, n, { health: { notes: `note ${n}` }, person: { name: 'P' } }),
          scopes,
          ...(n === 2 ? { figures: { planId: sub.id, record: figures(sub.org) } } : {}),
        });
        current = next;
      }
      return current;
    }

    it('keeps an append-only access log, oldest first', async () => {
      const sub = await storedPlan();
      await s.accessLog.append(entry(sub, '2026-03-02T10:00:00.000Z', 'B'));
      await s.accessLog.append(entry(sub, '2026-03-01T10:00:00.000Z', 'A'));
      expect((await s.accessLog.list(sub.id)).map((e) => e.id)).toEqual(['A', 'B']);
      expect(await s.accessLog.list(sub.id)).toContainEqual(entry(sub, '2026-03-01T10:00:00.000Z', 'A'));
      await expect(s.accessLog.append(entry(sub, '2026-03-01T10:00:00.000Z', 'A'))).rejects.toThrow();
      expect(await s.accessLog.list('nobody')).toEqual([]);
    });

    it('rewrites existing revisions atomically with the change, and only existing ones', async () => {
      const sub = await storedPlan();
      const next = { ...sub, version: sub.version + 1 };
      const redacted = (n: number) => ({
        ...revision(sub, n, { person: { name: 'P' } }),
        redacted: [{ purpose: 'health' as const, at: '2026-03-01T00:00:00.000Z', pointers: ['/health'] }],
      });
      const missing: SubmissionWrite = {
        submission: next,
        expectedVersion: sub.version,
        event: event(next, 'consent'),
        scopes: { org: `O#${sub.org}#case` },
        rewrittenRevisions: [redacted(1), redacted(3)],
      };
      await expect(s.submissions.write(missing)).rejects.toMatchObject({ status: 412 });
      expect((await s.submissions.getRevision(sub.id, 1))?.data).toEqual({
        health: { notes: 'note 1' },
        person: { name: 'P' },
      });
      await s.submissions.write({ ...missing, rewrittenRevisions: [redacted(1), redacted(2)] });
      expect(await s.submissions.getRevision(sub.id, 1)).toEqual(redacted(1));
      expect(await s.submissions.getRevision(sub.id, 2)).toEqual(redacted(2));
      expect((await s.submissions.history(sub.id)).at(-1)?.type).toBe('consent');
    });

    it('rewrites existing revisions ahead of a change, and only existing ones', async () => {
      const sub = await storedPlan();
      const redacted = (n: number) => ({
        ...revision(sub, n, { person: { name: 'P' } }),
        redacted: [{ purpose: 'health' as const, at: '2026-03-01T00:00:00.000Z', pointers: ['/health'] }],
      });
      await expect(s.submissions.rewriteRevisions(sub.id, [redacted(1), redacted(3)])).rejects.toMatchObject({
        status: 412,
      });
      expect((await s.submissions.getRevision(sub.id, 1))?.data).toEqual({
        health: { notes: 'note 1' },
        person: { name: 'P' },
      });
      await s.submissions.rewriteRevisions(sub.id, [redacted(1), redacted(2)]);
      expect(await s.submissions.getRevision(sub.id, 1)).toEqual(redacted(1));
      expect(await s.submissions.getRevision(sub.id, 2)).toEqual(redacted(2));
      expect((await s.submissions.get(sub.id))?.version).toBe(sub.version);
    });

    it('lists what is due for erasure by date, without a scan', async () => {
      const early = await storedPlan({ erasureDueAt: '2031-01-10' });
      const late = await storedPlan({ erasureDueAt: '2031-01-20' });
      const never = await storedPlan();
      const ids = [early.id, late.id, never.id];
      const due = async (today: string) =>
        (await s.erasure.due(today, 100)).filter((d) => ids.includes(d.id));
      expect(await due('2031-01-09')).toEqual([]);
      expect(await due('2031-01-10')).toEqual([{ id: early.id, erasureDueAt: '2031-01-10' }]);
      expect((await due('2031-02-01')).map((d) => d.id)).toEqual([early.id, late.id]);
    });

    it("rewrites a plan's figures record with a change and keeps its organisation's aggregate in step", async () => {
      const org = `agg-${Math.random().toString(36).slice(2, 8)}`;
      const sub = await storedPlan({ org });
      const other = await storedPlan({ org });
      expect(await s.figures.aggregates([org, 'nobody'])).toEqual(
        new Map([[org, { version: 2, counts: aggregateOf([figures(org), figures(org)]) }]]),
      );
      const amended: FiguresRecord = {
        ...figures(org),
        closedYear: 2027,
        goals: [{ area: 'work', status: 'reached', deadlineYear: 2027, reachedByDeadline: true }],
      };
      const next = { ...sub, version: sub.version + 1 };
      await s.submissions.write({
        submission: next,
        expectedVersion: sub.version,
        event: event(next, 'transition'),
        scopes: { org: `O#${org}#case` },
        figures: { planId: sub.id, record: amended },
      });
      expect(await s.figures.aggregates([org])).toEqual(
        new Map([[org, { version: 3, counts: aggregateOf([amended, figures(org)]) }]]),
      );
      expect(other.org).toBe(org);
    });

    it('erases every item of a submission but leaves its tombstone and its figures record', async () => {
      const sub = await storedPlan({ erasureDueAt: '2031-02-01', locked: true });
      const attachment: Attachment = {
        id: 'att-1',
        submissionId: sub.id,
        filename: 'zeugnis.pdf',
        contentType: 'application/pdf',
        size: 10,
        state: 'pending',
        createdAt: sub.createdAt,
        createdBy: 'u-im1',
        updatedAt: sub.createdAt,
        version: 1,
      };
      await s.attachments.create(attachment, { statuses: ['draft'], revision: sub.revision });
      await s.accessLog.append(entry(sub, '2026-03-01T10:00:00.000Z', 'A'));
      const stored = (await s.submissions.get(sub.id))!;
      const tombstone = tombstoneOf(
        stored,
        { revisions: 2, events: 3, attachments: 1, accessLog: 1 },
        '2031-02-01T03:00:00.000Z',
      );

      await expect(
        s.erasure.erase({ ...stored, version: stored.version - 1 }, tombstone),
      ).rejects.toMatchObject({
        status: 412,
      });
      await s.erasure.erase(stored, tombstone);
      expect(await s.submissions.get(sub.id)).toBeUndefined();
      expect(await s.submissions.getRevision(sub.id, 1)).toBeUndefined();
      expect(await s.submissions.getRevision(sub.id, 2)).toBeUndefined();
      expect(await s.submissions.history(sub.id)).toEqual([]);
      expect(await s.attachments.list(sub.id)).toEqual([]);
      expect(await s.accessLog.list(sub.id)).toEqual([]);
      expect(await s.erasure.tombstone(sub.id)).toEqual(tombstone);
      expect((await s.erasure.due('2031-12-31', 100)).map((d) => d.id)).not.toContain(sub.id);
      expect(await s.figures.listByOrg(sub.org)).toContainEqual(figures(sub.org));
    });
  });
}
