/**
 * `npm run dev`: the whole stack for local use in one terminal. A database (DATABASE_URL, else
 * a project-local server under .data/), secrets in .env.local, migrations, seed data, then
 * `next dev` on :3000 and `partykit dev` on :1999 with labelled logs. Ctrl-C stops all of it.
 */
import path from "node:path";
import { runMigrations } from "../migrate";
import { seed } from "../seed";
import { loadEnvFiles } from "./load-env";
import { type LocalServer, NoDatabaseServerError, startLocalServer } from "./mysqld";
import { labelled, spawnServer, stopServer } from "./processes";
import { ensureLocalSecrets } from "./secrets";

const APP_PORT = Number(process.env.PORT ?? 3000);
const PARTY_PORT = Number(process.env.PARTY_PORT ?? 1999);
const DB_PORT = Number(process.env.LOCAL_DB_PORT ?? 3307);
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

async function main() {
  const say = labelled("dev");
  const written = ensureLocalSecrets();
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
  const seeded = await seed({ adminPassword: process.env.ADMIN_PASSWORD });
  if (seeded.adminPassword) {
    say(
      `Created the admin account: username "admin", password "${seeded.adminPassword}" (shown once)\n`,
    );
  }

  const appUrl = `http://localhost:${APP_PORT}`;
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    PARTYKIT_HOST: process.env.PARTYKIT_HOST ?? `127.0.0.1:${PARTY_PORT}`,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
  };
  const nextDev = spawnServer("next", bin("next"), ["dev", "--port", String(APP_PORT)], env);
  const party = spawnServer(
    "party",
    bin("partykit"),
    [
      "dev",
      "--port",
      String(PARTY_PORT),
      "--disable-request-cf-fetch",
      "--no-hotkeys",
      "--var",
      `APP_URL=${appUrl}`,
      "--var",
      `ALLOWED_ORIGINS=${appUrl},http://127.0.0.1:${APP_PORT}`,
    ],
    env,
  );
  say(`Open ${appUrl} (Ctrl-C stops everything)\n`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…\n");
    await Promise.all([stopServer(nextDev), stopServer(party)]);
    await db?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const [name, child] of [
    ["next dev", nextDev],
    ["partykit dev", party],
  ] as const) {
    child.on("exit", (code) => {
      if (!stopping) {
        say(`${name} exited (${code}); stopping the rest\n`);
        void stop(code ?? 1);
      }
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof NoDatabaseServerError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
