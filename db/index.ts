import "server-only";
import { attachDatabasePool } from "@vercel/functions";
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

// On Vercel every function instance has its own pool, and Fluid compute runs many instances at
// once, so MySQL sees instances × pool size connections: 5 each lets one instance overlap a store
// call (three reads at once) with a page render, and 30 busy instances still fit in MySQL's
// default max_connections of 151. A long-running server (`next start`, `npm run dev`) is one
// process, so it gets 10. DATABASE_POOL_SIZE overrides both.
const DEFAULT_POOL_SIZE = process.env.VERCEL ? 5 : 10;
// A connection unused this long is closed: short, so that an instance about to be suspended
// does not hold it open for long, yet long enough to be reused while traffic keeps coming.
const IDLE_TIMEOUT_MS = 5_000;

function poolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(size) && size > 0 ? size : DEFAULT_POOL_SIZE;
}

/** Creates a pool for a URL; used by the app (through getDb) and by scripts and tests. */
export function createPool(url: string): mysql.Pool {
  const size = poolSize();
  return mysql.createPool({
    uri: url,
    connectionLimit: size,
    idleTimeout: IDLE_TIMEOUT_MS,
    // mysql2 only closes idle connections when maxIdle < connectionLimit (and then closes any
    // above maxIdle at its next check); one below the limit keeps a busy instance's connections.
    maxIdle: size - 1,
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

/**
 * On Vercel, keeps the instance from being suspended until the pool's idle connections have
 * closed (else they stay open on the server until its wait_timeout). Elsewhere it does nothing:
 * its release listener returns at once unless VERCEL_URL and VERCEL_REGION are set (Vercel's
 * run time sets both; its build does not).
 * It gets a small adapter, not the pool: it refuses mysql2's promise pool ("Unsupported database
 * pool type"), and on the core pool it reads the timeout from where the older `mysql` package
 * keeps it, finds none and waits 60 s. The adapter says how long to wait: our idle timeout plus
 * mysql2's one-second check interval.
 */
function closeIdleBeforeSuspend(pool: mysql.Pool): void {
  attachDatabasePool({
    config: { idleTimeout: IDLE_TIMEOUT_MS + 1_000 },
    on: (event: "release", listener: () => void) => pool.on(event, listener),
  });
}

/** The app's one pooled connection, created on first use so that `next build` needs no database. */
export function getDb(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: see .env.example");
  if (cache.__chatDb?.url === url) return cache.__chatDb.db;
  const pool = createPool(url);
  closeIdleBeforeSuspend(pool);
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
