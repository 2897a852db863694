import "server-only";
import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import * as schema from "./schema";

export type Database = MySql2Database<typeof schema>;
/** The database or an open transaction: what a query that may run inside one accepts. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Thrown when the database cannot be reached or answers with an error we did not expect. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super("The database is unavailable", { cause });
    this.name = "DatabaseUnavailableError";
  }
}

type Cached = { pool: mysql.Pool; db: Database; url: string };
// Cached on globalThis so that hot reload in `next dev` reuses one pool instead of
// opening a new one per edit until MySQL says "Too many connections".
const cache = globalThis as unknown as { __chatDb?: Cached };

/** Creates a pool for a URL; used by the app (through getDb) and by scripts and tests. */
export function createPool(url: string): mysql.Pool {
  return mysql.createPool({
    uri: url,
    connectionLimit: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Fail fast while the database is down so pages and the store route can say so.
    connectTimeout: 3_000,
    enableKeepAlive: true,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    // mysql2 would otherwise queue requests forever while the server is away.
    queueLimit: 500,
    // Bodies are TEXT; ids stay numbers (they fit in 2^53 for the life of a chat site).
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: false,
  });
}

/** The app's one pooled connection, created on first use so that `next build` needs no database. */
export function getDb(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: see .env.example");
  if (cache.__chatDb?.url === url) return cache.__chatDb.db;
  const pool = createPool(url);
  const db = drizzle(pool, { schema, mode: "default" });
  cache.__chatDb = { pool, db, url };
  return db;
}

/** Ends the cached pool, so a script or a test process that is done with the database can exit. */
export async function closeDb(): Promise<void> {
  const cached = cache.__chatDb;
  cache.__chatDb = undefined;
  await cached?.pool.end();
}

/** True when an error means "could not talk to MySQL" rather than "MySQL said no". */
export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|PROTOCOL_SEQUENCE_TIMEOUT|POOL_ENQUEUELIMIT|ER_SERVER_SHUTDOWN|EHOSTUNREACH)$/.test(
        code,
      )
    )
      return true;
    if ((e as { fatal?: unknown }).fatal === true) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
