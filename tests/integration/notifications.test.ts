/**
 * Notifications over the local platform: each change produces exactly one notification for exactly the
 * right people (tenants and roles as for reads), written atomically with the change (outbox), read from the
 * table's stream and delivered once; mails reach the SES emulator and carry nothing typed into a form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  actOk,
  confirmShare,
  FUNDING,
  fundingData,
  ifMatch,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  subOf,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { eicarPdf } from '../helpers/files.ts';
import type { ApiClient } from '../helpers/platform.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

const USERS = [
  'kirchheim.kommune',
  'weilheim.kommune',
  'notzingen.kommune',
  'kirchheim.im1',
  'kirchheim.im2',
  'kirchheim.koordination',
  'plochingen.im1',
  'plochingen.koordination',
  'rp.pruefer1',
  'rp.pruefer2',
  'admin',
] as const;
type User = (typeof USERS)[number];

let platform: TestPlatform;
const api = {} as Record<User, ApiClient>;

beforeAll(async () => {
  platform = await startTestPlatform();
  const clients = await signIn(platform, ...USERS);
  USERS.forEach((u, i) => {
    api[u] = clients[i]!;
  });
  await platform.deliverNotifications();
});
afterAll(async () => platform?.stop());

interface Entry {
  id: string;
  type: string;
  submissionId: string;
  readAt?: string;
}

async function notificationsOf(user: User): Promise<Entry[]> {
  const res = await api[user].get('/api/notifications?limit=100');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Entry[];
}

/** Who has a notification about the submission, with its types: `{user: [type, …]}`. */
async function recipientsOf(submissionId: string): Promise<Record<string, string[]>> {
  await platform.deliverNotifications();
  const out: Record<string, string[]> = {};
  for (const user of USERS) {
    const types = (await notificationsOf(user))
      .filter((n) => n.submissionId === submissionId)
      .map((n) => n.type);
    if (types.length) out[user] = types.sort();
  }
  return out;
}

async function mails(): Promise<Array<{ to: string[]; subject: string; text: string }>> {
  const res = await fetch(`${platform.url}/local/mails`);
  expect(res.status).toBe(200);
  return (await res.json()) as Array<{ to: string[]; subject: string; text: string }>;
}

describe('demo data', () => {
  it('gives every role but the admin a few unread notifications', async () => {
    const users = [
      'weilheim.kommune',
      'notzingen.kommune',
      'kirchheim.im2',
      'plochingen.im1',
      'kirchheim.koordination',
      'rp.pruefer1',
    ] as const;
    for (const user of users) {
      const res = await api[user].get('/api/notifications');
      expect(res.body.unread, user).toBeGreaterThan(0);
    }
    expect((await api.admin.get('/api/notifications')).body.unread).toBe(0);
  });
});

