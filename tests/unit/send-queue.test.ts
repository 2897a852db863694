import { describe, expect, it } from "vitest";
import {
  MAX_BATCH,
  MAX_BATCH_BODY_CHARS,
  type RejectReason,
  type StoreResult,
} from "@/party/protocol";
import {
  type QueuedMessage,
  RetryableStoreError,
  SendQueue,
  type SendQueueOptions,
} from "@/party/send-queue";
import {
  acceptingStore,
  type Deferred,
  deferred,
  fakeClock,
  flush,
  storedResult,
  uuid,
} from "./fixtures";

type Stored = Extract<StoreResult, { ok: true }>;

/** A queue wired to recorders, with a fake clock; `store` defaults to one that stores all. */
function setup(options: Partial<SendQueueOptions> = {}) {
  const clock = fakeClock(1_000);
  const accepting = acceptingStore();
  const stored: Stored[][] = [];
  const rejected: { clientId: string; reason: RejectReason; notify: string[] }[] = [];
  const queue = new SendQueue({
    store: accepting.store,
    onStored: (results) => stored.push(results),
    onRejected: (m, reason) =>
      rejected.push({ clientId: m.clientId, reason, notify: [...m.notify] }),
    now: clock.now,
    sleep: clock.sleep,
    ...options,
  });
  return { queue, clock, calls: accepting.calls, stored, rejected };
}

/** A store whose calls each wait on a deferred the test resolves. */
function controlledStore() {
  const calls: { batch: QueuedMessage[]; answer: Deferred<StoreResult[]> }[] = [];
  const store = (batch: QueuedMessage[]): Promise<StoreResult[]> => {
    const answer = deferred<StoreResult[]>();
    calls.push({ batch: [...batch], answer });
    return answer.promise;
  };
  return { store, calls };
}

const message = (authorId = 1, body = "hi", connectionId = "c1") => ({
  authorId,
  clientId: uuid(),
  body,
  connectionId,
});

