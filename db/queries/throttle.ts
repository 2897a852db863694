import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { authThrottles, type ThrottleScope } from "../schema";

export type ThrottleKey = { scope: ThrottleScope; key: string };

/** The latest `blocked_until` among these counters that is still in the future, or null. */
export async function checkThrottle(args: {
  keys: ThrottleKey[];
  now: Date;
  db?: Executor;
}): Promise<Date | null> {
  if (args.keys.length === 0) return null;
  const match = or(
    ...args.keys.map((k) => and(eq(authThrottles.scope, k.scope), eq(authThrottles.key, k.key))),
  );
  const rows = await (args.db ?? getDb())
    .select({ blockedUntil: authThrottles.blockedUntil })
    .from(authThrottles)
    .where(match);
  let latest: Date | null = null;
  for (const { blockedUntil } of rows) {
    if (blockedUntil && blockedUntil > args.now && (!latest || blockedUntil > latest)) {
      latest = blockedUntil;
    }
  }
  return latest;
}

/**
 * Counts one attempt against a key and returns the count so far. A counter whose last attempt
 * is older than `windowMs` starts again from one, so old failures are forgiven.
 */
export async function recordAttempt(args: {
  scope: ThrottleScope;
  key: string;
  now: Date;
  windowMs: number;
  db?: Executor;
}): Promise<number> {
  const db = args.db ?? getDb();
  const staleBefore = new Date(args.now.getTime() - args.windowMs);
  // One upsert, so two instances counting at once cannot both write the same count.
  await db
    .insert(authThrottles)
    .values({ scope: args.scope, key: args.key, attempts: 1, lastAttemptAt: args.now })
    .onDuplicateKeyUpdate({
      set: {
        attempts: sql`IF(${authThrottles.lastAttemptAt} < ${staleBefore}, 1, ${authThrottles.attempts} + 1)`,
        lastAttemptAt: args.now,
      },
    });
  const [row] = await db
    .select({ attempts: authThrottles.attempts })
    .from(authThrottles)
    .where(and(eq(authThrottles.scope, args.scope), eq(authThrottles.key, args.key)));
  return row?.attempts ?? 1;
}

/** Blocks a key until a time; an existing later block is kept. */
export async function blockUntil(args: {
  scope: ThrottleScope;
  key: string;
  until: Date;
  db?: Executor;
}): Promise<void> {
  await (args.db ?? getDb())
    .update(authThrottles)
    .set({
      blockedUntil: sql`GREATEST(COALESCE(${authThrottles.blockedUntil}, ${args.until}), ${args.until})`,
    })
    .where(and(eq(authThrottles.scope, args.scope), eq(authThrottles.key, args.key)));
}

/** Forgets a key's counter (after a successful sign-in for that username). */
export async function clearThrottle(args: ThrottleKey & { db?: Executor }): Promise<void> {
  await (args.db ?? getDb())
    .delete(authThrottles)
    .where(and(eq(authThrottles.scope, args.scope), eq(authThrottles.key, args.key)));
}
