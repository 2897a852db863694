import { describe, expect, it } from "vitest";
import { translate } from "@/app/_i18n/translate";
import { safeCallbackPath } from "@/app/_lib/callback-url";
import { clientAddress } from "@/app/_lib/client-address";
import { Semaphore, SemaphoreFullError } from "@/app/_lib/semaphore";
import {
  coolDownMs,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_USERNAME,
  tooManyAttemptsMessage,
} from "@/app/_lib/throttle-policy";

const MIN = 60_000;

describe("sign-in cool-down schedule", () => {
  it("lets the free attempts through, then doubles from one minute up to the cap", () => {
    const delays = Array.from({ length: 12 }, (_, i) => coolDownMs(SIGN_IN_PER_USERNAME, i + 1));
    expect(delays).toEqual([
      0,
      0,
      0,
      0,
      0,
      MIN,
      2 * MIN,
      4 * MIN,
      8 * MIN,
      15 * MIN,
      15 * MIN,
      15 * MIN,
    ]);
  });

  it("gives an address more free attempts than a username, and stays finite forever", () => {
    expect(coolDownMs(SIGN_IN_PER_ADDRESS, SIGN_IN_PER_ADDRESS.free)).toBe(0);
    expect(coolDownMs(SIGN_IN_PER_ADDRESS, SIGN_IN_PER_ADDRESS.free + 1)).toBe(MIN);
    expect(coolDownMs(SIGN_IN_PER_ADDRESS, 1e9)).toBe(SIGN_IN_PER_ADDRESS.maxDelayMs);
  });

  it("says how many minutes are left, rounded up", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    const say = (until: Date) => translate("en", tooManyAttemptsMessage(until, now));
    expect(say(new Date(now.getTime() + 90_000))).toBe(
      "Too many attempts. Try again in 2 minutes.",
    );
    expect(say(new Date(now.getTime() + 5_000))).toBe("Too many attempts. Try again in 1 minute.");
  });
});

describe("callback after sign-in", () => {
  const origin = "https://chat.example";
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackPath("/c/general?x=1#m5", origin)).toBe("/c/general?x=1#m5");
    expect(safeCallbackPath("https://chat.example/settings", origin)).toBe("/settings");
    expect(safeCallbackPath(undefined, origin)).toBe("/");
  });

  it.each([
    "/\\evil.example",
    "/%5Cevil.example".replace("%5C", "\\"),
    "//evil.example",
    "https://evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://chat.example/", // another scheme is another origin
  ])("sends %s home", (raw) => {
    expect(safeCallbackPath(raw, origin)).toBe("/");
  });

  it("never returns a path a browser would read as another host", () => {
    for (const raw of ["/.//evil.example", "/..//evil.example", "///evil.example/x"]) {
      const path = safeCallbackPath(raw, origin);
      expect(path.startsWith("//")).toBe(false);
      expect(new URL(path, origin).origin).toBe(origin);
    }
  });
});

describe("client address", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  it("on Vercel takes the first forwarded-for entry", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }), true)).toBe(
      "203.0.113.9",
    );
  });
  it("self-hosted prefers x-real-ip, then the last forwarded-for entry", () => {
    const h = { "x-real-ip": "198.51.100.7", "x-forwarded-for": "1.2.3.4, 127.0.0.1" };
    expect(clientAddress(headers(h), false)).toBe("198.51.100.7");
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 127.0.0.1" }), false)).toBe(
      "127.0.0.1",
    );
    expect(clientAddress(headers({}), false)).toBe("unknown");
  });
});

describe("semaphore", () => {
  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  }

  it("runs at most `limit` tasks at once and starts the next as one finishes", async () => {
    const gate = new Semaphore(2, 10);
    const blockers = [deferred(), deferred(), deferred()];
    let running = 0;
    let peak = 0;
    const tasks = blockers.map((b) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await b.promise;
        running--;
      }),
    );
    await Promise.resolve();
    expect(gate.stats).toEqual({ active: 2, waiting: 1 });
    blockers[0]?.resolve();
    await tasks[0];
    await Promise.resolve();
    expect(gate.stats).toEqual({ active: 2, waiting: 0 });
    blockers[1]?.resolve();
    blockers[2]?.resolve();
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(gate.stats).toEqual({ active: 0, waiting: 0 });
  });

  it("refuses at once when the queue is full, and frees the slot when a task throws", async () => {
    const gate = new Semaphore(1, 1);
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const second = gate.run(async () => "second");
    await expect(gate.run(async () => "third")).rejects.toBeInstanceOf(SemaphoreFullError);
    hold.resolve();
    await first;
    expect(await second).toBe("second");
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.stats).toEqual({ active: 0, waiting: 0 });
  });
});
