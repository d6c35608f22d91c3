/**
 * Changing the e-mail address on the in-memory adapters: the new address is used only after the code mailed
 * to it comes back; wrong codes are counted and end the change; the old address is told.
 */
import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import { MAX_CODE_ATTEMPTS } from '../../functions/core/email-change.ts';
import type { Actor } from '../../functions/core/model.ts';
import type { Mailer, OutgoingMail } from '../../functions/ports/mailer.ts';
import { type NotificationDeps, NotificationService } from '../../functions/services/notification-service.ts';

const actor: Actor = { sub: 'u-im1', name: 'M', roles: ['manager'], org: 'k', email: 'im1@example.org' };

class Outbox implements Mailer {
  sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
  }
}

async function setup(identities?: NotificationDeps['identities']) {
  const directory = new MemoryDirectory();
  await directory.putOrganisation({ id: 'k', name: 'K', type: 'municipality' });
  await directory.putUser({
    sub: 'u-im1',
    username: 'im1',
    name: 'M',
    email: 'im1@example.org',
    role: 'manager',
    org: 'k',
  });
  const store = new MemoryNotificationStore();
  const mailer = new Outbox();
  let now = new Date('2027-03-10T08:00:00Z');
  const service = new NotificationService({
    store,
    directory,
    mailer,
    mail: { appUrl: 'https://pakt.example.org', senders: { default: { from: 'noreply@example.org' } } },
    now: () => now,
    ...(identities ? { identities } : {}),
  });
  const codeIn = (mail: OutgoingMail | undefined) => /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1] ?? '';
  return {
    directory,
    store,
    mailer,
    service,
    codeIn,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('changing the e-mail address', () => {
  it('mails a code to the new address and changes nothing until it is confirmed', async () => {
    const { directory, mailer, service, codeIn } = await setup();
    const pending = await service.requestEmailChange(actor, { email: ' neu@kirchheim.de ' });
    expect(pending).toEqual({ email: 'neu@kirchheim.de', expiresAt: '2027-03-10T08:30:00.000Z' });
    expect(mailer.sent.map((m) => m.to)).toEqual(['neu@kirchheim.de']);
    expect(codeIn(mailer.sent[0])).toMatch(/^\d{6}$/);
    expect((await directory.getUser('u-im1'))?.email).toBe('im1@example.org');
    expect(await service.preferences(actor)).toMatchObject({
      email: 'im1@example.org',
      pendingEmail: { email: 'neu@kirchheim.de' },
    });

    const code = codeIn(mailer.sent[0]);
    expect(await service.confirmEmailChange(actor, { code: `${code.slice(0, 3)} ${code.slice(3)}` })).toEqual(
      {
        email: 'neu@kirchheim.de',
      },
    );
    expect((await directory.getUser('u-im1'))?.email).toBe('neu@kirchheim.de');
    // The old address is told, without the new one.
    expect(mailer.sent[1]?.to).toBe('im1@example.org');
    expect(mailer.sent[1]?.text).not.toContain('neu@kirchheim.de');
    const after = await service.preferences(actor);
    expect(after.email).toBe('neu@kirchheim.de');
    expect(after.pendingEmail).toBeUndefined();
    // The code is used up.
    await expect(service.confirmEmailChange(actor, { code })).rejects.toMatchObject({
      code: 'email.no_pending_change',
    });
  });

  it('records the confirmed address on the sign-in too, and keeps everything when the sign-in refuses', async () => {
    const signIn: string[] = [];
    let refuse = true;
    // A sign-in directory beside the profiles (the Cognito user pool in AWS).
    const {
      directory,
      mailer,
      service: withSignIn,
      codeIn,
    } = await setup({
      setEmail: async (username, email) => {
        if (refuse) throw Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' });
        signIn.push(`${username} ${email}`);
      },
    });
    await withSignIn.requestEmailChange(actor, { email: 'neu@kirchheim.de' });
    const code = codeIn(mailer.sent[0]);
    await expect(withSignIn.confirmEmailChange(actor, { code })).rejects.toThrow('unavailable');
    expect((await directory.getUser('u-im1'))?.email).toBe('im1@example.org');
    refuse = false;
    expect(await withSignIn.confirmEmailChange(actor, { code })).toEqual({ email: 'neu@kirchheim.de' });
    expect(signIn).toEqual(['im1 neu@kirchheim.de']);
    expect((await directory.getUser('u-im1'))?.email).toBe('neu@kirchheim.de');
  });

  it('refuses the address already on record and a malformed one', async () => {
    const { service, mailer } = await setup();
    await expect(service.requestEmailChange(actor, { email: 'IM1@example.org' })).rejects.toMatchObject({
      code: 'email.unchanged',
    });
    await expect(service.requestEmailChange(actor, { email: 'im1 at example' })).rejects.toMatchObject({
      code: 'email.invalid',
    });
    expect(mailer.sent).toEqual([]);
  });

  it('a wrong code counts; the fifth ends the change, and even the right code no longer works', async () => {
    const { directory, mailer, service, codeIn } = await setup();
    await service.requestEmailChange(actor, { email: 'neu@kirchheim.de' });
    const code = codeIn(mailer.sent[0]);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++)
      await expect(service.confirmEmailChange(actor, { code: wrong })).rejects.toMatchObject({
        code: 'email.code_invalid',
      });
    await expect(service.confirmEmailChange(actor, { code: wrong })).rejects.toMatchObject({
      code: 'email.too_many_attempts',
    });
    await expect(service.confirmEmailChange(actor, { code })).rejects.toMatchObject({
      code: 'email.no_pending_change',
    });
    expect((await directory.getUser('u-im1'))?.email).toBe('im1@example.org');
  });

  it('a code expires after 30 minutes; asking again replaces it', async () => {
    const { mailer, service, codeIn, advance } = await setup();
    await service.requestEmailChange(actor, { email: 'neu@kirchheim.de' });
    const first = codeIn(mailer.sent[0]);
    advance(30 * 60_000);
    await expect(service.confirmEmailChange(actor, { code: first })).rejects.toMatchObject({
      code: 'email.no_pending_change',
    });
    await service.requestEmailChange(actor, { email: 'zweit@kirchheim.de' });
    const second = codeIn(mailer.sent[1]);
    expect(await service.confirmEmailChange(actor, { code: second })).toEqual({
      email: 'zweit@kirchheim.de',
    });
  });
});
