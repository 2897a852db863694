import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { type User, users, visitorBans } from "../schema";
import { readBaselineNow } from "./read-state";

/**
 * A website visitor of the support widget: a users row with `visitor_site_id` set, a random
 * username (`v_…`), no password and no email, so it can never sign in and never collides with a
 * member's name. The display name is what the pre-chat form gave, or a plain "Visitor".
 */
export async function createVisitor(args: {
  db?: Executor;
  siteId: number;
  displayName: string;
}): Promise<User> {
  const db = args.db ?? getDb();
  const username = `v_${randomBytes(12).toString("hex")}`;
  const [result] = await db.insert(users).values({
    username,
    displayName: args.displayName.slice(0, 64),
    visitorSiteId: args.siteId,
    readBaselineId: await readBaselineNow(db),
  });
  const [row] = await db.select().from(users).where(eq(users.id, result.insertId)).limit(1);
  if (!row) throw new Error("The visitor row vanished after insert");
  return row;
}

/** The visitor with this id on this site, or null (a member's id, or another site's visitor). */
export async function findVisitor(args: { id: number; siteId: number }): Promise<User | null> {
  const [row] = await getDb()
    .select()
    .from(users)
    .where(and(eq(users.id, args.id), eq(users.visitorSiteId, args.siteId)))
    .limit(1);
  return row ?? null;
}

/** Renames a visitor (the pre-chat form's name, or a verified token's). */
export async function setVisitorName(args: { id: number; displayName: string }): Promise<void> {
  await getDb()
    .update(users)
    .set({ displayName: args.displayName.slice(0, 64) })
    .where(and(eq(users.id, args.id), sql`${users.visitorSiteId} IS NOT NULL`));
}

/** When the address's ban on this site ends (the latest ban in force), or null. */
export async function addressBannedUntil(args: {
  siteId: number;
  address: string;
  now?: Date;
}): Promise<Date | null> {
  const [row] = await getDb()
    .select({ until: sql<Date | null>`max(${visitorBans.until})` })
    .from(visitorBans)
    .where(
      and(
        eq(visitorBans.siteId, args.siteId),
        eq(visitorBans.address, args.address),
        gt(visitorBans.until, args.now ?? new Date()),
      ),
    );
  const until = row?.until ?? null;
  return until === null ? null : new Date(until);
}

/** Bans an address from a site's widget until `until`. */
export async function banAddress(args: {
  db?: Executor;
  siteId: number;
  address: string;
  until: Date;
  reason: string;
  createdBy: number;
}): Promise<void> {
  await (args.db ?? getDb()).insert(visitorBans).values({
    siteId: args.siteId,
    address: args.address.slice(0, 64),
    until: args.until,
    reason: args.reason.slice(0, 500),
    createdBy: args.createdBy,
  });
}
