/**
 * "Us" as deployed, on this machine: a throwaway MySQL (as the tests use), the production build
 * under `next start` and `wrangler dev`, each on a port of its own. The per-user rate limit and
 * socket cap are lifted, since one bench user sends hundreds of messages a second.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { freePort } from "../support/ports";
import {
  type RunningServer,
  startApp,
  startRoom,
  startTestDatabase,
  type TestDatabase,
  testSecrets,
} from "../support/stack";
import { pidListeningOn } from "./process-stats";
import { findRoomRuntime } from "./room-runtime";

export type ProductStack = {
  db: TestDatabase;
  app: RunningServer;
  party: RunningServer;
  partySecret: string;
  /** The app's NEXTAUTH_SECRET (what seals site secrets and signs visitor sessions). */
  nextAuthSecret: string;
  appPid: number;
  /** The workerd that runs the room, and the port it serves on behind wrangler's dev proxy. */
  roomPid: number;
  roomPort: number;
  dbPid: number | null;
  stop(): Promise<void>;
};

export const ROOM_VARS = {
  RATE_LIMIT_BURST: "100000",
  RATE_LIMIT_PER_SECOND: "100000",
  MAX_SOCKETS_PER_USER: "100000",
};

const SOURCES = ["app", "components", "db", "party", "proxy.ts", "next.config.ts", "package.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Runs `next build` when there is no build or a source file is newer than it. */
export function ensureBuild(log: (line: string) => void): void {
  const buildId = path.join(process.cwd(), ".next/BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(process.cwd(), s))));
  if (built >= newest) return;
  log(built ? "sources changed since the last build: next build" : "no build yet: next build");
  const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

export async function startProductStack(options: {
  poolSize?: number;
  /** CPUs for the database, the app and the room (taskset list); unpinned without. */
  cpu?: string;
}): Promise<ProductStack> {
  const db = await startTestDatabase(undefined, options.cpu);
  const stops: (() => Promise<void>)[] = [() => db.stop()];
  try {
    const secrets = testSecrets();
    const partyPort = await freePort();
    const app = await startApp({
      databaseUrl: db.url,
      secrets,
      partyHost: `127.0.0.1:${partyPort}`,
      quiet: true,
      cpu: options.cpu,
      // (ProcessEnv requires NODE_ENV, so the override rides on a copy of this process's env.)
      extraEnv: options.poolSize
        ? { ...process.env, DATABASE_POOL_SIZE: String(options.poolSize) }
        : undefined,
    });
    stops.unshift(() => app.stop());
    const party = await startRoom({
      appUrl: app.url,
      secrets,
      port: partyPort,
      quiet: true,
      cpu: options.cpu,
      vars: ROOM_VARS,
    });
    stops.unshift(() => party.stop());
    const appPid = pidListeningOn(app.port);
    if (!appPid || !party.pid) throw new Error("could not find the app's or the room's process");
    const runtime = await findRoomRuntime(party.pid, party.port);
    return {
      db,
      app,
      party,
      partySecret: secrets.partySecret,
      nextAuthSecret: secrets.nextAuthSecret,
      appPid,
      roomPid: runtime.pid,
      roomPort: runtime.port,
      dbPid: db.server?.process?.pid ?? null,
      stop: async () => {
        for (const stop of stops) await stop().catch(() => {});
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => {});
    throw error;
  }
}
