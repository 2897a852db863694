import { describe, expect, it } from "vitest";
import {
  MAX_RATE_LIMITED,
  MAX_SLOW_MODE,
  SendPacer,
  SLOW_MODE_MAX_WAIT_MS,
  SLOW_MODE_MIN_WAIT_MS,
} from "@/components/chat/send-pacer";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "@/party/rate-limit";

const ids = (n: number, prefix = "m") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

function openPacer(now = 0, limits?: RateLimitOptions): SendPacer {
  const pacer = new SendPacer(now, limits);
  pacer.resume();
  return pacer;
}

/**
 * Runs `messages` through a pacer against the room's own RateLimiter, the room answering each
 * send `latencyMs` after it went (stored, or refused when the limiter says so). Returns when each
 * message went and every refusal, and what is left unsent.
 */
function run(
  messages: string[],
  limits: RateLimitOptions = DEFAULT_RATE_LIMIT,
  options: { latencyMs?: number; spend?: (limiter: RateLimiter, at: number) => void } = {},
) {
  const latency = options.latencyMs ?? 0;
  const limiter = new RateLimiter(limits);
  const pacer = openPacer(0, limits);
  for (const id of messages) pacer.add(id);
  const sent: { id: string; at: number }[] = [];
  const refused: string[] = [];
  const failed: string[] = [];
  const stored: string[] = [];
  /** Answers from the room, in arrival order. */
  let answers: { at: number; id: string; ok: boolean }[] = [];
  let now = 0;
  let wakeAt: number | null = 0;
  for (let step = 0; step < 10_000; step++) {
    const r = pacer.release(now);
    for (const id of r.send) {
      sent.push({ id, at: now });
      options.spend?.(limiter, now + latency);
      answers.push({ at: now + latency, id, ok: limiter.take("u", now + latency) });
    }
    wakeAt = r.wakeAt;
    const next = Math.min(wakeAt ?? Number.POSITIVE_INFINITY, answers[0]?.at ?? Infinity);
    if (next === Number.POSITIVE_INFINITY) break;
    now = Math.max(now, next);
    const due = answers.filter((a) => a.at <= now);
    answers = answers.filter((a) => a.at > now);
    for (const a of due) {
      if (a.ok) {
        stored.push(a.id);
        pacer.settle(a.id);
      } else {
        refused.push(a.id);
        if (pacer.refuse(a.id, { rateLimited: true, until: null }, now).kind === "failed") {
          failed.push(a.id);
        }
      }
    }
  }
  return { sent, refused, failed, stored, left: pacer.queued, pacer };
}

