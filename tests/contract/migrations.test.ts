/**
 * The stores the data migrations use, one contract run against the in-memory and the DynamoDB adapters:
 * the schema version moves only from the version read, the index wait returns on a ready table, and a
 * backfilled figures record is written once, and figures records are counted in their organisation's aggregate
 * once (also those written before aggregates existed).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoFiguresStore } from '../../functions/adapters/dynamodb/figures-store.ts';
import { DynamoSchemaStore } from '../../functions/adapters/dynamodb/schema-store.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySchemaStore } from '../../functions/adapters/memory/schema-store.ts';
import { aggregateOf } from '../../functions/core/figures-aggregate.ts';
import type { FiguresRecord } from '../../functions/core/key-figures.ts';
import type { FiguresStore } from '../../functions/ports/figures-store.ts';
import type { SchemaStore } from '../../functions/ports/schema-store.ts';
import { entities, itemHeader } from '../../functions/table.ts';
import { localTable } from '../helpers/dynamo.ts';

const table = localTable('contract-mig');

const record = (org: string): FiguresRecord => ({
  recordVersion: 1,
  org,
  counsellingStartYear: 2025,
  extended: false,
  goals: [{ area: 'language', status: 'open', reachedByDeadline: null }],
  reviewsHeld: [],
});

interface Stores {
  schema: SchemaStore;
  figures: FiguresStore;
  /** Stores a record as written before aggregates existed. */
  earlier: (planId: string, record: FiguresRecord) => Promise<void>;
}

function contract(name: string, make: () => Stores) {
  describe(`migration stores contract: ${name}`, () => {
    it('the schema version starts at 0 and moves only from the version read', async () => {
      const { schema } = make();
      expect(await schema.version()).toBe(0);
      expect(await schema.advance(0, 1, '2026-03-02T10:00:00.000Z')).toBe(true);
      expect(await schema.advance(0, 2, '2026-03-02T10:00:00.000Z')).toBe(false);
      expect(await schema.version()).toBe(1);
      await schema.waitForIndexes(10_000);
    });

    it('writes a backfilled figures record once', async () => {
      const { figures } = make();
      const org = `org-${Math.random().toString(36).slice(2, 8)}`;
      expect(await figures.putIfAbsent({ planId: 'p1', record: record(org) })).toBe(true);
      expect(await figures.putIfAbsent({ planId: 'p1', record: { ...record(org), extended: true } })).toBe(
        false,
      );
      expect(await figures.listByOrg(org)).toEqual([record(org)]);
      expect(await figures.aggregates([org])).toEqual(
        new Map([[org, { version: 1, counts: aggregateOf([record(org)]) }]]),
      );
      expect(await figures.aggregateVersions([org, 'nobody'])).toEqual(new Map([[org, 1]]));
    });

    it('counts records written before aggregates existed once, however often it runs', async () => {
      const { figures, earlier } = make();
      const org = `org-${Math.random().toString(36).slice(2, 8)}`;
      const old = { ...record(org), closedYear: 2026, reviewsHeld: [{ year: 2026 }] };
      await earlier('p1', old);
      await earlier('p2', record(org));
      await figures.putIfAbsent({ planId: 'p3', record: record(org) });
      expect(await figures.aggregates([org])).toEqual(
        new Map([[org, { version: 1, counts: aggregateOf([record(org)]) }]]),
      );
      const runs = await Promise.all([figures.countUncounted(org), figures.countUncounted(org)]);
      expect(runs[0]! + runs[1]!).toBe(2);
      expect(await figures.countUncounted(org)).toBe(0);
      expect(await figures.aggregates([org])).toEqual(
        new Map([[org, { version: 3, counts: aggregateOf([old, record(org), record(org)]) }]]),
      );
      expect(await figures.listByOrg(org)).toHaveLength(3);
    });
  });
}

contract('memory', () => {
  const figures = new MemoryFiguresStore();
  return {
    schema: new MemorySchemaStore(),
    figures,
    earlier: async (planId, r) => figures.putUncounted(planId, r),
  };
});
contract('DynamoDB Local', () => ({
  schema: new DynamoSchemaStore(table.raw, table.doc, table.tableName),
  figures: new DynamoFiguresStore(table.doc, table.tableName),
  earlier: async (planId, r) => {
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...itemHeader('figures', entities.figures.key(r.org, planId)), ...r },
      }),
    );
  },
}));
