/**
 * The notification store contract, run against the in-memory and the DynamoDB adapters: outbox items and
 * their states, reminders recorded once with their item, notifications once per user and event, newest
 * first in pages, read marks, mail claims, preferences and the digest list, address problems.
 */
import { describe, expect, it } from 'vitest';
import { DynamoNotificationStore } from '../../functions/adapters/dynamodb/notification-store.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import { type Notification, notificationOf, type OutboxEvent } from '../../functions/core/notifications.ts';
import type { NotificationStore } from '../../functions/ports/notification-store.ts';
import { localTable } from '../helpers/dynamo.ts';

const table = localTable('notify');
const now = new Date('2027-03-10T08:00:00Z');

const event = (id: string, at = '2027-03-10T08:00:00.000Z'): OutboxEvent => ({
  id,
  type: 'plan.agreed',
  at,
  submissionId: 'S1',
  formId: 'integration-plan',
  kind: 'case',
  org: 'k',
  reference: 'S1',
  audience: [{ kind: 'user', sub: 'u1' }],
});

function contract(name: string, make: () => NotificationStore) {
  describe(`NotificationStore contract: ${name}`, () => {
    it('keeps outbox items pending until sent, with retries due by time; counts what is not delivered', async () => {
      const store = make();
      const id = `${name}-E1`;
      expect(await store.addOutbox(event(id))).toBe(true);
      expect(await store.addOutbox(event(id))).toBe(false);
      expect((await store.duePending(now, 100)).map((i) => i.event.id)).toContain(id);
      await store.markRetry(id, 1, '2027-03-10T09:00:00.000Z', 'ThrottlingException', false);
      expect((await store.duePending(now, 100)).map((i) => i.event.id)).not.toContain(id);
      expect(
        (await store.duePending(new Date('2027-03-10T09:00:01Z'), 100)).map((i) => i.event.id),
      ).toContain(id);
      expect(await store.failures()).toEqual({ pending: 1, failed: 0 });
      await store.markSent(id, now);
      expect((await store.getOutbox(id))?.state).toBe('sent');
      expect(await store.failures()).toEqual({ pending: 0, failed: 0 });
      const failing = `${name}-E2`;
      await store.addOutbox(event(failing));
      await store.markRetry(failing, 8, now.toISOString(), 'Error', true);
      expect(await store.failures()).toEqual({ pending: 0, failed: 1 });
      expect((await store.duePending(new Date('2030-01-01'), 100)).map((i) => i.event.id)).not.toContain(
        failing,
      );
    });

    it('records a reminder once, with its outbox item, or without one', async () => {
      const store = make();
      expect(await store.addReminder(`${name}-r1`, event(`${name}-R1`), now)).toBe(true);
      expect(await store.addReminder(`${name}-r1`, event(`${name}-R1b`), now)).toBe(false);
      expect(await store.getOutbox(`${name}-R1b`)).toBeUndefined();
      expect((await store.getOutbox(`${name}-R1`))?.state).toBe('pending');
      expect(await store.addReminder(`${name}-r2`, undefined, now)).toBe(true);
      expect(await store.addReminder(`${name}-r2`, undefined, now)).toBe(false);
    });

    it('adds a notification once per user; lists newest first in pages; marks read one or all', async () => {
      const store = make();
      const user = `${name}-u1`;
      const n = (i: number): Notification =>
        notificationOf(event(`${name}-N${i}`, `2027-03-10T08:0${i}:00.000Z`));
      for (const i of [1, 2, 3]) expect(await store.addNotification(user, n(i), now)).toBe(true);
      expect(await store.addNotification(user, n(2), now)).toBe(false);
      const first = await store.list(user, 2);
      expect(first.items.map((x) => x.id)).toEqual([`${name}-N3`, `${name}-N2`]);
      const second = await store.list(user, 2, first.nextCursor);
      expect(second.items.map((x) => x.id)).toEqual([`${name}-N1`]);
      expect(second.nextCursor).toBeUndefined();
      expect(await store.unreadCount(user)).toBe(3);
      expect(await store.markRead(user, [`${name}-N2`], now)).toBe(1);
      expect(await store.unreadCount(user)).toBe(2);
      expect(await store.markRead(user, 'all', now)).toBe(2);
      expect(await store.unreadCount(user)).toBe(0);
      expect((await store.list(user, 10)).items.every((x) => x.readAt === now.toISOString())).toBe(true);
      expect(await store.unreadCount(`${name}-nobody`)).toBe(0);
    });

    it('claims a mail once until released; keeps preferences, the digest list and address problems', async () => {
      const store = make();
      expect(await store.claimMail('E', `${name}-u`, now)).toBe(true);
      expect(await store.claimMail('E', `${name}-u`, now)).toBe(false);
      await store.releaseMail('E', `${name}-u`);
      expect(await store.claimMail('E', `${name}-u`, now)).toBe(true);
      expect(await store.getPreferences(`${name}-u`)).toBeUndefined();
      await store.putPreferences(`${name}-u`, { delivery: 'digest', language: 'en' });
      expect(await store.getPreferences(`${name}-u`)).toEqual({ delivery: 'digest', language: 'en' });
      expect(await store.digestUsers()).toContain(`${name}-u`);
      await store.putPreferences(`${name}-u`, { delivery: 'in-app', language: 'en' });
      expect(await store.digestUsers()).not.toContain(`${name}-u`);
      expect(await store.addressProblem('h1')).toBeUndefined();
      await store.markAddress('h1', 'complaint', now);
      expect(await store.addressProblem('h1')).toBe('complaint');
    });
  });
}

contract('memory', () => new MemoryNotificationStore());
contract('DynamoDB Local', () => new DynamoNotificationStore(table.doc, table.tableName));
