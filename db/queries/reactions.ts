import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Reaction } from "../../party/protocol";
import { MAX_DISTINCT_REACTIONS, REACTORS_NAMED } from "../../party/protocol";
import { type Executor, getDb } from "../index";
import { messageReactions, messages } from "../schema";

/**
 * What a reaction change did: whether a row changed, how many now react with the emoji, and the
 * message's reaction version that count belongs to (see `touch`).
 */
export type ReactionChange =
  | { ok: true; changed: boolean; count: number; version: number }
  /** The message already carries MAX_DISTINCT_REACTIONS other emoji. */
  | { ok: false; reason: "too_many_emoji" };

type ReactionKey = { messageId: number; emoji: string; userId: number };

/**
 * Locks the message's row for the rest of the transaction, so changes to one message's reactions
 * run one after another: the distinct-emoji limit cannot be passed by two at once, and each
 * change's count is the count right after it.
 */
async function lockMessage(tx: Executor, messageId: number): Promise<number> {
  const [row] = await tx
    .select({ reactedAt: messages.reactedAt })
    .from(messages)
    .where(eq(messages.id, messageId))
    .for("update");
  return row?.reactedAt?.getTime() ?? 0;
}

async function countFor(tx: Executor, messageId: number, emoji: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(messageReactions)
    .where(and(eq(messageReactions.messageId, messageId), eq(messageReactions.emoji, emoji)));
  return row?.n ?? 0;
}

/**
 * Marks the message's reactions changed and returns the new reaction version: reacted_at in
 * epoch ms, made strictly greater than the last (`previous`, read under the same lock), so the
 * versions order one message's changes even when two land in the same millisecond or an app
 * instance's clock lags. Pages keep the newest count they have seen by it: the room commands
 * of two changes can arrive in either order.
 */
async function touch(tx: Executor, messageId: number, previous: number): Promise<number> {
  // The changes feed finds reacted-to messages by this, as it finds edits by edited_at, and
  // compares it with the app's clock (syncPoint): so it is the app's time, not the database
  // session's NOW(), which follows the server's time zone.
  const version = Math.max(Date.now(), previous + 1);
  await tx
    .update(messages)
    .set({ reactedAt: new Date(version) })
    .where(eq(messages.id, messageId));
  return version;
}

/**
 * Adds a reaction; adding it again changes nothing (the primary key holds one row). A new emoji
 * on a message that already has MAX_DISTINCT_REACTIONS is refused; joining one is always fine.
 */
export async function addReaction(key: ReactionKey): Promise<ReactionChange> {
  return getDb().transaction(async (tx) => {
    const previous = await lockMessage(tx, key.messageId);
    // DISTINCT over the primary key's prefix: at most the limit plus one index entries.
    const present = await tx
      .selectDistinct({ emoji: messageReactions.emoji })
      .from(messageReactions)
      .where(eq(messageReactions.messageId, key.messageId))
      .limit(MAX_DISTINCT_REACTIONS + 1);
    // Compared as the binary column compares: code unit for code unit.
    const known = present.some((r) => r.emoji === key.emoji);
    if (!known && present.length >= MAX_DISTINCT_REACTIONS) {
      return { ok: false, reason: "too_many_emoji" } as const;
    }
    const [result] = await tx.insert(messageReactions).ignore().values(key);
    const changed = result.affectedRows > 0;
    const version = changed ? await touch(tx, key.messageId, previous) : previous;
    const count = await countFor(tx, key.messageId, key.emoji);
    return { ok: true, changed, count, version } as const;
  });
}

