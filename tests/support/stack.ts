/**
 * The real parts the integration, end-to-end and benchmark runs need, started on their own
 * ports: a MySQL/MariaDB database (a fresh one per run), the production Next.js build and
 * the room under `wrangler dev`. Used by tests/run.ts and tests/bench/run.ts.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import webPush from "web-push";
import { dropDatabase, splitDatabaseUrl } from "../../db/local/database";
import { type LocalServer, startLocalServer } from "../../db/local/mysqld";
import { labelled, spawnServer, stopServer, waitForHttp } from "../../db/local/processes";
import { portAnswers, ROOM_HEALTH_PATH, spawnRoom } from "../../db/local/room";
import { superviseRoom } from "../../db/local/room-supervisor";
import { runMigrations } from "../../db/migrate";
import { freePort } from "./ports";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

export type TestDatabase = {
  url: string;
  /** The local server when this run started one (null with an external DATABASE_URL). */
  server: LocalServer | null;
  stop(): Promise<void>;
};

/**
 * A fresh, migrated database: on the server in DATABASE_URL when one is given (refusing
 * anything but a local host), else on a throwaway server started from the binary on PATH.
 */
export async function startTestDatabase(
  log?: (line: string) => void,
  cpu?: string,
): Promise<TestDatabase> {
  const name = `chat_test_${Date.now()}_${process.pid}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const host = new URL(given).hostname;
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
      throw new Error(`Refusing to run tests against a non-local database (${host})`);
    }
    const { serverUrl } = splitDatabaseUrl(given.replace(/\/[^/]*$/, "/x"));
    const url = `${serverUrl}/${name}`;
    await runMigrations(url);
    return { url, server: null, stop: () => dropDatabase(url) };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "chat-test-db-"));
  const server = await startLocalServer({
    dataDir,
    port: await freePort(),
    throwaway: true,
    log,
    cpu,
  });
  const url = `${server.url}/${name}`;
  await runMigrations(url);
  return {
    url,
    server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Secrets = {
  nextAuthSecret: string;
  partySecret: string;
  /** The app's web push (VAPID) key pair. */
  vapid?: { publicKey: string; privateKey: string };
};

/** Fresh secrets for one run, so a test never depends on a developer's .env.local. */
export function testSecrets(): Secrets {
  return {
    nextAuthSecret: randomBytes(32).toString("base64url"),
    partySecret: randomBytes(32).toString("base64url"),
    vapid: webPush.generateVAPIDKeys(),
  };
}

export type RunningServer = {
  url: string;
  port: number;
  /** The spawned command's pid (and process group). */
  pid: number | undefined;
  stop(): Promise<void>;
  /** Ends it at once with SIGKILL, as a crash would: no shutdown work runs. */
  kill(): Promise<void>;
  /** False once the process has exited. */
  alive(): boolean;
};

function handles(child: ChildProcess): Pick<RunningServer, "pid" | "stop" | "kill" | "alive"> {
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid,
    stop: () => stopServer(child),
    alive,
    kill: () =>
      new Promise<void>((resolve) => {
        if (!alive() || !child.pid) return resolve();
        child.once("exit", () => resolve());
        try {
          // The whole process group: the room's runtime (workerd) is a child of wrangler.
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }),
  };
}

/** Runs the production build (`next start`); `next build` must have run first. */
export async function startApp(args: {
  databaseUrl: string;
  secrets: Secrets;
  partyHost: string;
  port?: number;
  quiet?: boolean;
  extraEnv?: NodeJS.ProcessEnv;
  /** CPUs to run on (taskset list); the bench keeps its load generator off them. */
  cpu?: string;
}): Promise<RunningServer> {
  const port = args.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawnServer(
    "next",
    bin("next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: args.databaseUrl,
      NEXTAUTH_SECRET: args.secrets.nextAuthSecret,
      NEXTAUTH_URL: url,
      PARTY_SECRET: args.secrets.partySecret,
      ROOM_HOST: args.partyHost,
      ...(args.secrets.vapid && {
        VAPID_PUBLIC_KEY: args.secrets.vapid.publicKey,
        VAPID_PRIVATE_KEY: args.secrets.vapid.privateKey,
        VAPID_SUBJECT: "mailto:tests@example.com",
      }),
      ...args.extraEnv,
    },
    { quiet: args.quiet, cpu: args.cpu },
  );
  await waitForHttp(`${url}/signin`, 60_000, child);
  return { url, port, ...handles(child) };
}

/** The room's env for a test run: this run's secret, and the app it stores through. */
function roomVars(args: { appUrl: string; secrets: Secrets; vars?: Record<string, string> }) {
  return {
    PARTY_SECRET: args.secrets.partySecret,
    APP_URL: args.appUrl,
    ALLOWED_ORIGINS: args.appUrl,
    ...args.vars,
  };
}

/** Runs the room under `wrangler dev` (workerd, the runtime Cloudflare runs), pointed at the app. */
export async function startRoom(args: {
  appUrl: string;
  secrets: Secrets;
  port?: number;
  quiet?: boolean;
  vars?: Record<string, string>;
  /** CPUs to run on (taskset list); the runtime the CLI starts inherits them. */
  cpu?: string;
}): Promise<RunningServer> {
  const port = args.port ?? (await freePort());
  // Durable Object storage of its own, so parallel rooms (and a developer's) never share it.
  const persistTo = mkdtempSync(path.join(os.tmpdir(), "chat-room-"));
  const child = spawnRoom({
    port,
    persistTo,
    quiet: args.quiet,
    vars: roomVars(args),
    cpu: args.cpu,
  });
  child.once("exit", () => rmSync(persistTo, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${ROOM_HEALTH_PATH}`, 60_000, child);
  return { url, port, ...handles(child) };
}

/**
 * The room as `npm run dev` runs it: under the supervisor that restarts it when its runtime
 * dies (probing every 250 ms here, to keep restart tests short, and never giving up).
 */
export async function startSupervisedRoom(args: {
  appUrl: string;
  secrets: Secrets;
  port?: number;
  quiet?: boolean;
  vars?: Record<string, string>;
}) {
  const port = args.port ?? (await freePort());
  const persistTo = mkdtempSync(path.join(os.tmpdir(), "chat-room-"));
  const say = args.quiet ? () => {} : labelled("supervisor");
  const supervisor = superviseRoom({
    spawn: () =>
      spawnRoom({
        port,
        persistTo,
        quiet: args.quiet,
        vars: roomVars(args),
      }),
    probe: () => portAnswers(port, 500),
    say,
    intervalMs: 250,
    maxRestarts: Number.POSITIVE_INFINITY,
    onGiveUp: () => {},
  });
  await waitForHttp(`http://127.0.0.1:${port}${ROOM_HEALTH_PATH}`, 60_000, supervisor.child);
  return {
    port,
    supervisor,
    async stop() {
      await supervisor.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
