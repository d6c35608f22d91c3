/**
 * Versioned data migrations over the in-memory stores: plans approved before key-figure records existed
 * get their record; the stored version moves on; a second or concurrent run changes nothing more.
 */
import { describe, expect, it } from 'vitest';
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySchemaStore } from '../../functions/adapters/memory/schema-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import type { Submission } from '../../functions/core/model.ts';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  type Migration,
  migrate,
} from '../../functions/services/migrations.ts';
import { submission } from '../contract/submission-store.contract.ts';

const ORG = 'kirchheim';

async function olderData() {
  const figures = new MemoryFiguresStore();
  const submissions = new MemorySubmissionStore(undefined, figures);
  const approvedAt = '2025-06-01T09:00:00.000Z';
  const write = async (sub: Submission, approved: boolean) => {
    await submissions.write({
      submission: sub,
      expectedVersion: null,
      event: {
        submissionId: sub.id,
        version: sub.version,
        type: 'created',
        at: sub.createdAt,
        actor: { sub: 'u1', name: 'U' },
        role: 'manager',
      },
      scopes: { org: `O#${ORG}#case` },
      ...(approved
        ? {
            revision: {
              submissionId: sub.id,
              n: 1,
              formVersion: 1,
              data: structuredClone(planSample),
              dataSha256: '0'.repeat(64),
              attachments: [],
              createdAt: '2025-05-01T09:00:00.000Z',
              createdBy: 'u1',
            },
          }
        : {}),
    });
    if (approved) {
      const stored = (await submissions.get(sub.id))!;
      await submissions.write({
        submission: { ...stored, version: stored.version + 1, status: 'approved', updatedAt: approvedAt },
        expectedVersion: stored.version,
        event: {
          submissionId: sub.id,
          version: stored.version + 1,
          type: 'transition',
          at: approvedAt,
          actor: { sub: 'u2', name: 'K' },
          role: 'coordinator',
          action: 'approve',
          from: 'review',
          to: 'approved',
        },
        scopes: { org: `O#${ORG}#case` },
      });
    }
  };
  const base = {
    formId: 'integration-plan',
    kind: 'case' as const,
    org: ORG,
    data: structuredClone(planSample),
  };
  const approved = submission({ ...base, status: 'review', revision: 1, approvedRevision: 1 });
  const draft = submission({ ...base });
  await write(approved, true);
  await write(draft, false);
  const deps = {
    submissions,
    figures,
    organisations: async () => [{ id: ORG, name: 'Kirchheim', type: 'municipality' as const }],
    now: () => new Date('2026-03-02T10:00:00.000Z'),
  };
  return { deps, figures, approved };
}

describe('data migrations', () => {
  it('backfills the figures record of plans approved before it existed, once', async () => {
    const { deps, figures } = await olderData();
    expect(await figures.listByOrg(ORG)).toEqual([]);
    const schema = new MemorySchemaStore(3);
    const report = await migrate(schema, deps);
    expect(schema.checks).toBe(3);
    expect(report).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(report.applied[0]?.changed).toBe(1);
    const [record] = await figures.listByOrg(ORG);
    expect(record).toMatchObject({ org: ORG, recordVersion: 1 });
    // Again: nothing to do.
    expect(await migrate(schema, deps)).toEqual({
      from: LATEST_SCHEMA_VERSION,
      to: LATEST_SCHEMA_VERSION,
      applied: [],
    });
    expect(await figures.listByOrg(ORG)).toHaveLength(1);
  });

  it('concurrent runs (two deployments) leave one record and the latest version', async () => {
    const { deps, figures } = await olderData();
    const schema = new MemorySchemaStore();
    const reports = await Promise.all([migrate(schema, deps), migrate(schema, deps)]);
    for (const r of reports) expect(r.to).toBe(LATEST_SCHEMA_VERSION);
    expect(await figures.listByOrg(ORG)).toHaveLength(1);
    expect(await schema.version()).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a migration that fails leaves the version where it was, and the next run repeats it', async () => {
    const { deps } = await olderData();
    const schema = new MemorySchemaStore();
    let fail = true;
    const flaky: Migration[] = [
      { version: 1, name: 'one', run: async () => ({ changed: 0 }) },
      {
        version: 2,
        name: 'two',
        run: async () => {
          if (fail) throw new Error('down');
          return { changed: 1 };
        },
      },
    ];
    await expect(migrate(schema, deps, flaky)).rejects.toThrow('down');
    expect(await schema.version()).toBe(1);
    fail = false;
    expect(await migrate(schema, deps, flaky)).toMatchObject({ from: 1, to: 2, applied: [{ version: 2 }] });
  });
});

