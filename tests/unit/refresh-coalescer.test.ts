import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RefreshCoalescer } from "@/components/support/refresh-coalescer";

describe("RefreshCoalescer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reloads at once, then joins a burst into one reload at the gap's end", () => {
    const refresh = vi.fn();
    const c = new RefreshCoalescer(refresh, 500);
    c.request();
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) c.request();
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(499);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    // Long after, a request runs at once again.
    vi.advanceTimersByTime(5_000);
    c.request();
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("drops a held reload when stopped", () => {
    const refresh = vi.fn();
    const c = new RefreshCoalescer(refresh, 500);
    c.request();
    c.request();
    c.stop();
    vi.advanceTimersByTime(1_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
