/**
 * The delivery use case on the in-memory adapters, time frozen: a failing mail is retried with backoff and
 * sent once when the mailer recovers; bounced addresses get no mail; the daily digest goes out once a day.
 */
import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import { MAX_ATTEMPTS, type OutboxEvent } from '../../functions/core/notifications.ts';
import type { Mailer, OutgoingMail } from '../../functions/ports/mailer.ts';
import { NotificationService } from '../../functions/services/notification-service.ts';

const manager = {
  sub: 'u-im1',
  username: 'im1',
  name: 'M',
  email: 'im1@example.org',
  role: 'manager',
  org: 'k',
} as const;
const coordinator = {
  sub: 'u-ko',
  username: 'ko',
  name: 'K',
  email: 'ko@example.org',
  role: 'coordinator',
  org: 'k',
} as const;
const reviewer = {
  sub: 'u-rp',
  username: 'rp',
  name: 'R',
  email: 'rp@example.org',
  role: 'reviewer',
  org: 'rp',
} as const;

const event = (id: string): OutboxEvent => ({
  id,
  type: 'plan.submitted',
  at: '2027-03-10T08:00:00.000Z',
  submissionId: 'S1',
  formId: 'integration-plan',
  kind: 'case',
  org: 'k',
  reference: 'S1',
  audience: [{ kind: 'org-role', org: 'k', role: 'coordinator' }, { kind: 'reviewers' }],
  actor: manager.sub,
});

class FlakyMailer implements Mailer {
  sent: OutgoingMail[] = [];
  failing = true;
  async send(mail: OutgoingMail) {
    if (this.failing) throw Object.assign(new Error(`refused ${mail.to}`), { name: 'ThrottlingException' });
    this.sent.push(mail);
  }
}

async function setup() {
  const directory = new MemoryDirectory();
  await directory.putOrganisation({ id: 'k', name: 'K', type: 'municipality' });
  await directory.putOrganisation({ id: 'rp', name: 'RP', type: 'state' });
  for (const u of [manager, coordinator, reviewer]) await directory.putUser({ ...u });
  const store = new MemoryNotificationStore();
  const mailer = new FlakyMailer();
  let now = new Date('2027-03-10T08:00:00Z');
  const service = new NotificationService({
    store,
    directory,
    mailer,
    mail: { appUrl: 'https://pakt.example.org', senders: { default: { from: 'noreply@example.org' } } },
    now: () => now,
  });
  return { store, mailer, service, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('delivery', () => {
  it('a failed send is retried with backoff; the mail goes out once when the mailer recovers', async () => {
    const { store, mailer, service, advance } = await setup();
    await store.addOutbox(event('S1#2'));
    expect(await service.process('S1#2')).toBe('retry');
    const item = await store.getOutbox('S1#2');
    expect(item).toMatchObject({ state: 'pending', attempts: 1, lastError: 'ThrottlingException' });
    // No address in what is kept about the failure.
    expect(JSON.stringify(item)).not.toContain('@');
    expect((await service.sweep()).processed).toBe(0);
    advance(4 * 60_000);
    mailer.failing = false;
    expect((await service.sweep()).processed).toBe(1);
    expect(mailer.sent.map((m) => m.to)).toEqual(['ko@example.org']);
    expect(mailer.sent[0]?.text).toContain('https://pakt.example.org/#/vorgang/S1');
    expect((await store.getOutbox('S1#2'))?.state).toBe('sent');
    // One notification for the coordinator; neither the actor nor a reviewer (a plan) get one.
    expect((await store.list(coordinator.sub, 10)).items).toHaveLength(1);
    expect((await store.list(manager.sub, 10)).items).toHaveLength(0);
    expect((await store.list(reviewer.sub, 10)).items).toHaveLength(0);
    expect(await service.process('S1#2')).toBe('skipped');
    expect(mailer.sent).toHaveLength(1);
  });

  it('gives up after the last attempt and counts it as failed for the admins', async () => {
    const { store, service, advance } = await setup();
    await store.addOutbox(event('S1#3'));
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await service.process('S1#3');
      advance(2 * 60 * 60_000);
    }
    expect(await store.failures()).toEqual({ pending: 0, failed: 1 });
    expect(await service.failures({ sub: 'a', name: 'A', roles: ['admin'], org: 'rp' })).toEqual({
      pending: 0,
      failed: 1,
    });
  });

  it('a bounced address gets no mail, and its owner is told so', async () => {
    const { store, mailer, service } = await setup();
    mailer.failing = false;
    expect(
      await service.recordFeedback({
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'KO@example.org' }] },
      }),
    ).toBe(1);
    await store.addOutbox(event('S1#4'));
    expect(await service.process('S1#4')).toBe('sent');
    expect(mailer.sent).toHaveLength(0);
    expect((await store.list(coordinator.sub, 10)).items).toHaveLength(1);
    expect(
      await service.preferences({
        sub: coordinator.sub,
        name: 'K',
        roles: ['coordinator'],
        org: 'k',
        email: 'ko@example.org',
      }),
    ).toEqual({ delivery: 'immediate', language: 'de', addressProblem: 'bounce', email: 'ko@example.org' });
    // A transient bounce marks nothing.
    expect(await service.recordFeedback({ eventType: 'Bounce', bounce: { bounceType: 'Transient' } })).toBe(
      0,
    );
  });

  it('the daily digest: no mail at once, one digest a day while something is unread', async () => {
    const { store, mailer, service, advance } = await setup();
    mailer.failing = false;
    await store.putPreferences(coordinator.sub, { delivery: 'digest', language: 'en' });
    await store.addOutbox(event('S1#5'));
    await service.process('S1#5');
    expect(mailer.sent).toHaveLength(0);
    expect(await service.sendDigests()).toEqual({ sent: 1 });
    expect(mailer.sent[0]).toMatchObject({ to: 'ko@example.org', subject: '1 unread notification' });
    expect(await service.sendDigests()).toEqual({ sent: 0 });
    advance(24 * 60 * 60_000);
    await store.markRead(coordinator.sub, 'all', new Date());
    expect(await service.sendDigests()).toEqual({ sent: 0 });
  });
});
