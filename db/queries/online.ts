import "server-only";
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "../index";
import { ROLES, users } from "../schema";

/**
 * "Online" means: fetched a token for their own room lately. The activity fan-out posts only to
 * the rooms of people online, so a crowd of signed-up people who are away costs nothing per
 * message.
 */

/** Marks the person online until `until` (the token's end plus a margin). */
export async function markOnline(userId: number, until: Date): Promise<void> {
  await getDb().update(users).set({ onlineUntil: until }).where(eq(users.id, userId));
}

/** The ids of people online now: a range on users_online_until. */
export async function onlineUserIds(now: Date = new Date()): Promise<number[]> {
  const rows = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.onlineUntil), gt(users.onlineUntil, now)));
  return rows.map((r) => r.id);
}

/**
 * Marks these people offline (their rooms had no open page), except anyone whose mark is newer
 * than `markedBefore`: a page that just fetched its token may not have opened its socket yet.
 */
export async function clearOnline(userIds: number[], markedBefore: Date): Promise<void> {
  if (userIds.length === 0) return;
  await getDb()
    .update(users)
    .set({ onlineUntil: sql`NULL` })
    .where(and(inArray(users.id, userIds), lt(users.onlineUntil, markedBefore)));
}

/** The roles that answer support (agent and up). */
const SUPPORT_ROLES = ROLES.slice(ROLES.indexOf("agent"));

/**
 * The ids of people who answer support (role agent and up, never a visitor) and are online now:
 * who the inbox's live event goes to. Nobody else's room is ever told about conversations.
 */
export async function onlineSupportIds(now: Date = new Date()): Promise<number[]> {
  const rows = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        gt(users.onlineUntil, now),
        inArray(users.role, [...SUPPORT_ROLES]),
        isNull(users.visitorSiteId),
      ),
    );
  return rows.map((r) => r.id);
}
