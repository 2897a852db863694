import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  max,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import { type ChatMessage, REPLY_EXCERPT_CHARS, type ReplyParent } from "../../party/protocol";
import { type Executor, getDb } from "../index";
import { channels, conversations, messages, moderationActions, users } from "../schema";
import { likeContains } from "./like";
import { reactionSummaries } from "./reactions";

/** Largest page the history routes hand out. */
export const MAX_PAGE = 200;

// A reply's parent and its author, joined by primary key: one point lookup per returned row.
const parent = alias(messages, "parent");
const parentAuthor = alias(users, "parent_author");

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
  replyToId: messages.replyToId,
  parentAuthorName: parentAuthor.displayName,
  parentDeletedAt: parent.deletedAt,
  // Cut in SQL (LEFT counts characters) so a page of replies never carries its parents' bodies.
  parentExcerpt: sql<string | null>`left(${parent.body}, ${REPLY_EXCERPT_CHARS})`,
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
  replyToId: number | null;
  parentAuthorName: string | null;
  parentDeletedAt: Date | null;
  parentExcerpt: string | null;
};

/**
 * Rows of a LEFT JOIN to users as the Row they always are: a message always has its author
 * (foreign key, cascading delete), so this only narrows the outer join's nullable types.
 */
function withAuthors(
  rows: (Omit<Row, "authorId" | "authorName" | "authorRole"> & {
    authorId: number | null;
    authorName: string | null;
    authorRole: Row["authorRole"] | null;
  })[],
): Row[] {
  return rows.flatMap(({ authorId, authorName, authorRole, ...row }) =>
    authorId === null || authorName === null || authorRole === null
      ? []
      : [{ ...row, authorId, authorName, authorRole }],
  );
}

/** The parent a reply quotes; a parent row that is gone reads as deleted. */
function replyParent(row: Row): ReplyParent | null {
  if (row.replyToId === null) return null;
  const gone = row.parentDeletedAt !== null || row.parentAuthorName === null;
  return {
    id: row.replyToId,
    authorName: row.parentAuthorName ?? "",
    excerpt: gone ? "" : (row.parentExcerpt ?? ""),
    deleted: gone,
  };
}

function toChatMessage(row: Row): ChatMessage {
  const replyTo = replyParent(row);
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
    ...(replyTo && { replyTo }),
  };
}

/**
 * Gives each message its reactions as `readerId` sees them (one query for the whole list). Every
 * message gets the field, empty when it has none, so the page replaces what it held.
 */
async function withReactions(list: ChatMessage[], readerId: number): Promise<ChatMessage[]> {
  const summaries = await reactionSummaries({ messageIds: list.map((m) => m.id), readerId });
  return list.map((m) => ({ ...m, reactions: summaries.get(m.id) ?? [] }));
}

type ListArgs = {
  channelId: number;
  /** Who reads: the messages come with reactions as this user sees them (`mine`). */
  readerId?: number;
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
    // LEFT, not INNER: an outer join has to read messages first, i.e. walk (channel_id, id) and
    // stop after limit + 1 rows. Joined INNER, MariaDB may start from users instead and read
    // every message of the channel through each author, then sort them all: npm run bench saw a
    // 1M-message channel take seconds per page that way.
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(parent, eq(parent.id, messages.replyToId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(and(...where))
    .orderBy(forward ? asc(messages.id) : desc(messages.id))
    .limit(limit + 1);
  const hasMore = rows.length > limit;
  const page = withAuthors(rows.slice(0, limit));
  if (!forward) page.reverse();
  const list = page.map(toChatMessage);
  return {
    messages: args.readerId === undefined ? list : await withReactions(list, args.readerId),
    hasMore,
  };
}

/** Most edits, and most deletions, one changes query returns. */
export const MAX_CHANGES = 500;

/**
 * What happened since `since` to the messages a page holds (ids `from` to `upTo` of a channel):
 * the ones edited or reacted to, as they are now (with reactions as `readerId` sees them), and
 * the ids of the ones deleted. A page that was
 * disconnected asks this on its way back, since it missed the live frames. It reads the held
 * range through (channel_id, id), so its cost follows what the page holds, and inserts pay for
 * no extra index. `complete` is false when either list was cut at MAX_CHANGES.
 */
export async function listChangesSince(args: {
  channelId: number;
  since: Date;
  from: number;
  upTo: number;
  /** Who reads: the messages come with reactions as this user sees them. */
  readerId?: number;
}): Promise<{ edited: ChatMessage[]; deletedIds: number[]; complete: boolean }> {
  const inRange = and(
    eq(messages.channelId, args.channelId),
    gte(messages.id, args.from),
    lte(messages.id, args.upTo),
  );
  const [editedRows, deletedRows] = await Promise.all([
    getDb()
      .select(columns)
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorId))
      .leftJoin(parent, eq(parent.id, messages.replyToId))
      .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
      .where(
        and(
          inRange,
          or(gte(messages.editedAt, args.since), gte(messages.reactedAt, args.since)),
          isNull(messages.deletedAt),
        ),
      )
      .orderBy(asc(messages.id))
      .limit(MAX_CHANGES + 1),
    getDb()
      .select({ id: messages.id })
      .from(messages)
      .where(and(inRange, gte(messages.deletedAt, args.since)))
      .orderBy(asc(messages.id))
      .limit(MAX_CHANGES + 1),
  ]);
  const edited = withAuthors(editedRows.slice(0, MAX_CHANGES)).map(toChatMessage);
  return {
    edited: args.readerId === undefined ? edited : await withReactions(edited, args.readerId),
    deletedIds: deletedRows.slice(0, MAX_CHANGES).map((r) => r.id),
    complete: editedRows.length <= MAX_CHANGES && deletedRows.length <= MAX_CHANGES,
  };
}

