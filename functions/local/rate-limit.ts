/**
 * Per-client rate limits of the local server, mirroring the web ACL's rate-based rules in AWS (see
 * `infra/stacks/edge-waf-stack.ts`): one token bucket per client (its `Authorization` header, else its
 * address). A request takes a token; an empty bucket answers 429 with `Retry-After`.
 */
export interface RateLimit {
  /** Tokens a full bucket holds: the burst a client may send at once. */
  capacity: number;
  /** Tokens added per second: the sustained rate. */
  refillPerSecond: number;
}

/** What `npm start` uses: as in AWS, about 1,000 requests per client in 5 minutes, with bursts. */
export const LOCAL_RATE_LIMIT: RateLimit = { capacity: 300, refillPerSecond: 3.4 };

/** Buckets not used for this long are dropped (they would be full again anyway). */
const IDLE_MS = 10 * 60 * 1000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for the client: 0 if allowed, else the whole seconds until the next token. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(
      this.limit.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limit.refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.refillPerSecond));
  }

  private sweep(now: number) {
    for (const [client, bucket] of this.buckets) if (now - bucket.at > IDLE_MS) this.buckets.delete(client);
  }
}
