/**
 * A token bucket per key: `capacity` messages at once, refilled at `refillPerSecond`. The
 * default (burst 5, one token a second) allows about 10 messages per 10 s with a small burst.
 */
export type RateLimitOptions = { capacity: number; refillPerSecond: number };

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 5, refillPerSecond: 1 };

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const refilled = Math.min(
      capacity,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * refillPerSecond,
    );
    const allowed = refilled >= 1;
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    if (this.buckets.size > 10_000) this.prune(now);
    return allowed;
  }

  /** Forgets full buckets so that a long-lived room does not grow without bound. */
  private prune(now: number): void {
    const { capacity, refillPerSecond } = this.options;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond >= capacity) {
        this.buckets.delete(key);
      }
    }
  }
}
