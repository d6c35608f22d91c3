import type { PendingEmailChange } from '#core/email-change';
import type { AddressProblem, Notification, OutboxEvent, Preferences } from '#core/notifications';
import type { Page } from './submission-store.ts';

/** The outbox item as kept: the event and its delivery state. */
export interface OutboxItem {
  event: OutboxEvent;
  /** `pending` until every recipient was handled; `failed` after too many attempts (shown to admins). */
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** ISO time before which a retry is not due. */
  retryAt?: string;
  lastError?: string;
}

/**
 * Notifications, the outbox and users' notification preferences. Outbox items are written by the
 * submission store together with the change they report; this port reads and finishes them.
 */
export interface NotificationStore {
  /** Writes the outbox item of a change not made through the submission store. False if it exists. */
  addOutbox(event: OutboxEvent): Promise<boolean>;
  /**
   * Records a reminder as given, with its outbox item if any, in one step; false (and nothing written) if
   * it was given before. Reminders summarised instead of sent are recorded without an item.
   */
  addReminder(key: string, event: OutboxEvent | undefined, now: Date): Promise<boolean>;
  getOutbox(id: string): Promise<OutboxItem | undefined>;
  /** Pending items whose retry is due at `now` (the sweeper's list), oldest first. */
  duePending(now: Date, limit: number): Promise<OutboxItem[]>;
  markSent(id: string, now: Date): Promise<void>;
  markRetry(id: string, attempts: number, retryAt: string, error: string, failed: boolean): Promise<void>;
  /** Counts of outbox items not (yet) delivered, for admins. */
  failures(): Promise<{ pending: number; failed: number }>;

  /** Adds the notification to the user's list; false if the user already has it (idempotent). */
  addNotification(sub: string, notification: Notification, now: Date): Promise<boolean>;
  list(sub: string, limit: number, cursor?: string): Promise<Page<Notification>>;
  unreadCount(sub: string): Promise<number>;
  /** Marks the given notifications (or all) read; returns how many changed. */
  markRead(sub: string, ids: string[] | 'all', now: Date): Promise<number>;

  /** Claims the mail of one event to one user (once only); false if it was claimed or sent before. */
  claimMail(eventId: string, sub: string, now: Date): Promise<boolean>;
  /** Gives a claim back after a failed send, so a retry sends it. */
  releaseMail(eventId: string, sub: string): Promise<void>;

  /** Marks an address (by its SHA-256) as bounced or complained about; mails to it stop until it changes. */
  markAddress(addressHash: string, problem: AddressProblem, now: Date): Promise<void>;
  addressProblem(addressHash: string): Promise<AddressProblem | undefined>;

  getPreferences(sub: string): Promise<Preferences | undefined>;
  /** The users who chose the daily digest (an index partition; no scan). */
  digestUsers(): Promise<string[]>;
  putPreferences(sub: string, preferences: Preferences): Promise<void>;

  /** A change of the user's e-mail address waiting for its code (replaces one asked for before). */
  putEmailChange(sub: string, change: PendingEmailChange): Promise<void>;
  getEmailChange(sub: string): Promise<PendingEmailChange | undefined>;
  /**
   * Counts one wrong code, atomically; the change as it stands after counting, or undefined if there is
   * none or it had used up `max` attempts already (a race of guesses cannot get past the limit).
   */
  countWrongCode(sub: string, max: number): Promise<PendingEmailChange | undefined>;
  deleteEmailChange(sub: string): Promise<void>;
}
