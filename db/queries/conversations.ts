import "server-only";
import { randomBytes } from "node:crypto";
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import { type Executor, getDb } from "../index";
import {
  type Channel,
  type Conversation,
  type ConversationStatus,
  channels,
  conversations,
  messages,
  sites,
  users,
} from "../schema";

/** A conversation with its channel row and the few site settings its rules need. */
export type ConversationRecord = Conversation & {
  slug: string;
  siteKey: string;
  siteName: string;
  requireVerified: boolean;
  visitorDisplayName: string;
  assigneeName: string | null;
};

const assignee = alias(users, "assignee");

const recordColumns = {
  conversation: conversations,
  slug: channels.slug,
  siteKey: sites.publicKey,
  siteName: sites.name,
  requireVerified: sites.requireVerified,
  visitorDisplayName: users.displayName,
  assigneeName: assignee.displayName,
};

type RecordRow = {
  conversation: Conversation;
  slug: string;
  siteKey: string;
  siteName: string;
  requireVerified: boolean;
  visitorDisplayName: string;
  assigneeName: string | null;
};

const toRecord = (r: RecordRow): ConversationRecord => ({
  ...r.conversation,
  slug: r.slug,
  siteKey: r.siteKey,
  siteName: r.siteName,
  requireVerified: r.requireVerified,
  visitorDisplayName: r.visitorDisplayName,
  assigneeName: r.assigneeName,
});

