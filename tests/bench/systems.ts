/**
 * The systems under test, behind one shape the step runner drives: where clients connect, when
 * a client counts as connected, which processes to watch and where stored messages land.
 */

import { type BaselineKind, startBaseline } from "./baselines/launch";
import { BASELINE_TABLE, type BenchDb } from "./bench-db";
import type { ReadyOn } from "./load-generator";

export const SYSTEMS = [
  "us",
  "store-then-broadcast",
  "store-then-broadcast-concurrent",
  "bare-broadcast",
] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** Side traffic a workload adds to its messages (our room only: the baselines speak no more). */
export type SideLoad = {
  /** Clients (the first ones, senders included) that send a typing frame every TYPING_EVERY_MS. */
  typists: number;
  /** Reaction commands POSTed to the room per second, as Next.js does when someone reacts. */
  reactionsPerSecond: number;
};

export type WorkloadShape = { clients: number; senders: number; side?: SideLoad };

export const WORKLOADS = {
  /** Fan-out bound: every message goes to 100 sockets. */
  crowd: { clients: 100, senders: 10 },
  /**
   * The crowd room with typing on (100 sockets: under TYPING_MAX_SOCKETS' default of 200) and
   * reactions mixed in: 30 people typing steadily, 20 reactions a second. Its peak is judged
   * against the plain crowd's (goals.ts): the side traffic should cost it at most 10 %.
   */
  "crowd-mix": {
    clients: 100,
    senders: 10,
    side: { typists: 30, reactionsPerSecond: 20 },
  },
  /** Store bound: every client sends. */
  busy: { clients: 10, senders: 10 },
} as const satisfies Record<string, WorkloadShape>;
export type Workload = keyof typeof WORKLOADS;
export const WORKLOAD_NAMES = Object.keys(WORKLOADS) as Workload[];

/** Whether `system` can run `workload`: side traffic is our protocol, which baselines lack. */
export function runsWorkload(system: SystemName, workload: Workload): boolean {
  return system === "us" || !("side" in WORKLOADS[workload]);
}

export type LiveSystem = {
  name: SystemName;
  /** ws://host:port; rooms are at /parties/main/<slug>. */
  wsBase: string;
  readyOn: ReadyOn;
  /** Processes to sample: `server` is the room process, `app` Next.js (us only), `db` mysqld. */
  pids: Record<string, number>;
  /** Where this system stores messages; null when it does not store. */
  table: string | null;
  /**
   * After a run that was not clean: waits (bounded) until the system has worked off what that
   * run left behind, so the next run starts on an idle system. `sent` is what the run sent.
   */
  settle(channelId: number, sent: number): Promise<void>;
  stop(): Promise<void>;
};

export type StackInfo = {
  partyPort: number;
  roomPid: number;
  appPid: number;
  dbPid: number | null;
  secret: string;
  databaseUrl: string;
  db: BenchDb;
  /** CPUs the baselines run on (taskset list), the same as the product's servers; or none. */
  cpu?: string;
};

/** Starts (for a baseline) or wraps (for us, already running) one system. */
export async function startSystem(name: SystemName, stack: StackInfo): Promise<LiveSystem> {
  const dbPids: Record<string, number> = stack.dbPid ? { db: stack.dbPid } : {};
  if (name === "us") {
    return {
      name,
      wsBase: `ws://127.0.0.1:${stack.partyPort}`,
      // A client counts once the room has joined it: its first frame (limits, then presence) is
      // sent from onConnect, after the token was verified and the user stored on the connection.
      readyOn: "first-frame",
      pids: { server: stack.roomPid, app: stack.appPid, ...dbPids },
      table: "messages",
      settle: (channelId, sent) => waitUntilStored(stack.db, "messages", channelId, sent),
      stop: async () => {},
    };
  }
  const kind: BaselineKind = name === "bare-broadcast" ? "bare-broadcast" : "store-then-broadcast";
  const baseline = await startBaseline({
    kind,
    secret: stack.secret,
    databaseUrl: stack.databaseUrl,
    mode: name === "store-then-broadcast-concurrent" ? "concurrent" : "serial",
    cpu: stack.cpu,
  });
  const table = kind === "bare-broadcast" ? null : BASELINE_TABLE;
  return {
    name,
    wsBase: `ws://127.0.0.1:${baseline.port}`,
    readyOn: "open",
    pids: { server: baseline.pid, ...(table ? dbPids : {}) },
    table,
    // A step's runs share the process: the classic server keeps inserting a backlog after its
    // clients left; the bare one only has socket buffers to drop.
    settle: (channelId, sent) =>
      table
        ? waitUntilStored(stack.db, table, channelId, sent)
        : new Promise((r) => setTimeout(r, 500)),
    stop: () => baseline.stop(),
  };
}

/**
 * Polls a channel's stored count until it holds everything sent, or has not moved for 2 s
 * (messages that will never be stored), at most 60 s.
 */
async function waitUntilStored(db: BenchDb, table: string, channelId: number, sent: number) {
  const deadline = Date.now() + 60_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const { total } = await db.stored(table, channelId, 0, 0);
    if (total >= sent) return;
    if (total !== last) {
      last = total;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 2_000) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