/**
 * True when a channel holds more than `rows` messages (deleted ones too) with ids from `from` to
 * `upTo`. It steps `rows` entries along (channel_id, id) and looks at the next one, so its cost
 * is bounded by `rows` however wide the range is.
 */
export async function rangeHoldsMoreThan(args: {
  channelId: number;
  from: number;
  upTo: number;
  rows: number;
}): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, args.channelId), gte(messages.id, args.from)))
    .orderBy(asc(messages.id))
    .limit(1)
    .offset(args.rows);
  return row !== undefined && row.id <= args.upTo;
}

type NewMessage = {
  authorId: number;
  clientId: string;
  body: string;
  /** The message this one replies to; the caller has checked it is in the same channel. */
  replyTo?: number;
  /** The database's clock when absent, as for every live message; seeded history sets it. */
  createdAt?: Date;
};

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
      items.map((m) => ({
        channelId,
        authorId: m.authorId,
        clientId: m.clientId,
        body: m.body,
        ...(m.replyTo !== undefined && { replyToId: m.replyTo }),
        ...(m.createdAt && { createdAt: m.createdAt }),
      })),
    )
    .onDuplicateKeyUpdate({ set: { id: sql`${messages.id}` } });
  return findByClientKeys(items);
}

/**
 * The visible stored messages with these (author, clientId) keys, in id order. A deleted one is
 * left out: a late retry of it must neither resurrect its text nor store it again.
 */
