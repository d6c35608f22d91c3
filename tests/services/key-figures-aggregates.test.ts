/**
 * Key figures from the maintained aggregates, through the report service with the in-memory adapters: what a
 * reviewer (state-wide and per organisation) and a coordinator see is what counting every record gives, for
 * records written before aggregates existed (after the migration) and for records rewritten since.
 */
import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { publishedFromRecords } from '../../functions/core/figures-aggregate.ts';
import {
  AREAS,
  aggregateKeyFigures,
  type FiguresRecord,
  GOAL_STATUSES,
  sumPublished,
} from '../../functions/core/key-figures.ts';
import { MIGRATIONS, type MigrationDeps } from '../../functions/services/migrations.ts';
import { ReportService } from '../../functions/services/report-service.ts';
import { actor } from '../helpers/services.ts';

const ORGS = ['aichwald', 'baltmannsweiler', 'deizisau', 'esslingen', 'filderstadt'];
const YEARS = [2020, 2022, 2023, 2024, 2025, 2026];

function rand(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function randomRecord(r: () => number): FiguresRecord {
  const start = 2021 + Math.floor(r() * 5);
  const closedYear = r() < 0.35 ? start + Math.floor(r() * 3) : undefined;
  return {
    recordVersion: 1,
    org: ORGS[Math.floor(r() * ORGS.length)]!,
    counsellingStartYear: start,
    ...(closedYear !== undefined ? { closedYear } : {}),
    extended: false,
    goals: Array.from({ length: Math.floor(r() * 5) }, () => {
      const deadlineYear = r() < 0.5 ? start + Math.floor(r() * 2) : undefined;
      const status = GOAL_STATUSES[Math.floor(r() * 4)]!;
      return {
        area: AREAS[Math.floor(r() * 4)]!,
        status,
        ...(deadlineYear !== undefined ? { deadlineYear } : {}),
        reachedByDeadline: deadlineYear === undefined ? null : status === 'reached',
      };
    }),
    reviewsHeld: r() < 0.5 ? [{ year: start + 1 }] : [],
  };
}

async function setUp() {
  const figures = new MemoryFiguresStore();
  const directory = new MemoryDirectory();
  await directory.putOrganisation({ id: 'rp-stuttgart', name: 'RP', type: 'state' });
  for (const org of ORGS) await directory.putOrganisation({ id: org, name: org, type: 'municipality' });
  const service = new ReportService(
    figures,
    new MemorySubmissionStore(),
    directory,
    () => new Date('2027-01-10T00:00:00Z'),
  );
  const deps = {
    figures,
    organisations: () => directory.listOrganisations(),
    now: () => new Date('2027-01-10T00:00:00Z'),
  } as unknown as MigrationDeps;
  return { figures, service, deps };
}

/** What the service answered before aggregates: every record counted. */
async function expectSameAsRecords(service: ReportService, records: Map<string, FiguresRecord>) {
  const all = [...records.values()];
  const reviewer = actor('pruefer', 'reviewer', 'rp-stuttgart');
  for (const year of YEARS) {
    const perOrg = ORGS.map((o) =>
      publishedFromRecords(
        all.filter((r) => r.org === o),
        year,
      ),
    );
    expect((await service.keyFigures(reviewer, { year })).figures).toEqual(sumPublished(year, perOrg));
    expect((await service.keyFigures(reviewer, { year, org: 'deizisau' })).figures).toEqual(perOrg[2]);
    const coordinator = actor('koord', 'coordinator', 'esslingen');
    expect((await service.keyFigures(coordinator, { year })).figures).toEqual(
      aggregateKeyFigures(
        all.filter((r) => r.org === 'esslingen'),
        year,
      ),
    );
  }
}

describe('key figures from maintained aggregates', () => {
  const migration = MIGRATIONS.find((m) => m.version === 4)!;

  it('count records written before aggregates once the migration ran, and answer as counting every record did', async () => {
    const { figures, service, deps } = await setUp();
    const r = rand(11);
    const records = new Map<string, FiguresRecord>();
    for (let i = 0; i < 120; i++) {
      const record = randomRecord(r);
      records.set(`p${i}`, record);
      figures.putUncounted(`p${i}`, record);
    }
    // Before the migration the aggregates know nothing of them.
    expect((await figures.aggregates(ORGS)).size).toBe(0);
    expect(await migration.run(deps)).toEqual({ changed: 120 });
    expect(await migration.run(deps)).toEqual({ changed: 0 });
    await expectSameAsRecords(service, records);
  });

  it('stay exact through approvals that rewrite records, alongside records not yet counted, read between changes', async () => {
    const { figures, service, deps } = await setUp();
    const r = rand(5);
    const records = new Map<string, FiguresRecord>();
    for (let i = 0; i < 30; i++) {
      const record = randomRecord(r);
      records.set(`p${i}`, record);
      figures.putUncounted(`p${i}`, record);
    }
    // Approvals before the migration ran: a rewritten earlier record is counted by its rewrite, once.
    for (let step = 0; step < 200; step++) {
      const id = `p${Math.floor(r() * 60)}`;
      const record = { ...randomRecord(r), org: records.get(id)?.org ?? ORGS[step % ORGS.length]! };
      records.set(id, record);
      figures.put(id, record);
      if (step === 100) {
        await migration.run(deps);
        // Figures computed now are kept by version: the changes that follow must not leave them stale.
        await expectSameAsRecords(service, records);
      }
    }
    await migration.run(deps);
    await expectSameAsRecords(service, records);
  });
});
