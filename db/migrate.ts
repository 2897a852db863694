import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import mysql from "mysql2/promise";
import { ensureDatabase } from "./local/database";
import { loadEnvFiles } from "./local/load-env";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Creates the database if needed and applies every committed migration not yet applied. */
export async function runMigrations(url: string): Promise<void> {
  await ensureDatabase(url);
  const pool = mysql.createPool({ uri: url, connectionLimit: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  loadEnvFiles();
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "DATABASE_URL is not set (npm run dev sets it up for local use; see .env.example).",
    );
    process.exit(1);
  }
  runMigrations(url).then(
    () => console.log("Migrations applied."),
    (error: unknown) => {
      console.error("Migration failed:", error);
      process.exit(1);
    },
  );
}