/** Removes this user's reaction (only theirs: the key names them); removing it again is a no-op. */
export async function removeReaction(key: ReactionKey): Promise<ReactionChange> {
  return getDb().transaction(async (tx) => {
    const previous = await lockMessage(tx, key.messageId);
    const [result] = await tx
      .delete(messageReactions)
      .where(
        and(
          eq(messageReactions.messageId, key.messageId),
          eq(messageReactions.emoji, key.emoji),
          eq(messageReactions.userId, key.userId),
        ),
      );
    const changed = result.affectedRows > 0;
    const version = changed ? await touch(tx, key.messageId, previous) : previous;
    const count = await countFor(tx, key.messageId, key.emoji);
    return { ok: true, changed, count, version } as const;
  });
}

/** Whether this user reacts to the message with this emoji (one primary-key lookup). */
export async function hasReacted(key: ReactionKey): Promise<boolean> {
  const [row] = await getDb()
    .select({ userId: messageReactions.userId })
    .from(messageReactions)
    .where(
      and(
        eq(messageReactions.messageId, key.messageId),
        eq(messageReactions.emoji, key.emoji),
        eq(messageReactions.userId, key.userId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** How many reaction rows a message has in all (for tests and moderation). */
export async function countReactionRows(messageId: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(messageReactions)
    .where(eq(messageReactions.messageId, messageId));
  return row?.n ?? 0;
}

const summaryRow = z.object({
  messageId: z.coerce.number(),
  emoji: z.string(),
  userId: z.coerce.number(),
  name: z.string().nullable(),
  total: z.coerce.number(),
  mine: z.coerce.number().nullable(),
});
export type SummaryRow = z.infer<typeof summaryRow>;

/**
 * Shapes summary rows (ordered by message, then each emoji's first reaction, then reactor) into
 * each message's reactions. Pure, so the shaping is unit-tested without a database.
 */
export function shapeSummaries(rows: readonly SummaryRow[]): Map<number, Reaction[]> {
  const byMessage = new Map<number, Reaction[]>();
  for (const row of rows) {
    let list = byMessage.get(row.messageId);
    if (!list) {
      list = [];
      byMessage.set(row.messageId, list);
    }
    let reaction = list.find((r) => r.emoji === row.emoji);
    if (!reaction) {
      reaction = { emoji: row.emoji, count: row.total, users: [], mine: row.mine === 1 };
      list.push(reaction);
    }
    // A reactor whose account is gone leaves no row (cascade); a null name is never shown.
    if (row.name !== null && reaction.users.length < REACTORS_NAMED) {
      reaction.users.push({ id: row.userId, name: row.name });
    }
  }
  return byMessage;
}

/**
 * The reactions on these messages as `readerId` sees them: per emoji the exact count, the first
 * REACTORS_NAMED people (oldest first) and whether the reader is one of them. One query for a
 * whole page: each message's reactions are one range of the primary key, the window functions
 * count and number them, and only the named rows are joined to users.
 */
export async function reactionSummaries(args: {
  messageIds: readonly number[];
  readerId: number;
}): Promise<Map<number, Reaction[]>> {
  if (args.messageIds.length === 0) return new Map();
  const ids = sql.join(
    args.messageIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const [rows] = await getDb().execute(sql`
    SELECT t.message_id AS messageId, t.emoji AS emoji, t.user_id AS userId,
           u.display_name AS name, t.total AS total, t.mine AS mine
    FROM (
      SELECT message_id, emoji, user_id,
             ROW_NUMBER() OVER (PARTITION BY message_id, emoji ORDER BY created_at, user_id) AS rn,
             COUNT(*) OVER (PARTITION BY message_id, emoji) AS total,
             MAX(user_id = ${args.readerId}) OVER (PARTITION BY message_id, emoji) AS mine,
             MIN(created_at) OVER (PARTITION BY message_id, emoji) AS first_at
      FROM message_reactions
      WHERE message_id IN (${ids})
    ) t
    LEFT JOIN users u ON u.id = t.user_id
    WHERE t.rn <= ${REACTORS_NAMED}
    ORDER BY t.message_id, t.first_at, t.emoji, t.rn
  `);
  return shapeSummaries(z.array(summaryRow).parse(rows));
}
