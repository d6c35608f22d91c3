/**
 * Keys of the notification items, in one place (see `functions/table.ts`):
 * - outbox event      pk `OUTBOX#{eventId}` sk `EVENT`   (gsi5 `OUTBOX` / `{retryAt}#{eventId}` while pending)
 * - mail claim        pk `OUTBOX#{eventId}` sk `MAIL#{sub}`
 * - notification      pk `NOTIF#{sub}`      sk `N#{at}#{eventId}` (newest first when read backwards)
 * - preferences       pk `PREFS#{sub}`      sk `PREFS`  (gsi1 `DIGEST` / `{sub}` while the digest is chosen)
 * - reminder given    pk `REMINDER#{key}`   sk `GIVEN` (key: record, deadline date, stage)
 * - address problem   pk `ADDRESS#{sha256 of the address}` sk `PROBLEM` (no address in clear)
 */
import type { OutboxEvent } from '#core/notifications';

export const NOTIFICATION_SCHEMA_VERSION = 1;
/** The sweeper's partition of the gsi5 index: pending outbox items by when their next attempt is due. */
export const OUTBOX_SCOPE = 'OUTBOX';
/** The gsi1 partition of the users who chose the daily digest. */
export const DIGEST_SCOPE = 'DIGEST';

export const outboxKey = (eventId: string) => ({ pk: `OUTBOX#${eventId}`, sk: 'EVENT' });
export const mailKey = (eventId: string, sub: string) => ({ pk: `OUTBOX#${eventId}`, sk: `MAIL#${sub}` });
export const notificationPartition = (sub: string) => `NOTIF#${sub}`;
export const notificationKey = (sub: string, at: string, eventId: string) => ({
  pk: notificationPartition(sub),
  sk: `N#${at}#${eventId}`,
});
export const addressKey = (addressHash: string) => ({ pk: `ADDRESS#${addressHash}`, sk: 'PROBLEM' });
export const reminderKey = (key: string) => ({ pk: `REMINDER#${key}`, sk: 'GIVEN' });
export const preferencesKey = (sub: string) => ({ pk: `PREFS#${sub}`, sk: 'PREFS' });

/** The outbox item as first written (with the change, or by the reminder job): pending, due at once. */
export function outboxItem(event: OutboxEvent): Record<string, unknown> {
  return {
    ...outboxKey(event.id),
    entity: 'outbox',
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
    event,
    state: 'pending',
    attempts: 0,
    retryAt: event.at,
    gsi5pk: OUTBOX_SCOPE,
    gsi5sk: `${event.at}#${event.id}`,
  };
}
