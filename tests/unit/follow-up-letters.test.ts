/**
 * The letters that follow a decision, as pure data: the amended decision's positions (old → new, adding up to
 * the totals), the claim that follows a revocation (per payout, with interest), and both letters' blocks.
 */
import { describe, expect, it } from 'vitest';
import type { FundingRound } from '../../functions/core/allocation-rules.ts';
import type { AmendmentContent, ClaimContent } from '../../functions/core/documents/follow-up-letters.ts';
import { letterTexts } from '../../functions/core/documents/letter-texts.ts';
import { buildLetter, type LetterInput } from '../../functions/core/documents/letters.ts';
import {
  amendmentLines,
  applyChange,
  financeSummary,
  positionsOf,
  revocationClaim,
} from '../../functions/core/follow-up.ts';
import type { AmendedPosition, Submission } from '../../functions/core/model.ts';

const round = { id: '2017-2018', rates: { secondary: 51_000, master: 51_000 } } as unknown as FundingRound;

const data = {
  applicant: { kind: 'municipality', name: 'Wendlingen am Neckar' },
  positions: [
    {
      id: 'p1',
      personName: 'Sara Muster',
      qualification: 'secondary',
      fte: 0.5,
      startDate: '2017-11-01',
      months: 24,
    },
    {
      id: 'p2',
      personName: 'Eva Beispiel',
      qualification: 'master',
      fte: 1,
      startDate: '2017-11-01',
      months: 12,
    },
  ],
};

describe('the amended decision, per position', () => {
  const before = positionsOf({ data } as Pick<Submission, 'data' | 'followUp'>);

  it('splits the totals by entitlement, in whole euros adding up exactly, and shows months and FTE', () => {
    // p1: 0.5 × 51,000 × 2 = 51,000; p2: 51,000. From March 2018 p1 is full time: 4 × 0.5 + 20 × 1.0 months.
    const after = applyChange(before, {
      positionId: 'p1',
      type: 'fte-change',
      effectiveFrom: '2018-03-01',
      fte: 1,
    });
    if (!Array.isArray(after)) throw new Error(after.message);
    const lines = amendmentLines(before, after, round, 100_001, 140_000);
    expect(lines.map((l) => l.before.amount)).toEqual([50_001, 50_000]);
    expect(lines.reduce((s, l) => s + l.after.amount, 0)).toBe(140_000);
    expect(lines[0]).toMatchObject({
      id: 'p1',
      personName: 'Sara Muster',
      before: { months: 24, fte: [0.5] },
      after: { months: 24, fte: [0.5, 1] },
    });
    expect(lines[1]).toMatchObject({ before: { months: 12, fte: [1] }, after: { months: 12, fte: [1] } });
  });

  it('names everyone a position funds after a staff change', () => {
    const changed = applyChange(before, {
      positionId: 'p1',
      type: 'staff-change',
      effectiveFrom: '2018-06-01',
      personName: 'Jonas Neu',
      qualification: 'secondary',
    }) as AmendedPosition[];
    expect(amendmentLines(before, changed, round, 102_000, 102_000)[0]?.personName).toBe(
      'Sara Muster / Jonas Neu',
    );
  });

  it('counts a vacancy out of the months; a position ended early keeps its name', () => {
    const vacant = applyChange(before, {
      positionId: 'p2',
      type: 'vacancy',
      effectiveFrom: '2018-01-01',
      until: '2018-03-31',
    }) as AmendedPosition[];
    const lines = amendmentLines(before, vacant, round, 102_000, 89_250);
    expect(lines[1]).toMatchObject({
      personName: 'Eva Beispiel',
      before: { months: 12, amount: 51_000 },
      after: { months: 9, amount: 38_250 },
    });
    expect(lines[0]?.after.amount).toBe(51_000);
  });
});

describe('the claim that follows a revocation', () => {
  const rule = { percentagePointsAboveBase: 5, baseRatePercent: 1.27 };
  const parent = (children: Array<Record<string, unknown>>): Pick<Submission, 'decision' | 'followUp'> => ({
    decision: { approvedAmount: 51_000 } as Submission['decision'],
    followUp: { children: children as never },
  });

  it('reclaims what was paid and not reclaimed, with interest on each payout from its own day', () => {
    const claim = revocationClaim(
      parent([
        {
          id: 'a',
          formId: 'payment-request',
          status: 'approved',
          amount: 20_000,
          paid: 20_000,
          paidOn: '2018-03-01',
        },
        {
          id: 'b',
          formId: 'payment-request',
          status: 'approved',
          amount: 10_000,
          paid: 10_000,
          paidOn: '2018-01-01',
        },
        { id: 'c', formId: 'proof-of-use', status: 'approved', reclaimed: 6_000 },
      ]),
      rule,
      '2018-12-31',
    );
    // 24,000 outstanding, split 2 : 1 over the payouts (earliest first).
    expect(claim?.payouts).toEqual([
      { paidOn: '2018-01-01', amount: 8_000, interest: Math.round((8_000 * 6.27 * 364) / 36_500) },
      { paidOn: '2018-03-01', amount: 16_000, interest: Math.round((16_000 * 6.27 * 305) / 36_500) },
    ]);
    expect(claim).toMatchObject({ principal: 24_000, ratePercent: 6.27 });
    expect(claim?.total).toBe(24_000 + (claim?.interest ?? 0));
  });

  it('is none where nothing was paid out; once raised the finance summary counts it as reclaimed', () => {
    expect(revocationClaim(parent([]), rule, '2018-12-31')).toBeUndefined();
    const revoked = {
      decision: {
        approvedAmount: 51_000,
        revocation: {
          reason: 'x',
          date: '2018-12-31',
          by: { sub: 'r', name: 'R' },
          claim: { principal: 5_000, interest: 10, total: 5_010 },
        },
      } as Submission['decision'],
      followUp: {
        children: [
          { id: 'a', formId: 'payment-request', status: 'approved' as const, createdAt: '', paid: 5_000 },
        ],
      },
    };
    expect(financeSummary(revoked)).toMatchObject({ paid: 5_000, reclaimed: 5_000 });
  });
});

