import { describe, expect, it } from 'vitest';
import roundFile from '../../forms/funding-application/rounds/2017-2018.json' with { type: 'json' };
import {
  checkFundingRules,
  combineFrames,
  computeBudget,
  effectiveFrame,
  type FrameInput,
  type FundingRound,
  fillPlanningFrame,
  findPlaceholderRates,
  isValidIban,
  parseFundingRound,
  positionAmount,
} from '../../functions/core/allocation-rules.ts';
import type { JsonObject } from '../../functions/core/model.ts';

const round: FundingRound = parseFundingRound(roundFile);

// Planning frames 2017–2018 from the state's published allocation data (Landkreis Esslingen).
const NOTZINGEN = { frame: 23_882, approved: 0 };
const KIRCHHEIM = { frame: 213_349, approved: 0 };

/** A small application; `overrides` replace top-level sections. */
function application(overrides: JsonObject = {}): JsonObject {
  return {
    round: '2017-2018',
    applicant: {
      kind: 'municipality',
      name: 'Notzingen',
      bankAccount: { accountHolder: 'Gemeindekasse Notzingen', iban: 'DE89370400440532013000' },
    },
    positions: [
      {
        personName: 'Miriam Beispiel',
        qualification: 'secondary',
        fte: 0.5,
        startDate: '2018-01-01',
        months: 24,
      },
    ],
    fundingPeriod: { start: '2018-01-01', end: '2019-12-31' },
    ...overrides,
  };
}

const jointWithKirchheim = (share?: number) =>
  application({
    joint: {
      isJoint: true,
      members: [
        {
          organisationId: 'kirchheim-unter-teck',
          name: 'Kirchheim unter Teck',
          ...(share === undefined ? {} : { share }),
        },
      ],
    },
  });
const notzingenWithKirchheim: FrameInput = { ...NOTZINGEN, members: { 'kirchheim-unter-teck': KIRCHHEIM } };

const codes = (data: JsonObject, r: FundingRound | undefined, frames: FrameInput) =>
  checkFundingRules(data, r, frames).map((b) => b.code);

