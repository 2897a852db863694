import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { channels, type MentionKind, messageMentions, messages, users } from "../schema";
import { escapeLike } from "./like";

/** A person not banned at `now` (no ban, or one that has lapsed). */
const notBanned = (now: Date) => or(isNull(users.bannedUntil), lte(users.bannedUntil, now));

/** A member of the community: website visitors (support widget) are never mentioned or offered. */
const member = isNull(users.visitorSiteId);

/** The people with these usernames (case-insensitive, the column's collation) who are not banned. */
export async function findMentionableUsers(args: {
  usernames: string[];
  now: Date;
}): Promise<{ id: number; username: string }[]> {
  if (args.usernames.length === 0) return [];
  return getDb()
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(inArray(users.username, args.usernames), notBanned(args.now), member));
}

/** Most people one `@here` reaches: a bound on one message's work, far above a busy site's online count. */
export const HERE_MAX = 5_000;

/** Who has a page open now (online_until ahead of `now`) and is not banned, by the online index. */
export async function findOnlineUserIds(args: { now: Date }): Promise<number[]> {
  const rows = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(and(gt(users.onlineUntil, args.now), notBanned(args.now), member))
    .limit(HERE_MAX);
  return rows.map((r) => r.id);
}

export type MentionRow = {
  messageId: number;
  userId: number;
  channelId: number;
  kind: MentionKind;
};

/** The (message, person) pairs already stored for these messages. */
export async function mentionsOfMessages(
  messageIds: number[],
  db: Executor = getDb(),
): Promise<{ messageId: number; userId: number }[]> {
  if (messageIds.length === 0) return [];
  return db
    .select({ messageId: messageMentions.messageId, userId: messageMentions.userId })
    .from(messageMentions)
    .where(inArray(messageMentions.messageId, messageIds));
}

/** Stores mention rows; a pair already stored stays as it was (a retried batch adds nothing). */
export async function insertMentions(rows: MentionRow[], db: Executor = getDb()): Promise<void> {
  // Chunks keep one statement's placeholders well under MySQL's limit for a big @here.
  for (let i = 0; i < rows.length; i += 1_000) {
    await db
      .insert(messageMentions)
      .ignore()
      .values(rows.slice(i, i + 1_000));
  }
}

/** Drops a message's mentions of people no longer named in it (after an edit). */
export async function deleteMentionsExcept(args: {
  messageId: number;
  keepUserIds: number[];
  db?: Executor;
}): Promise<void> {
  const db = args.db ?? getDb();
  const mine = eq(messageMentions.messageId, args.messageId);
  await db
    .delete(messageMentions)
    .where(
      args.keepUserIds.length === 0
        ? mine
        : and(mine, notInArray(messageMentions.userId, args.keepUserIds)),
    );
}

/** One entry of a person's Mentions page. */
export type MentionEntry = {
  messageId: number;
  channelSlug: string;
  channelName: string;
  authorName: string;
  body: string;
  createdAt: string;
  kind: MentionKind;
};

/**
 * A person's mentions, newest first, `before` a message id (the page cursor). Deleted messages
 * and archived channels are left out. Reads the (user, message) index backwards, so a page costs
 * the same however many mentions the person has.
 */
export async function listMentionsOf(args: {
  userId: number;
  before?: number;
  limit: number;
}): Promise<{ entries: MentionEntry[]; hasMore: boolean }> {
  const rows = await getDb()
    .select({
      messageId: messageMentions.messageId,
      kind: messageMentions.kind,
      channelSlug: channels.slug,
      channelName: channels.name,
      authorName: users.displayName,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messageMentions)
    .innerJoin(messages, eq(messages.id, messageMentions.messageId))
    .innerJoin(channels, eq(channels.id, messageMentions.channelId))
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messageMentions.userId, args.userId),
        args.before === undefined ? undefined : lt(messageMentions.messageId, args.before),
        isNull(messages.deletedAt),
        isNull(channels.archivedAt),
      ),
    )
    .orderBy(desc(messageMentions.messageId))
    .limit(args.limit + 1);
  return {
    entries: rows.slice(0, args.limit).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    hasMore: rows.length > args.limit,
  };
}

/** A person the composer offers to mention. */
export type MentionCandidate = { username: string; displayName: string };

/**
 * Up to `limit` people, not banned and not `excludeId`, whose username or display name starts
 * with `prefix` (case-insensitive), usernames first in alphabetical order.
 */
export async function findMentionCandidates(args: {
  prefix: string;
  excludeId: number;
  limit: number;
  now: Date;
}): Promise<MentionCandidate[]> {
  const pattern = `${escapeLike(args.prefix)}%`;
  const starts = (column: typeof users.username | typeof users.displayName) =>
    sql`${column} like ${pattern} escape '\\\\'`;
  return getDb()
    .select({ username: users.username, displayName: users.displayName })
    .from(users)
    .where(
      and(
        or(starts(users.username), starts(users.displayName)),
        notBanned(args.now),
        member,
        sql`${users.id} <> ${args.excludeId}`,
      ),
    )
    .orderBy(asc(users.username))
    .limit(args.limit);
}

/** Which of these usernames belong to someone (lower-cased), for the page to mark them as mentions. */
export async function findExistingUsernames(names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await getDb()
    .select({ username: users.username })
    .from(users)
    .where(inArray(users.username, names));
  return rows.map((r) => r.username.toLowerCase());
}
