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

export const WORKLOADS = {
  /** Fan-out bound: every message goes to 100 sockets. */
  crowd: { clients: 100, senders: 10 },
  /** Store bound: every client sends. */
  busy: { clients: 10, senders: 10 },
} as const;
export type Workload = keyof typeof WORKLOADS;

export type LiveSystem = {
  name: SystemName;
  /** ws://host:port; rooms are at /parties/main/<slug>. */
  wsBase: string;
  readyOn: ReadyOn;
  /** Processes to sample: `server` is the room process, `app` Next.js (us only), `db` mysqld. */
  pids: Record<string, number>;
  /** Where this system stores messages; null when it does not store. */
  table: string | null;
  /** After a step that fell behind: waits (bounded) until the backlog is worked off. */
  settle(channelId: number): Promise<void>;
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
};

/** Starts (for a baseline) or wraps (for us, already running) one system. */
export async function startSystem(name: SystemName, stack: StackInfo): Promise<LiveSystem> {
  const dbPids: Record<string, number> = stack.dbPid ? { db: stack.dbPid } : {};
  if (name === "us") {
    return {
      name,
      wsBase: `ws://127.0.0.1:${stack.partyPort}`,
      // A client counts once the room has joined it: its first frame (presence) is sent from
      // onConnect, after the token was verified and the user stored on the connection.
      readyOn: "first-frame",
      pids: { server: stack.roomPid, app: stack.appPid, ...dbPids },
      table: "messages",
      settle: (channelId) => waitUntilStoredSettles(stack.db, "messages", channelId),
      stop: async () => {},
    };
  }
  const kind: BaselineKind = name === "bare-broadcast" ? "bare-broadcast" : "store-then-broadcast";
  const baseline = await startBaseline({
    kind,
    secret: stack.secret,
    databaseUrl: stack.databaseUrl,
    mode: name === "store-then-broadcast-concurrent" ? "concurrent" : "serial",
  });
  const table = kind === "bare-broadcast" ? null : BASELINE_TABLE;
  return {
    name,
    wsBase: `ws://127.0.0.1:${baseline.port}`,
    readyOn: "open",
    pids: { server: baseline.pid, ...(table ? dbPids : {}) },
    table,
    // Stopping the process drops its backlog, and each workload starts a fresh one.
    settle: async () => {},
    stop: () => baseline.stop(),
  };
}

/** Polls a channel's stored count until it has not moved for 2 s (at most 60 s). */
async function waitUntilStoredSettles(db: BenchDb, table: string, channelId: number) {
  const deadline = Date.now() + 60_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const { total } = await db.stored(table, channelId, 0, 0);
    if (total !== last) {
      last = total;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 2_000) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
