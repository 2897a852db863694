import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "@/party/rate-limit";

describe("RateLimiter", () => {
  it("allows a burst up to capacity, then refills over time", () => {
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 1 });
    expect([0, 0, 0, 0].map(() => limiter.take("u", 0))).toEqual([true, true, true, false]);
    expect(limiter.take("u", 999)).toBe(false);
    expect(limiter.take("u", 1000)).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take("a", 0)).toBe(true);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.take("a", 0)).toBe(false);
  });

  it("defaults to a burst of 5 and one message a second", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ capacity: 5, refillPerSecond: 1 });
    const limiter = new RateLimiter();
    const burst = Array.from({ length: 6 }, () => limiter.take("u", 0));
    expect(burst).toEqual([true, true, true, true, true, false]);
    expect(limiter.take("u", 1_000)).toBe(true);
    expect(limiter.take("u", 1_000)).toBe(false);
  });

  it("allows about 10 messages in 10 seconds at a steady rate with the default", () => {
    const limiter = new RateLimiter();
    let allowed = 0;
    for (let t = 0; t < 10_000; t += 100) if (limiter.take("u", t)) allowed++;
    expect(allowed).toBe(5 + 9);
  });

  it("never refills beyond capacity, however long the pause", () => {
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 });
    limiter.take("u", 0);
    const after = Array.from({ length: 3 }, () => limiter.take("u", 3_600_000));
    expect(after).toEqual([true, true, false]);
  });

  it("accumulates fractional refills", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 2 });
    expect(limiter.take("u", 0)).toBe(true);
    expect(limiter.take("u", 250)).toBe(false); // 0.5 token
    expect(limiter.take("u", 500)).toBe(true); // 0.5 + 0.5
  });

  it("does not hand out tokens when the clock goes backwards", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take("u", 10_000)).toBe(true);
    expect(limiter.take("u", 5_000)).toBe(false);
  });

  it("refused attempts do not push the refill back", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    expect(limiter.take("u", 0)).toBe(true);
    // Steps of 125 ms add up exactly in binary floating point (0.125 s each).
    for (let t = 125; t < 1_000; t += 125) expect(limiter.take("u", t)).toBe(false);
    expect(limiter.take("u", 1_000)).toBe(true);
  });

  it("forgets full buckets past 10,000 keys but keeps the ones still limited", () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    for (let i = 0; i < 10_000; i++) limiter.take(`k${i}`, 0);
    // "hot" spends its token at 5 s, when every other bucket is full again: the 10,001st key
    // triggers a prune that must not reset "hot".
    expect(limiter.take("hot", 5_000)).toBe(true);
    expect(limiter.take("hot", 5_000)).toBe(false);
    expect(limiter.take("k0", 5_000)).toBe(true);
  });
});
