import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  datetime,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";

/**
 * Roles, weakest first. An agent answers support conversations (/support) and is otherwise a
 * member; moderators and admins are staff and may work the inbox too.
 */
export const ROLES = ["member", "agent", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

// datetime(3) everywhere: message order is by id, but people read times to the millisecond
// when they compare two clients, and MySQL's default second precision hides bursts.
const now3 = sql`CURRENT_TIMESTAMP(3)`;

export const users = mysqlTable(
  "users",
  {
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    username: varchar("username", { length: 32 }).notNull().unique(),
    displayName: varchar("display_name", { length: 64 }).notNull(),
    email: varchar("email", { length: 255 }).unique(),
    passwordHash: varchar("password_hash", { length: 255 }),
    image: varchar("image", { length: 512 }),
    role: mysqlEnum("role", ROLES).notNull().default("member"),
    /** A ban in force until this time; a permanent ban is stored as PERMANENT (year 9999). */
    bannedUntil: datetime("banned_until", { mode: "date", fsp: 3 }),
    banReason: varchar("ban_reason", { length: 500 }),
    mutedUntil: datetime("muted_until", { mode: "date", fsp: 3 }),
    muteReason: varchar("mute_reason", { length: 500 }),
    /**
     * Carried in the session JWT and compared on every request: bumping it (password change,
     * "sign out everywhere", a ban) ends every session issued before, without a session table.
     */
    sessionVersion: int("session_version", { unsigned: true }).notNull().default(0),
    /** The language the person picked in Settings ("en", "zh-CN"); null: follow the browser. */
    locale: varchar("locale", { length: 16 }),
    /**
     * Until when this person may have a page open: pushed forward each time a page takes a token
     * for their own room. The app sends channel activity only to the rooms of people online, as
     * Zulip queues events only for clients that are connected; a room that answers "no sockets"
     * clears it early.
     */
    onlineUntil: datetime("online_until", { mode: "date", fsp: 3 }),
    /**
     * Until when an agent has the support inbox open: pushed forward by the /support pages'
     * heartbeat only. Apart from online_until (any page of the site), so a moderator reading
     * channels is neither announced to visitors as "online" nor handed conversations.
     */
    supportOnlineUntil: datetime("support_online_until", { mode: "date", fsp: 3 }),
    /**
     * When this agent was last given a conversation (by round-robin or by hand): round-robin
     * picks the online agent whose turn is oldest. Microseconds, read as text: two turns taken
     * within the same millisecond must still order, and "YYYY-MM-DD HH:MM:SS.ffffff" sorts as text.
     */
    lastAssignedAt: datetime("last_assigned_at", { mode: "string", fsp: 6 }),
    /**
     * The newest message id when this person joined (ids are global and only grow). A channel
     * they never opened counts as read up to here, so history from before they joined is never
     * "unread", in channels that exist now or are made later.
     */
    readBaselineId: bigint("read_baseline_id", { mode: "number", unsigned: true })
      .notNull()
      .default(0),
    /**
     * Set for a website visitor of the support widget: a user row (so messages, bans and the
     * store path work as for members) that can never sign in to the site and is never listed,
     * mentioned or counted among members.
     */
    visitorSiteId: int("visitor_site_id", { unsigned: true }),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  // The activity fan-out reads "who is online now" as a range on this index.
  (t) => [
    index("users_online_until").on(t.onlineUntil),
    // Round-robin locks the online agents' rows through this range, and only those.
    index("users_support_online_until").on(t.supportOnlineUntil),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Links an OAuth identity (e.g. a GitHub account id) to one of our users. */
export const accounts = mysqlTable(
  "accounts",
  {
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: varchar("provider", { length: 32 }).notNull(),
    providerAccountId: varchar("provider_account_id", { length: 128 }).notNull(),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [uniqueIndex("accounts_provider_account").on(t.provider, t.providerAccountId)],
);
export type Account = typeof accounts.$inferSelect;

/**
 * A channel is a community channel, or a support conversation: one room engine and one store
 * path for both. Conversations never appear in channel lists, counts or search, and only their
 * visitor and agents/staff may open them.
 */
export const CHANNEL_KINDS = ["channel", "conversation"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const channels = mysqlTable("channels", {
  id: int("id", { unsigned: true }).autoincrement().primaryKey(),
  kind: mysqlEnum("kind", CHANNEL_KINDS).notNull().default("channel"),
  slug: varchar("slug", { length: 64 }).notNull().unique(),
  name: varchar("name", { length: 80 }).notNull(),
  topic: varchar("topic", { length: 255 }).notNull().default(""),
  /** Only moderators and admins may post. */
  readOnly: boolean("read_only").notNull().default(false),
  /** Seconds a member must wait between messages here (0: off; moderators are exempt). */
  slowModeSeconds: int("slow_mode_seconds", { unsigned: true }).notNull().default(0),
  archivedAt: datetime("archived_at", { mode: "date", fsp: 3 }),
  createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  createdBy: bigint("created_by", { mode: "number", unsigned: true }).references(() => users.id, {
    onDelete: "set null",
  }),
});
export type Channel = typeof channels.$inferSelect;

export const messages = mysqlTable(
  "messages",
  {
    // The id is the global order and the pagination cursor.
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    channelId: int("channel_id", { unsigned: true })
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    authorId: bigint("author_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: char("client_id", { length: 36 }).notNull(),
    body: text("body").notNull(),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
    editedAt: datetime("edited_at", { mode: "date", fsp: 3 }),
    deletedAt: datetime("deleted_at", { mode: "date", fsp: 3 }),
    deletedBy: bigint("deleted_by", { mode: "number", unsigned: true }).references(() => users.id, {
      onDelete: "set null",
    }),
    deletedReason: varchar("deleted_reason", { length: 500 }),
    /**
     * The message this one answers (same channel, checked when stored). No foreign key: a
     * parent is only ever soft-deleted, and a reply must outlive it to say so.
     */
    replyToId: bigint("reply_to_id", { mode: "number", unsigned: true }),
    /**
     * When a reaction to this message was last added or removed: the changes feed finds the
     * messages whose reactions a reconnecting page missed on the same range scan as edits.
     */
    reactedAt: datetime("reacted_at", { mode: "date", fsp: 3 }),
  },
  (t) => [
    // A page of history is a range scan on this index, so its cost does not grow with the table.
    index("messages_channel_id").on(t.channelId, t.id),
    // The sender's idempotency key: a re-sent message finds its first row instead of a second.
    uniqueIndex("messages_author_client").on(t.authorId, t.clientId),
    // Slow mode looks up an author's latest message in a channel; moderators search by author.
    index("messages_author_channel").on(t.authorId, t.channelId, t.id),
  ],
);
export type MessageRow = typeof messages.$inferSelect;

/**
 * Who reacted to which message with which emoji. The primary key makes a reaction idempotent
 * (adding it twice stores one row) and lists a message's reactions in one index range.
 */
export const messageReactions = mysqlTable(
  "message_reactions",
  {
    messageId: bigint("message_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    // 64 characters hold the longest emoji ZWJ sequences. The migration gives this column
    // utf8mb4_bin: general and unicode collations weigh many emoji equal, so 👍 and 😂 would
    // collide in the primary key (drizzle cannot declare a column collation itself).
    emoji: varchar("emoji", { length: 64 }).notNull(),
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.emoji, t.userId] }),
    index("message_reactions_user").on(t.userId),
  ],
);
export type MessageReaction = typeof messageReactions.$inferSelect;

/**
 * Where a person has read to in a channel, and whether they muted it. A row exists once they
 * read or mute; no row means nothing read (every message counts as unread from their join).
 */
export const readStates = mysqlTable(
  "read_states",
  {
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channelId: int("channel_id", { unsigned: true })
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The newest message id seen (0: none). Only moves back through "Mark as unread". */
    lastReadId: bigint("last_read_id", { mode: "number", unsigned: true }).notNull().default(0),
    /** Muted: no bold, no notifications; the mention badge still counts. */
    muted: boolean("muted").notNull().default(false),
    updatedAt: datetime("updated_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] })],
);
export type ReadState = typeof readStates.$inferSelect;

/** What addressed a person: `@username`, or `@here` (moderators; everyone online). */
export const MENTION_KINDS = ["user", "here"] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

/**
 * Who a message mentions. The channel is repeated from the message so that a person's unread
 * mentions per channel are one index range: (user, channel, message id above last read).
 */
export const messageMentions = mysqlTable(
  "message_mentions",
  {
    messageId: bigint("message_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channelId: int("channel_id", { unsigned: true })
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    kind: mysqlEnum("kind", MENTION_KINDS).notNull().default("user"),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.userId] }),
    index("message_mentions_user_channel").on(t.userId, t.channelId, t.messageId),
    // The Mentions page: mine, newest first.
    index("message_mentions_user").on(t.userId, t.messageId),
  ],
);
export type MessageMention = typeof messageMentions.$inferSelect;

/**
 * One browser's web push subscription (a device). Endpoints are long URLs, so uniqueness is on
 * their SHA-256; a push service answering 404 or 410 deletes the row.
 */
export const pushSubscriptions = mysqlTable(
  "push_subscriptions",
  {
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    /** Hex SHA-256 of the endpoint. */
    endpointHash: char("endpoint_hash", { length: 64 }).notNull().unique(),
    /** The browser's public key and auth secret (base64url), which encrypt each payload. */
    p256dh: varchar("p256dh", { length: 128 }).notNull(),
    auth: varchar("auth", { length: 64 }).notNull(),
    userAgent: varchar("user_agent", { length: 255 }).notNull().default(""),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
    lastSentAt: datetime("last_sent_at", { mode: "date", fsp: 3 }),
  },
  (t) => [index("push_subscriptions_user").on(t.userId)],
);
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/**
 * Push pacing per person and channel: at most one push per PUSH_CHANNEL_GAP; mentions that
 * arrive inside the gap are held here and go out as one digest when it ends.
 */
export const pushPacing = mysqlTable(
  "push_pacing",
  {
    userId: bigint("user_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channelId: int("channel_id", { unsigned: true })
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    lastSentAt: datetime("last_sent_at", { mode: "date", fsp: 3 }),
    /** Mentions held for the digest, and the newest of them. */
    heldCount: int("held_count", { unsigned: true }).notNull().default(0),
    heldUpToId: bigint("held_up_to_id", { mode: "number", unsigned: true }),
    /** When the held mentions may go out (the 60 s read grace, or the end of the 5-minute gap). */
    dueAt: datetime("due_at", { mode: "date", fsp: 3 }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channelId] })],
);
export type PushPacing = typeof pushPacing.$inferSelect;

/** What a moderation action did; stored in the audit log. */
export const MODERATION_ACTIONS = [
  "delete_message",
  "edit_message",
  "ban",
  "unban",
  "mute",
  "unmute",
  "set_role",
  "create_channel",
  "update_channel",
  "archive_channel",
  "unarchive_channel",
  "create_site",
  "update_site",
  "rotate_site_secret",
  "assign_conversation",
  "close_conversation",
  "reopen_conversation",
  "ban_visitor",
] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];

/** The audit log: who did what to whom, why and when. Rows are never updated or deleted. */
export const moderationActions = mysqlTable(
  "moderation_actions",
  {
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    /** Null when done from the command line (npm run user:role). */
    actorId: bigint("actor_id", { mode: "number", unsigned: true }).references(() => users.id, {
      onDelete: "set null",
    }),
    action: mysqlEnum("action", MODERATION_ACTIONS).notNull(),
    targetUserId: bigint("target_user_id", { mode: "number", unsigned: true }).references(
      () => users.id,
      { onDelete: "set null" },
    ),
    targetMessageId: bigint("target_message_id", { mode: "number", unsigned: true }).references(
      () => messages.id,
      { onDelete: "set null" },
    ),
    targetChannelId: int("target_channel_id", { unsigned: true }).references(() => channels.id, {
      onDelete: "set null",
    }),
    reason: varchar("reason", { length: 500 }).notNull().default(""),
    /** What changed, e.g. {"until":"…"} or {"from":"member","to":"moderator"}; JSON text. */
    details: text("details"),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [
    index("moderation_actions_created").on(t.createdAt),
    index("moderation_actions_actor").on(t.actorId, t.id),
    index("moderation_actions_target_user").on(t.targetUserId, t.id),
  ],
);
export type ModerationAction = typeof moderationActions.$inferSelect;

/** What a throttle counts: failed sign-ins per username or per address, sign-ups per address. */
export const THROTTLE_SCOPES = ["signin_user", "signin_address", "signup_address"] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

/**
 * Attempt counters for sign-in and sign-up throttling. In MySQL rather than memory because on
 * Vercel each request may land on a different instance; one row per (scope, key).
 */
export const authThrottles = mysqlTable(
  "auth_throttles",
  {
    scope: mysqlEnum("scope", THROTTLE_SCOPES).notNull(),
    /** A lower-cased username or a client address; 191 characters keeps the key indexable. */
    key: varchar("key", { length: 191 }).notNull(),
    attempts: int("attempts", { unsigned: true }).notNull().default(0),
    lastAttemptAt: datetime("last_attempt_at", { mode: "date", fsp: 3 }).notNull(),
    blockedUntil: datetime("blocked_until", { mode: "date", fsp: 3 }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
export type AuthThrottle = typeof authThrottles.$inferSelect;

/** The date stored for a permanent ban or mute. */
export const PERMANENT = new Date("9999-12-31T00:00:00.000Z");

/**
 * A website that embeds the support widget. The public key goes in the snippet; the signing
 * secret (HS256 for visitor identity tokens) is shown once and stored encrypted with a key
 * derived from the app's secret, since the server must read it to verify tokens.
 */
export const sites = mysqlTable("sites", {
  id: int("id", { unsigned: true }).autoincrement().primaryKey(),
  publicKey: varchar("public_key", { length: 32 }).notNull().unique(),
  name: varchar("name", { length: 80 }).notNull(),
  /** Origins allowed to embed the widget, one per line (e.g. https://shop.example). */
  allowedOrigins: text("allowed_origins").notNull(),
  greeting: varchar("greeting", { length: 500 }).notNull().default(""),
  /** #rrggbb */
  accentColor: char("accent_color", { length: 7 }).notNull().default("#2563eb"),
  requireVerified: boolean("require_verified").notNull().default(false),
  secretCiphertext: varchar("secret_ciphertext", { length: 255 }).notNull(),
  secretRotatedAt: datetime("secret_rotated_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  archivedAt: datetime("archived_at", { mode: "date", fsp: 3 }),
  createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  createdBy: bigint("created_by", { mode: "number", unsigned: true }).references(() => users.id, {
    onDelete: "set null",
  }),
});
export type Site = typeof sites.$inferSelect;

export const CONVERSATION_STATUSES = ["open", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * A support conversation: one visitor on one site, and the channel row (kind "conversation")
 * whose room and messages carry it.
 */
export const conversations = mysqlTable(
  "conversations",
  {
    channelId: int("channel_id", { unsigned: true })
      .primaryKey()
      .references(() => channels.id, { onDelete: "cascade" }),
    siteId: int("site_id", { unsigned: true })
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    visitorId: bigint("visitor_id", { mode: "number", unsigned: true })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assigneeId: bigint("assignee_id", { mode: "number", unsigned: true }).references(
      () => users.id,
      { onDelete: "set null" },
    ),
    status: mysqlEnum("status", CONVERSATION_STATUSES).notNull().default("open"),
    /** What the visitor gave in the pre-chat form, or what their verified token said. */
    visitorName: varchar("visitor_name", { length: 80 }).notNull().default(""),
    visitorEmail: varchar("visitor_email", { length: 255 }).notNull().default(""),
    /** True when the identity came from a token signed with the site's secret. */
    verified: boolean("verified").notNull().default(false),
    /** The site's own id for this person (the token's `sub`), when verified. */
    externalId: varchar("external_id", { length: 191 }),
    pageUrl: varchar("page_url", { length: 2048 }).notNull().default(""),
    visitorAddress: varchar("visitor_address", { length: 64 }).notNull().default(""),
    /** The newest message id the visitor has seen (the agent's "Seen"), and the agents have. */
    visitorSeenId: bigint("visitor_seen_id", { mode: "number", unsigned: true })
      .notNull()
      .default(0),
    agentSeenId: bigint("agent_seen_id", { mode: "number", unsigned: true }).notNull().default(0),
    lastMessageId: bigint("last_message_id", { mode: "number", unsigned: true })
      .notNull()
      .default(0),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
    closedAt: datetime("closed_at", { mode: "date", fsp: 3 }),
  },
  (t) => [
    index("conversations_status").on(t.status, t.lastMessageId),
    index("conversations_assignee").on(t.assigneeId, t.status, t.lastMessageId),
    index("conversations_visitor").on(t.visitorId),
    index("conversations_site_external").on(t.siteId, t.externalId),
  ],
);
export type Conversation = typeof conversations.$inferSelect;

/** Visitors banned from a site's widget by address (a visitor id is banned on its user row). */
export const visitorBans = mysqlTable(
  "visitor_bans",
  {
    id: bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey(),
    siteId: int("site_id", { unsigned: true })
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
    address: varchar("address", { length: 64 }).notNull(),
    until: datetime("until", { mode: "date", fsp: 3 }).notNull(),
    reason: varchar("reason", { length: 500 }).notNull().default(""),
    createdBy: bigint("created_by", { mode: "number", unsigned: true }).references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(now3),
  },
  (t) => [index("visitor_bans_site_address").on(t.siteId, t.address)],
);
export type VisitorBan = typeof visitorBans.$inferSelect;