function records(db: Executor = getDb()) {
  return db
    .select(recordColumns)
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .innerJoin(users, eq(users.id, conversations.visitorId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}

/** The conversation whose channel has this slug, or null (a community channel is not one). */
export async function findConversationBySlug(slug: string): Promise<ConversationRecord | null> {
  const [row] = await records().where(eq(channels.slug, slug)).limit(1);
  return row ? toRecord(row) : null;
}

/** The site's newest open conversation of one person (`who` picks them), or null. */
async function newestOpen(siteId: number, who: SQL): Promise<ConversationRecord | null> {
  const [row] = await records()
    .where(and(eq(conversations.siteId, siteId), who, eq(conversations.status, "open")))
    .orderBy(desc(conversations.channelId))
    .limit(1);
  return row ? toRecord(row) : null;
}

/** The visitor's newest open conversation on this site, or null. */
export function findOpenConversationOfVisitor(args: {
  siteId: number;
  visitorId: number;
}): Promise<ConversationRecord | null> {
  return newestOpen(args.siteId, eq(conversations.visitorId, args.visitorId));
}

/** The newest open conversation of the site's own user `externalId` (a verified token's sub). */
export function findOpenConversationOfExternal(args: {
  siteId: number;
  externalId: string;
}): Promise<ConversationRecord | null> {
  return newestOpen(args.siteId, eq(conversations.externalId, args.externalId));
}

/** Conversations started on a site since `since` from this address and by this visitor. */
export async function countConversationsStarted(args: {
  siteId: number;
  address: string;
  visitorId: number;
  since: Date;
}): Promise<{ byAddress: number; byVisitor: number }> {
  const recent = and(
    eq(conversations.siteId, args.siteId),
    gte(conversations.createdAt, args.since),
  );
  const [[byAddress], [byVisitor]] = await Promise.all([
    getDb()
      .select({ n: count() })
      .from(conversations)
      .where(and(recent, eq(conversations.visitorAddress, args.address))),
    getDb()
      .select({ n: count() })
      .from(conversations)
      .where(and(recent, eq(conversations.visitorId, args.visitorId))),
  ]);
  return { byAddress: byAddress?.n ?? 0, byVisitor: byVisitor?.n ?? 0 };
}

/**
 * Creates a conversation: its channel row (kind "conversation", a random slug, so the room and
 * the store path carry it like any channel) and the conversation row, in one transaction.
 */
export async function createConversation(args: {
  siteId: number;
  visitorId: number;
  visitorName: string;
  visitorEmail: string;
  verified: boolean;
  externalId: string | null;
  pageUrl: string;
  visitorAddress: string;
}): Promise<ConversationRecord> {
  const slug = `conv-${randomBytes(10).toString("hex")}`;
  const channelId = await getDb().transaction(async (tx) => {
    const [result] = await tx.insert(channels).values({
      kind: "conversation",
      slug,
      name: args.visitorName.slice(0, 80) || slug,
      createdBy: args.visitorId,
    });
    await tx.insert(conversations).values({
      channelId: result.insertId,
      siteId: args.siteId,
      visitorId: args.visitorId,
      visitorName: args.visitorName.slice(0, 80),
      visitorEmail: args.visitorEmail.slice(0, 255),
      verified: args.verified,
      externalId: args.externalId,
      pageUrl: args.pageUrl.slice(0, 2048),
      visitorAddress: args.visitorAddress.slice(0, 64),
    });
    return result.insertId;
  });
  const [row] = await records().where(eq(conversations.channelId, channelId)).limit(1);
  if (!row) throw new Error("The conversation vanished after insert");
  return toRecord(row);
}

/** Updates what the visitor told about themselves (a later pre-chat form, the offline email). */
export async function updateVisitorDetails(args: {
  channelId: number;
  visitorName?: string;
  visitorEmail?: string;
}): Promise<void> {
  const set: Partial<Pick<Conversation, "visitorName" | "visitorEmail">> = {};
  if (args.visitorName !== undefined) set.visitorName = args.visitorName.slice(0, 80);
  if (args.visitorEmail !== undefined) set.visitorEmail = args.visitorEmail.slice(0, 255);
  if (Object.keys(set).length === 0) return;
  await getDb().update(conversations).set(set).where(eq(conversations.channelId, args.channelId));
}

/**
 * A channel row with, when it is a conversation, the conversation and its site's rules: what
 * the store path and the token and history routes decide by. Archived or not; callers check.
 */
export type RoomChannel = Channel & {
  conversation: (Conversation & { requireVerified: boolean }) | null;
};

/** The channel or conversation with this slug, or null. */
export async function findRoomChannelBySlug(slug: string): Promise<RoomChannel | null> {
  const [row] = await getDb()
    .select({
      channel: channels,
      conversation: conversations,
      requireVerified: sites.requireVerified,
    })
    .from(channels)
    .leftJoin(conversations, eq(conversations.channelId, channels.id))
    .leftJoin(sites, eq(sites.id, conversations.siteId))
    .where(eq(channels.slug, slug))
    .limit(1);
  if (!row) return null;
  const conversation =
    row.channel.kind === "conversation" && row.conversation
      ? { ...row.conversation, requireVerified: row.requireVerified ?? false }
      : null;
  // A conversation-kind channel without its row is half-made: nobody's room.
  if (row.channel.kind === "conversation" && !conversation) return null;
  return { ...row.channel, conversation };
}

/** Moves the conversation's newest message on (never back). */
export async function advanceLastMessage(args: { channelId: number; id: number }): Promise<void> {
  await getDb()
    .update(conversations)
    .set({ lastMessageId: sql`greatest(${conversations.lastMessageId}, ${args.id})` })
    .where(eq(conversations.channelId, args.channelId));
}

/** Moves what the agents (or the visitor) have seen on, never back, and never past the newest. */
export async function advanceSeen(args: {
  channelId: number;
  side: "agent" | "visitor";
  id: number;
}): Promise<void> {
  const column = args.side === "agent" ? conversations.agentSeenId : conversations.visitorSeenId;
  const key = args.side === "agent" ? "agentSeenId" : "visitorSeenId";
  await getDb()
    .update(conversations)
    .set({
      [key]: sql`greatest(${column}, least(${args.id}, ${conversations.lastMessageId}))`,
    })
    .where(eq(conversations.channelId, args.channelId));
}

/** The agents' lists: all open, open and mine, open and nobody's, closed. */
export const INBOX_VIEWS = ["open", "mine", "unassigned", "closed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** A row of the agents' list: the conversation, its unread count and its newest message. */
export type InboxRow = ConversationRecord & {
  /** The visitor's messages (not deleted) after agent_seen_id: what no agent's page has held. */
  unread: number;
  /** The start of the newest message's text, or null (none yet, or it was deleted). */
  preview: string | null;
  previewDeleted: boolean;
  /** The newest message's time, or the conversation's start when it has none. */
  lastActivityAt: Date;
};

/** Characters of the newest message the list carries: one line's worth, never a whole body. */
const PREVIEW_CHARS = 160;

const lastMessage = alias(messages, "last_message");

/**
 * Each view's filter, written so MySQL walks an index in list order: open and closed on
 * conversations_status (status, last_message_id), mine and unassigned on conversations_assignee
 * (assignee_id, status, last_message_id).
 */
function viewFilter(view: InboxView, agentId: number): SQL | undefined {
  switch (view) {
    case "open":
      return eq(conversations.status, "open");
    case "closed":
      return eq(conversations.status, "closed");
    case "mine":
      return and(eq(conversations.assigneeId, agentId), eq(conversations.status, "open"));
    case "unassigned":
      return and(isNull(conversations.assigneeId), eq(conversations.status, "open"));
  }
}

/**
 * One of the agents' lists, newest activity first, with each row's unread count and preview.
 * Two steps: the page of ids from the view's index alone (no join, so MySQL cannot choose to start
 * from the small sites table and sort every conversation of a site), then those rows' details.
 */
export async function listConversations(args: {
  view: InboxView;
  agentId: number;
  limit: number;
}): Promise<InboxRow[]> {
  const page = await getDb()
    .select({ id: conversations.channelId })
    .from(conversations)
    .where(viewFilter(args.view, args.agentId))
    .orderBy(desc(conversations.lastMessageId), desc(conversations.channelId))
    .limit(args.limit);
  if (page.length === 0) return [];
  const rows = await getDb()
    .select({
      ...recordColumns,
      // A range on messages_author_channel (author_id, channel_id, id): only the visitor's own
      // messages count, so an agent's answer never makes the row unread.
      unread: sql<number>`(SELECT COUNT(*) FROM ${messages} AS unread_messages
        FORCE INDEX (messages_author_channel)
        WHERE unread_messages.author_id = ${conversations.visitorId}
          AND unread_messages.channel_id = ${conversations.channelId}
          AND unread_messages.id > ${conversations.agentSeenId}
          AND unread_messages.deleted_at IS NULL)`.mapWith(Number),
      preview: sql<string | null>`SUBSTRING(${lastMessage.body}, 1, ${PREVIEW_CHARS})`,
      previewDeletedAt: lastMessage.deletedAt,
      lastMessageAt: lastMessage.createdAt,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .innerJoin(users, eq(users.id, conversations.visitorId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(lastMessage, eq(lastMessage.id, conversations.lastMessageId))
    .where(
      inArray(
        conversations.channelId,
        page.map((p) => p.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.conversation.channelId, r]));
  return page.flatMap(({ id }) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        ...toRecord(r),
        unread: r.unread,
        preview: r.previewDeletedAt ? null : r.preview,
        previewDeleted: r.previewDeletedAt !== null,
        lastActivityAt: r.lastMessageAt ?? r.conversation.createdAt,
      },
    ];
  });
}

/** Counts past this are shown as "999+": a count never walks more than this many index rows. */
export const INBOX_COUNT_CAP = 1000;

/**
 * How many conversations each view holds (up to INBOX_COUNT_CAP), in one statement: four
 * index-only counts, each a range on the index its list uses.
 */
export async function countConversationViews(agentId: number): Promise<Record<InboxView, number>> {
  const part = (view: InboxView) =>
    sql`SELECT ${view} AS view, (SELECT COUNT(*) FROM (
      SELECT 1 FROM ${conversations} WHERE ${viewFilter(view, agentId)} LIMIT ${INBOX_COUNT_CAP}
    ) AS counted) AS n`;
  const [rows] = (await getDb().execute(
    sql.join(INBOX_VIEWS.map(part), sql` UNION ALL `),
  )) as unknown as [{ view: InboxView; n: number | string }[]];
  const counts: Record<InboxView, number> = { open: 0, mine: 0, unassigned: 0, closed: 0 };
  for (const row of rows) counts[row.view] = Number(row.n);
  return counts;
}

/** Assigns the conversation (null: unassigns). */
export async function setAssignee(args: {
  db?: Executor;
  channelId: number;
  assigneeId: number | null;
}): Promise<void> {
  await (args.db ?? getDb())
    .update(conversations)
    .set({ assigneeId: args.assigneeId })
    .where(eq(conversations.channelId, args.channelId));
}

/** Closes or reopens; true when the status changed. */
export async function setStatus(args: {
  db?: Executor;
  channelId: number;
  status: ConversationStatus;
}): Promise<boolean> {
  const [result] = await (args.db ?? getDb())
    .update(conversations)
    .set({ status: args.status, closedAt: args.status === "closed" ? new Date() : null })
    .where(
      and(
        eq(conversations.channelId, args.channelId),
        sql`${conversations.status} <> ${args.status}`,
      ),
    );
  return result.affectedRows > 0;
}

const AGENT_ROLES = ["agent", "moderator", "admin"] as const;

/**
 * How many people who answer support have the inbox open now (support_online_until in the
 * future, kept by the /support heartbeat) and are not banned: the same people round-robin picks
 * from, so "someone is online" means someone will be given the conversation.
 */
export async function countAgentsOnline(now = new Date()): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(users).where(onlineAgents(now));
  return row?.n ?? 0;
}

/** Their ids: who the inbox's live event goes to (nobody else's room hears of conversations). */
export async function supportOnlineIds(now = new Date()): Promise<number[]> {
  const rows = await getDb().select({ id: users.id }).from(users).where(onlineAgents(now));
  return rows.map((r) => r.id);
}

/** Keeps an agent counted as online until `until` (never moves it back). */
export async function markOnlineUntil(args: { userId: number; until: Date }): Promise<void> {
  await getDb()
    .update(users)
    .set({
      supportOnlineUntil: sql`greatest(coalesce(${users.supportOnlineUntil}, ${args.until}), ${args.until})`,
    })
    .where(eq(users.id, args.userId));
}

/** People who answer support (agent and up, not a visitor row) and are not banned at `now`. */
function supportAgents(now: Date): SQL | undefined {
  return and(
    inArray(users.role, [...AGENT_ROLES]),
    isNull(users.visitorSiteId),
    or(isNull(users.bannedUntil), lte(users.bannedUntil, now)),
  );
}

/** Of those, the ones with the inbox open now. */
function onlineAgents(now: Date): SQL | undefined {
  return and(gt(users.supportOnlineUntil, now), supportAgents(now));
}

/** Most people the assignment list offers: far above any support team. */
const SUPPORT_AGENTS_MAX = 500;

/** Who a conversation may be assigned to, by name: the people who answer support, not banned. */
export async function listSupportAgents(
  now = new Date(),
): Promise<{ id: number; username: string; displayName: string }[]> {
  return getDb()
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(supportAgents(now))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(SUPPORT_AGENTS_MAX);
}

/**
 * The online agents with their last turn, their rows locked until the transaction ends: a second
 * round-robin pick waits here until the first has stamped its choice, so it reads the new turn.
 * The range on users_support_online_until keeps the lock to these rows (a scan of `users` would
 * lock every row it passed under REPEATABLE READ).
 */
export async function lockOnlineAgents(args: {
  db: Executor;
  now: Date;
}): Promise<{ id: number; lastAssignedAt: string | null }[]> {
  return args.db
    .select({ id: users.id, lastAssignedAt: users.lastAssignedAt })
    .from(users, { forceIndex: "users_support_online_until" })
    .where(onlineAgents(args.now))
    .for("update");
}

/** Records that the agent was just given a conversation (the database's clock, microseconds). */
export async function stampAssigned(args: { db?: Executor; userId: number }): Promise<void> {
  await (args.db ?? getDb())
    .update(users)
    .set({ lastAssignedAt: sql`CURRENT_TIMESTAMP(6)` })
    .where(eq(users.id, args.userId));
}

/** Assigns the conversation only if nobody has it yet; true when it did. */
export async function assignIfUnassigned(args: {
  db: Executor;
  channelId: number;
  assigneeId: number;
}): Promise<boolean> {
  const [result] = await args.db
    .update(conversations)
    .set({ assigneeId: args.assigneeId })
    .where(and(eq(conversations.channelId, args.channelId), isNull(conversations.assigneeId)));
  return result.affectedRows > 0;
}
