/** The case file's next steps and timeline, pure: every state of an application and its follow-up records. */
import { describe, expect, it } from 'vitest';
import { caseTimeline } from '../../functions/core/case-timeline.ts';
import type { CaseDocument } from '../../functions/core/documents/issue.ts';
import type { Decision, FollowUpRef, HistoryEvent, Submission } from '../../functions/core/model.ts';
import { nextSteps, type RecordState } from '../../functions/core/next-steps.ts';

type App = Pick<Submission, 'status' | 'decision' | 'data' | 'followUp' | 'proposal'>;

/** Ready for retrieval on 2 March 2027 (a Tuesday); funded 2027–2028; 94,000 EUR approved. */
const decision = (over: Partial<Decision> = {}): Decision => ({
  requestedAmount: 94_000,
  approvedAmount: 94_000,
  fileNumber: 'RPS-IM-2026-0001',
  decisionDate: '2027-03-02',
  decidedBy: { sub: 'r1', name: 'Prüferin' },
  fundingStart: '2027-01-01',
  fundingEnd: '2028-12-31',
  finality: { readyAt: '2027-03-02T09:00:00.000Z' },
  ...over,
});

/** Notified on 5 March 2027: final from 6 April 2027 (one month, § 188 (2) BGB, 5 April is a Monday). */
const notified = (over: Partial<Decision> = {}) =>
  decision({
    notifiedAt: '2027-03-05',
    finalAt: '2027-04-06',
    finality: {
      readyAt: '2027-03-02T09:00:00.000Z',
      retrievedAt: '2027-03-04T10:00:00.000Z',
      notifiedBy: 'retrieval',
    },
    ...over,
  });

const app = (over: Partial<App> = {}, children: FollowUpRef[] = []): App => ({
  status: 'approved',
  data: { fundingPeriod: { start: '2027-01-01', end: '2028-12-31' } },
  decision: decision(),
  followUp: { children },
  ...over,
});

const ref = (id: string, formId: string, status: FollowUpRef['status'], over: Partial<FollowUpRef> = {}) => ({
  id,
  formId,
  status,
  createdAt: '2027-05-01T08:00:00.000Z',
  ...over,
});

const kinds = (steps: ReturnType<typeof nextSteps>) => steps.map((s) => s.kind);

describe('nextSteps before the decision', () => {
  it('a draft is submitted and a returned application resubmitted by the applicant', () => {
    expect(nextSteps(app({ status: 'draft', decision: undefined }), '2027-01-10')).toEqual([
      { kind: 'submit', by: 'applicant' },
    ]);
    expect(nextSteps(app({ status: 'revised', decision: undefined }), '2027-01-10')).toEqual([
      { kind: 'resubmit', by: 'applicant' },
    ]);
  });

  it('in review the authority decides; with a four-eyes proposal a second reviewer confirms', () => {
    expect(nextSteps(app({ status: 'review', decision: undefined }), '2027-01-10')).toEqual([
      { kind: 'decide', by: 'reviewer' },
    ]);
    const proposal = {
      action: 'approve' as const,
      proposedBy: { sub: 'r1', name: 'A' },
      proposedAt: '2027-01-09T10:00:00Z',
    };
    expect(nextSteps(app({ status: 'review', decision: undefined, proposal }), '2027-01-10')).toEqual([
      { kind: 'confirm-proposal', by: 'reviewer' },
    ]);
  });

  it('a withdrawn or revoked application has nothing left on the platform', () => {
    expect(nextSteps(app({ status: 'withdrawn', decision: undefined }), '2027-01-10')).toEqual([]);
    expect(nextSteps(app({ status: 'revoked', decision: notified() }), '2027-06-10')).toEqual([]);
  });
});

