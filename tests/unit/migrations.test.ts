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
import { LATEST_SCHEMA_VERSION, type Migration, migrate } from '../../functions/services/migrations.ts';
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
