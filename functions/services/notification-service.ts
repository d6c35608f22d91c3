import { createHash, randomInt } from 'node:crypto';
import {
  CODE_LENGTH,
  codeExpiry,
  isExpired,
  MAX_CODE_ATTEMPTS,
  readCode,
  readEmailAddress,
  sameAddress,
} from '#core/email-change';
import { badRequest, conflict, forbidden, notFound } from '#core/errors';
import { renderAccountMail, renderDigest, renderMail } from '#core/mail-templates';
import type { Actor, UserProfile } from '#core/model';
import {
  type AddressProblem,
  DEFAULT_PREFERENCES,
  DELIVERY_MODES,
  type DeliveryMode,
  inAudience,
  LANGUAGES,
  type Language,
  MAX_ATTEMPTS,
  type Notification,
  notificationOf,
  type OutboxEvent,
  type Preferences,
  retryDelayMs,
} from '#core/notifications';
import { berlinDate } from '#core/retention';
import type { Directory } from '#ports/directory';
import type { Mailer } from '#ports/mailer';
import type { NotificationStore } from '#ports/notification-store';
import type { Page } from '#ports/submission-store';
import type { UserDirectory } from '#ports/user-directory';

/** Sender and reply-to per authority (the submission's organisation), with a default; configuration. */
export interface MailSettings {
  /** The web app's address; links in mails point into it and show nothing without sign-in. */
  appUrl: string;
  senders: Record<string, { from: string; replyTo?: string }> & {
    default: { from: string; replyTo?: string };
  };
}

export interface NotificationDeps {
  store: NotificationStore;
  directory: Directory;
  mailer: Mailer;
  mail: MailSettings;
  now: () => Date;
  /** Where people sign in (the Cognito user pool in AWS): a confirmed address is recorded there too. */
  identities?: Pick<UserDirectory, 'setEmail'>;
}

/** Addresses are kept as their SHA-256 (lower-cased) wherever they are only compared. */
export const addressHash = (address: string) =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex');

/** New outbox items are left to the stream for this long before the sweeper takes them. */
export const SWEEP_GRACE_MS = 2 * 60_000;

/**
 * Delivers outbox events (recipients resolved after the commit, one notification each, a mail where the
 * user wants one) and the callers' notification use cases. Every step is idempotent by event and
 * recipient: a repeated delivery adds no second notification and sends no second mail.
 */
export class NotificationService {
  constructor(private readonly deps: NotificationDeps) {}

  /** The users an event goes to, each once. */
  async recipients(event: OutboxEvent): Promise<UserProfile[]> {
    const { directory } = this.deps;
    const candidates = new Map<string, UserProfile>();
    const add = (users: UserProfile[]) => {
      for (const user of users) candidates.set(user.sub, user);
    };
    let stateOrgs = new Set<string>();
    for (const audience of event.audience) {
      if (audience.kind === 'user') {
        const user = await directory.getUser(audience.sub);
        if (user) add([user]);
      } else if (audience.kind === 'org-role') add(await directory.listUsers(audience.org));
      else {
        const orgs = (await directory.listOrganisations()).filter((o) => o.type === 'state').map((o) => o.id);
        stateOrgs = new Set(orgs);
        for (const org of orgs) add(await directory.listUsers(org));
      }
    }
    return [...candidates.values()].filter((u) => inAudience(event, u, stateOrgs));
  }

  /** Handles one outbox item if it is still pending; failures are recorded for a later retry. */
  async process(eventId: string): Promise<'sent' | 'retry' | 'skipped'> {
    const { store, now } = this.deps;
    const item = await store.getOutbox(eventId);
    if (item?.state !== 'pending') return 'skipped';
    try {
      await this.deliver(item.event);
      await store.markSent(eventId, now());
      return 'sent';
    } catch (error) {
      const attempts = item.attempts + 1;
      const retryAt = new Date(now().getTime() + retryDelayMs(attempts)).toISOString();
      // Only the error's name: a message might quote an address.
      const name = (error as { name?: string }).name ?? 'Error';
      await store.markRetry(eventId, attempts, retryAt, name, attempts >= MAX_ATTEMPTS);
      return 'retry';
    }
  }

