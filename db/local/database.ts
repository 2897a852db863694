/** Creating a database by URL, for scripts and tests (the app itself never creates databases). */
import mysql from "mysql2/promise";

/** Splits mysql://user@host:port/name into the server URL and the database name. */
export function splitDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database)) {
    throw new Error(
      `DATABASE_URL must name a database (letters, digits, _ or -), got "${database}"`,
    );
  }
  parsed.pathname = "/";
  return { serverUrl: parsed.toString().replace(/\/$/, ""), database };
}

/** Creates the URL's database if it does not exist, in utf8mb4 so every message round-trips. */
export async function ensureDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
}

/** Drops the URL's database (tests clean up their throwaway databases). */
export async function dropDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5_000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await conn.end();
  }
}
