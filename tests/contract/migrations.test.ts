/**
 * The stores the data migrations use, one contract run against the in-memory and the DynamoDB adapters:
 * the schema version moves only from the version read, the index wait returns on a ready table, and a
 * backfilled figures record is written once.
 */
import { describe, expect, it } from 'vitest';
import { DynamoFiguresStore } from '../../functions/adapters/dynamodb/figures-store.ts';
import { DynamoSchemaStore } from '../../functions/adapters/dynamodb/schema-store.ts';
import { MemoryFiguresStore } from '../../functions/adapters/memory/figures-store.ts';
import { MemorySchemaStore } from '../../functions/adapters/memory/schema-store.ts';
import type { FiguresRecord } from '../../functions/core/key-figures.ts';
import type { FiguresStore } from '../../functions/ports/figures-store.ts';
import type { SchemaStore } from '../../functions/ports/schema-store.ts';
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

function contract(name: string, make: () => { schema: SchemaStore; figures: FiguresStore }) {
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
    });
  });
}

contract('memory', () => ({ schema: new MemorySchemaStore(), figures: new MemoryFiguresStore() }));
contract('DynamoDB Local', () => ({
  schema: new DynamoSchemaStore(table.raw, table.doc, table.tableName),
  figures: new DynamoFiguresStore(table.doc, table.tableName),
}));
