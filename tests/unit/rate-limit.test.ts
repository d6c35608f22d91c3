import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../functions/local/rate-limit.ts';

describe('per-client token buckets (local mirror of the web ACL)', () => {
  it('allows a burst up to the capacity, then asks to wait until a token is back', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillPerSecond: 0.5 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('a'))).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(2);
    // Another client has its own bucket.
    expect(buckets.take('b')).toBe(0);
    now += 2000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(2);
  });

  it('never holds more than the capacity after a long pause', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 10 }, () => now);
    buckets.take('a');
    now += 3_600_000;
    expect([1, 2, 3].map(() => buckets.take('a'))).toEqual([0, 0, 1]);
  });
});
