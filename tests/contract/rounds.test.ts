/**
 * The round registry, one contract run against the in-memory and the DynamoDB adapters: a new version
 * number is taken once, a draft may be replaced, a published version never.
 */
import { describe, expect, it } from 'vitest';
import { DynamoRoundStore } from '../../functions/adapters/dynamodb/round-store.ts';
import { MemoryRoundStore } from '../../functions/adapters/memory/round-store.ts';
import type { RoundVersion } from '../../functions/core/rounds.ts';
import type { RoundStore } from '../../functions/ports/round-store.ts';
import { localTable } from '../helpers/dynamo.ts';

const table = localTable('contract-rounds');

const version = (id: string, n: number, status: RoundVersion['status']): RoundVersion => ({
  id,
  version: n,
  status,
  title: `Round ${id}`,
  fundingPeriod: { start: '2026-01-01', maxMonths: 24 },
  rates: { secondary: 47000 },
  minimumEntitlement: 47000,
  minimumFte: 0.25,
  applicationWindow: { opens: '2026-01-01', closes: '2026-12-31' },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: { sub: 'admin', name: 'Admin' },
});

function contract(name: string, make: () => RoundStore) {
  describe(`round store contract: ${name}`, () => {
    const id = () => `r${Math.random().toString(36).slice(2, 8)}`;

    it('lists what was written', async () => {
      const store = make();
      const r = id();
      await store.write(version(r, 1, 'published'), 'create');
      await store.write(version(r, 2, 'draft'), 'create');
      const mine = (await store.list()).filter((v) => v.id === r).sort((a, b) => a.version - b.version);
      expect(mine).toEqual([version(r, 1, 'published'), version(r, 2, 'draft')]);
    });

    it('takes a version number once', async () => {
      const store = make();
      const r = id();
      await store.write(version(r, 1, 'draft'), 'create');
      await expect(store.write(version(r, 1, 'draft'), 'create')).rejects.toMatchObject({
        code: 'round.version_exists',
        status: 409,
      });
    });

    it('replaces a draft, never a published version', async () => {
      const store = make();
      const r = id();
      await store.write(version(r, 1, 'draft'), 'create');
      await store.write({ ...version(r, 1, 'published'), title: 'Final' }, 'replaceDraft');
      await expect(
        store.write({ ...version(r, 1, 'draft'), title: 'Changed' }, 'replaceDraft'),
      ).rejects.toMatchObject({ code: 'round.version_exists' });
      await expect(store.write(version(r, 2, 'draft'), 'replaceDraft')).rejects.toMatchObject({
        code: 'round.version_exists',
      });
      const stored = (await store.list()).filter((v) => v.id === r);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ title: 'Final', status: 'published' });
    });

    it('records an extension per round and organisation, a later grant replacing an earlier one', async () => {
      const store = make();
      const r = id();
      const grant = (until: string) => ({
        round: r,
        org: 'plochingen',
        until,
        reason: 'verzögert',
        grantedAt: '2027-01-02T10:00:00.000Z',
        grantedBy: { sub: 'u-rp.pruefer1', name: 'Prüferin' },
      });
      expect(await store.extension(r, 'plochingen')).toBeUndefined();
      await store.putExtension(grant('2027-01-10'));
      await store.putExtension(grant('2027-01-20'));
      expect(await store.extension(r, 'plochingen')).toEqual(grant('2027-01-20'));
      expect(await store.extension(r, 'notzingen')).toBeUndefined();
      expect((await store.list()).filter((v) => v.id === r)).toEqual([]);
    });
  });
}

const memory = new MemoryRoundStore();
contract('memory', () => memory);
contract('DynamoDB Local', () => new DynamoRoundStore(table.doc, table.tableName));