describe('isValidIban', () => {
  it('accepts a valid IBAN, with or without spaces and in lower case', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('de89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
  });

  it('rejects an IBAN with one digit changed, swapped check digits or a bad format', () => {
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE98370400440532013000')).toBe(false);
    expect(isValidIban('DE8937040044')).toBe(false);
    expect(isValidIban('8937040044053201300012')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });
});

describe('positionAmount', () => {
  it('is FTE × rate × months / 12, in whole euros', () => {
    expect(positionAmount(0.5, 51_000, 24)).toBe(51_000);
    expect(positionAmount(1, 51_000, 24)).toBe(102_000);
    expect(positionAmount(0.25, 47_000, 12)).toBe(11_750);
  });

  it('computes decimal FTEs as on paper, not as in binary floating point', () => {
    // 0.6 × 51,000 × 24 / 12 is 61,200.000000000004 in plain floating point.
    expect(positionAmount(0.6, 51_000, 24)).toBe(61_200);
    expect(positionAmount(0.35, 51_000, 18)).toBe(26_775);
  });

  it('rounds half up to whole euros', () => {
    // 0.25 × 51,000 × 1 / 12 = 1,062.5
    expect(positionAmount(0.25, 51_000, 1)).toBe(1_063);
    // 0.45 × 47,000 × 5 / 12 = 8,812.5
    expect(positionAmount(0.45, 47_000, 5)).toBe(8_813);
  });

  it('refuses negative or non-finite input', () => {
    expect(() => positionAmount(-0.5, 51_000, 24)).toThrow(RangeError);
    expect(() => positionAmount(0.5, Number.NaN, 24)).toThrow(RangeError);
    expect(() => positionAmount(0.5, 51_000, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('computeBudget', () => {
  it('fills in every position amount and the total, overwriting what the client sent', () => {
    const input = application({
      positions: [
        { qualification: 'secondary', fte: 1, months: 24, requestedAmount: 1 },
        { qualification: 'secondary', fte: 0.35, months: 18 },
      ],
      budget: { requestedTotal: 999_999_999 },
    });
    const { data, totals } = computeBudget(input, round);
    expect(data.positions).toMatchObject([{ requestedAmount: 102_000 }, { requestedAmount: 26_775 }]);
    expect(data.budget).toEqual({ requestedTotal: 128_775 });
    expect(totals).toEqual({
      requestedTotal: 128_775,
      fteTotal: 1.35,
      positions: [
        { pointer: '/positions/0', amount: 102_000 },
        { pointer: '/positions/1', amount: 26_775 },
      ],
    });
  });

  it('does not change its input', () => {
    const input = application({ budget: { requestedTotal: 1 } });
    const before = structuredClone(input);
    computeBudget(input, round);
    expect(input).toEqual(before);
  });

  it('removes the amount of a position that cannot be computed yet and leaves it out of the total', () => {
    const input = application({
      positions: [
        { qualification: 'secondary', fte: 0.5, requestedAmount: 51_000 },
        { qualification: 'doctorate', fte: 0.5, months: 24, requestedAmount: 51_000 },
        { qualification: 'secondary', fte: 0.5, months: 24 },
      ],
    });
    const { data, totals } = computeBudget(input, round);
    const positions = data.positions as JsonObject[];
    expect(positions[0]).not.toHaveProperty('requestedAmount');
    expect(positions[1]).not.toHaveProperty('requestedAmount');
    expect(positions[2]).toHaveProperty('requestedAmount', 51_000);
    expect(totals.requestedTotal).toBe(51_000);
    expect(totals.positions.map((p) => p.amount)).toEqual([null, null, 51_000]);
  });

  it('reads the rate from the round, not from a constant', () => {
    const round2024: FundingRound = { ...round, id: '2024', rates: { secondary: 47_000 } };
    const { totals } = computeBudget(application({ round: '2024' }), round2024);
    expect(totals.requestedTotal).toBe(47_000);
  });

  it('gives a total of zero without positions', () => {
    const { data, totals } = computeBudget(application({ positions: [] }), round);
    expect(totals.requestedTotal).toBe(0);
    expect(data.budget).toEqual({ requestedTotal: 0 });
  });
});

describe('checkFundingRules: the worked example of Notzingen', () => {
  it('0.5 FTE for 24 months (51,000 EUR) exceeds Notzingen’s 23,882 EUR frame, which is also below the minimum', () => {
    const breaches = checkFundingRules(application(), round, NOTZINGEN);
    expect(breaches.map((b) => b.code).sort()).toEqual(['allocation.below_minimum', 'allocation.exceeded']);
    expect(breaches.find((b) => b.code === 'allocation.exceeded')).toEqual({
      code: 'allocation.exceeded',
      pointer: '/budget/requestedTotal',
      message: 'The requested total of 51,000 EUR exceeds the remaining planning frame of 23,882 EUR.',
      messageDe:
        'Die beantragte Zuwendung von 51.000 EUR übersteigt den verfügbaren Planungsrahmen von 23.882 EUR.',
    });
    expect(breaches.find((b) => b.code === 'allocation.below_minimum')?.pointer).toBe('/planningFrame/frame');
  });

  it('a joint application with Kirchheim unter Teck (213,349 EUR) neither exceeds nor falls below the minimum', () => {
    expect(checkFundingRules(jointWithKirchheim(27_118), round, notzingenWithKirchheim)).toEqual([]);
    expect(effectiveFrame(jointWithKirchheim(), notzingenWithKirchheim)).toEqual({
      frame: 237_231,
      approved: 0,
      remaining: 237_231,
    });
  });

  it('the same frames do not add up when the application is not joint', () => {
    expect(codes(application(), round, notzingenWithKirchheim)).toContain('allocation.below_minimum');
  });

  it('a joint application still needs the minimum when its frames together stay below it', () => {
    const bissingen = { frame: 16_718, approved: 0 };
    const data = application({
      joint: { isJoint: true, members: [{ organisationId: 'bissingen', name: 'Bissingen an der Teck' }] },
      positions: [{ qualification: 'secondary', fte: 0.25, months: 24 }],
    });
    const breaches = checkFundingRules(data, round, { ...NOTZINGEN, members: { bissingen } });
    expect(breaches.map((b) => b.code)).toEqual(['allocation.below_minimum']);
    expect(breaches[0]?.message).toMatch(/joint planning frame of 40,600 EUR/);
  });
});

describe('checkFundingRules', () => {
  const kirchheimAlone = (overrides: JsonObject = {}) =>
    application({ applicant: { kind: 'municipality', name: 'Kirchheim unter Teck' }, ...overrides });

  it('passes a sound application', () => {
    expect(checkFundingRules(kirchheimAlone(), round, KIRCHHEIM)).toEqual([]);
  });

  it('measures the total against what is left after earlier approvals', () => {
    // The application asks for 51,000 EUR.
    const exactlyEnoughLeft = { frame: 213_349, approved: 213_349 - 51_000 };
    expect(codes(kirchheimAlone(), round, exactlyEnoughLeft)).toEqual([]);
    const oneEuroShort = { frame: 213_349, approved: 213_349 - 50_999 };
    expect(codes(kirchheimAlone(), round, oneEuroShort)).toEqual(['allocation.exceeded']);
  });

  it('ignores the total the client sent and recomputes it', () => {
    const data = kirchheimAlone({
      positions: [{ qualification: 'secondary', fte: 1, months: 24, requestedAmount: 1 }],
      budget: { requestedTotal: 1 },
    });
    expect(codes(data, round, { frame: 100_000, approved: 0 })).toEqual(['allocation.exceeded']);
  });

  it('flags a position below the minimum FTE, with its pointer', () => {
    const data = kirchheimAlone({
      positions: [
        { qualification: 'secondary', fte: 0.5, months: 24 },
        { qualification: 'secondary', fte: 0.2, months: 24 },
      ],
    });
    const breaches = checkFundingRules(data, round, KIRCHHEIM);
    expect(breaches).toMatchObject([{ code: 'position.fte_too_small', pointer: '/positions/1/fte' }]);
    expect(breaches[0]?.messageDe).toBe('Eine Stelle muss mindestens 0,25 VZÄ umfassen.');
  });

  it('accepts exactly the minimum FTE and exactly the maximum months', () => {
    const data = kirchheimAlone({ positions: [{ qualification: 'secondary', fte: 0.25, months: 24 }] });
    expect(codes(data, round, KIRCHHEIM)).toEqual([]);
  });

  it('flags more months than the round allows', () => {
    const data = kirchheimAlone({ positions: [{ qualification: 'secondary', fte: 0.5, months: 25 }] });
    expect(checkFundingRules(data, round, KIRCHHEIM)).toMatchObject([
      { code: 'position.months_exceeded', pointer: '/positions/0/months' },
    ]);
    const longer: FundingRound = { ...round, maxMonths: 60 };
    expect(codes(data, longer, KIRCHHEIM)).toEqual([]);
  });

  it('flags a qualification tier the round has no rate for', () => {
    const data = kirchheimAlone({ positions: [{ qualification: 'constructor', fte: 0.5, months: 24 }] });
    expect(checkFundingRules(data, round, KIRCHHEIM)).toMatchObject([
      { code: 'position.rate_unknown', pointer: '/positions/0/qualification' },
    ]);
  });

  it('flags an invalid IBAN', () => {
    const data = kirchheimAlone({
      applicant: { kind: 'municipality', bankAccount: { iban: 'DE89370400440532013001' } },
    });
    expect(checkFundingRules(data, round, KIRCHHEIM)).toMatchObject([
      { code: 'bank.iban_invalid', pointer: '/applicant/bankAccount/iban' },
    ]);
  });

  it('flags an unknown round and skips the checks that need one', () => {
    const data = kirchheimAlone({
      round: '2031-2032',
      positions: [{ qualification: 'x', fte: 0.1, months: 99 }],
    });
    expect(codes(data, undefined, KIRCHHEIM)).toEqual(['round.unknown']);
    expect(codes(data, round, KIRCHHEIM)).toEqual(['round.unknown']);
  });

  it('flags a funding period that ends before it starts', () => {
    const data = kirchheimAlone({ fundingPeriod: { start: '2019-01-01', end: '2018-12-31' } });
    expect(checkFundingRules(data, round, KIRCHHEIM)).toMatchObject([
      { code: 'period.end_before_start', pointer: '/fundingPeriod/end' },
    ]);
  });

  describe('joint applications', () => {
    it('treats an association of municipalities as joint and needs its members', () => {
      const data = application({ applicant: { kind: 'joint', name: 'Verwaltungsgemeinschaft' } });
      expect(codes(data, round, KIRCHHEIM)).toEqual(['joint.members_missing']);
    });

    it('flags a member without a known frame, and does not count it', () => {
      const data = application({
        joint: { isJoint: true, members: [{ organisationId: 'nowhere', name: 'Nirgendwo' }] },
      });
      expect(codes(data, round, notzingenWithKirchheim).sort()).toEqual([
        'allocation.below_minimum',
        'allocation.exceeded',
        'joint.member_unknown',
      ]);
    });

    it('counts a member listed twice only once', () => {
      const member = { organisationId: 'kirchheim-unter-teck', name: 'Kirchheim unter Teck' };
      const data = application({ joint: { isJoint: true, members: [member, member] } });
      expect(effectiveFrame(data, notzingenWithKirchheim).frame).toBe(237_231);
      expect(checkFundingRules(data, round, notzingenWithKirchheim)).toMatchObject([
        { code: 'joint.member_duplicate', pointer: '/joint/members/1/organisationId' },
      ]);
    });

    it('flags a member share above that member’s remaining frame', () => {
      // Together 51,882 EUR are left, enough for the 51,000 EUR; Kirchheim's own 28,000 EUR are not enough for its share.
      const frames: FrameInput = {
        ...NOTZINGEN,
        members: { 'kirchheim-unter-teck': { frame: 213_349, approved: 213_349 - 28_000 } },
      };
      expect(checkFundingRules(jointWithKirchheim(30_000), round, frames)).toMatchObject([
        { code: 'joint.share_exceeds_frame', pointer: '/joint/members/0/share' },
      ]);
    });
  });
});

describe('frames and placeholders', () => {
  it('combines frames by adding them up', () => {
    expect(combineFrames([NOTZINGEN, KIRCHHEIM, { frame: 10, approved: 5 }])).toEqual({
      frame: 237_241,
      approved: 5,
    });
  });

  it('fills the read-only planning frame without changing the input', () => {
    const input = jointWithKirchheim();
    const filled = fillPlanningFrame({ ...input, planningFrame: { frame: 1e9 } }, notzingenWithKirchheim);
    // A joint application: the joint frame only, never the members' approvals.
    expect(filled.planningFrame).toEqual({ frame: 237_231 });
    expect(input).not.toHaveProperty('planningFrame');
    expect(fillPlanningFrame(application(), notzingenWithKirchheim).planningFrame).toEqual({
      frame: 23_882,
      approved: 0,
      remaining: 23_882,
    });
  });

  it('reports positions whose rate is still a placeholder', () => {
    const data = application({
      positions: [
        { qualification: 'secondary', fte: 0.5, months: 24 },
        { qualification: 'master', fte: 0.5, months: 24 },
      ],
    });
    expect(findPlaceholderRates(data, round)).toEqual([
      { pointer: '/positions/1/qualification', amount: 51_000 },
    ]);
  });
});

describe('parseFundingRound', () => {
  it('reads the 2017–2018 round', () => {
    expect(round).toMatchObject({
      id: '2017-2018',
      referenceDate: '2017-09-15',
      minimumEntitlement: 51_000,
      minimumFte: 0.25,
      maxMonths: 24,
      currency: 'EUR',
    });
    expect(round.rates.secondary).toBe(51_000);
    expect(round.placeholders).toEqual(['bachelor', 'master']);
  });

  it('names every problem of a broken round file', () => {
    const broken = { ...roundFile, rates: { secondary: -1 }, maxMonths: 0, placeholders: ['master'] };
    expect(() => parseFundingRound(broken)).toThrowError(
      'Funding round 2017-2018: maxMonths must be a number > 0; rates.secondary must be a number > 0; placeholders must list tiers that have a rate.',
    );
    expect(() => parseFundingRound(null)).toThrowError(/expected an object/);
  });
});