  private async deliver(event: OutboxEvent): Promise<void> {
    const { store, now } = this.deps;
    const notification = notificationOf(event);
    for (const user of await this.recipients(event)) {
      await store.addNotification(user.sub, notification, now());
      const prefs = (await store.getPreferences(user.sub)) ?? DEFAULT_PREFERENCES;
      if (prefs.delivery !== 'immediate' || !user.email) continue;
      if (await store.addressProblem(addressHash(user.email))) continue;
      if (!(await store.claimMail(event.id, user.sub, now()))) continue;
      try {
        await this.sendMail(event, user.email, prefs.language);
      } catch (error) {
        await store.releaseMail(event.id, user.sub);
        throw error;
      }
    }
  }

  private async sendMail(event: OutboxEvent, to: string, language: Language) {
    const { mail } = this.deps;
    const sender = mail.senders[event.org] ?? mail.senders.default;
    const base = mail.appUrl.replace(/\/$/, '');
    const link = event.submissionId
      ? `${base}/#/vorgang/${encodeURIComponent(event.submissionId)}`
      : `${base}/#/benachrichtigungen`;
    const rendered = renderMail(event.type, language, {
      reference: event.reference,
      link,
      ...(event.dueDate ? { dueDate: event.dueDate } : {}),
      ...(event.count !== undefined ? { count: event.count } : {}),
    });
    await this.deps.mailer.send({
      to,
      from: sender.from,
      ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
      ...rendered,
    });
  }

  /**
   * The daily digest for those who chose it: one mail a day with the number of unread notifications, if
   * any (claimed per user and day, so running the job again sends nothing).
   */
  async sendDigests(): Promise<{ sent: number }> {
    const { store, directory, now } = this.deps;
    const day = berlinDate(now());
    let sent = 0;
    for (const sub of await store.digestUsers()) {
      const [user, prefs, unread] = await Promise.all([
        directory.getUser(sub),
        store.getPreferences(sub),
        store.unreadCount(sub),
      ]);
      if (!user?.email || prefs?.delivery !== 'digest' || unread === 0) continue;
      if (await store.addressProblem(addressHash(user.email))) continue;
      if (!(await store.claimMail(`digest#${day}`, sub, now()))) continue;
      const sender = this.deps.mail.senders[user.org] ?? this.deps.mail.senders.default;
      const link = `${this.deps.mail.appUrl.replace(/\/$/, '')}/#/benachrichtigungen`;
      try {
        await this.deps.mailer.send({
          to: user.email,
          from: sender.from,
          ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
          ...renderDigest(prefs.language, { count: unread, link }),
        });
        sent++;
      } catch (error) {
        await store.releaseMail(`digest#${day}`, sub);
        throw error;
      }
    }
    return { sent };
  }

  /** Resends what the stream left behind (records expire after 24 hours) and retries failures when due. */
  async sweep(limit = 50): Promise<{ processed: number }> {
    const cutoff = new Date(this.deps.now().getTime() - SWEEP_GRACE_MS);
    const due = await this.deps.store.duePending(cutoff, limit);
    for (const item of due) await this.process(item.event.id);
    return { processed: due.length };
  }

  async list(
    actor: Actor,
    params: { limit?: number | string; cursor?: string },
  ): Promise<Page<Notification> & { unread: number }> {
    const limit = params.limit === undefined ? 20 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw badRequest('list.bad_limit', 'limit must be 1 to 100.', [
        { pointer: '/limit', message: '1..100' },
      ]);
    const [page, unread] = await Promise.all([
      this.deps.store.list(actor.sub, limit, params.cursor || undefined),
      this.deps.store.unreadCount(actor.sub),
    ]);
    return { ...page, unread };
  }

