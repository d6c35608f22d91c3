/** The follow-up rules of a funding application, pure: available amount, deadlines, recompute, repayment. */
import { describe, expect, it } from 'vitest';
import roundFile from '../../forms/funding-application/rounds/2017-2018.json' with { type: 'json' };
import { type FundingRound, parseFundingRound } from '../../functions/core/allocation-rules.ts';
import {
  applyChange,
  bankAccountChanged,
  entitlementOf,
  financeSummary,
  monthIndex,
  paymentRequestRefusal,
  positionsOf,
  prefill,
  proposeRepayment,
  recomputeEntitlement,
  repaymentInterest,
  startableForms,
  startRefusal,
} from '../../functions/core/follow-up.ts';
import type { FollowUpRef, Submission } from '../../functions/core/model.ts';

const round: FundingRound = {
  ...parseFundingRound(roundFile),
  rates: { secondary: 51_000, bachelor: 60_000, master: 60_000 },
};

type Parent = Pick<Submission, 'formId' | 'status' | 'decision' | 'data' | 'followUp'>;

/** An approved application: one half position for 24 months from November 2017 (51,000 EUR). */
function application(overrides: Partial<Parent> = {}, children: FollowUpRef[] = []): Parent {
  return {
    formId: 'funding-application',
    status: 'approved',
    data: {
      round: '2017-2018',
      applicant: { bankAccount: { accountHolder: 'Stadtkasse', iban: 'DE89 3704 0044 0532 0130 00' } },
      fundingPeriod: { start: '2017-11-01', end: '2019-10-31' },
      positions: [
        {
          id: 'p1',
          personName: 'Sara',
          qualification: 'secondary',
          fte: 0.5,
          startDate: '2017-11-01',
          months: 24,
        },
      ],
    },
    decision: {
      requestedAmount: 51_000,
      approvedAmount: 51_000,
      fileNumber: 'IM-1',
      decisionDate: '2017-10-15',
      decidedBy: { sub: 'r', name: 'R' },
      finalAt: '2017-11-16',
    },
    followUp: { children },
    ...overrides,
  };
}

const payment = (
  id: string,
  status: FollowUpRef['status'],
  amount: number,
  extra: Partial<FollowUpRef> = {},
) =>
  ({
    id,
    formId: 'payment-request',
    status,
    createdAt: '2018-01-01T00:00:00Z',
    amount,
    ...extra,
  }) as FollowUpRef;

describe('the finance summary', () => {
  it('counts payment requests from their submit on, never drafts or returned ones', () => {
    const parent = application({}, [
      payment('a', 'approved', 10_000, { paid: 10_000, paidOn: '2018-01-10' }),
      payment('b', 'review', 5_000),
      payment('c', 'draft', 7_000),
      payment('d', 'revised', 3_000),
      { id: 'e', formId: 'proof-of-use', status: 'approved', createdAt: '2019-01-01', reclaimed: 1_200 },
    ]);
    expect(financeSummary(parent)).toEqual({
      approved: 51_000,
      requested: 15_000,
      paid: 10_000,
      reclaimed: 1_200,
      available: 36_000,
    });
  });

  it('takes the approval as amended by change notices', () => {
    const parent = application({
      followUp: { children: [payment('a', 'review', 1_000)], approvedAmount: 44_625 },
    });
    expect(financeSummary(parent)).toMatchObject({ approved: 44_625, available: 43_625 });
  });
});

