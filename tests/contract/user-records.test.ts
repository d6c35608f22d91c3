/**
 * The user profiles with their audit, one contract run against the in-memory and the DynamoDB adapters: a
 * profile and its audit entry are written together, an id is taken once, and a change is written only over
 * the profile as it was read; the directory reads the same profiles.
 */
import { describe, expect, it } from 'vitest';
import { DynamoDirectory } from '../../functions/adapters/dynamodb/directory.ts';
import { DynamoUserRecords } from '../../functions/adapters/dynamodb/user-records.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryUserRecords } from '../../functions/adapters/memory/user-records.ts';
import type { UserProfile } from '../../functions/core/model.ts';
import type { UserAuditEntry } from '../../functions/core/user-admin.ts';
import type { Directory } from '../../functions/ports/directory.ts';
import type { UserRecords } from '../../functions/ports/user-records.ts';
import { localTable } from '../helpers/dynamo.ts';

const table = localTable('contract-users');

const state = (u: UserProfile) => ({
  name: u.name,
  email: u.email,
  role: u.role,
  org: u.org,
  active: u.active !== false,
});
const entry = (u: UserProfile, n: number, before?: UserProfile): UserAuditEntry => ({
  id: `e${n}`,
  sub: u.sub,
  at: `2026-03-0${n}T09:00:00.000Z`,
  by: { sub: 'u-admin', name: 'Admin' },
  action: before ? 'change' : 'invite',
  ...(before ? { before: state(before) } : {}),
  after: state(u),
});

function contract(name: string, make: () => { records: UserRecords; directory: Directory }) {
  describe(`user records contract: ${name}`, () => {
    const profile = (): UserProfile => {
      const id = Math.random().toString(36).slice(2, 8);
      return {
        sub: `u-${id}`,
        username: id,
        name: `Person ${id}`,
        email: `${id}@example.org`,
        role: 'manager',
        org: `org-${id}`,
        active: true,
      };
    };

    it('writes a profile with its audit entry, lists it and lets the directory read it', async () => {
      const { records, directory } = make();
      const user = profile();
      await records.create(user, entry(user, 1));
      expect(await records.get(user.sub)).toEqual(user);
      expect((await records.listAll()).find((u) => u.sub === user.sub)).toEqual(user);
      expect(await directory.listUsers(user.org)).toEqual([user]);
      expect(await records.audit(user.sub)).toEqual([entry(user, 1)]);
      await expect(records.create(user, entry(user, 2))).rejects.toMatchObject({
        status: 409,
        code: 'users.exists',
      });
      expect(await records.audit(user.sub)).toHaveLength(1);
    });

    it('changes a profile only over the one read, moving it to its new organisation', async () => {
      const { records, directory } = make();
      const user = profile();
      await records.create(user, entry(user, 1));
      const moved = { ...user, org: `${user.org}-b`, role: 'coordinator' as const };
      await records.update(user, moved, entry(moved, 2, user));
      expect(await directory.listUsers(user.org)).toEqual([]);
      expect(await directory.listUsers(moved.org)).toEqual([moved]);
      const off = { ...moved, active: false };
      await expect(records.update(user, off, entry(off, 3, user))).rejects.toMatchObject({
        status: 409,
        code: 'users.changed',
      });
      await records.update(moved, off, entry(off, 3, moved));
      await expect(records.update(moved, moved, entry(moved, 4, moved))).rejects.toMatchObject({
        code: 'users.changed',
      });
      expect((await records.audit(user.sub)).map((e) => [e.action, e.after.active])).toEqual([
        ['invite', true],
        ['change', true],
        ['change', false],
      ]);
    });

    it('takes an admin away only while the named other admin still is one', async () => {
      const { records } = make();
      const first = { ...profile(), role: 'admin' as const };
      const second = { ...profile(), role: 'admin' as const };
      await records.create(first, entry(first, 1));
      await records.create(second, entry(second, 1));
      // Both step down relying on the other: the first write holds, the second finds its keeper gone.
      const firstOff = { ...first, role: 'reviewer' as const };
      await records.update(first, firstOff, entry(firstOff, 2, first), second.sub);
      const secondOff = { ...second, active: false };
      await expect(
        records.update(second, secondOff, entry(secondOff, 2, second), first.sub),
      ).rejects.toMatchObject({ status: 409, code: 'users.last_admin' });
      expect(await records.get(second.sub)).toEqual(second);
      expect(await records.audit(second.sub)).toHaveLength(1);
    });
  });
}

const memoryDirectory = new MemoryDirectory();
const memory = new MemoryUserRecords(memoryDirectory);
contract('memory', () => ({ records: memory, directory: memoryDirectory }));
contract('DynamoDB Local', () => ({
  records: new DynamoUserRecords(table.doc, table.tableName),
  directory: new DynamoDirectory(table.doc, table.tableName),
}));
