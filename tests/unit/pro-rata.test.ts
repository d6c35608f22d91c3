import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proRataPositions } from '../../functions/core/pro-rata.ts';

const pos = (...amounts: number[]) => amounts.map((requestedAmount, i) => ({ id: `p${i}`, requestedAmount }));
const approved = (positions: ReturnType<typeof proRataPositions>) => positions.map((p) => p.approvedAmount);

describe('the pro-rata split of a lowered total', () => {
  it('keeps everything when the full amount is approved, and gives nothing for 0', () => {
    expect(approved(proRataPositions(pos(51_000, 25_500), 76_500))).toEqual([51_000, 25_500]);
    expect(approved(proRataPositions(pos(51_000, 25_500), 0))).toEqual([0, 0]);
  });

  it('cuts each position in proportion', () => {
    expect(approved(proRataPositions(pos(60_000, 30_000), 45_000))).toEqual([30_000, 15_000]);
  });

  it('hands the euros left by rounding to the largest remainders, ties to the earlier position', () => {
    // 10 over three equal positions: 3.33 each, one euro left: the first position gets it.
    expect(approved(proRataPositions(pos(10, 10, 10), 10))).toEqual([4, 3, 3]);
    expect(approved(proRataPositions(pos(1, 1, 1), 2))).toEqual([1, 1, 0]);
    // 7 × 2/3 = 4.67 and 2 × 2/3 = 1.33 (of 6 from 9): the larger remainder gets the euro.
    expect(approved(proRataPositions(pos(7, 2), 6))).toEqual([5, 1]);
  });

  it('refuses a total above what was requested or not whole', () => {
    expect(() => proRataPositions(pos(10), 11)).toThrow(RangeError);
    expect(() => proRataPositions(pos(10), 1.5)).toThrow(RangeError);
  });

  it('always adds up to the total, never exceeds a position, and differs from the exact share by under 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amounts, fraction) => {
          const requested = amounts.reduce((a, b) => a + b, 0);
          const total = Math.floor(requested * fraction);
          const split = proRataPositions(pos(...amounts), total);
          expect(split.reduce((s, p) => s + p.approvedAmount, 0)).toBe(total);
          for (const p of split) {
            expect(p.approvedAmount).toBeGreaterThanOrEqual(0);
            expect(p.approvedAmount).toBeLessThanOrEqual(p.requestedAmount);
            if (requested > 0)
              expect(Math.abs(p.approvedAmount - (p.requestedAmount * total) / requested)).toBeLessThan(1);
          }
        },
      ),
    );
  });
});
