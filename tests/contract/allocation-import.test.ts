/**
 * Writing an allocation upload, one contract run against the in-memory and the DynamoDB adapters: all
 * frames or none, also beyond one transaction's 100 items, and never below what is approved or in review.
 */
import { describe, expect, it } from 'vitest';
import { DynamoAllocationStore } from '../../functions/adapters/dynamodb/allocation-store.ts';
import { MemoryAllocationStore } from '../../functions/adapters/memory/allocation-store.ts';
import type { AllocationStore, FrameImport } from '../../functions/ports/allocation-store.ts';
import { localTable } from '../helpers/dynamo.ts';

const table = localTable('contract-alloc-import');

function contract(name: string, make: () => AllocationStore) {
  describe(`allocation import contract: ${name}`, () => {
    const round = () => `r-${Math.random().toString(36).slice(2, 8)}`;
    const frame = (
      r: string,
      org: string,
      amount: number,
      expectedFrame: number | null = null,
    ): FrameImport => ({
      frame: { round: r, org, name: org, frame: amount },
      expectedFrame,
    });

    it('writes every frame, or none when one was changed since the preview', async () => {
      const store = make();
      const r = round();
      await store.importFrames([frame(r, 'a', 100), frame(r, 'b', 200)]);
      await expect(
        store.importFrames([frame(r, 'a', 150, 100), frame(r, 'b', 250, 999)]),
      ).rejects.toMatchObject({
        status: 409,
        code: 'import.changed',
      });
      expect((await store.list(r)).map((a) => [a.org, a.frame]).sort()).toEqual([
        ['a', 100],
        ['b', 200],
      ]);
      await store.importFrames([frame(r, 'a', 150, 100), frame(r, 'b', 250, 200)]);
      expect((await store.get(r, 'a'))?.frame).toBe(150);
    });

    it('writes none of more than 100 frames when the last is refused', async () => {
      const store = make();
      const r = round();
      await store.importFrames([frame(r, 'org-149', 1)]);
      const many = Array.from({ length: 150 }, (_, i) => frame(r, `org-${i}`, 1000 + i));
      await expect(store.importFrames(many)).rejects.toMatchObject({ code: 'import.changed' });
      expect((await store.list(r)).map((a) => [a.org, a.frame])).toEqual([['org-149', 1]]);
    });
  });
}

contract('memory', () => new MemoryAllocationStore());
contract('DynamoDB Local', () => new DynamoAllocationStore(table.doc, table.tableName));
