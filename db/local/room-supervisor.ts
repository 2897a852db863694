/**
 * Keeps the local room alive under `npm run dev`. When workerd dies (a crash, a SIGKILL, the
 * OOM killer), wrangler itself stays up with nothing listening behind it, and pages sit at
 * "Connecting…" for good. So the room is probed, and restarted when it stops answering or exits;
 * pages reconnect by themselves and re-send what was pending.
 */
import type { ChildProcess } from "node:child_process";
import { stopServer } from "./processes";

export type RoomSupervisorOptions = {
  /** Starts a fresh room process. */
  spawn: () => ChildProcess;
  /** Resolves true when the room answers. */
  probe: () => Promise<boolean>;
  say: (line: string) => void;
  intervalMs?: number;
  /** Failed probes in a row, after the room has answered once, that count as dead. */
  failuresBeforeRestart?: number;
  /** Restarts allowed within `windowMs` before the supervisor gives up (a crash loop). */
  maxRestarts?: number;
  windowMs?: number;
  /** Called when restarts keep failing; the dev runner stops everything then. */
  onGiveUp: () => void;
};

/** Starts the room and watches it; `stop()` ends both. */
export function superviseRoom(options: RoomSupervisorOptions) {
  const interval = options.intervalMs ?? 2_000;
  const failuresBeforeRestart = options.failuresBeforeRestart ?? 2;
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  let child = options.spawn();
  let stopped = false;
  let answeredOnce = false;
  let failures = 0;
  let restarting = false;
  /** Times of the restarts within the last window (for the crash-loop rule). */
  const restarts: number[] = [];
  let total = 0;

  const restart = async (why: string) => {
    if (restarting || stopped) return;
    restarting = true;
    const now = Date.now();
    while (restarts.length > 0 && now - (restarts[0] as number) > windowMs) restarts.shift();
    if (restarts.length >= maxRestarts) {
      options.say(`The room failed ${restarts.length} times in a minute (${why}); giving up\n`);
      stopped = true;
      options.onGiveUp();
      return;
    }
    restarts.push(now);
    total++;
    options.say(`The room ${why}; restarting wrangler dev (pages reconnect by themselves)\n`);
    child.removeListener("exit", onExit);
    await stopServer(child, 2_000);
    if (stopped) return;
    child = options.spawn();
    child.on("exit", onExit);
    answeredOnce = false;
    failures = 0;
    restarting = false;
  };

  function onExit(code: number | null) {
    if (!stopped) void restart(`exited (${code ?? "signal"})`);
  }
  child.on("exit", onExit);

  const timer = setInterval(async () => {
    if (stopped || restarting) return;
    const ok = await options.probe();
    if (ok) {
      if (!answeredOnce) options.say("The room is up\n");
      answeredOnce = true;
      failures = 0;
      return;
    }
    // Before its first answer the room is still starting; only a room that answered can die.
    if (!answeredOnce) return;
    failures++;
    if (failures >= failuresBeforeRestart) void restart("stopped answering");
  }, interval);

  return {
    /** How many times the room was restarted. */
    get restarts() {
      return total;
    },
    /** The room process running now (it changes with each restart). */
    get child() {
      return child;
    },
    /** True once the room (as it runs now) has answered a probe. */
    get up() {
      return answeredOnce && !restarting;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      child.removeListener("exit", onExit);
      await stopServer(child);
    },
  };
}
