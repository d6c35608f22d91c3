import { describe, expect, it } from 'vitest';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryNotificationStore } from '../../functions/adapters/memory/notification-store.ts';
import {
  daysBetween,
  keyFiguresReminder,
  paymentWindowReminder,
  planReviewReminder,
  proofOfUseReminder,
} from '../../functions/core/deadlines.ts';
import type { KeyFigureReport } from '../../functions/core/key-figure-report.ts';
import type { Submission, SubmissionSummary } from '../../functions/core/model.ts';
import { orgScope } from '../../functions/core/scopes.ts';
import type { ListQuery } from '../../functions/ports/submission-store.ts';
import { ReminderService } from '../../functions/services/reminder-service.ts';

describe('deadline rules', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2026-12-31', '2027-01-31')).toBe(31);
    expect(daysBetween('2027-03-28', '2027-03-29')).toBe(1);
  });

  it('a plan review: nothing until 14 days ahead, then due, then overdue; keyed by plan, date and stage', () => {
    expect(planReviewReminder('p1', '2027-03-20', '2027-03-05')).toBeUndefined();
    expect(planReviewReminder('p1', '2027-03-20', '2027-03-06')).toEqual({
      key: 'plan-review#p1#2027-03-20#due',
      type: 'deadline.plan_review_due',
      stage: 'due',
      dueDate: '2027-03-20',
    });
    expect(planReviewReminder('p1', '2027-03-20', '2027-03-20')?.stage).toBe('due');
    expect(planReviewReminder('p1', '2027-03-20', '2027-03-21')?.key).toBe(
      'plan-review#p1#2027-03-20#overdue',
    );
    // A moved deadline is another key.
    expect(planReviewReminder('p1', '2027-04-20', '2027-04-10')?.key).toBe('plan-review#p1#2027-04-20#due');
    expect(planReviewReminder('p1', 'soon', '2027-04-10')).toBeUndefined();
    expect(planReviewReminder('p1', undefined, '2027-04-10')).toBeUndefined();
  });

  it('key figures: due on 31 January, announced three weeks ahead', () => {
    expect(keyFiguresReminder('o', '2027-01-09')).toBeUndefined();
    expect(keyFiguresReminder('o', '2027-01-10')?.key).toBe('key-figures#o#2027-01-31#due');
    expect(keyFiguresReminder('o', '2027-01-31')?.dueDate).toBe('2027-01-31');
    expect(keyFiguresReminder('o', '2027-02-01')).toBeUndefined();
  });

  it('the proof of use: due three months after the funding end; 30 and 7 days ahead, then overdue once', () => {
    const grant = { id: 'g', fundingEnd: '2027-06-30', proofOfUseIn: false, nothingAvailable: false };
    expect(proofOfUseReminder(grant, '2027-08-30')).toBeUndefined();
    expect(proofOfUseReminder(grant, '2027-08-31')).toEqual({
      key: 'proof-of-use#g#2027-09-30#due-30',
      type: 'deadline.proof_of_use_due',
      stage: 'due',
      dueDate: '2027-09-30',
    });
    expect(proofOfUseReminder(grant, '2027-09-22')?.key).toBe('proof-of-use#g#2027-09-30#due-30');
    expect(proofOfUseReminder(grant, '2027-09-23')?.key).toBe('proof-of-use#g#2027-09-30#due-7');
    expect(proofOfUseReminder(grant, '2027-09-30')?.key).toBe('proof-of-use#g#2027-09-30#due-7');
    expect(proofOfUseReminder(grant, '2027-10-01')?.key).toBe('proof-of-use#g#2027-09-30#overdue');
    expect(proofOfUseReminder({ ...grant, proofOfUseIn: true }, '2027-10-01')).toBeUndefined();
    expect(proofOfUseReminder({ ...grant, fundingEnd: undefined }, '2027-10-01')).toBeUndefined();
  });

  it('the payment window: announced 30 days before it closes, three months after the funding end', () => {
    const grant = { id: 'g', fundingEnd: '2027-06-30', proofOfUseIn: false, nothingAvailable: false };
    expect(paymentWindowReminder(grant, '2027-08-30')).toBeUndefined();
    expect(paymentWindowReminder(grant, '2027-08-31')?.key).toBe('payment-window#g#2027-09-30#due');
    expect(paymentWindowReminder(grant, '2027-10-01')).toBeUndefined();
    expect(paymentWindowReminder({ ...grant, nothingAvailable: true }, '2027-09-01')).toBeUndefined();
  });
});

