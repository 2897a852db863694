import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { HeldChannel, PacingState } from "../../app/_lib/push/pacing";
import { type Executor, getDb } from "../index";
import {
  channels,
  messageMentions,
  messages,
  pushPacing,
  pushSubscriptions,
  readStates,
  users,
} from "../schema";

// ---- subscriptions (devices) -------------------------------------------------------------------

export type NewSubscription = {
  userId: number;
  endpoint: string;
  endpointHash: string;
  p256dh: string;
  auth: string;
  userAgent: string;
};

/**
 * Stores a device's subscription. An endpoint already stored is re-bound to this user with the
 * new keys: the browser profile now belongs to whoever signed in on it last, and the previous
 * account must stop receiving its pushes there.
 */
export async function upsertSubscription(input: NewSubscription): Promise<void> {
  await getDb()
    .insert(pushSubscriptions)
    .values(input)
    .onDuplicateKeyUpdate({
      set: {
        userId: input.userId,
        endpoint: input.endpoint,
        p256dh: input.p256dh,
        auth: input.auth,
        userAgent: input.userAgent,
      },
    });
}

/** Removes `userId`'s subscription with this endpoint hash; another person's stays. */
export async function deleteOwnSubscription(args: {
  userId: number;
  endpointHash: string;
}): Promise<boolean> {
  const [result] = await getDb()
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.userId, args.userId),
        eq(pushSubscriptions.endpointHash, args.endpointHash),
      ),
    );
  return result.affectedRows > 0;
}

/** A person's devices, oldest first. */
export async function listSubscriptions(userId: number) {
  return getDb()
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(asc(pushSubscriptions.id));
}

/** The push service said this subscription is gone (404/410). */
export async function deleteSubscriptionById(id: number): Promise<void> {
  await getDb().delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}

export async function markSubscriptionsSent(ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await getDb()
    .update(pushSubscriptions)
    .set({ lastSentAt: at })
    .where(inArray(pushSubscriptions.id, ids));
}

// ---- pacing --------------------------------------------------------------------------------------

/**
 * Applies `next` to every (user, channel) pair in one transaction: `next` gets the row as it is
 * (locked) and returns what it becomes. Pairs are locked in key order so two calls over
 * overlapping pairs cannot deadlock.
 */
export async function updatePacing(
  pairs: { userId: number; channelId: number }[],
  next: (key: { userId: number; channelId: number }, state: PacingState) => PacingState,
): Promise<void> {
  const sorted = [...pairs].sort((a, b) => a.userId - b.userId || a.channelId - b.channelId);
  await getDb().transaction(async (tx) => {
    for (const key of sorted) {
      // A row to lock, made if missing (the ignore keeps a concurrent maker's row).
      await tx.insert(pushPacing).ignore().values(key);
      const [row] = await tx
        .select({
          heldCount: pushPacing.heldCount,
          heldUpToId: pushPacing.heldUpToId,
          dueAt: pushPacing.dueAt,
          lastSentAt: pushPacing.lastSentAt,
        })
        .from(pushPacing)
        .where(pacingKey(key))
        .for("update");
      if (!row) continue;
      await tx.update(pushPacing).set(next(key, row)).where(pacingKey(key));
    }
  });
}

function pacingKey(key: { userId: number; channelId: number }) {
  return and(eq(pushPacing.userId, key.userId), eq(pushPacing.channelId, key.channelId));
}

/** The channels where a person has mentions held, with what decides whether they still matter. */
export async function listHeldChannels(
  userId: number,
): Promise<(HeldChannel & { slug: string })[]> {
  const db = getDb();
  const rows = await db
    .select({
      channelId: pushPacing.channelId,
      slug: channels.slug,
      heldCount: pushPacing.heldCount,
      heldUpToId: pushPacing.heldUpToId,
      dueAt: pushPacing.dueAt,
      lastSentAt: pushPacing.lastSentAt,
      // As db/queries/read-state.ts reads it: the row's position, else (a channel never
      // opened) the join baseline, users.read_baseline_id.
      lastReadId: sql<number>`COALESCE(${readStates.lastReadId}, ${users.readBaselineId})`,
      muted: sql<number>`COALESCE(${readStates.muted}, 0)`,
    })
    .from(pushPacing)
    .innerJoin(users, eq(users.id, pushPacing.userId))
    .innerJoin(channels, eq(channels.id, pushPacing.channelId))
    .leftJoin(
      readStates,
      and(eq(readStates.userId, pushPacing.userId), eq(readStates.channelId, pushPacing.channelId)),
    )
    .where(and(eq(pushPacing.userId, userId), gt(pushPacing.heldCount, 0)));
  return Promise.all(
    rows.map(async (row) => {
      const lastReadId = Number(row.lastReadId);
      const unreadMentions =
        row.heldUpToId === null || lastReadId >= row.heldUpToId
          ? 0
          : await countUnreadMentions(db, {
              userId,
              channelId: row.channelId,
              afterId: lastReadId,
              upToId: row.heldUpToId,
              cap: row.heldCount,
            });
      return { ...row, lastReadId, muted: Boolean(Number(row.muted)), unreadMentions };
    }),
  );
}

/** Mentions in (afterId, upToId] whose message still stands, counted up to `cap`. */
async function countUnreadMentions(
  db: Executor,
  args: { userId: number; channelId: number; afterId: number; upToId: number; cap: number },
): Promise<number> {
  // A range on message_mentions_user_channel, stopped at the cap: only "one or several" matters.
  const rows = await db
    .select({ id: messageMentions.messageId })
    .from(messageMentions)
    .innerJoin(messages, eq(messages.id, messageMentions.messageId))
    .where(
      and(
        eq(messageMentions.userId, args.userId),
        eq(messageMentions.channelId, args.channelId),
        gt(messageMentions.messageId, args.afterId),
        lte(messageMentions.messageId, args.upToId),
        isNull(messages.deletedAt),
      ),
    )
    .limit(args.cap);
  return rows.length;
}

/** The newest unread mention in (afterId, upToId] still standing: the single push's text. */
export async function newestUnreadMention(args: {
  userId: number;
  channelId: number;
  afterId: number;
  upToId: number;
}): Promise<{ authorName: string; body: string } | null> {
  const [row] = await getDb()
    .select({ authorName: users.displayName, body: messages.body })
    .from(messageMentions)
    .innerJoin(messages, eq(messages.id, messageMentions.messageId))
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messageMentions.userId, args.userId),
        eq(messageMentions.channelId, args.channelId),
        gt(messageMentions.messageId, args.afterId),
        lte(messageMentions.messageId, args.upToId),
        isNull(messages.deletedAt),
      ),
    )
    .orderBy(desc(messageMentions.messageId))
    .limit(1);
  return row ?? null;
}

/**
 * Clears a channel's held mentions if they are still exactly what the caller decided on (same
 * count, same newest id): a mention that arrived meanwhile keeps them held for its own call.
 * `sentAt` also starts the channel's gap. True when this call took them.
 */
export async function takeHeld(args: {
  userId: number;
  channelId: number;
  heldCount: number;
  heldUpToId: number;
  sentAt: Date | null;
}): Promise<boolean> {
  const [result] = await getDb()
    .update(pushPacing)
    .set({ heldCount: 0, dueAt: null, ...(args.sentAt ? { lastSentAt: args.sentAt } : {}) })
    .where(
      and(
        pacingKey(args),
        eq(pushPacing.heldCount, args.heldCount),
        eq(pushPacing.heldUpToId, args.heldUpToId),
      ),
    );
  return result.affectedRows > 0;
}