describe('starting a follow-up record', () => {
  it('lets funds be called only once the decision is final', () => {
    const notFinal = application();
    notFinal.decision = { ...notFinal.decision!, finalAt: '2017-12-01' };
    expect(startRefusal('payment-request', notFinal, '2017-11-30')?.code).toBe('followUp.decision_not_final');
    expect(startRefusal('payment-request', notFinal, '2017-12-01')).toBeUndefined();
    const { finalAt: _none, ...withoutFinality } = notFinal.decision;
    expect(
      startRefusal('payment-request', { ...notFinal, decision: withoutFinality }, '2030-01-01')?.code,
    ).toBe('followUp.decision_not_final');
  });

  it('lets funds be called until three months after the funding period, not a day longer', () => {
    expect(startRefusal('payment-request', application(), '2020-01-31')).toBeUndefined();
    expect(startRefusal('payment-request', application(), '2020-02-01')?.code).toBe('followUp.period_ended');
    // The period as decided counts over the one applied for.
    const decided = application();
    decided.decision = { ...decided.decision!, fundingEnd: '2019-06-30' };
    expect(startRefusal('payment-request', decided, '2019-10-01')?.code).toBe('followUp.period_ended');
  });

  it('allows change notices and proofs of use on an approved application only', () => {
    for (const status of ['draft', 'review', 'revised'] as const) {
      expect(startRefusal('change-notice', application({ status }), '2018-01-01')?.code).toBe(
        'followUp.not_approved',
      );
      expect(startRefusal('proof-of-use', application({ status }), '2018-01-01')?.code).toBe(
        'followUp.not_approved',
      );
    }
    const { decision: _d, ...undecided } = application();
    expect(startRefusal('change-notice', undecided, '2018-01-01')?.code).toBe('followUp.not_approved');
    expect(startableForms(application(), '2018-01-01')).toEqual([
      'payment-request',
      'change-notice',
      'proof-of-use',
    ]);
    expect(startableForms(application(), '2021-01-01')).toEqual(['change-notice', 'proof-of-use']);
    expect(startRefusal('funding-application', application(), '2018-01-01')?.code).toBe(
      'followUp.not_a_follow_up',
    );
  });

  it('prefills the round and, for payment requests, the bank account', () => {
    expect(prefill('payment-request', application().data)).toEqual({
      round: '2017-2018',
      bankAccount: { accountHolder: 'Stadtkasse', iban: 'DE89 3704 0044 0532 0130 00' },
    });
    expect(prefill('change-notice', application().data)).toEqual({ round: '2017-2018' });
  });

  it('prefills a proof of use with one row per position, by its identifier and funded FTE', () => {
    expect(prefill('proof-of-use', application().data)).toEqual({
      round: '2017-2018',
      positions: [{ positionId: 'p1', fte: 0.5 }],
    });
    expect(prefill('proof-of-use', { round: '2017-2018', positions: [{ fte: 1 }] })).toEqual({
      round: '2017-2018',
    });
  });
});

describe('a payment request', () => {
  const request = (amount: number, from = '2018-01-01', to = '2018-02-28') => ({
    id: 'new',
    amount,
    period: { from, to },
  });

  it('may ask for at most what is available, its own earlier amount not counted', () => {
    const parent = application({}, [payment('a', 'approved', 40_000), payment('new', 'review', 11_000)]);
    expect(paymentRequestRefusal(parent, request(11_000), '2018-01-05')).toBeUndefined();
    expect(paymentRequestRefusal(parent, request(11_001), '2018-01-05')?.code).toBe(
      'paymentRequest.exceeds_available',
    );
  });

  it('is made in time but may be released after the deadline', () => {
    expect(paymentRequestRefusal(application(), request(100), '2020-02-01')?.code).toBe(
      'followUp.period_ended',
    );
    expect(paymentRequestRefusal(application(), request(100), '2020-02-01', false)).toBeUndefined();
  });

  it('asks for a period within the funding period', () => {
    expect(paymentRequestRefusal(application(), request(100, '2017-10-01'), '2018-01-05')?.code).toBe(
      'paymentRequest.period_outside',
    );
    expect(
      paymentRequestRefusal(application(), request(100, '2019-10-01', '2019-11-30'), '2018-01-05')?.code,
    ).toBe('paymentRequest.period_outside');
    expect(
      paymentRequestRefusal(application(), request(100, '2018-03-01', '2018-02-01'), '2018-01-05')?.code,
    ).toBe('paymentRequest.period_outside');
  });

  it('notices another bank account by its IBAN, whatever its spacing', () => {
    const app = application().data;
    expect(bankAccountChanged(app, { bankAccount: { iban: 'de89370400440532013000' } })).toBe(false);
    expect(bankAccountChanged(app, { bankAccount: { iban: 'DE02120300000000202051' } })).toBe(true);
  });
});

