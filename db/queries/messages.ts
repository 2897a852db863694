import "server-only";
import { and, asc, desc, eq, gt, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { ChatMessage } from "../../party/protocol";
import { getDb } from "../index";
import { messages, users } from "../schema";

/** Largest page the history routes hand out. */
export const MAX_PAGE = 200;

const columns = {
  id: messages.id,
  channelId: messages.channelId,
  clientId: messages.clientId,
  body: messages.body,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  authorId: users.id,
  authorName: users.displayName,
  authorImage: users.image,
  authorRole: users.role,
};

type Row = {
  id: number;
  channelId: number;
  clientId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  authorId: number;
  authorName: string;
  authorImage: string | null;
  authorRole: ChatMessage["author"]["role"];
};

function toChatMessage(row: Row): ChatMessage {
  return {
    id: row.id,
    channelId: row.channelId,
    clientId: row.clientId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt ? row.editedAt.toISOString() : null,
    author: {
      id: row.authorId,
      name: row.authorName,
      image: row.authorImage,
      role: row.authorRole,
    },
  };
}

type ListArgs = {
  channelId: number;
  /** Only messages with a smaller id (older), newest first; for scrolling up. */
  before?: number;
  /** Only messages with a larger id (newer), oldest first; for catching up after a reconnect. */
  after?: number;
  limit: number;
};

/**
 * One page of a channel's visible messages, always returned oldest first. Without a cursor it
 * is the newest page. The cursor is a message id, so a page deep in the past costs the same
 * as the first one (a range scan on (channel_id, id), never OFFSET).
 */
export async function listMessages(
  args: ListArgs,
): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const limit = Math.max(1, Math.min(args.limit, MAX_PAGE));
  const where: SQL[] = [eq(messages.channelId, args.channelId), isNull(messages.deletedAt)];
  if (args.before !== undefined) where.push(lt(messages.id, args.before));
  if (args.after !== undefined) where.push(gt(messages.id, args.after));
  const forward = args.after !== undefined;
  const rows = await getDb()
    .select(columns)
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(...where))
    .orderBy(forward ? asc(messages.id) : desc(messages.id))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  return { messages: page.map(toChatMessage), hasMore };
}

type NewMessage = { authorId: number; clientId: string; body: string };

/**
 * Stores a batch in one multi-row INSERT and returns the stored rows in id order. A message
 * whose (author, clientId) is already stored is not inserted again: its first row comes back,
 * so a retry after a lost reply never doubles a message. Ids are read back by (author,
 * clientId) because InnoDB need not hand a multi-row INSERT consecutive ids.
 */
export async function insertMessages({
  channelId,
  items,
}: {
  channelId: number;
  items: NewMessage[];
}): Promise<ChatMessage[]> {
  if (items.length === 0) return [];
  const db = getDb();
  await db
    .insert(messages)
    .values(
      items.map((m) => ({ channelId, authorId: m.authorId, clientId: m.clientId, body: m.body })),
    )
    .onDuplicateKeyUpdate({ set: { id: sql`${messages.id}` } });
  const keys = sql.join(
    items.map((m) => sql`(${m.authorId}, ${m.clientId})`),
    sql`, `,
  );
  const rows = await db
    .select(columns)
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(sql`(${messages.authorId}, ${messages.clientId}) IN (${keys})`)
    .orderBy(asc(messages.id));
  return rows.map(toChatMessage);
}
