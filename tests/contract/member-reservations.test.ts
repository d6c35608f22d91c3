/**
 * A joint application's reservation on a member's frame, and the yearly key-figure reports, one contract run
 * against the in-memory and the DynamoDB adapters: a reservation is written only while the member's counters
 * are still those it was checked against; payouts and repayment claims are counted on the frame and kept by a
 * new import; a report is stored once per organisation and year.
 */
import { describe, expect, it } from 'vitest';
import { DynamoAllocationStore } from '../../functions/adapters/dynamodb/allocation-store.ts';
import { DynamoKeyFigureReportStore } from '../../functions/adapters/dynamodb/key-figure-report-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryAllocationStore } from '../../functions/adapters/memory/allocation-store.ts';
import { MemoryKeyFigureReportStore } from '../../functions/adapters/memory/key-figure-report-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { aggregateKeyFigures, suppressSmallCells } from '../../functions/core/key-figures.ts';
import type { AllocationStore } from '../../functions/ports/allocation-store.ts';
import type { KeyFigureReportStore } from '../../functions/ports/key-figure-report-store.ts';
import type { SubmissionStore } from '../../functions/ports/submission-store.ts';
import { localTable } from '../helpers/dynamo.ts';
import { submission } from './submission-store.contract.ts';

const table = localTable('contract-member-reservations');

function reservationContract(
  name: string,
  make: () => { submissions: SubmissionStore; allocations: AllocationStore },
) {
  describe(`member reservation contract: ${name}`, () => {
    it("refuses a reservation when the member's counters changed since they were read", async () => {
      const { submissions, allocations } = make();
      const round = `r-${Math.random().toString(36).slice(2, 8)}`;
      await allocations.importFrame({ round, org: 'm', name: 'M', frame: 16_718 });
      const reserve = async (amount: number, read: { approved: number; inReview: number }) => {
        const sub = submission({ status: 'review' });
        await submissions.write({
          submission: sub,
          expectedVersion: null,
          event: {
            submissionId: sub.id,
            version: 1,
            type: 'created',
            at: sub.createdAt,
            actor: { sub: 'u1', name: 'U' },
            role: 'municipality',
          },
          scopes: { org: `O#${sub.org}#funding` },
          allocationChanges: [
            {
              round,
              org: 'm',
              approvedDelta: 0,
              inReviewDelta: amount,
              committedAtMost: { approved: read.approved, inReview: 16_718 - read.approved - amount },
            },
          ],
        });
        return sub.id;
      };
      await reserve(10_000, { approved: 0, inReview: 0 });
      // Checked against the counters before the first reservation: 10,000 more would exceed the frame.
      await expect(reserve(10_000, { approved: 0, inReview: 0 })).rejects.toMatchObject({
        status: 409,
        code: 'allocation.exceeded',
      });
      expect(await allocations.get(round, 'm')).toMatchObject({ inReview: 10_000, approved: 0 });
      await reserve(6_000, { approved: 0, inReview: 10_000 });
      expect(await allocations.get(round, 'm')).toMatchObject({ inReview: 16_000 });
    });

    it('counts what was paid and reclaimed on a frame, and a new import of the frame keeps it', async () => {
      const { submissions, allocations } = make();
      const round = `r-${Math.random().toString(36).slice(2, 8)}`;
      await allocations.importFrame({ round, org: 'm', name: 'M', frame: 16_718 });
      expect((await allocations.get(round, 'm'))?.paid ?? 0).toBe(0);
      const move = async (paidDelta: number, reclaimedDelta: number) => {
        const sub = submission({ status: 'approved' });
        await submissions.write({
          submission: sub,
          expectedVersion: null,
          event: {
            submissionId: sub.id,
            version: 1,
            type: 'created',
            at: sub.createdAt,
            actor: { sub: 'u1', name: 'U' },
            role: 'reviewer',
          },
          scopes: { org: `O#${sub.org}#funding` },
          allocationChanges: [
            { round, org: 'm', approvedDelta: 0, inReviewDelta: 0, paidDelta, reclaimedDelta },
          ],
        });
      };
      await move(5_000, 0);
      await move(2_000, 1_500);
      expect(await allocations.get(round, 'm')).toMatchObject({ paid: 7_000, reclaimed: 1_500, approved: 0 });
      await allocations.importFrame({ round, org: 'm', name: 'M', frame: 20_000 });
      expect(await allocations.get(round, 'm')).toMatchObject({
        frame: 20_000,
        paid: 7_000,
        reclaimed: 1_500,
      });
    });
  });
}

function reportContract(name: string, make: () => KeyFigureReportStore) {
  describe(`key-figure report store contract: ${name}`, () => {
    it('stores a report once per organisation and year, and lists a year', async () => {
      const store = make();
      const year = 2017 + Math.floor(Math.random() * 80);
      const report = {
        org: 'kirchheim',
        year,
        figures: suppressSmallCells(aggregateKeyFigures([], year)),
        confirmedAt: '2027-01-20T09:00:00.000Z',
        confirmedBy: { sub: 'u-c', name: 'C' },
      };
      await store.create(report);
      await expect(
        store.create({ ...report, confirmedAt: '2027-01-21T09:00:00.000Z' }),
      ).rejects.toMatchObject({
        status: 409,
        code: 'key_figure_report.already_confirmed',
      });
      expect(await store.get(year, 'kirchheim')).toEqual(report);
      expect(await store.get(year, 'plochingen')).toBeUndefined();
      await store.create({ ...report, org: 'plochingen' });
      expect((await store.listByYear(year)).map((r) => r.org).sort()).toEqual(['kirchheim', 'plochingen']);
    });
  });
}

reservationContract('memory', () => {
  const allocations = new MemoryAllocationStore();
  return { allocations, submissions: new MemorySubmissionStore(allocations) };
});
reservationContract('DynamoDB Local', () => ({
  allocations: new DynamoAllocationStore(table.doc, table.tableName),
  submissions: new DynamoSubmissionStore(table.doc, table.tableName),
}));
reportContract('memory', () => new MemoryKeyFigureReportStore());
reportContract('DynamoDB Local', () => new DynamoKeyFigureReportStore(table.doc, table.tableName));