export async function findByClientKeys(
  keys: { authorId: number; clientId: string }[],
): Promise<ChatMessage[]> {
  if (keys.length === 0) return [];
  const list = sql.join(
    keys.map((m) => sql`(${m.authorId}, ${m.clientId})`),
    sql`, `,
  );
  const rows = await getDb()
    .select(columns)
    .from(messages)
    // LEFT, not INNER: an outer join has to read messages first, so the key list is one point
    // lookup per key on the unique (author_id, client_id) index. Joined INNER, MariaDB may start
    // from the few authors and read every message each of them ever wrote (through author_id)
    // before filtering on client_id: a store call then costs more the longer its authors have
    // been chatting (npm run bench caught it reading every earlier message of its authors).
    .leftJoin(users, eq(users.id, messages.authorId))
    .leftJoin(parent, eq(parent.id, messages.replyToId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(
      and(
        sql`(${messages.authorId}, ${messages.clientId}) IN (${list})`,
        isNull(messages.deletedAt),
      ),
    )
    .orderBy(asc(messages.id));
  return withAuthors(rows).map(toChatMessage);
}

/**
 * Which of these ids are messages of this channel (deleted ones too: a reply may answer a
 * message deleted meanwhile, and its quote then says so). Point lookups by primary key.
 */
export async function messageIdsInChannel(args: {
  channelId: number;
  ids: number[];
}): Promise<Set<number>> {
  if (args.ids.length === 0) return new Set();
  const rows = await getDb()
    .select({ id: messages.id })
    .from(messages)
    .where(and(inArray(messages.id, args.ids), eq(messages.channelId, args.channelId)));
  return new Set(rows.map((r) => r.id));
}

/** One message with what moderation needs to know about it, deleted or not; null if none. */
export async function findMessage(id: number) {
  const [row] = await getDb()
    .select({
      id: messages.id,
      channelId: messages.channelId,
      channelSlug: channels.slug,
      channelReadOnly: channels.readOnly,
      channelArchivedAt: channels.archivedAt,
      // A support conversation's message: callers check who may open it (support/access.ts).
      channelKind: channels.kind,
      conversationVisitorId: conversations.visitorId,
      conversationSiteId: conversations.siteId,
      authorId: messages.authorId,
      body: messages.body,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(conversations, eq(conversations.channelId, channels.id))
    .where(eq(messages.id, id))
    .limit(1);
  return row ?? null;
}

/** Soft-deletes a message: the row stays for the audit trail, its text is never served again. */
export async function softDeleteMessage(args: {
  db?: Executor;
  id: number;
  deletedBy: number;
  reason: string;
}): Promise<boolean> {
  const [result] = await (args.db ?? getDb())
    .update(messages)
    .set({
      deletedAt: new Date(),
      deletedBy: args.deletedBy,
      deletedReason: args.reason.slice(0, 500),
    })
    .where(and(eq(messages.id, args.id), isNull(messages.deletedAt)));
  return result.affectedRows > 0;
}

/** Replaces a visible message's body and marks it edited; returns the message as now stored. */
export async function editMessageBody(args: {
  db?: Executor;
  id: number;
  body: string;
}): Promise<ChatMessage | null> {
  const db = args.db ?? getDb();
  await db
    .update(messages)
    .set({ body: args.body, editedAt: new Date() })
    .where(and(eq(messages.id, args.id), isNull(messages.deletedAt)));
  const [row] = await db
    .select(columns)
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .leftJoin(parent, eq(parent.id, messages.replyToId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(and(eq(messages.id, args.id), isNull(messages.deletedAt)))
    .limit(1);
  return row ? toChatMessage(row) : null;
}

/**
 * When this author made each of their recent edits, newest first, read from the audit log
 * (every edit writes a row there in the same transaction). It looks at the author's last `limit`
 * audit rows of any kind through (actor_id, id), so it costs `limit` index entries at most; a
 * moderator whose recent rows are deletions is simply seen to have edited less.
 */
export async function recentEditTimes(args: { authorId: number; limit: number }): Promise<Date[]> {
  const rows = await getDb()
    .select({ action: moderationActions.action, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(eq(moderationActions.actorId, args.authorId))
    .orderBy(desc(moderationActions.id))
    .limit(args.limit);
  return rows.filter((r) => r.action === "edit_message").map((r) => r.createdAt);
}

/**
 * When each of these authors last posted in a channel (for slow mode). One index range per
 * author on (author_id, channel_id, id).
 */
export async function lastPostedAt(args: {
  channelId: number;
  authorIds: number[];
}): Promise<Map<number, Date>> {
  if (args.authorIds.length === 0) return new Map();
  const latest = await getDb()
    .select({ authorId: messages.authorId, id: max(messages.id) })
    .from(messages)
    .where(and(eq(messages.channelId, args.channelId), inArray(messages.authorId, args.authorIds)))
    .groupBy(messages.authorId);
  const ids = latest.map((r) => r.id).filter((id): id is number => id !== null);
  if (ids.length === 0) return new Map();
  const rows = await getDb()
    .select({ authorId: messages.authorId, createdAt: messages.createdAt })
    .from(messages)
    .where(inArray(messages.id, ids));
  return new Map(rows.map((r) => [r.authorId, r.createdAt]));
}

export type FoundMessage = ChatMessage & {
  channelSlug: string;
  authorUsername: string;
  deletedAt: string | null;
  deletedReason: string | null;
};

/**
 * Messages for moderators, newest first, deleted ones included and marked: by text (substring),
 * author username and channel slug. Cursor = id.
 */
export async function searchMessages(args: {
  text?: string;
  authorUsername?: string;
  channelSlug?: string;
  before?: number;
  limit: number;
}): Promise<{ messages: FoundMessage[]; hasMore: boolean }> {
  const where: SQL[] = [];
  if (args.text) where.push(likeContains(messages.body, args.text));
  if (args.authorUsername) where.push(eq(users.username, args.authorUsername));
  if (args.channelSlug) where.push(eq(channels.slug, args.channelSlug));
  if (args.before) where.push(lt(messages.id, args.before));
  const rows = await getDb()
    .select({
      ...columns,
      channelSlug: channels.slug,
      authorUsername: users.username,
      deletedAt: messages.deletedAt,
      deletedReason: messages.deletedReason,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(parent, eq(parent.id, messages.replyToId))
    .leftJoin(parentAuthor, eq(parentAuthor.id, parent.authorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(messages.id))
    .limit(args.limit + 1);
  return {
    hasMore: rows.length > args.limit,
    messages: rows.slice(0, args.limit).map((r) => ({
      ...toChatMessage(r),
      channelSlug: r.channelSlug,
      authorUsername: r.authorUsername,
      deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
      deletedReason: r.deletedReason,
    })),
  };
}
