/**
 * `npm run dev`: the whole stack for local use in one terminal. A database (DATABASE_URL, else
 * a project-local server under .data/), secrets in .env.local (handed to the room through
 * .dev.vars), migrations, seed data, then `next dev` on :3000 and the room under `wrangler dev`
 * on :1999 with labelled logs. The room is restarted if its runtime dies. Ctrl-C stops it all.
 */
import path from "node:path";
import { runMigrations } from "../migrate";
import { SeedConfigError, seed } from "../seed";
import { devVarsText, writeDevVars } from "./dev-vars";
import { loadEnvFiles } from "./load-env";
import { type LocalServer, NoDatabaseServerError, startLocalServer } from "./mysqld";
import { labelled, spawnServer, stopServer } from "./processes";
import { portAnswers, spawnRoom } from "./room";
import { superviseRoom } from "./room-supervisor";
import { ensureLocalSecrets, ensureVapidKeys } from "./secrets";

const APP_PORT = Number(process.env.PORT ?? 3000);
const ROOM_PORT = Number(process.env.PARTY_PORT ?? 1999);
const DB_PORT = Number(process.env.LOCAL_DB_PORT ?? 3307);
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

async function main() {
  const say = labelled("dev");
  const written = [...ensureLocalSecrets(), ...ensureVapidKeys()];
  if (written.length > 0) say(`Generated ${written.join(" and ")} in .env.local\n`);
  loadEnvFiles();

  let db: LocalServer | null = null;
  if (!process.env.DATABASE_URL) {
    say(
      `No DATABASE_URL: starting a local database on 127.0.0.1:${DB_PORT} with its data in .data/mysql\n`,
    );
    db = await startLocalServer({ dataDir: ".data/mysql", port: DB_PORT, log: labelled("db") });
    process.env.DATABASE_URL = `${db.url}/chat`;
  }
  const databaseUrl = process.env.DATABASE_URL as string;
  await runMigrations(databaseUrl);
  const seeded = await seed({
    adminUsername: process.env.ADMIN_USERNAME,
    adminPassword: process.env.ADMIN_PASSWORD,
  });
  if (seeded.adminPassword) {
    say(
      `Created the admin account: username "${seeded.adminUsername}", password "${seeded.adminPassword}" (shown once)\n`,
    );
  }

  const appUrl = `http://localhost:${APP_PORT}`;
  // The site works when opened as localhost or as 127.0.0.1: the room accepts both origins.
  writeDevVars(
    devVarsText(process.env, { url: appUrl, origins: [appUrl, `http://127.0.0.1:${APP_PORT}`] }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    ROOM_HOST: process.env.ROOM_HOST ?? `127.0.0.1:${ROOM_PORT}`,
  };
  if (!process.env.NEXTAUTH_URL) {
    // Without a fixed NEXTAUTH_URL, NextAuth takes the origin from the request, so signing in
    // through 127.0.0.1 returns to 127.0.0.1 (where the cookie is), not to localhost.
    env.AUTH_TRUST_HOST = "1";
  }
  const nextDev = spawnServer("next", bin("next"), ["dev", "--port", String(APP_PORT)], env);
  const room = superviseRoom({
    spawn: () => spawnRoom({ port: ROOM_PORT, logLevel: "info" }),
    probe: () => portAnswers(ROOM_PORT),
    say,
    onGiveUp: () => void stop(1),
  });
  say(`Open ${appUrl} (Ctrl-C stops everything)\n`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…\n");
    await Promise.all([stopServer(nextDev), room.stop()]);
    await db?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  nextDev.on("exit", (code) => {
    if (!stopping) {
      say(`next dev exited (${code}); stopping the rest\n`);
      void stop(code ?? 1);
    }
  });
}

main().catch((error: unknown) => {
  if (error instanceof NoDatabaseServerError || error instanceof SeedConfigError) {
    console.error(error.message);
  } else console.error(error);
  process.exit(1);
});
