import type { PendingEmailChange } from '#core/email-change';
import { badRequest } from '#core/errors';
import type { AddressProblem, Notification, OutboxEvent, Preferences } from '#core/notifications';
import type { NotificationStore, OutboxItem } from '#ports/notification-store';
import type { Page } from '#ports/submission-store';

const clone = <T>(value: T): T => structuredClone(value);

/** In-memory notifications, outbox and preferences with the DynamoDB adapter's semantics. */
export class MemoryNotificationStore implements NotificationStore {
  private readonly outbox = new Map<string, OutboxItem>();
  private readonly notifications = new Map<string, Map<string, Notification>>();
  private readonly claims = new Set<string>();
  private readonly preferences = new Map<string, Preferences>();
  private readonly addresses = new Map<string, AddressProblem>();
  private readonly emailChanges = new Map<string, PendingEmailChange>();

  async markAddress(addressHash: string, problem: AddressProblem): Promise<void> {
    this.addresses.set(addressHash, problem);
  }

  async addressProblem(addressHash: string): Promise<AddressProblem | undefined> {
    return this.addresses.get(addressHash);
  }

  /** The memory submission store's side of a write: the outbox item, in the same synchronous step. */
  hasOutbox(id: string): boolean {
    return this.outbox.has(id);
  }

  putOutbox(event: OutboxEvent): void {
    this.outbox.set(event.id, { event: clone(event), state: 'pending', attempts: 0, retryAt: event.at });
  }

  async addOutbox(event: OutboxEvent): Promise<boolean> {
    if (this.outbox.has(event.id)) return false;
    this.putOutbox(event);
    return true;
  }

  private readonly reminders = new Set<string>();

  async addReminder(key: string, event: OutboxEvent | undefined): Promise<boolean> {
    if (this.reminders.has(key) || (event && this.outbox.has(event.id))) return false;
    this.reminders.add(key);
    if (event) this.putOutbox(event);
    return true;
  }

  async getOutbox(id: string): Promise<OutboxItem | undefined> {
    const item = this.outbox.get(id);
    return item ? clone(item) : undefined;
  }

  async duePending(now: Date, limit: number): Promise<OutboxItem[]> {
    const at = now.toISOString();
    return [...this.outbox.values()]
      .filter((i) => i.state === 'pending' && (i.retryAt ?? '') <= at)
      .sort((a, b) => ((a.retryAt ?? '') < (b.retryAt ?? '') ? -1 : 1))
      .slice(0, limit)
      .map(clone);
  }

  async markSent(id: string): Promise<void> {
    const item = this.outbox.get(id);
    if (!item) return;
    item.state = 'sent';
    delete item.retryAt;
    delete item.lastError;
  }

  async markRetry(id: string, attempts: number, retryAt: string, error: string, failed: boolean) {
    const item = this.outbox.get(id);
    if (!item) return;
    item.attempts = attempts;
    item.lastError = error.slice(0, 200);
    if (failed) {
      item.state = 'failed';
      delete item.retryAt;
    } else item.retryAt = retryAt;
  }

  async failures(): Promise<{ pending: number; failed: number }> {
    const items = [...this.outbox.values()];
    return {
      pending: items.filter((i) => i.state === 'pending').length,
      failed: items.filter((i) => i.state === 'failed').length,
    };
  }

  private listOf(sub: string) {
    let list = this.notifications.get(sub);
    if (!list) {
      list = new Map();
      this.notifications.set(sub, list);
    }
    return list;
  }

  private sorted(sub: string) {
    return [...this.listOf(sub).entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  }

  async addNotification(sub: string, notification: Notification): Promise<boolean> {
    const key = `N#${notification.at}#${notification.eventId}`;
    const list = this.listOf(sub);
    if (list.has(key)) return false;
    list.set(key, clone(notification));
    return true;
  }

  async list(sub: string, limit: number, cursor?: string): Promise<Page<Notification>> {
    let entries = this.sorted(sub);
    if (cursor) {
      const after = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!after.startsWith('N#'))
        throw badRequest('list.bad_cursor', 'The cursor is not valid for this list.');
      entries = entries.filter(([key]) => key < after);
    }
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    const items = page.map(([, n]) => clone(n));
    return entries.length > limit && last
      ? { items, nextCursor: Buffer.from(last[0]).toString('base64url') }
      : { items };
  }

  async unreadCount(sub: string): Promise<number> {
    return [...this.listOf(sub).values()].filter((n) => !n.readAt).length;
  }

  async markRead(sub: string, ids: string[] | 'all', now: Date): Promise<number> {
    let changed = 0;
    for (const n of this.listOf(sub).values()) {
      if (n.readAt || (ids !== 'all' && !ids.includes(n.id))) continue;
      n.readAt = now.toISOString();
      changed++;
    }
    return changed;
  }

  async claimMail(eventId: string, sub: string): Promise<boolean> {
    const key = `${eventId}|${sub}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async releaseMail(eventId: string, sub: string): Promise<void> {
    this.claims.delete(`${eventId}|${sub}`);
  }

  async getPreferences(sub: string): Promise<Preferences | undefined> {
    const p = this.preferences.get(sub);
    return p ? clone(p) : undefined;
  }

  async putPreferences(sub: string, preferences: Preferences): Promise<void> {
    this.preferences.set(sub, clone(preferences));
  }

  async digestUsers(): Promise<string[]> {
    return [...this.preferences.entries()].filter(([, p]) => p.delivery === 'digest').map(([sub]) => sub);
  }

  async putEmailChange(sub: string, change: PendingEmailChange): Promise<void> {
    this.emailChanges.set(sub, clone(change));
  }

  async getEmailChange(sub: string): Promise<PendingEmailChange | undefined> {
    const change = this.emailChanges.get(sub);
    return change ? clone(change) : undefined;
  }

  async countWrongCode(sub: string, max: number): Promise<PendingEmailChange | undefined> {
    const change = this.emailChanges.get(sub);
    if (!change || change.attempts >= max) return undefined;
    change.attempts += 1;
    return clone(change);
  }

  async deleteEmailChange(sub: string): Promise<void> {
    this.emailChanges.delete(sub);
  }
}
