/**
 * The real parts one fault suite runs against, on ports of its own: `next start` reaching the
 * run's database through a TCP proxy (so a test can cut MySQL off without stopping it) and
 * the room under `wrangler dev`, which a test can kill and start again on the same port.
 */
import { afterAll, beforeAll } from "vitest";
import { freePort } from "../../support/ports";
import {
  type RunningServer,
  type Secrets,
  startApp,
  startRoom,
  testSecrets,
} from "../../support/stack";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy";
import { closeDb, databaseUrl } from "./db";

export type FaultStack = {
  appUrl: string;
  appOrigin: string;
  /** host:port of the room server. */
  partyHost: string;
  partyPort: number;
  secrets: Secrets;
  /** Between the app and MySQL. */
  database: TcpProxy;
  /** Kills the room (SIGKILL to wrangler and workerd) and starts it again on the same port. */
  restartParty(): Promise<void>;
  partyAlive(): boolean;
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
  const partyArgs = {
    appUrl: app.url,
    secrets,
    port: partyPort,
    quiet: !verbose,
    vars: {
      // Generous limits: these suites measure delivery, not the rate limiter.
      RATE_LIMIT_BURST: "100000",
      RATE_LIMIT_PER_SECOND: "100000",
      MAX_SOCKETS_PER_USER: "100",
      ...options.partyVars,
    },
  };
  let party: RunningServer = await startRoom(partyArgs);

  return {
    appUrl: app.url,
    appOrigin: new URL(app.url).origin,
    partyHost,
    partyPort,
    secrets,
    database,
    async restartParty() {
      await party.kill();
      party = await startRoom(partyArgs);
    },
    partyAlive: () => party.alive(),
    async stop() {
      database.restore();
      await party.stop().catch(() => {});
      await app.stop().catch(() => {});
      await database.close();
    },
  };
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