describe("SendPacer", () => {
  it("sends a burst at once, then one message per refill, and the room refuses none", () => {
    const { sent, refused, stored, left } = run(ids(30), DEFAULT_RATE_LIMIT, { latencyMs: 40 });
    expect(refused).toEqual([]);
    expect(left).toEqual([]);
    expect(stored).toEqual(ids(30));
    // The burst: four of the room's five tokens (half a token stays in hand).
    expect(sent.filter((s) => s.at < 500).map((s) => s.id)).toEqual(ids(4));
    // Then one per refill period (a little more, for the margin).
    const gaps = sent.slice(5).map((s, i) => s.at - (sent[i + 4]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_000);
    // At about the room's rate, not far below it.
    expect(sent.at(-1)?.at).toBeLessThan(30_000);
  });

  it("stays inside the room's limit whatever the limits and the latency", () => {
    for (const limits of [
      { capacity: 1, refillPerSecond: 1 },
      { capacity: 2, refillPerSecond: 0.5 },
      { capacity: 10, refillPerSecond: 3 },
      { capacity: 3, refillPerSecond: 20 },
    ]) {
      for (const latencyMs of [0, 5, 300]) {
        const { refused, stored } = run(ids(25), limits, { latencyMs });
        expect({ limits, latencyMs, refused }).toEqual({ limits, latencyMs, refused: [] });
        expect(stored).toEqual(ids(25));
      }
    }
  });

  it("uses the room's default limits until it is told others", () => {
    const pacer = openPacer();
    for (const id of ids(10)) pacer.add(id);
    const first = pacer.release(0);
    // Three go together; the fourth waits for their answers (or for a token more).
    expect(first.send).toEqual(ids(3));
    expect(first.wakeAt).toBeGreaterThan(0);
    for (const id of ids(3)) pacer.settle(id);
    expect(pacer.release(0).send).toEqual(["m4"]);
    expect(pacer.release(0).send).toEqual([]);
  });

  it("takes new limits told on a reconnect, keeping what it already spent", () => {
    const pacer = openPacer();
    for (const id of ids(6)) pacer.add(id);
    expect(pacer.release(0).send).toEqual(ids(3));
    pacer.pause();
    pacer.setLimits({ capacity: 2, refillPerSecond: 10 }, 0);
    pacer.resume();
    // Two tokens left of the default's five, now at ten a second: the re-sends come first.
    const again = pacer.release(0);
    expect(again.send).toEqual(["m1"]);
    pacer.settle("m1");
    expect(pacer.release(0).send).toEqual([]);
    expect(pacer.release(100).send).toEqual(["m2"]);
    // A bigger room's limits let it go faster from then on.
    pacer.setLimits({ capacity: 100, refillPerSecond: 1_000 }, 100);
    expect(pacer.release(120).send).toEqual(["m3", "m4", "m5", "m6"]);
  });

  it("requeues a refusal of the bucket in its place and waits for the next token", () => {
    const pacer = openPacer();
    for (const id of ids(3)) pacer.add(id);
    expect(pacer.release(0).send).toEqual(ids(3));
    // Another tab spent the shared bucket: all three come back refused.
    for (const id of ids(3)) {
      expect(pacer.refuse(id, { rateLimited: true, until: null }, 10)).toEqual({
        kind: "requeued",
      });
    }
    expect(pacer.queued).toEqual(ids(3));
    const wait = pacer.release(10);
    expect(wait.send).toEqual([]);
    expect(wait.wakeAt).toBeGreaterThan(1_000);
    const at = wait.wakeAt ?? 0;
    // One at a time now: the next waits for the answer to the one before, so none overtakes.
    expect(pacer.release(at).send).toEqual(["m1"]);
    expect(pacer.release(at + 1_000).send).toEqual([]);
    pacer.settle("m1");
    expect(pacer.release(at + 1_000).send).toEqual([]);
    expect(pacer.release(at + 2_000).send).toEqual(["m2"]);
  });

  it("keeps the typed order when another tab spends the same bucket", () => {
    // The other tab takes a token every 700 ms from the room's bucket.
    let otherAt = 0;
    const { refused, failed, stored } = run(ids(20), DEFAULT_RATE_LIMIT, {
      latencyMs: 30,
      spend: (limiter, at) => {
        while (otherAt <= at) {
          limiter.take("u", otherAt);
          otherAt += 700;
        }
      },
    });
    expect(refused.length).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    expect(stored).toEqual(ids(20));
  });

  it(`shows a message failed after ${MAX_RATE_LIMITED} refusals of the bucket`, () => {
    const pacer = openPacer();
    pacer.add("a");
    let now = 0;
    for (let i = 0; i < MAX_RATE_LIMITED; i++) {
      const r = pacer.release(now);
      expect(r.send).toEqual(["a"]);
      expect(pacer.refuse("a", { rateLimited: true, until: null }, now).kind).toBe("requeued");
      now = pacer.release(now).wakeAt ?? Number.NaN;
    }
    expect(pacer.release(now).send).toEqual(["a"]);
    expect(pacer.refuse("a", { rateLimited: true, until: null }, now)).toEqual({ kind: "failed" });
    expect(pacer.queued).toEqual([]);
  });

  it("fails at once on any other reason, and the rest go on", () => {
    const pacer = openPacer();
    pacer.add("a");
    pacer.add("b");
    expect(pacer.release(0).send).toEqual(["a", "b"]);
    expect(pacer.refuse("a", { rateLimited: false, until: null }, 0)).toEqual({ kind: "failed" });
    expect(pacer.queued).toEqual(["b"]);
    // A refusal for a message it does not hold is a failure too (nothing to wait for).
    expect(pacer.refuse("zzz", { rateLimited: true, until: null }, 0)).toEqual({
      kind: "failed",
    });
  });

  it("puts a retried message at the end of the queue", () => {
    const pacer = openPacer(0, { capacity: 1, refillPerSecond: 1 });
    pacer.add("a");
    pacer.add("b");
    expect(pacer.release(0).send).toEqual(["a"]);
    pacer.refuse("a", { rateLimited: false, until: null }, 0);
    pacer.add("a");
    pacer.add("b");
    expect(pacer.queued).toEqual(["b", "a"]);
    expect(pacer.release(2_000).send).toEqual(["b"]);
  });

  it("holds the whole queue for slow mode until its time, then sends one at a time", () => {
    const pacer = openPacer(0, { capacity: 100, refillPerSecond: 100 });
    for (const id of ids(3)) pacer.add(id);
    expect(pacer.release(0).send).toEqual(ids(3));
    pacer.settle("m1");
    const until = 30_000;
    expect(pacer.refuse("m2", { rateLimited: true, until }, 100)).toEqual({
      kind: "slow-mode",
      until,
    });
    expect(pacer.refuse("m3", { rateLimited: true, until }, 100).kind).toBe("slow-mode");
    const held = pacer.release(10_000);
    expect(held).toEqual({ send: [], wakeAt: until });
    expect(pacer.release(until).send).toEqual(["m2"]);
    pacer.settle("m2");
    expect(pacer.release(until).send).toEqual(["m3"]);
  });

  it("waits at least a second when slow mode's time is already past on this clock", () => {
    const pacer = openPacer();
    pacer.add("a");
    pacer.release(0);
    const outcome = pacer.refuse("a", { rateLimited: true, until: 4_000 }, 5_000);
    expect(outcome).toEqual({ kind: "slow-mode", until: 5_000 + SLOW_MODE_MIN_WAIT_MS });
  });

  it(`shows slow mode failed when the wait is over ${SLOW_MODE_MAX_WAIT_MS / 60_000} minutes or after ${MAX_SLOW_MODE} refusals`, () => {
    const pacer = openPacer();
    pacer.add("a");
    pacer.release(0);
    const long = pacer.refuse("a", { rateLimited: true, until: SLOW_MODE_MAX_WAIT_MS + 1 }, 0);
    expect(long).toEqual({ kind: "failed" });

    pacer.add("b");
    let now = 0;
    for (let i = 0; i < MAX_SLOW_MODE; i++) {
      expect(pacer.release(now).send).toEqual(["b"]);
      const r = pacer.refuse("b", { rateLimited: true, until: now + 2_000 }, now);
      expect(r.kind).toBe("slow-mode");
      now += 2_000;
    }
    expect(pacer.release(now).send).toEqual(["b"]);
    expect(pacer.refuse("b", { rateLimited: true, until: now + 2_000 }, now)).toEqual({
      kind: "failed",
    });
  });

  it("sends nothing while paused; after a reconnect the re-sends go first, through the bucket", () => {
    const pacer = new SendPacer(0);
    pacer.add("a");
    expect(pacer.release(0)).toEqual({ send: [], wakeAt: null });
    pacer.resume();
    pacer.add("b");
    expect(pacer.release(0).send).toEqual(["a", "b"]);
    pacer.pause();
    pacer.add("c");
    pacer.add("d");
    pacer.add("e");
    expect(pacer.release(100).send).toEqual([]);
    pacer.resume();
    // Three tokens left of five: a and b again (they cost tokens again), then the rest later.
    expect(pacer.release(100).send).toEqual(["a"]);
    pacer.settle("a");
    expect(pacer.release(100).send).toEqual(["b"]);
    pacer.settle("b");
    const r = pacer.release(100);
    expect(r.send).toEqual([]);
    expect(pacer.release(r.wakeAt ?? Number.NaN).send).toEqual(["c"]);
  });

  it("drops a settled message, in flight or waiting", () => {
    const pacer = openPacer();
    for (const id of ids(3)) pacer.add(id);
    pacer.release(0);
    pacer.settle("m2");
    pacer.add("m4");
    pacer.settle("m4");
    expect(pacer.queued).toEqual(["m1", "m3"]);
  });
});