describe('nextSteps from the decision to its finality', () => {
  it('the applicant retrieves the decision within ten days of the notice (12 March 2027)', () => {
    const steps = nextSteps(app(), '2027-03-02');
    expect(steps[0]).toEqual({ kind: 'retrieve-decision', by: 'applicant', date: '2027-03-12' });
    // On the last day still the retrieval.
    expect(nextSteps(app(), '2027-03-12')[0]?.kind).toBe('retrieve-decision');
  });

  it('after the window unused, the authority notifies by post', () => {
    expect(nextSteps(app(), '2027-03-13')[0]).toEqual({ kind: 'notify-by-post', by: 'reviewer' });
  });

  it('once notified the decision becomes final by itself on its date; funds wait for it', () => {
    const steps = nextSteps(app({ decision: notified() }), '2027-03-10');
    expect(steps[0]).toEqual({ kind: 'becomes-final', date: '2027-04-06' });
    expect(steps.find((s) => s.kind === 'call-funds')).toEqual({
      kind: 'call-funds',
      by: 'applicant',
      date: '2029-03-31',
      afterFinality: { from: '2027-04-06' },
    });
  });

  it('a finality not stored yet is computed from the notification', () => {
    const { finalAt: _drop, ...withoutFinalAt } = notified();
    expect(nextSteps(app({ decision: withoutFinalAt }), '2027-03-10')[0]).toEqual({
      kind: 'becomes-final',
      date: '2027-04-06',
    });
  });

  it('while an action runs the authority records its end; funds wait without a date', () => {
    const d = notified({
      finalAt: undefined,
      finality: { ...notified().finality!, actionFiledOn: '2027-03-20' },
    });
    const steps = nextSteps(app({ decision: d }), '2027-04-10');
    expect(steps[0]).toEqual({ kind: 'action-pending', by: 'reviewer' });
    expect(steps.find((s) => s.kind === 'call-funds')?.afterFinality).toEqual({});
  });

  it('a refusal has the finality steps and nothing after', () => {
    const refused = app({
      status: 'rejected',
      decision: decision({ outcome: 'rejected', approvedAmount: 0 }),
    });
    expect(kinds(nextSteps(refused, '2027-03-03'))).toEqual(['retrieve-decision']);
    const notifiedRefusal = app({
      status: 'rejected',
      decision: notified({ outcome: 'rejected', approvedAmount: 0 }),
    });
    expect(kinds(nextSteps(notifiedRefusal, '2027-03-10'))).toEqual(['becomes-final']);
    expect(nextSteps(notifiedRefusal, '2027-04-06')).toEqual([]);
  });
});

describe('nextSteps after the decision is final', () => {
  const today = '2027-06-01';

  it('funds may be called until three months after the funding period, the proof of use is due then', () => {
    expect(nextSteps(app({ decision: notified() }), today)).toEqual([
      { kind: 'call-funds', by: 'applicant', date: '2029-03-31' },
      { kind: 'proof-of-use', by: 'applicant', date: '2029-03-31' },
    ]);
  });

  it('no call when nothing is available any more, or after the payment window', () => {
    const all = app({ decision: notified() }, [ref('p1', 'payment-request', 'approved', { amount: 94_000 })]);
    expect(kinds(nextSteps(all, today))).not.toContain('call-funds');
    expect(kinds(nextSteps(app({ decision: notified() }), '2029-04-01'))).toEqual(['proof-of-use']);
  });

  it('the proof of use is overdue after its date', () => {
    expect(nextSteps(app({ decision: notified() }), '2029-04-01')).toEqual([
      { kind: 'proof-of-use', by: 'applicant', date: '2029-03-31', overdue: true },
    ]);
  });

  it('an interim proof does not settle the final one; a final one (or one of unknown kind) does', () => {
    const children = [ref('n1', 'proof-of-use', 'approved')];
    const interim: RecordState[] = [{ ...children[0]!, proofKind: 'interim' }];
    const final: RecordState[] = [{ ...children[0]!, proofKind: 'final' }];
    const a = app({ decision: notified() }, children);
    expect(kinds(nextSteps(a, today, interim))).toContain('proof-of-use');
    expect(kinds(nextSteps(a, today, final))).not.toContain('proof-of-use');
    expect(kinds(nextSteps(a, today))).not.toContain('proof-of-use');
    // A proof still in draft has not come in.
    const draft: RecordState[] = [{ ...children[0]!, status: 'draft', proofKind: 'final' }];
    expect(kinds(nextSteps(a, today, draft))).toContain('proof-of-use');
  });

  it('records: drafts to submit, reviews for the authority, released payments to pay out', () => {
    const children = [
      ref('p1', 'payment-request', 'approved', { amount: 10_000, paid: 10_000, paidOn: '2027-05-10' }),
      ref('p2', 'payment-request', 'approved', { amount: 5_000 }),
      ref('p3', 'payment-request', 'review', { amount: 5_000 }),
      ref('c1', 'change-notice', 'review'),
      ref('c2', 'change-notice', 'revised'),
      ref('n1', 'proof-of-use', 'draft'),
      ref('p4', 'payment-request', 'rejected', { amount: 1_000 }),
    ];
    const steps = nextSteps(app({ decision: notified() }, children), today);
    expect(steps.slice(0, 5)).toEqual([
      { kind: 'record-payout', by: 'reviewer', record: { id: 'p2', formId: 'payment-request' } },
      { kind: 'review-record', by: 'reviewer', record: { id: 'p3', formId: 'payment-request' } },
      { kind: 'review-record', by: 'reviewer', record: { id: 'c1', formId: 'change-notice' } },
      { kind: 'submit-record', by: 'applicant', record: { id: 'c2', formId: 'change-notice' } },
      { kind: 'submit-record', by: 'applicant', record: { id: 'n1', formId: 'proof-of-use' } },
    ]);
    // 94,000 − 20,000 requested (the refused request not counted): still available.
    expect(kinds(steps.slice(5))).toEqual(['call-funds', 'proof-of-use']);
  });

  it('an approved application without a funding period names no dates', () => {
    expect(nextSteps(app({ decision: notified({ fundingEnd: undefined }), data: {} }), today)).toEqual([]);
  });
});