const input = (overrides: Partial<LetterInput>): LetterInput => ({
  kind: 'amended-decision',
  fileNumber: 'RPS-IM-2017-0042',
  issuedOn: '2018-06-01',
  submittedOn: '2017-10-01',
  revision: { n: 1, data, sha256: 'a'.repeat(64) },
  round: { id: '2017-2018', title: 'Integrationsmanagement 2017–2018' },
  texts: letterTexts(),
  ...overrides,
});
const text = (overrides: Partial<LetterInput>) => JSON.stringify(buildLetter(input(overrides)));

describe('the letters', () => {
  const amendment: AmendmentContent = {
    kind: 'amended-decision',
    noticeId: 'n1',
    noticeSubmittedOn: '2018-05-20',
    decisionDate: '2017-12-01',
    from: 102_000,
    to: 89_250,
    fundingStart: '2017-11-01',
    fundingEnd: '2019-10-31',
    positions: [
      {
        id: 'p1',
        personName: 'Sara Muster',
        before: { months: 24, fte: [0.5], amount: 51_000 },
        after: { months: 24, fte: [0.5], amount: 51_000 },
      },
      {
        id: 'p2',
        personName: 'Eva Beispiel',
        before: { months: 12, fte: [1], amount: 51_000 },
        after: { months: 9, fte: [1], amount: 38_250 },
      },
    ],
    by: 'Dr. Katrin Brandt',
  };

  it('the amended decision names the file number, the original decision, each changed position and the totals', () => {
    const letter = buildLetter(input({ content: amendment }));
    expect(letter.title).toBe('Änderungsbescheid RPS-IM-2017-0042');
    const all = JSON.stringify(letter.blocks);
    for (const expected of [
      'Zuwendungsbescheid vom 1. Dezember 2017',
      'Änderungsanzeige vom 20. Mai 2018',
      '102.000 EUR',
      '89.250 EUR',
      '−12.750 EUR',
      '2. Eva Beispiel',
      '12 → 9',
      '51.000 EUR',
      '38.250 EUR',
      '1. November 2017 bis 31. Oktober 2019',
      'Rechtsbehelfsbelehrung',
      'Dr. Katrin Brandt, Regierungspräsidium Stuttgart',
      'von der Rechtsabteilung',
    ])
      expect(all).toContain(expected);
    // Only the positions that changed are listed; a reduction says what was paid too much is reclaimed.
    expect(all).not.toContain('1. Sara Muster');
    expect(all).toContain('gesonderter Rückforderungsbescheid');
    expect(text({ content: { ...amendment, to: 110_000 } })).not.toContain(
      'gesonderter Rückforderungsbescheid',
    );
  });

  it('the repayment claim states positions, interest with rate and period, total, due date and payment', () => {
    const claim: ClaimContent = {
      kind: 'repayment-claim',
      ground: 'proof-of-use',
      decisionDate: '2017-12-01',
      proofSubmittedOn: '2020-01-15',
      period: { from: '2017-11-01', to: '2019-10-31' },
      positions: [
        { id: 'p1', personName: 'Sara Muster', fundedMonths: 24, filledMonths: 18, amount: 12_750 },
      ],
      principal: 10_000,
      interest: 1_234,
      total: 11_234,
      proposed: { principal: 12_750, interest: 1_500 },
      reason: 'Zwei Monate waren durch Vertretung besetzt.',
      ratePercent: 6.27,
      baseRatePercent: 1.27,
      percentagePointsAboveBase: 5,
      interestFrom: '2017-11-15',
      interestTo: '2020-02-01',
      dueOn: '2020-03-01',
    };
    const all = text({ kind: 'repayment-claim', content: claim });
    for (const expected of [
      'Rückforderungsbescheid',
      'Verwendungsnachweises vom 15. Januar 2020',
      '1. Sara Muster',
      '12.750 EUR',
      '10.000 EUR',
      '1.234 EUR',
      '11.234 EUR',
      '6,27',
      '1,27',
      '15. November 2017',
      '1. Februar 2020',
      '1. März 2020',
      'RPS-IM-2017-0042 Rückforderung',
      'Landesoberkasse Baden-Württemberg',
      'Zwei Monate waren durch Vertretung besetzt.',
      'Berechneter Betrag',
      'Rechtsbehelfsbelehrung',
    ])
      expect(all).toContain(expected);
    const revoked = text({
      kind: 'repayment-claim',
      content: {
        ...claim,
        ground: 'revocation',
        revocationDate: '2020-02-01',
        positions: undefined,
        payouts: [{ paidOn: '2018-01-05', amount: 10_000, interest: 1_234 }],
        proposed: undefined,
      },
    });
    expect(revoked).toContain('mit Bescheid vom 1. Februar 2020 wurde der Zuwendungsbescheid');
    expect(revoked).toContain('5. Januar 2018');
    expect(revoked).not.toContain('Berechneter Betrag');
  });

  it('refuses to print a follow-up letter without what it states', () => {
    expect(() => buildLetter(input({}))).toThrow();
    expect(() => buildLetter(input({ kind: 'repayment-claim', content: amendment }))).toThrow();
  });
});