describe('a change notice', () => {
  const parent = application();

  it('counts months from the position start', () => {
    expect(monthIndex('2017-11-01', '2017-11-30')).toBe(0);
    expect(monthIndex('2017-11-01', '2018-03-01')).toBe(4);
  });

  it('leaves the entitlement as it was without changes', () => {
    expect(entitlementOf(positionsOf(parent), round)).toBe(51_000);
  });

  it('takes a vacancy of three months out: 0.5 × 51,000 × 3 / 12 less', () => {
    const r = recomputeEntitlement(
      parent,
      [{ positionId: 'p1', type: 'vacancy', effectiveFrom: '2018-03-01', until: '2018-05-31' }],
      round,
    );
    expect(r).toMatchObject({ before: 51_000, after: 44_625, approvedBefore: 51_000, approvedAfter: 44_625 });
  });

  it('moves the approval in proportion where less than the entitlement was approved', () => {
    const partial = application();
    partial.decision = { ...partial.decision!, approvedAmount: 40_800 };
    const r = recomputeEntitlement(
      partial,
      [{ positionId: 'p1', type: 'end-of-employment', effectiveFrom: '2018-10-31' }],
      round,
    );
    // 12 months funded of 24: half the entitlement, and half the approval.
    expect(r).toMatchObject({ before: 51_000, after: 25_500, approvedAfter: 20_400 });
  });

  it('funds a staff change to a higher tier at its rate from the change on', () => {
    const r = recomputeEntitlement(
      parent,
      [
        {
          positionId: 'p1',
          type: 'staff-change',
          effectiveFrom: '2018-11-01',
          personName: 'Alex',
          qualification: 'master',
        },
      ],
      round,
    );
    // 12 months at 51,000 and 12 at 60,000, half time.
    // The approval follows (the frames are debited by the difference when the notice is approved).
    expect(r).toMatchObject({ after: 55_500, approvedAfter: 55_500 });
    if ('positions' in r) expect(r.positions[0]?.segments.map((s) => s.personName)).toEqual(['Sara', 'Alex']);
  });

  it('changes the FTE from its month on', () => {
    const r = recomputeEntitlement(
      parent,
      [{ positionId: 'p1', type: 'fte-change', effectiveFrom: '2018-11-01', fte: 0.25 }],
      round,
    );
    expect(r).toMatchObject({ after: 25_500 + 12_750, approvedAfter: 38_250 });
  });

  it('extends the position for an interruption of salary payments, the amount unchanged', () => {
    const next = applyChange(positionsOf(parent), {
      positionId: 'p1',
      type: 'salary-interruption',
      effectiveFrom: '2018-02-01',
      until: '2018-03-31',
    });
    if (!Array.isArray(next)) throw new Error(next.code);
    expect(next[0]?.months).toBe(26);
    expect(entitlementOf(next, round)).toBe(51_000);
  });

  it('refuses a change of a position the application does not fund', () => {
    const r = recomputeEntitlement(
      parent,
      [{ positionId: 'nope', type: 'vacancy', effectiveFrom: '2018-03-01', until: '2018-04-30' }],
      round,
    );
    expect(r).toMatchObject({ code: 'changeNotice.unknown_position' });
  });
});

describe('a repayment claim', () => {
  it('computes interest by actual days over 365', () => {
    // 6.27 % a year on 10,000 EUR for 365 days.
    expect(repaymentInterest(10_000, 6.27, '2019-01-01', '2020-01-01')).toBe(627);
    expect(repaymentInterest(10_000, 6.27, '2019-01-01', '2019-01-01')).toBe(0);
  });

  it('proposes the unfilled months of the period, at most what was paid, with interest from the first payout', () => {
    const parent = application({}, [
      payment('a', 'approved', 30_000, { paid: 30_000, paidOn: '2018-01-10' }),
      payment('b', 'approved', 21_000, { paid: 21_000, paidOn: '2019-01-10' }),
    ]);
    const proposal = proposeRepayment({
      parent,
      proof: {
        period: { from: '2017-11-01', to: '2019-10-31' },
        positions: [{ positionId: 'p1', monthsFilled: 20 }],
      },
      round,
      rule: { percentagePointsAboveBase: 5, baseRatePercent: 1.27 },
      today: '2020-01-10',
    });
    // 4 of 24 months unfilled: 51,000 × 4 / 24.
    expect(proposal.positions).toEqual([
      { positionId: 'p1', fundedMonths: 24, filledMonths: 20, amount: 8_500 },
    ]);
    expect(proposal.principal).toBe(8_500);
    expect(proposal.ratePercent).toBeCloseTo(6.27);
    expect(proposal.interestFrom).toBe('2018-01-10');
    expect(proposal.interest).toBe(repaymentInterest(8_500, 6.27, '2018-01-10', '2020-01-10'));
    expect(proposal.total).toBe(proposal.principal + proposal.interest);
  });

  it('never claims more than was paid and not yet reclaimed', () => {
    const parent = application({}, [payment('a', 'approved', 2_000, { paid: 2_000, paidOn: '2018-01-10' })]);
    const proposal = proposeRepayment({
      parent,
      proof: { period: { from: '2017-11-01', to: '2019-10-31' }, positions: [] },
      round,
      rule: { percentagePointsAboveBase: 5, baseRatePercent: 0 },
      today: '2018-01-10',
    });
    expect(proposal).toMatchObject({ principal: 2_000, interest: 0 });
  });
});
