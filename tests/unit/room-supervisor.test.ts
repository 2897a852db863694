import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { superviseRoom } from "@/db/local/room-supervisor";

/** A stand-in for a spawned room: no pid, so stopping it needs no signal. */
function fakeChild(): ChildProcess {
  return Object.assign(new EventEmitter(), {
    exitCode: null,
    signalCode: null,
    pid: undefined,
  }) as unknown as ChildProcess;
}

describe("superviseRoom", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(options: { maxRestarts?: number } = {}) {
    let up = true;
    const children: ChildProcess[] = [];
    const lines: string[] = [];
    const onGiveUp = vi.fn();
    const supervisor = superviseRoom({
      spawn: () => {
        const child = fakeChild();
        children.push(child);
        return child;
      },
      probe: async () => up,
      say: (line) => lines.push(line),
      intervalMs: 1_000,
      failuresBeforeRestart: 2,
      maxRestarts: options.maxRestarts,
      onGiveUp,
    });
    return { children, lines, onGiveUp, supervisor, setUp: (v: boolean) => (up = v) };
  }

  it("restarts a room that answered once and then stops answering, and says so", async () => {
    const s = setup();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.lines).toEqual(["The room is up\n"]);
    s.setUp(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.children).toHaveLength(1); // one failed probe is not yet a death
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.children).toHaveLength(2);
    expect(s.lines.at(-1)).toMatch(/stopped answering; restarting wrangler dev/);
    s.setUp(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.lines.at(-1)).toBe("The room is up\n");
    await s.supervisor.stop();
  });

  it("does not restart a room that is still starting", async () => {
    const s = setup();
    s.setUp(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.children).toHaveLength(1);
    await s.supervisor.stop();
  });

  it("restarts a room whose process exits, and gives up on a crash loop", async () => {
    const s = setup({ maxRestarts: 2 });
    for (let i = 0; i < 3; i++) {
      (s.children.at(-1) as ChildProcess).emit("exit", 1);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(s.children).toHaveLength(3);
    expect(s.onGiveUp).toHaveBeenCalledTimes(1);
    expect(s.lines.at(-1)).toMatch(/giving up/);
  });

  it("stop() ends the watching: an exit afterwards starts nothing", async () => {
    const s = setup();
    await s.supervisor.stop();
    (s.children[0] as ChildProcess).emit("exit", 0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.children).toHaveLength(1);
  });
});