describe("SendQueue", () => {
  it("stores a lone message at once, in its own batch", async () => {
    const { queue, calls, stored } = setup();
    const m = message(1, "hello");
    queue.push(m);
    // The store is called synchronously: an idle room adds no delay.
    expect(calls).toHaveLength(1);
    expect(calls[0]?.map((q) => [q.authorId, q.clientId, q.body])).toEqual([
      [1, m.clientId, "hello"],
    ]);
    expect(queue.size).toBe(1);
    await queue.idle();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.map((r) => r.clientId)).toEqual([m.clientId]);
    expect(queue.size).toBe(0);
  });

  it("records the enqueue time and the sender's connection", () => {
    const { store, calls } = controlledStore();
    const { queue } = setup({ store, now: () => 1234 });
    queue.push(message(3, "x", "conn-a"));
    expect(calls[0]?.batch[0]).toMatchObject({ enqueuedAt: 1234, notify: new Set(["conn-a"]) });
  });

  it("batches messages pushed while a store call is in flight", async () => {
    const { store, calls } = controlledStore();
    const { queue, stored } = setup({ store });
    const first = message(1, "first");
    queue.push(first);
    const later = [message(2, "a"), message(3, "b"), message(1, "c")];
    for (const m of later) queue.push(m);
    expect(calls).toHaveLength(1);
    expect(queue.size).toBe(4);

    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.batch.map((m) => m.body)).toEqual(["a", "b", "c"]);
    calls[1]?.answer.resolve(calls[1].batch.map((m, i) => storedResult(m, 2 + i)));
    await queue.idle();

    expect(calls).toHaveLength(2);
    expect(stored.map((batch) => batch.map((r) => r.message.body))).toEqual([
      ["first"],
      ["a", "b", "c"],
    ]);
    expect(queue.size).toBe(0);
  });

  it("starts the next store call before telling the sockets about the last one", async () => {
    const { store, calls } = controlledStore();
    const callsWhenTold: number[] = [];
    const { queue } = setup({ store, onStored: () => callsWhenTold.push(calls.length) });
    queue.push(message(1, "first"));
    queue.push(message(1, "second"));
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    // When "first" went out, the call for "second" was already on its way.
    expect(callsWhenTold).toEqual([2]);
    calls[1]?.answer.resolve(calls[1].batch.map((m) => storedResult(m, 2)));
    await queue.idle();
    expect(callsWhenTold).toEqual([2, 2]);
  });

  it("tells batches in store order even when calls overlap the telling", async () => {
    const { store, calls } = controlledStore();
    const { queue, stored } = setup({ store });
    queue.push(message(1, "a"));
    queue.push(message(1, "b"));
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    queue.push(message(1, "c"));
    calls[1]?.answer.resolve(calls[1].batch.map((m) => storedResult(m, 2)));
    await flush();
    calls[2]?.answer.resolve(calls[2].batch.map((m) => storedResult(m, 3)));
    await queue.idle();
    expect(stored.map((b) => b.map((r) => r.message.body))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("keeps going when telling the sockets throws", async () => {
    const { store, calls } = controlledStore();
    const told: string[] = [];
    const { queue } = setup({
      store,
      onStored: (results) => {
        told.push(...results.map((r) => r.message.body));
        if (told.length === 1) throw new Error("a socket blew up");
      },
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      queue.push(message(1, "first"));
      queue.push(message(1, "second"));
      calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
      await flush();
      calls[1]?.answer.resolve(calls[1].batch.map((m) => storedResult(m, 2)));
      await queue.idle();
    } finally {
      console.error = quiet;
    }
    expect(told).toEqual(["first", "second"]);
    expect(queue.size).toBe(0);
  });

  it("splits a backlog into batches of at most MAX_BATCH, in push order", async () => {
    const { store, calls } = controlledStore();
    const { queue } = setup({ store });
    queue.push(message(1, "first"));
    const backlog = Array.from({ length: MAX_BATCH + 50 }, (_, i) => message(1, `m${i}`));
    for (const m of backlog) queue.push(m);

    let id = 1;
    for (let i = 0; i < 3; i++) {
      await flush();
      expect(calls).toHaveLength(i + 1);
      const call = calls[i];
      call?.answer.resolve(call.batch.map((m) => storedResult(m, id++)));
    }
    await queue.idle();
    expect(calls.map((c) => c.batch.length)).toEqual([1, MAX_BATCH, 50]);
    expect(calls.flatMap((c) => c.batch.map((m) => m.body))).toEqual([
      "first",
      ...backlog.map((m) => m.body),
    ]);
  });

  it("cuts a batch of long bodies at MAX_BATCH_BODY_CHARS, never below one message", async () => {
    const { store, calls } = controlledStore();
    const { queue } = setup({ store });
    queue.push(message(1, "first"));
    const long = "x".repeat(8_000);
    const perCall = Math.floor(MAX_BATCH_BODY_CHARS / long.length);
    const backlog = Array.from({ length: perCall + 1 }, () => message(1, long));
    for (const m of backlog) queue.push(m);

    let id = 1;
    for (let i = 0; i < 3; i++) {
      await flush();
      const call = calls[i];
      call?.answer.resolve(call.batch.map((m) => storedResult(m, id++)));
    }
    await queue.idle();
    expect(calls.map((c) => c.batch.length)).toEqual([1, perCall, 1]);
    for (const call of calls) {
      const chars = call.batch.reduce((sum, m) => sum + m.body.length, 0);
      expect(chars).toBeLessThanOrEqual(MAX_BATCH_BODY_CHARS);
    }
  });

  it("hands onStored the results sorted by message id, with the batch in push order", async () => {
    const { store, calls } = controlledStore();
    const batches: QueuedMessage[][] = [];
    const results: Stored[][] = [];
    const { queue } = setup({
      store,
      onStored: (r, batch) => {
        results.push(r);
        batches.push(batch);
      },
    });
    queue.push(message(9, "hold"));
    for (const body of ["a", "b", "c"]) queue.push(message(1, body));
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    // Ids out of batch order, as when a retried batch returns rows stored earlier.
    calls[1]?.answer.resolve(calls[1].batch.map((m, i) => storedResult(m, [30, 10, 20][i] ?? 0)));
    await queue.idle();

    expect(results[1]?.map((r) => [r.message.id, r.message.body])).toEqual([
      [10, "b"],
      [20, "c"],
      [30, "a"],
    ]);
    expect(batches[1]?.map((m) => m.body)).toEqual(["a", "b", "c"]);
  });

  it("joins a re-send of a waiting message (same author and clientId) to the first", async () => {
    const { store, calls } = controlledStore();
    const { queue, rejected } = setup({ store });
    queue.push(message(9, "hold"));
    const first = message(1, "hello", "conn-a");
    queue.push(first);
    queue.push({ ...first, connectionId: "conn-b" });
    expect(queue.size).toBe(2);

    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.batch).toHaveLength(1);
    expect([...(calls[1]?.batch[0]?.notify ?? [])]).toEqual(["conn-a", "conn-b"]);
    calls[1]?.answer.resolve([{ clientId: first.clientId, ok: false, reason: "muted" }]);
    await queue.idle();
    expect(rejected).toEqual([
      { clientId: first.clientId, reason: "muted", notify: ["conn-a", "conn-b"] },
    ]);
  });

  it("joins a re-send of a message that is already in flight", async () => {
    const { store, calls } = controlledStore();
    const { queue, stored } = setup({ store });
    const first = message(1, "hello", "conn-a");
    queue.push(first);
    queue.push({ ...first, connectionId: "conn-b" });
    expect(queue.size).toBe(1);
    expect([...(calls[0]?.batch[0]?.notify ?? [])]).toEqual(["conn-a", "conn-b"]);
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await queue.idle();
    expect(calls).toHaveLength(1);
    expect(stored).toHaveLength(1);
  });

  it("keeps two authors who share a clientId apart", async () => {
    const { store, calls } = controlledStore();
    const { queue } = setup({ store });
    queue.push(message(9, "hold"));
    const clientId = uuid();
    queue.push({ authorId: 1, clientId, body: "mine", connectionId: "a" });
    queue.push({ authorId: 2, clientId, body: "theirs", connectionId: "b" });
    expect(queue.size).toBe(3);
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.batch.map((m) => [m.authorId, m.body])).toEqual([
      [1, "mine"],
      [2, "theirs"],
    ]);
    calls[1]?.answer.resolve(calls[1].batch.map((m, i) => storedResult(m, 2 + i)));
    await queue.idle();
  });

  it("stores a message again once its earlier copy has settled", async () => {
    const { queue, calls } = setup();
    const m = message(1, "again");
    queue.push(m);
    await queue.idle();
    queue.push(m);
    await queue.idle();
    expect(calls).toHaveLength(2);
  });

  it("retries a RetryableStoreError with backoff, then succeeds", async () => {
    let attempts = 0;
    const done = deferred<void>();
    const { queue, clock, stored, rejected } = setup({
      store: async (batch) => {
        attempts++;
        if (attempts <= 3) throw new RetryableStoreError("503");
        return batch.map((m) => storedResult(m, 1));
      },
      onStored: (r) => {
        stored.push(r);
        done.resolve();
      },
    });
    const m = message();
    queue.push(m);
    await done.promise;
    expect(attempts).toBe(4);
    expect(clock.sleeps).toEqual([100, 250, 500]);
    expect(stored.map((b) => b.map((r) => r.clientId))).toEqual([[m.clientId]]);
    expect(rejected).toEqual([]);
  });

  it("gives up on a retrying batch after maxWaitMs with the backoff schedule", async () => {
    const done = deferred<void>();
    let attempts = 0;
    const { queue, clock, rejected, stored } = setup({
      maxWaitMs: 1_000,
      store: async () => {
        attempts++;
        throw new RetryableStoreError("down");
      },
      onRejected: (m, reason) => {
        rejected.push({ clientId: m.clientId, reason, notify: [...m.notify] });
        done.resolve();
      },
    });
    const m = message(1, "x", "conn-a");
    queue.push(m);
    await done.promise;
    // Waited 0, 100, 350, 850 ms before attempts 1-4; one more 1,000 ms backoff would pass 1,000.
    expect(attempts).toBe(4);
    expect(clock.sleeps).toEqual([100, 250, 500]);
    expect(rejected).toEqual([{ clientId: m.clientId, reason: "unavailable", notify: ["conn-a"] }]);
    expect(stored).toEqual([]);
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it("caps the backoff at 2 s with the default 15 s wait", async () => {
    const done = deferred<void>();
    let attempts = 0;
    const { queue, clock, rejected } = setup({
      store: async () => {
        attempts++;
        throw new RetryableStoreError("down");
      },
      onRejected: (m, reason) => {
        rejected.push({ clientId: m.clientId, reason, notify: [] });
        done.resolve();
      },
    });
    queue.push(message());
    await done.promise;
    expect(clock.sleeps).toEqual([100, 250, 500, 1_000, 2_000, 2_000, 2_000, 2_000, 2_000, 2_000]);
    expect(attempts).toBe(11);
    expect(rejected.map((r) => r.reason)).toEqual(["unavailable"]);
  });

  it("rejects every message of a failing batch as unavailable", async () => {
    const { store, calls } = controlledStore();
    let attempts = 0;
    const done = deferred<void>();
    const { queue, rejected } = setup({
      maxWaitMs: 500,
      store: async (batch) => {
        attempts++;
        if (attempts === 1) return store(batch);
        throw new RetryableStoreError("down");
      },
      onRejected: (m, reason) => {
        rejected.push({ clientId: m.clientId, reason, notify: [...m.notify] });
        if (rejected.length === 4) done.resolve();
      },
    });
    queue.push(message(9, "hold", "h"));
    const ms = [message(1, "a", "x"), message(2, "b", "y"), message(3, "c", "z")];
    for (const m of ms) queue.push(m);
    calls[0]?.answer.resolve([
      { clientId: calls[0].batch[0]?.clientId ?? "", ok: false, reason: "banned" },
    ]);
    await done.promise;
    expect(rejected).toEqual([
      { clientId: expect.any(String), reason: "banned", notify: ["h"] },
      ...ms.map((m) => ({
        clientId: m.clientId,
        reason: "unavailable",
        notify: [m.connectionId],
      })),
    ]);
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it("rejects a batch as invalid at once on a non-retryable error", async () => {
    let attempts = 0;
    const { queue, clock, rejected, stored } = setup({
      store: async () => {
        attempts++;
        throw new Error("400 Bad Request");
      },
    });
    const a = message(1, "a", "x");
    queue.push(a);
    await queue.idle();
    expect(attempts).toBe(1);
    expect(clock.sleeps.filter((ms) => ms !== 5)).toEqual([]);
    expect(rejected).toEqual([{ clientId: a.clientId, reason: "invalid", notify: ["x"] }]);
    expect(stored).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it("keeps working after a failed batch", async () => {
    let attempts = 0;
    const { queue, rejected, stored } = setup({
      store: async (batch) => {
        attempts++;
        if (attempts === 1) throw new Error("boom");
        return batch.map((m) => storedResult(m, attempts));
      },
    });
    queue.push(message(1, "lost"));
    await queue.idle();
    queue.push(message(1, "kept"));
    await queue.idle();
    expect(rejected.map((r) => r.reason)).toEqual(["invalid"]);
    expect(stored.map((b) => b.map((r) => r.message.body))).toEqual([["kept"]]);
  });

  it("passes each refused message's own reason to onRejected and stores the rest", async () => {
    const { store, calls } = controlledStore();
    const { queue, rejected, stored } = setup({ store });
    queue.push(message(9, "hold"));
    const [a, b, c] = [message(1, "a", "x"), message(2, "b", "y"), message(3, "c", "z")];
    for (const m of [a, b, c]) queue.push(m);
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    expect(calls).toHaveLength(2);
    const batch = calls[1]?.batch ?? [];
    calls[1]?.answer.resolve([
      { clientId: a.clientId, ok: false, reason: "muted" },
      storedResult(batch[1] as QueuedMessage, 2),
      { clientId: c.clientId, ok: false, reason: "read_only" },
    ]);
    await queue.idle();
    expect(rejected).toEqual([
      { clientId: a.clientId, reason: "muted", notify: ["x"] },
      { clientId: c.clientId, reason: "read_only", notify: ["z"] },
    ]);
    expect(stored[1]?.map((r) => r.clientId)).toEqual([b.clientId]);
  });

  it("does not call onStored when nothing in the batch was stored", async () => {
    const { queue, stored, rejected } = setup({
      store: async (batch) =>
        batch.map((m) => ({ clientId: m.clientId, ok: false as const, reason: "banned" as const })),
    });
    queue.push(message());
    await queue.idle();
    expect(stored).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(["banned"]);
  });

  it("calls a result whose clientId does not match its position unavailable", async () => {
    const { store, calls } = controlledStore();
    const { queue, rejected, stored } = setup({ store });
    queue.push(message(9, "hold"));
    const [a, b] = [message(1, "a", "x"), message(2, "b", "y")];
    queue.push(a);
    queue.push(b);
    calls[0]?.answer.resolve(calls[0].batch.map((m) => storedResult(m, 1)));
    await flush();
    expect(calls).toHaveLength(2);
    const batch = calls[1]?.batch ?? [];
    // The answers come back swapped.
    calls[1]?.answer.resolve([
      storedResult(batch[1] as QueuedMessage, 3),
      storedResult(batch[0] as QueuedMessage, 2),
    ]);
    await queue.idle();
    expect(rejected).toEqual([
      { clientId: a.clientId, reason: "unavailable", notify: ["x"] },
      { clientId: b.clientId, reason: "unavailable", notify: ["y"] },
    ]);
    expect(stored).toHaveLength(1); // only the "hold" batch
  });

  it("calls messages without a result unavailable, and ignores extra results", async () => {
    const { store, calls } = controlledStore();
    const { queue, rejected, stored } = setup({ store });
    queue.push(message(9, "hold"));
    const [a, b] = [message(1, "a", "x"), message(2, "b", "y")];
    queue.push(a);
    queue.push(b);
    calls[0]?.answer.resolve([]);
    await flush();
    expect(calls).toHaveLength(2);
    const batch = calls[1]?.batch ?? [];
    calls[1]?.answer.resolve([
      storedResult(batch[0] as QueuedMessage, 2),
      storedResult(batch[1] as QueuedMessage, 3),
      storedResult({ ...(batch[1] as QueuedMessage), clientId: uuid() }, 4),
    ]);
    await queue.idle();
    expect(rejected.map((r) => r.reason)).toEqual(["unavailable"]);
    expect(stored.map((s) => s.map((r) => r.message.id))).toEqual([[2, 3]]);
  });

  it("idle() resolves at once when nothing is queued, and after the last batch otherwise", async () => {
    const { queue, stored } = setup();
    await queue.idle();
    for (let i = 0; i < 5; i++) queue.push(message(1, `m${i}`));
    await queue.idle();
    expect(stored.flat().map((r) => r.message.body)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(queue.size).toBe(0);
  });
});