  async markRead(actor: Actor, body: unknown): Promise<{ changed: number; unread: number }> {
    const b = body as { ids?: unknown; all?: unknown } | null;
    let ids: string[] | 'all';
    if (b && b.all === true) ids = 'all';
    else if (
      b &&
      Array.isArray(b.ids) &&
      b.ids.length > 0 &&
      b.ids.length <= 100 &&
      b.ids.every((id) => typeof id === 'string' && id.length <= 200)
    )
      ids = b.ids as string[];
    else
      throw badRequest('notifications.invalid_request', 'Expected {ids: [...]} or {all: true}.', [
        { pointer: '/ids', message: '1 to 100 ids, or all: true' },
      ]);
    const changed = await this.deps.store.markRead(actor.sub, ids, this.deps.now());
    return { changed, unread: await this.deps.store.unreadCount(actor.sub) };
  }

  /**
   * The caller's preferences, the address mails go to (from the directory) and whether mails to it bounced
   * (the web app shows a banner), and a change of address waiting for its code.
   */
  async preferences(actor: Actor): Promise<
    Preferences & {
      addressProblem?: AddressProblem;
      email?: string;
      pendingEmail?: { email: string; expiresAt: string };
    }
  > {
    const user = await this.deps.directory.getUser(actor.sub);
    const email = user?.email || actor.email;
    const [prefs, problem, pending] = await Promise.all([
      this.deps.store.getPreferences(actor.sub),
      email ? this.deps.store.addressProblem(addressHash(email)) : Promise.resolve(undefined),
      this.pendingEmailChange(actor),
    ]);
    return {
      ...(prefs ?? DEFAULT_PREFERENCES),
      ...(problem ? { addressProblem: problem } : {}),
      ...(email ? { email } : {}),
      ...(pending ? { pendingEmail: pending } : {}),
    };
  }

  /**
   * Asks to change the caller's e-mail address: a code goes to the new address, which is used only once the
   * code comes back (`confirmEmailChange`). Asking again replaces the pending change and its code.
   */
  async requestEmailChange(
    actor: Actor,
    body: { email?: unknown },
  ): Promise<{ email: string; expiresAt: string }> {
    const email = readEmailAddress(body?.email);
    const user = await this.deps.directory.getUser(actor.sub);
    if (!user) throw notFound('user.not_found', 'The caller has no profile.');
    if (sameAddress(user.email, email))
      throw conflict('email.unchanged', 'That already is the address on record.');
    const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
    const now = this.deps.now();
    const pending = { email, codeHash: addressHash(code), expiresAt: codeExpiry(now), attempts: 0 };
    await this.deps.store.putEmailChange(actor.sub, pending);
    const language =
      (await this.deps.store.getPreferences(actor.sub))?.language ?? DEFAULT_PREFERENCES.language;
    await this.sendAccountMail(email, 'email.verify', language, code);
    return { email, expiresAt: pending.expiresAt };
  }

  /** The pending change of the caller's address, if any (the address and until when its code is valid). */
  async pendingEmailChange(actor: Actor): Promise<{ email: string; expiresAt: string } | undefined> {
    const pending = await this.deps.store.getEmailChange(actor.sub);
    if (!pending || isExpired(pending, this.deps.now()) || pending.attempts >= MAX_CODE_ATTEMPTS)
      return undefined;
    return { email: pending.email, expiresAt: pending.expiresAt };
  }

