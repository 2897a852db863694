/**
 * The real parts one fault suite runs against, on ports of its own: `next start` reaching the
 * run's database through a TCP proxy (so a test can cut MySQL off without stopping it) and
 * the room under `wrangler dev`, watched by the same supervisor as `npm run dev`, so a test that
 * kills the room's runtime also proves that it comes back by itself.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { workerdPids } from "../../../db/local/room";
import { freePort } from "../../support/ports";
import { type Secrets, startApp, startSupervisedRoom, testSecrets } from "../../support/stack";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy";
import { closeDb, databaseUrl } from "./db";
import { waitFor } from "./wait";

export type FaultStack = {
  appUrl: string;
  appOrigin: string;
  /** host:port of the room server. */
  partyHost: string;
  partyPort: number;
  secrets: Secrets;
  /** Between the app and MySQL. */
  database: TcpProxy;
  /**
   * Kills the room's runtime (SIGKILL to workerd: nothing is flushed) and resolves once the
   * supervisor `npm run dev` uses has noticed, restarted wrangler and the room answers again.
   */
  restartRoom(): Promise<void>;
  /** How many times the supervisor restarted the room. */
  roomRestarts(): number;
  roomAlive(): boolean;
  stop(): Promise<void>;
};

const verbose = Boolean(process.env.FAULTS_VERBOSE);

export async function startFaultStack(
  options: { partyVars?: Record<string, string> } = {},
): Promise<FaultStack> {
  const real = new URL(databaseUrl());
  const database = await startTcpProxy({
    host: real.hostname,
    port: Number(real.port || 3306),
  });
  const viaProxy = new URL(real);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(database.port);

  const secrets = testSecrets();
  const partyPort = await freePort();
  const partyHost = `127.0.0.1:${partyPort}`;
  const app = await startApp({
    databaseUrl: viaProxy.toString(),
    secrets,
    partyHost,
    quiet: !verbose,
  });
  const room = await startSupervisedRoom({
    appUrl: app.url,
    secrets,
    port: partyPort,
    quiet: !verbose,
    vars: {
      // Generous limits: these suites measure delivery, not the rate limiter.
      RATE_LIMIT_BURST: "100000",
      RATE_LIMIT_PER_SECOND: "100000",
      MAX_SOCKETS_PER_USER: "1000",
      // The fuzz suite pours thousands of junk frames down a few sockets to prove the parser and
      // the room hold; the room's own limit (close after 20 in 10 s) is tested in tests/security.
      INVALID_FRAME_LIMIT: "1000000",
      ...options.partyVars,
    },
  });

  return {
    appUrl: app.url,
    appOrigin: new URL(app.url).origin,
    partyHost,
    partyPort,
    secrets,
    database,
    async restartRoom() {
      const before = room.supervisor.restarts;
      killRuntime(room.supervisor.child);
      await waitFor(
        "the supervisor to restart the room and the room to answer",
        () => room.supervisor.restarts > before && room.supervisor.up,
        { timeoutMs: 60_000 },
      );
    },
    roomRestarts: () => room.supervisor.restarts,
    roomAlive: () => room.supervisor.up,
    async stop() {
      database.restore();
      await room.stop().catch(() => {});
      await app.stop().catch(() => {});
      await database.close();
    },
  };
}

/** SIGKILL to the workerd processes under one wrangler (its process group), as a crash would. */
function killRuntime(wrangler: ChildProcess): void {
  if (!wrangler.pid) throw new Error("The room has no process to kill");
  const pids = workerdPids(wrangler.pid);
  if (pids.length === 0) throw new Error("No workerd runs under the room's wrangler");
  for (const pid of pids) process.kill(pid, "SIGKILL");
}

/**
 * One stack for the tests of a file: started before them, stopped (with the database pool)
 * after. Returns a getter, since the stack exists only once beforeAll has run.
 */
export function faultStackPerFile(
  options: Parameters<typeof startFaultStack>[0] = {},
): () => FaultStack {
  let stack: FaultStack | undefined;
  beforeAll(async () => {
    stack = await startFaultStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
    await closeDb();
  });
  return () => {
    if (!stack) throw new Error("The fault stack is not running (used outside a test?)");
    return stack;
  };
}