function plan(id: string, nextReviewDate: string, assignedTo = 'u-im1'): SubmissionSummary {
  return {
    id,
    formId: 'integration-plan',
    formVersion: 1,
    kind: 'case',
    status: 'approved',
    version: 3,
    revision: 1,
    approvedRevision: 1,
    amending: false,
    org: 'k',
    createdBy: assignedTo,
    assignedTo,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    indexed: { nextReviewDate },
  };
}

function application(
  id: string,
  fundingEnd: string,
  over: Partial<SubmissionSummary> = {},
): SubmissionSummary {
  return {
    ...plan(id, ''),
    formId: 'funding-application',
    kind: 'funding',
    indexed: { periodEnd: '2027-12-31' },
    members: ['k', 'n'],
    decision: {
      requestedAmount: 100_000,
      approvedAmount: 90_000,
      fileNumber: `RPS-IM-2027-${id}`,
      fundingEnd,
      decisionDate: '2027-01-10',
      decidedBy: { sub: 'u-r', name: 'R' },
    },
    ...over,
  };
}

describe('the reminder job', () => {
  async function setup(plans: SubmissionSummary[], applications: SubmissionSummary[] = []) {
    const directory = new MemoryDirectory();
    await directory.putOrganisation({ id: 'k', name: 'K', type: 'municipality' });
    const store = new MemoryNotificationStore();
    let now = new Date('2027-03-10T07:00:00Z');
    const submissions = {
      list: async (q: ListQuery) => ({
        items:
          q.scope === orgScope('k', 'case')
            ? plans
            : q.scope === orgScope('k', 'funding')
              ? applications
              : [],
      }),
      get: async (id: string) => applications.find((a) => a.id === id) as Submission | undefined,
    };
    const service = new ReminderService({ submissions, directory, store, now: () => now });
    return { store, service, setNow: (d: string) => (now = new Date(d)) };
  }

  it('summarises what is overdue at the first run, once per person; sends what is due one by one', async () => {
    const { store, service } = await setup([
      plan('a', '2027-02-01'),
      plan('b', '2027-03-01'),
      plan('c', '2027-03-15'),
      plan('d', '2027-01-01', 'u-im2'),
    ]);
    expect(await service.run()).toEqual({ reminders: 1, summaries: 2 });
    const pending = await store.duePending(new Date('2030-01-01'), 100);
    expect(
      pending.map((p) => [p.event.type, p.event.audience, p.event.count ?? p.event.dueDate]).sort(),
    ).toEqual(
      [
        ['deadline.overdue_summary', [{ kind: 'user', sub: 'u-im1' }], 2],
        ['deadline.overdue_summary', [{ kind: 'user', sub: 'u-im2' }], 1],
        ['deadline.plan_review_due', [{ kind: 'user', sub: 'u-im1' }], '2027-03-15'],
      ].sort(),
    );
  });

  it('repeats nothing; a deadline passing later is reminded as overdue once; a moved one anew', async () => {
    const plans = [plan('c', '2027-03-15')];
    const { store, service, setNow } = await setup(plans);
    await service.run();
    expect(await service.run()).toEqual({ reminders: 0, summaries: 0 });
    setNow('2027-03-16T07:00:00Z');
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    expect(await service.run()).toEqual({ reminders: 0, summaries: 0 });
    plans[0] = plan('c', '2027-03-25');
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    const types = (await store.duePending(new Date('2030-01-01'), 100)).map((p) => p.event.id).sort();
    expect(types).toEqual([
      'plan-review#c#2027-03-15#due',
      'plan-review#c#2027-03-15#overdue',
      'plan-review#c#2027-03-25#due',
    ]);
  });

  it('reminds no organisation whose key-figure report came in', async () => {
    const directory = new MemoryDirectory();
    await directory.putOrganisation({ id: 'k', name: 'K', type: 'municipality' });
    await directory.putOrganisation({ id: 'p', name: 'P', type: 'municipality' });
    const store = new MemoryNotificationStore();
    const service = new ReminderService({
      submissions: { list: async () => ({ items: [] }), get: async () => undefined },
      directory,
      store,
      keyFigureReports: {
        listByYear: async (year) => (year === 2026 ? [{ org: 'p' } as KeyFigureReport] : []),
      },
      now: () => new Date('2027-01-20T07:00:00Z'),
    });
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    const [item] = await store.duePending(new Date('2030-01-01'), 100);
    expect(item?.event.org).toBe('k');
  });

  it('reminds the coordinators of the key figures in January', async () => {
    const { store, service, setNow } = await setup([]);
    setNow('2027-01-20T07:00:00Z');
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    const [item] = await store.duePending(new Date('2030-01-01'), 100);
    expect(item?.event.audience).toEqual([{ kind: 'org-role', org: 'k', role: 'coordinator' }]);
  });

  it('tells the applicant side (members too) of the proof of use and the payment window, by file number', async () => {
    const { store, service, setNow } = await setup(
      [],
      [
        application('0001', '2027-04-30'),
        application('0002', '2027-04-30', { status: 'review' }),
        application('0003', '2026-06-30'),
      ],
    );
    setNow('2027-07-01T07:00:00Z');
    // First run: 0001's deadlines are announced; 0003's proof of use, long overdue, goes into one summary.
    expect(await service.run()).toEqual({ reminders: 2, summaries: 1 });
    const pending = await store.duePending(new Date('2030-01-01'), 100);
    const byType = Object.fromEntries(pending.map((p) => [p.event.type, p.event]));
    expect(byType['deadline.proof_of_use_due']).toMatchObject({
      reference: 'RPS-IM-2027-0001',
      dueDate: '2027-07-31',
      audience: [
        { kind: 'org-role', org: 'k', role: 'municipality' },
        { kind: 'org-role', org: 'n', role: 'municipality' },
      ],
    });
    expect(byType['deadline.payment_window_closing']?.dueDate).toBe('2027-07-31');
    expect(byType['deadline.overdue_summary']).toMatchObject({
      count: 1,
      audience: [{ kind: 'org-role', org: 'k', role: 'municipality' }],
    });
    expect(await service.run()).toEqual({ reminders: 0, summaries: 0 });
    setNow('2027-07-25T07:00:00Z');
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    setNow('2027-08-01T07:00:00Z');
    expect(await service.run()).toEqual({ reminders: 1, summaries: 0 });
    expect((await store.duePending(new Date('2030-01-01'), 100)).map((p) => p.event.id).sort()).toEqual([
      'overdue-summary#org:k#2027-07-01',
      'payment-window#0001#2027-07-31#due',
      'proof-of-use#0001#2027-07-31#due-30',
      'proof-of-use#0001#2027-07-31#due-7',
      'proof-of-use#0001#2027-07-31#overdue',
    ]);
  });

  it('stops reminding once the proof of use came in, and of the payment window once nothing is left', async () => {
    const done = application('0004', '2027-04-30', {
      followUp: {
        children: [
          {
            id: 'p1',
            formId: 'payment-request',
            status: 'approved',
            createdAt: '2027-02-01T00:00:00Z',
            amount: 90_000,
            paid: 90_000,
          },
          { id: 'u1', formId: 'proof-of-use', status: 'review', createdAt: '2027-06-01T00:00:00Z' },
        ],
      },
    });
    const { store, service, setNow } = await setup([], [done]);
    setNow('2027-07-25T07:00:00Z');
    expect(await service.run()).toEqual({ reminders: 0, summaries: 0 });
    expect(await store.duePending(new Date('2030-01-01'), 100)).toEqual([]);
  });

  it('names a plan in its reminders by the case number', async () => {
    const { store, service } = await setup([
      { ...plan('p', '2027-03-15'), indexed: { nextReviewDate: '2027-03-15', caseId: 'KI-7' } },
    ]);
    await service.run();
    const [item] = await store.duePending(new Date('2030-01-01'), 100);
    expect(item?.event.reference).toBe('KI-7');
  });
});