  /**
   * Confirms the change with the code mailed to the new address: the directory takes the new address (the
   * old one is told), and the pending change is gone. A wrong code counts; after five the change is dropped.
   */
  async confirmEmailChange(actor: Actor, body: { code?: unknown }): Promise<{ email: string }> {
    const code = readCode(body?.code);
    const { store, directory } = this.deps;
    const pending = await store.getEmailChange(actor.sub);
    if (!pending || isExpired(pending, this.deps.now()))
      throw conflict(
        'email.no_pending_change',
        'No change of address waits for a code, or its code expired.',
      );
    if (pending.codeHash !== addressHash(code)) {
      const counted = await store.countWrongCode(actor.sub, MAX_CODE_ATTEMPTS);
      if (!counted || counted.attempts >= MAX_CODE_ATTEMPTS) {
        await store.deleteEmailChange(actor.sub);
        throw conflict('email.too_many_attempts', 'Too many wrong codes; the change was dropped.');
      }
      throw badRequest('email.code_invalid', 'The code does not match.', [
        { pointer: '/code', message: 'does not match the code mailed', code: 'email.code_invalid' },
      ]);
    }
    if (pending.attempts >= MAX_CODE_ATTEMPTS) {
      await store.deleteEmailChange(actor.sub);
      throw conflict('email.too_many_attempts', 'Too many wrong codes; the change was dropped.');
    }
    const user = await directory.getUser(actor.sub);
    if (!user) throw notFound('user.not_found', 'The caller has no profile.');
    // The sign-in first (it may refuse; then nothing changed and the code stays valid), then the profile
    // the notifications read; should that fail, the sign-in gets its former address back.
    await this.deps.identities?.setEmail(user.username, pending.email);
    try {
      await directory.putUser({ ...user, email: pending.email });
    } catch (error) {
      if (user.email) await this.deps.identities?.setEmail(user.username, user.email).catch(() => undefined);
      throw error;
    }
    await store.deleteEmailChange(actor.sub);
    const language = (await store.getPreferences(actor.sub))?.language ?? DEFAULT_PREFERENCES.language;
    if (user.email && !sameAddress(user.email, pending.email))
      await this.sendAccountMail(user.email, 'email.changed', language);
    return { email: pending.email };
  }

  private async sendAccountMail(
    to: string,
    type: 'email.verify' | 'email.changed',
    language: Language,
    code?: string,
  ) {
    const { mail } = this.deps;
    const sender = mail.senders.default;
    const link = `${mail.appUrl.replace(/\/$/, '')}/#/benachrichtigungen`;
    await this.deps.mailer.send({
      to,
      from: sender.from,
      ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
      ...renderAccountMail(type, language, { link, ...(code ? { code } : {}) }),
    });
  }

  /** SES feedback (configuration set events): a permanent bounce or a complaint marks the address. */
  async recordFeedback(notice: unknown): Promise<number> {
    const n = notice as {
      eventType?: string;
      notificationType?: string;
      bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress?: string }> };
      complaint?: { complainedRecipients?: Array<{ emailAddress?: string }> };
    };
    const type = n?.eventType ?? n?.notificationType;
    let problem: AddressProblem | undefined;
    let recipients: Array<{ emailAddress?: string }> = [];
    if (type === 'Bounce' && n.bounce?.bounceType === 'Permanent') {
      problem = 'bounce';
      recipients = n.bounce.bouncedRecipients ?? [];
    } else if (type === 'Complaint') {
      problem = 'complaint';
      recipients = n.complaint?.complainedRecipients ?? [];
    }
    if (!problem) return 0;
    let marked = 0;
    for (const r of recipients) {
      if (!r.emailAddress) continue;
      await this.deps.store.markAddress(addressHash(r.emailAddress), problem, this.deps.now());
      marked++;
    }
    return marked;
  }

  async putPreferences(actor: Actor, body: unknown): Promise<Preferences> {
    const b = body as { delivery?: unknown; language?: unknown } | null;
    const details = [];
    if (!b || !(DELIVERY_MODES as readonly unknown[]).includes(b.delivery))
      details.push({ pointer: '/delivery', message: DELIVERY_MODES.join(' | ') });
    if (!b || !(LANGUAGES as readonly unknown[]).includes(b.language))
      details.push({ pointer: '/language', message: LANGUAGES.join(' | ') });
    if (details.length || !b)
      throw badRequest('preferences.invalid', 'Expected {delivery, language}.', details);
    const prefs: Preferences = { delivery: b.delivery as DeliveryMode, language: b.language as Language };
    await this.deps.store.putPreferences(actor.sub, prefs);
    return prefs;
  }

  /** Outbox items not delivered: pending (retrying) and failed for good. Admins only. */
  async failures(actor: Actor): Promise<{ pending: number; failed: number }> {
    if (!actor.roles.includes('admin'))
      throw forbidden('notifications.failures_forbidden', 'Only admins see delivery failures.');
    return this.deps.store.failures();
  }
}