describe('caseTimeline', () => {
  const actor = { sub: 'u', name: 'Kommune' };
  const event = (version: number, at: string, over: Partial<HistoryEvent> = {}): HistoryEvent => ({
    submissionId: 'a1',
    version,
    type: 'transition',
    at,
    actor,
    role: 'municipality',
    ...over,
  });
  const doc = (id: string, kind: CaseDocument['kind'], issuedAt: string, version: number) =>
    ({
      id,
      submissionId: 'a1',
      kind,
      title: kind,
      issuedAt,
      revision: 1,
      version,
      state: 'ready',
    }) as CaseDocument;

  it('merges history, records, documents, notification, finality and payouts in order without working steps', () => {
    const entries = caseTimeline({
      history: [
        event(1, '2027-01-05T08:00:00Z', { type: 'created' }),
        event(2, '2027-01-05T09:00:00Z', { type: 'saved' }),
        event(3, '2027-01-06T09:00:00Z', { action: 'submit', to: 'review' }),
        event(4, '2027-03-02T09:00:00Z', {
          action: 'approve',
          to: 'approved',
          role: 'reviewer',
          actor: { sub: 'r', name: 'RP' },
        }),
      ],
      records: [
        {
          id: 'p1',
          formId: 'payment-request',
          history: [
            event(1, '2027-05-01T08:00:00Z', { submissionId: 'p1', type: 'created' }),
            event(2, '2027-05-02T08:00:00Z', { submissionId: 'p1', type: 'payout', comment: '10 EUR' }),
          ],
        },
      ],
      documents: [
        doc('d1', 'receipt', '2027-01-06T09:00:00Z', 3),
        doc('d2', 'decision', '2027-03-02T09:00:00Z', 4),
      ],
      decision: notified(),
      payouts: [{ id: 'p1', formId: 'payment-request', amount: 10_000, paidOn: '2027-05-10' }],
      today: '2027-06-01',
    });
    expect(entries.map((e) => (e.kind === 'event' ? `${e.type}:${e.action ?? ''}` : e.kind))).toEqual([
      'created:',
      'transition:submit',
      'document',
      'transition:approve',
      'document',
      'notified',
      'final',
      'created:',
      'paid',
    ]);
    expect(entries.at(-2)).toMatchObject({ record: { id: 'p1', formId: 'payment-request' } });
    expect(entries.at(-1)).toEqual({
      kind: 'paid',
      at: '2027-05-10',
      amount: 10_000,
      record: { id: 'p1', formId: 'payment-request' },
    });
  });

  it('puts each document right after the change that issued it, also at the same instant', () => {
    const at = '2027-01-06T09:00:00Z';
    const entries = caseTimeline({
      history: [
        event(4, at, { action: 'approve', to: 'approved' }),
        event(3, at, { action: 'submit', to: 'review' }),
      ],
      records: [],
      documents: [doc('d2', 'decision', at, 4), doc('d1', 'receipt', at, 3)],
      payouts: [],
      today: '2027-06-01',
    });
    expect(
      entries.map((e) => (e.kind === 'document' ? e.document.id : e.kind === 'event' ? e.action : '')),
    ).toEqual(['submit', 'd1', 'approve', 'd2']);
  });

  it('lists a dated fact after the steps of its day: the waiver, then the finality it brings', () => {
    const entries = caseTimeline({
      history: [
        event(5, '2027-03-06T08:00:00Z', {
          type: 'finality',
          finality: { step: 'remedy_waived', date: '2027-03-06' },
        }),
      ],
      records: [],
      documents: [],
      decision: notified({ finalAt: '2027-03-06' }),
      payouts: [],
      today: '2027-06-01',
    });
    expect(entries.map((e) => e.kind)).toEqual(['notified', 'event', 'final']);
  });

  it('shows finality only once it is reached', () => {
    const entries = caseTimeline({
      history: [],
      records: [],
      documents: [],
      decision: notified(),
      payouts: [],
      today: '2027-04-05',
    });
    expect(entries.map((e) => e.kind)).toEqual(['notified']);
  });
});
