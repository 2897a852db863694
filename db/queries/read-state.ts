import "server-only";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "../index";
import { messages, readStates, users } from "../schema";

/**
 * Most unread messages counted per channel; the sidebar shows more as "999+". Each count is an
 * index range on (channel, id) stopped at this many rows, so a person back from a year away
 * costs the same as one back from lunch.
 */
export const UNREAD_CAP = 1_000;

/**
 * The newest message id now: a new person's read baseline (nothing older is unread for them).
 * Read by a plain SELECT before the INSERT, never as a subquery in it: INSERT … SELECT takes
 * locks on the end of messages' index, and deadlocked sign-ups against messages being stored.
 */
export async function readBaselineNow(db: Executor = getDb()): Promise<number> {
  const [row] = await db
    .select({ id: sql<string | number>`COALESCE(MAX(${messages.id}), 0)` })
    .from(messages);
  return Number(row?.id ?? 0);
}

/** Who is reading: their id and the newest message id when they joined. */
export type Reader = { id: number; readBaselineId: number };

/** A person's place in one channel. */
export type ReadPosition = { lastReadId: number; muted: boolean };

/** A channel's counts for one person, as MySQL has them now. */
export type ChannelCounts = ReadPosition & {
  channelId: number;
  /** Messages by others after lastReadId, not deleted (at most UNREAD_CAP). */
  unread: number;
  /** Of those, how many mention this person (by name or @here). */
  mentions: number;
  /** The channel's newest message id as counted (0: none). */
  newestId: number;
};

/**
 * The person's place in each of these channels. A channel they never read has no row and counts
 * as read up to their baseline: what was posted before they joined is not news to them.
 */
export async function readPositions(
  reader: Reader,
  channelIds: number[],
  db: Executor = getDb(),
): Promise<Map<number, ReadPosition>> {
  const positions = new Map<number, ReadPosition>(
    channelIds.map((id) => [id, { lastReadId: reader.readBaselineId, muted: false }]),
  );
  if (channelIds.length === 0) return positions;
  const rows = await db
    .select()
    .from(readStates)
    .where(and(eq(readStates.userId, reader.id), inArray(readStates.channelId, channelIds)));
  for (const row of rows)
    positions.set(row.channelId, { lastReadId: row.lastReadId, muted: row.muted });
  return positions;
}

/** The person's place in one channel. */
export async function readPosition(reader: Reader, channelId: number): Promise<ReadPosition> {
  const positions = await readPositions(reader, [channelId]);
  return positions.get(channelId) ?? { lastReadId: reader.readBaselineId, muted: false };
}

/**
 * Unread and mention counts for these channels in one round trip: one bounded sub-count per
 * channel, joined with UNION ALL (MariaDB has no LATERAL, and a derived table may not read the
 * outer row, so each channel's position goes in as a value).
 */
export async function channelCounts(
  reader: Reader,
  channelIds: number[],
  db: Executor = getDb(),
): Promise<ChannelCounts[]> {
  if (channelIds.length === 0) return [];
  const positions = await readPositions(reader, channelIds, db);
  const parts: SQL[] = channelIds.map((channelId) => {
    const after = positions.get(channelId)?.lastReadId ?? reader.readBaselineId;
    return sql`SELECT ${channelId} AS channel_id,
      (SELECT COUNT(*) FROM (
        SELECT 1 FROM messages
        WHERE channel_id = ${channelId} AND id > ${after}
          AND deleted_at IS NULL AND author_id <> ${reader.id}
        LIMIT ${UNREAD_CAP}) AS unread_rows) AS unread,
      (SELECT COUNT(*) FROM message_mentions mm
        JOIN messages m ON m.id = mm.message_id AND m.deleted_at IS NULL
        WHERE mm.user_id = ${reader.id} AND mm.channel_id = ${channelId}
          AND mm.message_id > ${after}) AS mentions,
      (SELECT COALESCE(MAX(id), 0) FROM messages WHERE channel_id = ${channelId}) AS newest`;
  });
  const [rows] = (await db.execute(sql.join(parts, sql` UNION ALL `))) as unknown as [
    {
      channel_id: number;
      unread: number | string;
      mentions: number | string;
      newest: number | string;
    }[],
  ];
  return rows.map((row) => {
    const position = positions.get(Number(row.channel_id)) ?? {
      lastReadId: reader.readBaselineId,
      muted: false,
    };
    return {
      channelId: Number(row.channel_id),
      ...position,
      unread: Number(row.unread),
      mentions: Number(row.mentions),
      newestId: Number(row.newest),
    };
  });
}

/**
 * Moves the person's place forward to `messageId` (never back: two tabs reporting out of order
 * cannot un-read anything). A first row starts from the baseline.
 */
export async function advanceRead(args: {
  userId: number;
  channelId: number;
  messageId: number;
}): Promise<void> {
  const db = getDb();
  await db
    .insert(readStates)
    .select(
      db
        .select({
          userId: users.id,
          channelId: sql<number>`${args.channelId}`.as("channel_id"),
          lastReadId: sql<number>`GREATEST(${users.readBaselineId}, ${args.messageId})`.as(
            "last_read_id",
          ),
          muted: sql<boolean>`false`.as("muted"),
          updatedAt: sql<Date>`CURRENT_TIMESTAMP(3)`.as("updated_at"),
        })
        .from(users)
        .where(eq(users.id, args.userId)),
    )
    .onDuplicateKeyUpdate({
      set: {
        lastReadId: sql`GREATEST(${readStates.lastReadId}, ${args.messageId})`,
        updatedAt: sql`IF(${readStates.lastReadId} < ${args.messageId}, CURRENT_TIMESTAMP(3), ${readStates.updatedAt})`,
      },
    });
}

/**
 * "Mark as unread": the person's place goes to just before `messageId`, so that message and
 * everything after it count again. The only way a place moves back.
 */
export async function markUnreadFrom(args: {
  userId: number;
  channelId: number;
  messageId: number;
}): Promise<void> {
  const lastReadId = args.messageId - 1;
  await getDb()
    .insert(readStates)
    .values({ userId: args.userId, channelId: args.channelId, lastReadId })
    .onDuplicateKeyUpdate({ set: { lastReadId, updatedAt: sql`CURRENT_TIMESTAMP(3)` } });
}

/** Mutes or unmutes a channel for the person (a row is made if they never read it). */
export async function setMuted(args: {
  reader: Reader;
  channelId: number;
  muted: boolean;
}): Promise<void> {
  await getDb()
    .insert(readStates)
    .values({
      userId: args.reader.id,
      channelId: args.channelId,
      lastReadId: args.reader.readBaselineId,
      muted: args.muted,
    })
    .onDuplicateKeyUpdate({ set: { muted: args.muted } });
}
