import { describe, expect, it } from 'vitest';
import type { HistoryEvent, Submission } from '#core/model';
import { outboxEventFor } from '#core/notifications';

const child = (formId: string, over: Partial<Submission> = {}): Submission => ({
  id: '01CHILD000000000000000000A',
  formId,
  formVersion: 1,
  kind: 'funding',
  status: 'approved',
  version: 4,
  revision: 1,
  approvedRevision: 1,
  amending: false,
  data: {},
  org: 'plochingen',
  members: ['plochingen', 'notzingen'],
  parentId: '01PARENT00000000000000000A',
  fileNumber: 'RPS-IM-2026-0007',
  createdBy: 'u-1',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
  indexed: {},
  ...over,
});
const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
  submissionId: '01CHILD000000000000000000A',
  version: 4,
  type: 'transition',
  at: '2026-11-02T10:00:00Z',
  actor: { sub: 'u-r', name: 'Prüferin' },
  role: 'reviewer',
  ...over,
});
const applicantSide = [
  { kind: 'org-role', org: 'plochingen', role: 'municipality' },
  { kind: 'org-role', org: 'notzingen', role: 'municipality' },
];

describe('notifications of follow-up records', () => {
  it('say what happened to a payment request, change notice or proof of use, under the file number', () => {
    const cases: Array<[Submission, Partial<HistoryEvent>, string]> = [
      [child('payment-request'), { action: 'approve', to: 'approved' }, 'payment.released'],
      [child('payment-request'), { type: 'payout' }, 'payment.paid'],
      [child('change-notice'), { action: 'approve', to: 'approved' }, 'change.decided'],
      [child('proof-of-use'), { action: 'approve', to: 'approved' }, 'proof.accepted'],
      [
        child('proof-of-use', { status: 'revised' }),
        { action: 'return', to: 'revised' },
        'followup.returned',
      ],
      [
        child('payment-request', { status: 'rejected' }),
        { action: 'reject', to: 'rejected' },
        'followup.refused',
      ],
    ];
    for (const [sub, e, type] of cases) {
      const out = outboxEventFor({ submission: sub, event: event(e) });
      expect(out?.type, `${sub.formId} ${e.action ?? e.type}`).toBe(type);
      expect(out?.audience).toEqual(applicantSide);
      expect(out?.reference).toBe('RPS-IM-2026-0007');
    }
  });

  it('tell of a repayment claim rather than a plain acceptance', () => {
    const claimed = child('proof-of-use', {
      result: {
        claim: {
          principal: 4_000,
          interest: 120,
          total: 4_120,
          proposed: { principal: 4_000, interest: 120 },
        },
      },
    } as Partial<Submission>);
    expect(
      outboxEventFor({ submission: claimed, event: event({ action: 'approve', to: 'approved' }) })?.type,
    ).toBe('repayment.claimed');
  });

  it('go to the reviewers when filed, never as a new funding application', () => {
    const filed = outboxEventFor({
      submission: child('payment-request', { status: 'review' }),
      event: event({ action: 'submit', to: 'review', role: 'municipality' }),
    });
    expect(filed).toMatchObject({ type: 'followup.submitted', audience: [{ kind: 'reviewers' }] });
  });
});
