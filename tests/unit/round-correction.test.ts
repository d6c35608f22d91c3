/**
 * Which round version a decision applies (`decisionRound`), and what positions come to under a later
 * correction's rates (`correctedPositions`), as pure rules; the decision's `roundVersion` is read by
 * `parseDecision`.
 */
import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../functions/core/decision.ts';
import {
  correctedPositions,
  decisionRound,
  fundingRoundOf,
  type RoundVersion,
} from '../../functions/core/rounds.ts';

const version = (n: number, status: RoundVersion['status'] = 'published', rate = 47_000): RoundVersion => ({
  id: 'r',
  version: n,
  status,
  title: 'Runde',
  fundingPeriod: { start: '2026-01-01', maxMonths: 24 },
  rates: { secondary: rate, bachelor: rate, master: rate },
  minimumEntitlement: 0,
  minimumFte: 0.1,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: { sub: 'a', name: 'Admin' },
});

describe('decisionRound', () => {
  const versions = [version(1), version(2), version(3), version(4, 'draft'), { ...version(5), id: 'other' }];

  it('applies the pinned version unless a later published one is asked for, and knows the latest', () => {
    const plain = decisionRound(versions, 'r', { round: 'r', version: 2 });
    expect([plain?.pinned.version, plain?.applied.version, plain?.latest.version]).toEqual([2, 2, 3]);
    const later = decisionRound(versions, 'r', { round: 'r', version: 2 }, 3);
    expect([later?.pinned.version, later?.applied.version]).toEqual([2, 3]);
    // The pinned version itself may be named.
    expect(decisionRound(versions, 'r', { round: 'r', version: 2 }, 2)?.applied.version).toBe(2);
  });

  it('counts the latest published version as pinned for an application without a pin (or another round)', () => {
    expect(decisionRound(versions, 'r', undefined)?.pinned.version).toBe(3);
    expect(decisionRound(versions, 'r', { round: 'other', version: 5 })?.pinned.version).toBe(3);
    expect(decisionRound(versions, 'none', undefined)).toBeUndefined();
  });

  it('refuses a draft, an unknown or another round’s version, and one older than the pin', () => {
    const pin = { round: 'r', version: 2 };
    for (const n of [4, 5, 9])
      expect(() => decisionRound(versions, 'r', pin, n)).toThrow(
        expect.objectContaining({ status: 409, code: 'decision.round_version_unknown' }),
      );
    expect(() => decisionRound(versions, 'r', pin, 1)).toThrow(
      expect.objectContaining({ status: 409, code: 'decision.round_version_older' }),
    );
    expect(() => decisionRound([], 'r', undefined, 1)).toThrow(
      expect.objectContaining({ code: 'decision.round_version_unknown' }),
    );
  });
});

describe('correctedPositions', () => {
  const data = {
    positions: [
      {
        id: 'a',
        qualification: 'secondary',
        fte: 0.5,
        startDate: '2026-04-01',
        months: 24,
        requestedAmount: 47_000,
      },
      {
        id: 'b',
        qualification: 'secondary',
        fte: 1,
        startDate: '2026-04-01',
        months: 12,
        requestedAmount: 47_000,
      },
    ],
  };
  const requested = [
    { id: 'a', requestedAmount: 47_000 },
    { id: 'b', requestedAmount: 47_000 },
  ];

  it('prices each position with the later rates, never above what it requested', () => {
    expect(correctedPositions(data, fundingRoundOf(version(2, 'published', 40_000)), requested)).toEqual([
      { id: 'a', requestedAmount: 47_000, correctedAmount: 40_000 },
      { id: 'b', requestedAmount: 47_000, correctedAmount: 40_000 },
    ]);
    // A higher rate grants no more than was applied for.
    expect(
      correctedPositions(data, fundingRoundOf(version(2, 'published', 50_000)), requested).map(
        (p) => p.correctedAmount,
      ),
    ).toEqual([47_000, 47_000]);
  });
});

describe('parseDecision: roundVersion', () => {
  const context = { requested: 100, positions: [] };
  it('passes a version number on and refuses anything else', () => {
    expect(parseDecision({ roundVersion: 2 }, context)).toEqual({ approvedAmount: 100, roundVersion: 2 });
    for (const bad of [0, 1.5, '2'])
      expect(() => parseDecision({ roundVersion: bad }, context)).toThrow(
        expect.objectContaining({ code: 'decision.invalid' }),
      );
  });
});