describe('the work-queue backfill (migration 3)', () => {
  const REVIEW = 'R#reviewer';
  const queueBackfill = MIGRATIONS.find((m) => m.version === 3)!;

  /** Applications that reached the reviewers before the queue existed (written without a queue profile). */
  async function olderApplications() {
    const submissions = new MemorySubmissionStore();
    const write = (sub: Submission, second?: string) =>
      submissions.write({
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
        scopes: { org: `O#${sub.org}#funding`, ...(second ? { second } : {}) },
      });
    const inReview = submission({ status: 'review', revision: 1 });
    const approved = submission({
      status: 'approved',
      revision: 1,
      org: 'weilheim',
      decision: { fileNumber: 'RPS-2026-0042' } as Submission['decision'],
    });
    const draft = submission();
    await write(inReview, REVIEW);
    await write(approved, REVIEW);
    await write(draft);
    const deps = {
      submissions,
      figures: new MemoryFiguresStore(),
      organisations: async () => [
        {
          id: 'kirchheim',
          name: 'Kirchheim unter Teck',
          type: 'municipality' as const,
          district: 'Esslingen',
        },
        { id: 'weilheim', name: 'Weilheim an der Teck', type: 'municipality' as const },
      ],
      now: () => new Date('2026-03-02T10:00:00.000Z'),
    };
    const read = (plan: { facet: string } | { search: string }) =>
      submissions.queue({ scope: REVIEW, plan, sort: 'oldest', limit: 25 });
    return { deps, read, inReview, approved, draft };
  }

  it('lists every submission of the review scope, with counters, names, districts and file numbers', async () => {
    const { deps, read, inReview, approved } = await olderApplications();
    expect((await read({ facet: 'all' })).items).toEqual([]);
    expect(await queueBackfill.run(deps)).toEqual({ changed: 2 });
    const all = await read({ facet: 'all' });
    expect(all.items.map((i) => i.id)).toEqual([inReview.id, approved.id]);
    expect(all.counts).toEqual({ review: 1, approved: 1 });
    expect((await read({ search: 'kirchheimunter' })).items.map((i) => i.id)).toEqual([inReview.id]);
    expect((await read({ search: 'rps2026' })).items.map((i) => i.id)).toEqual([approved.id]);
    expect((await read({ facet: 'district=esslingen' })).items.map((i) => i.id)).toEqual([inReview.id]);
    expect((await read({ facet: 'status=approved' })).items.map((i) => i.id)).toEqual([approved.id]);
    expect((await read({ facet: 'reviewer=none' })).items).toHaveLength(2);
  });

  it('changes nothing when run again or twice at once: each submission is counted once', async () => {
    const { deps, read } = await olderApplications();
    const [a, b] = await Promise.all([queueBackfill.run(deps), queueBackfill.run(deps)]);
    expect(a.changed + b.changed).toBe(2);
    expect(await queueBackfill.run(deps)).toEqual({ changed: 0 });
    expect((await read({ facet: 'all' })).counts).toEqual({ review: 1, approved: 1 });
  });

  it('runs after the figures backfill and the file numbers through migrate(), and the version ends at the latest', async () => {
    const { deps, read } = await olderApplications();
    const schema = new MemorySchemaStore();
    const report = await migrate(schema, deps);
    // These applications were numbered when they were written: the file-number migration has nothing to do.
    expect(report.applied.map((a) => [a.version, a.changed])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 0],
    ]);
    expect(await schema.version()).toBe(LATEST_SCHEMA_VERSION);
    expect((await read({ facet: 'all' })).items).toHaveLength(2);
  });
});