describe('funding applications', () => {
  const canary = `Kanarienvogel-${Math.random().toString(36).slice(2, 10)}`;
  let sub: Record<string, any>;

  it('submitted: every reviewer, and no one else', async () => {
    sub = await start(api['kirchheim.kommune'], FUNDING, fundingData({ applicantName: canary }));
    sub = await submitFunding(api['kirchheim.kommune'], sub);
    expect(await recipientsOf(sub.id)).toEqual({
      'rp.pruefer1': ['application.submitted'],
      'rp.pruefer2': ['application.submitted'],
    });
  });

  it('a transition that fails writes no notification', async () => {
    const stale = await act(api['rp.pruefer1'], { ...sub, version: sub.version - 1 }, 'return', canary);
    expect(stale.status).toBe(412);
    expect(await recipientsOf(sub.id)).toEqual({
      'rp.pruefer1': ['application.submitted'],
      'rp.pruefer2': ['application.submitted'],
    });
  });

  it('returned: the applicant municipality only; the comment is in no mail', async () => {
    sub = await actOk(api['rp.pruefer1'], sub, 'return', `Bitte ergänzen: ${canary}`);
    expect(await recipientsOf(sub.id)).toEqual({
      'kirchheim.kommune': ['application.returned'],
      'rp.pruefer1': ['application.submitted'],
      'rp.pruefer2': ['application.submitted'],
    });
    const received = await mails();
    const toApplicant = received.filter((m) => m.to.includes('s.maurer@kirchheim.example'));
    expect(toApplicant.some((m) => m.text.includes(sub.id) && m.subject.includes('zurückgegeben'))).toBe(
      true,
    );
    expect(JSON.stringify(received)).not.toContain(canary);
    expect(JSON.stringify(received)).not.toContain('Sabine Maurer');
  });

  it('attachment refused: the uploader only', async () => {
    const draft = await start(api['kirchheim.kommune'], FUNDING, fundingData());
    const content = eicarPdf();
    const asked = await api['kirchheim.kommune'].post(`/api/submissions/${draft.id}/attachments`, {
      filename: 'harmlos.pdf',
      contentType: 'application/pdf',
      size: content.byteLength,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(asked.body.upload.fields as Record<string, string>))
      form.append(name, value);
    form.append('file', new Blob([new Uint8Array(content)]), 'upload.bin');
    expect((await fetch(asked.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
    const done = await api['kirchheim.kommune'].post(
      `/api/submissions/${draft.id}/attachments/${asked.body.attachmentId}/complete`,
    );
    expect(done.status).toBe(400);
    expect(await recipientsOf(draft.id)).toEqual({ 'kirchheim.kommune': ['attachment.refused'] });
    expect(JSON.stringify(await mails())).not.toContain('harmlos.pdf');
  });

  it('decided: the lead applicant and the joint members', async () => {
    let joint = await start(
      api['notzingen.kommune'],
      FUNDING,
      fundingData({
        joint: {
          isJoint: true,
          members: [{ organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck', share: 1_000 }],
        },
      }),
    );
    joint = await confirmShare(api['kirchheim.kommune'], joint, 1_000);
    joint = await submitFunding(api['notzingen.kommune'], joint);
    joint = await actOk(api['rp.pruefer2'], joint, 'approve');
    expect(await recipientsOf(joint.id)).toEqual({
      // The member was asked to confirm its share, and the lead told when it did.
      'kirchheim.kommune': ['application.confirmation_requested', 'application.decided'],
      'notzingen.kommune': ['application.decided', 'application.member_confirmed'],
      // The approving reviewer is not told of their own decision; both were told of the submission.
      'rp.pruefer1': ['application.submitted'],
      'rp.pruefer2': ['application.submitted'],
    });
  });
});

describe('integration plans', () => {
  const caseId = uniqueCaseId();
  const canary = `Zaunkoenig-${Math.random().toString(36).slice(2, 10)}`;
  let plan: Record<string, any>;

  it('waiting for agreement: the coordinators of the organisation; never a reviewer', async () => {
    plan = await start(api['kirchheim.im1'], PLAN, planData({ caseId, person: { name: canary } }));
    plan = await actOk(api['kirchheim.im1'], plan, 'submit');
    expect(await recipientsOf(plan.id)).toEqual({ 'kirchheim.koordination': ['plan.submitted'] });
  });

  it('agreed: the manager', async () => {
    plan = await actOk(api['kirchheim.koordination'], plan, 'approve');
    expect(await recipientsOf(plan.id)).toEqual({
      'kirchheim.im1': ['plan.agreed'],
      'kirchheim.koordination': ['plan.submitted'],
    });
  });

  it('reassigned: the old and the new manager', async () => {
    const res = await api['kirchheim.koordination'].post(
      `/api/submissions/${plan.id}/assignee`,
      { userId: subOf('kirchheim.im2') },
      ifMatch(plan.version),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await recipientsOf(plan.id)).toEqual({
      'kirchheim.im1': ['plan.agreed', 'plan.reassigned'],
      'kirchheim.im2': ['plan.reassigned'],
      'kirchheim.koordination': ['plan.submitted'],
    });
  });

  it('consent withdrawn: the coordinators', async () => {
    let other = await start(api['kirchheim.im2'], PLAN, planData({ caseId: uniqueCaseId() }));
    const res = await api['kirchheim.im2'].post(`/api/submissions/${other.id}/consent`, {
      purpose: 'storage',
      withdrawnAt: new Date().toISOString().slice(0, 10),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    other = res.body;
    expect(await recipientsOf(other.id)).toEqual({ 'kirchheim.koordination': ['plan.consent_withdrawn'] });
  });

  it('mails name the plan by its case number, never the person', async () => {
    const received = await mails();
    expect(JSON.stringify(received)).not.toContain(canary);
    // The check above can fail: the case number (the reference a manager knows) is in the subjects.
    const aboutPlan = received.filter((m) => m.text.includes(plan.id));
    expect(aboutPlan.length).toBeGreaterThan(0);
    for (const mail of aboutPlan) expect(mail.subject).toContain(`(${caseId})`);
  });

  it('a second delivery of the same events adds nothing (idempotent by event and recipient)', async () => {
    const { awsNotificationAdapters } = await import('../../functions/lib/aws-notifications.ts');
    const services = await import('../../functions/lib/services.ts');
    const notificationService = () => services.notificationService(awsNotificationAdapters());
    const before = await mails();
    const ids = (await notificationsOf('kirchheim.im1')).filter((n) => n.submissionId === plan.id);
    for (const n of ids) expect(await notificationService().process(n.id)).toBe('skipped');
    expect(await notificationService().sweep()).toEqual({ processed: 0 });
    expect((await mails()).length).toBe(before.length);
    expect((await recipientsOf(plan.id))['kirchheim.im1']).toEqual(['plan.agreed', 'plan.reassigned']);
  });
});

describe('deadlines', () => {
  it('the demo plan whose review is overdue at the first run gives its manager one summary', async () => {
    const summaries = (await notificationsOf('plochingen.im1')).filter(
      (n) => n.type === 'deadline.overdue_summary',
    );
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.submissionId).toBeUndefined();
    expect(
      (await notificationsOf('plochingen.koordination')).some((n) => n.type.startsWith('deadline.')),
    ).toBe(false);
    // The job runs again (every few minutes locally): no second summary. (An application approved by the
    // tests above after the first run, with a funding period long past, is reminded as overdue once.)
    const { awsNotificationAdapters } = await import('../../functions/lib/aws-notifications.ts');
    const services = await import('../../functions/lib/services.ts');
    const reminderService = () => services.reminderService(awsNotificationAdapters());
    expect((await reminderService().run()).summaries).toBe(0);
    expect(await reminderService().run()).toEqual({ reminders: 0, summaries: 0 });
  });
});

describe('the notification list', () => {
  it('is newest first with an unread count; marks one, then all, as read', async () => {
    const user = api['kirchheim.im1'];
    const first = await user.get('/api/notifications?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.unread).toBeGreaterThanOrEqual(2);
    const all = await notificationsOf('kirchheim.im1');
    expect(all.map((n) => (n as unknown as { at: string }).at)).toEqual(
      all
        .map((n) => (n as unknown as { at: string }).at)
        .sort()
        .reverse(),
    );
    if (first.body.nextCursor) {
      const second = await user.get(`/api/notifications?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    }
    const one = await user.post('/api/notifications/read', { ids: [all[0]!.id] });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ changed: 1, unread: first.body.unread - 1 });
    const rest = await user.post('/api/notifications/read', { all: true });
    expect(rest.body.unread).toBe(0);
    expect((await notificationsOf('kirchheim.im1')).every((n) => n.readAt)).toBe(true);
    expect((await user.post('/api/notifications/read', {})).status).toBe(400);
  });

  it('preferences: in-app only sends no mail; the language chooses the mail text', async () => {
    const coordinator = api['kirchheim.koordination'];
    expect((await coordinator.get('/api/me/preferences')).body).toEqual({
      delivery: 'immediate',
      language: 'de',
      email: 'p.lang@kirchheim.example',
    });
    expect(
      (await coordinator.put('/api/me/preferences', { delivery: 'in-app', language: 'en' })).status,
    ).toBe(200);
    expect((await coordinator.put('/api/me/preferences', { delivery: 'sometimes' })).status).toBe(400);
    const manager = api['kirchheim.im2'];
    expect((await manager.put('/api/me/preferences', { delivery: 'immediate', language: 'en' })).status).toBe(
      200,
    );
    const before = (await mails()).length;
    let plan = await start(api['kirchheim.im2'], PLAN, planData({ caseId: uniqueCaseId() }));
    plan = await actOk(api['kirchheim.im2'], plan, 'submit');
    plan = await actOk(api['kirchheim.koordination'], plan, 'return', 'nope');
    await platform.deliverNotifications();
    // Only the mails about this plan: other deliveries (reminders of earlier tests' records) may run meanwhile.
    const added = (await mails()).slice(before).filter((m) => m.text.includes(plan.id));
    expect(added.map((m) => m.to[0])).toEqual(['y.aydin@kirchheim.example']);
    expect(added[0]!.subject).toContain('Integration plan returned');
    expect((await notificationsOf('kirchheim.koordination')).some((n) => n.submissionId === plan.id)).toBe(
      true,
    );
  });

  it('a new e-mail address is used only after the code mailed to it is confirmed', async () => {
    const coordinator = api['plochingen.koordination'];
    const before = (await mails()).length;
    const asked = await coordinator.post('/api/me/email', { email: 'neu.wolf@plochingen.example' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const [codeMail] = (await mails()).slice(before);
    expect(codeMail?.to).toEqual(['neu.wolf@plochingen.example']);
    const code = /\b(\d{6})\b/.exec(codeMail!.text)![1]!;
    expect((await coordinator.post('/api/me/email/confirm', { code: 'abc' })).status).toBe(400);
    expect((await coordinator.get('/api/me/preferences')).body).toMatchObject({
      email: 's.wolf@plochingen.example',
      pendingEmail: { email: 'neu.wolf@plochingen.example' },
    });
    const confirmed = await coordinator.post('/api/me/email/confirm', { code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toEqual({ email: 'neu.wolf@plochingen.example' });

    // The old address is told; the next notification goes to the new one.
    const plan = await start(api['plochingen.im1'], PLAN, planData({ caseId: uniqueCaseId() }));
    await actOk(api['plochingen.im1'], plan, 'submit');
    await platform.deliverNotifications();
    const added = (await mails()).slice(before + 1).map((m) => m.to[0]);
    expect(added).toEqual(['s.wolf@plochingen.example', 'neu.wolf@plochingen.example']);
  });

  it('delivery failures are counted for admins only', async () => {
    expect((await api.admin.get('/api/notifications/failures')).body).toEqual({ pending: 0, failed: 0 });
    expect((await api['rp.pruefer1'].get('/api/notifications/failures')).status).toBe(403);
  });
});
