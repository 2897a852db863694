/**
 * The chat protocol: every frame and call between the browser, the room and Next.js, as zod
 * schemas with inferred types. The room, the browser hook and the Next.js routes all parse with
 * these, so a shape changes in one place.
 */
import { z } from "zod";

/** Longest message body, in characters (Unicode code points, not UTF-16 units). */
export const MAX_BODY_CHARS = 4_000;
/** Largest WebSocket frame the room reads; anything bigger is refused unread. */
export const MAX_FRAME_BYTES = 16 * 1024;
/**
 * Most messages the room sends to Next.js in one store call. Tried at 1,000 (npm run bench): a
 * room past its peak fell behind less, but below it p99 grew (the room's one thread parses and
 * fans out the bigger answers while sockets wait), and the clean peak went down, so it stays 100.
 */
export const MAX_BATCH = 100;
/**
 * Most body characters (UTF-16 units) in one store call. A unit is at most 6 bytes once JSON
 * escapes it, so with MAX_BATCH messages' envelopes a call stays under MAX_STORE_REQUEST_BYTES,
 * well inside Vercel's 4.5 MB request body limit. One message (4,000 code points, 8,000 units)
 * always fits.
 */
export const MAX_BATCH_BODY_CHARS = 300_000;
/** What the store route reads at most: the bodies' worst case plus ~200 bytes per envelope. */
export const MAX_STORE_REQUEST_BYTES = MAX_BATCH_BODY_CHARS * 6 + MAX_BATCH * 200;
/**
 * Most people a presence frame names. A room of thousands sends the first ones by name and the
 * total as `count`: every frame goes to every socket, so a full list would cost the room
 * (sockets × people) per update and make joining a big room quadratic.
 */
export const PRESENCE_LIST_MAX = 50;

export const ROLE = z.enum(["member", "agent", "moderator", "admin"]);
export type Role = z.infer<typeof ROLE>;

export const REJECT_REASON = z.enum([
  "too_long",
  "empty",
  "rate_limited",
  "muted",
  "banned",
  "read_only",
  "closed",
  "unavailable",
  "invalid",
]);
export type RejectReason = z.infer<typeof REJECT_REASON>;

const clientId = z.uuid();

export const authorSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  image: z.string().nullable(),
  role: ROLE,
});
export type Author = z.infer<typeof authorSchema>;

/** Longest emoji a reaction may carry (UTF-16 units; the longest ZWJ sequences are ~35). */
export const MAX_EMOJI_LENGTH = 64;
/** Most distinct emoji one message may carry; a new one past this is refused. */
export const MAX_DISTINCT_REACTIONS = 20;
/** Most reactors a reaction summary names (for "who reacted"); the count is always exact. */
export const REACTORS_NAMED = 20;

/** Most reaction events one `reactions` frame carries (about 200 bytes each). */
export const MAX_REACTIONS_PER_FRAME = 200;

/** One emoji's reactions on a message, as one reader sees them. */
export const reactionSchema = z.object({
  emoji: z.string().min(1).max(MAX_EMOJI_LENGTH),
  count: z.number().int().positive(),
  /** The first REACTORS_NAMED people who reacted, oldest first. */
  users: z.array(z.object({ id: z.number().int().positive(), name: z.string() })),
  /** Whether the reader is among them (answers made for one reader; live frames say `userId`). */
  mine: z.boolean(),
});
export type Reaction = z.infer<typeof reactionSchema>;

/** Characters (code points) of a parent's body that a reply's quote shows. */
export const REPLY_EXCERPT_CHARS = 140;

/** The message a reply answers, as much as its one-line quote needs. */
export const replyParentSchema = z.object({
  id: z.number().int().positive(),
  authorName: z.string(),
  /** The start of the parent's body (empty once it is deleted). */
  excerpt: z.string(),
  deleted: z.boolean(),
});
export type ReplyParent = z.infer<typeof replyParentSchema>;

export const chatMessageSchema = z.object({
  id: z.number().int().positive(),
  channelId: z.number().int().positive(),
  clientId,
  body: z.string(),
  /** ISO 8601 with milliseconds. */
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  author: authorSchema,
  /** The message this one replies to; absent or null when it is not a reply. */
  replyTo: replyParentSchema.nullable().optional(),
  /**
   * Reactions as the reader sees them. Absent means "not said here" (a live edit or a new
   * message): the page keeps what it holds; present replaces it.
   */
  reactions: z.array(reactionSchema).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

// ---- browser → room ------------------------------------------------------------------------

export const sendFrameSchema = z.object({
  type: z.literal("send"),
  clientId,
  // The length rules are checked separately (checkBody) so that they get their own reasons.
  body: z.string(),
  /** The id of the message this one replies to (same channel; checked when stored). */
  replyTo: z.number().int().positive().optional(),
});
/** "I am typing": never stored, relayed to the others at most once per TYPING_EVERY_MS. */
export const typingFrameSchema = z.object({ type: z.literal("typing") });
export const clientFrameSchema = z.discriminatedUnion("type", [sendFrameSchema, typingFrameSchema]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;
export type SendFrame = z.infer<typeof sendFrameSchema>;

// ---- room → browser ------------------------------------------------------------------------

export const presenceUserSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  image: z.string().nullable(),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** A reaction added or removed, as the room broadcasts it (and Next.js tells the room). */
export const reactionEventSchema = z.object({
  messageId: z.number().int().positive(),
  emoji: z.string().min(1).max(MAX_EMOJI_LENGTH),
  user: z.object({ id: z.number().int().positive(), name: z.string() }),
  added: z.boolean(),
  /** How many people now react with this emoji (0: the chip goes). */
  count: z.number().int().nonnegative(),
  /**
   * The message's reaction version the count was read at (grows with every change to the
   * message's reactions): a page keeps the newest count it has seen, whatever order the events
   * arrive in. Absent from a sender that does not know it; such an event is applied as it comes.
   */
  version: z.number().int().nonnegative().optional(),
});
export type ReactionEvent = z.infer<typeof reactionEventSchema>;

/** A typing indicator lasts this long unless renewed. */
export const TYPING_TTL_MS = 6_000;
/** A page sends at most one typing frame per this interval while someone types. */
export const TYPING_EVERY_MS = 3_000;

/** What the room tells a socket when it opens: the limits the page paces itself by. */
export const limitsSchema = z.object({
  /** The send rate limit: a burst of `capacity`, then `refillPerSecond` messages a second. */
  rate: z.object({ capacity: z.number().positive(), refillPerSecond: z.number().positive() }),
  /** False in rooms above the typing cap: the page sends no typing frames there. */
  typing: z.boolean(),
});
export type RoomLimits = z.infer<typeof limitsSchema>;

/**
 * A support conversation's state as its visitor's page shows it: up to which message an agent
 * has read ("Seen"), and whether it is still open. Never moves "Seen" back (pages keep the max).
 */
export const conversationStateSchema = z.object({
  agentSeenId: z.number().int().nonnegative(),
  status: z.enum(["open", "closed"]),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export const serverFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), message: chatMessageSchema }),
  z.object({
    type: z.literal("messages"),
    /** Messages stored together, in id order: one frame for a batch instead of one each. */
    messages: z.array(chatMessageSchema).min(1).max(MAX_BATCH),
  }),
  z.object({
    type: z.literal("rejected"),
    /** Null when the frame was too broken to carry a clientId. */
    clientId: z.string().nullable(),
    reason: REJECT_REASON,
    /** For muted, banned and slow mode: when the user may send again (ISO 8601). */
    until: z.string().optional(),
  }),
  z.object({ type: z.literal("deleted"), id: z.number().int().positive() }),
  z.object({
    type: z.literal("presence"),
    /** The first PRESENCE_LIST_MAX people by name. */
    users: z.array(presenceUserSchema).max(PRESENCE_LIST_MAX),
    /** How many different people are here in all (several tabs count once). */
    count: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("reaction"), event: reactionEventSchema }),
  z.object({
    type: z.literal("reactions"),
    /**
     * Reaction events the room gathered over a short window, oldest first: one frame to every
     * socket instead of one per event (see REACTION_GATHER_MS in party/chat-room.ts).
     */
    events: z.array(reactionEventSchema).min(1).max(MAX_REACTIONS_PER_FRAME),
  }),
  z.object({ type: z.literal("typing"), user: presenceUserSchema.pick({ id: true, name: true }) }),
  z.object({ type: z.literal("limits"), limits: limitsSchema }),
  z.object({ type: z.literal("conversation"), state: conversationStateSchema }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

// ---- room → Next.js: store a batch ---------------------------------------------------------

export const storeRequestSchema = z.object({
  channel: z.string().min(1).max(64),
  messages: z
    .array(
      z.object({
        authorId: z.number().int().positive(),
        clientId,
        body: z.string(),
        replyTo: z.number().int().positive().optional(),
      }),
    )
    .min(1)
    .max(MAX_BATCH),
});
export type StoreRequest = z.infer<typeof storeRequestSchema>;

export const storeResultSchema = z.discriminatedUnion("ok", [
  z.object({ clientId: z.string(), ok: z.literal(true), message: chatMessageSchema }),
  z.object({
    clientId: z.string(),
    ok: z.literal(false),
    reason: REJECT_REASON,
    until: z.string().optional(),
  }),
]);
export type StoreResult = z.infer<typeof storeResultSchema>;
export const storeResponseSchema = z.object({ results: z.array(storeResultSchema) });
export type StoreResponse = z.infer<typeof storeResponseSchema>;

// ---- Next.js → room: moderation events -----------------------------------------------------

export const roomCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("deleted"), id: z.number().int().positive() }),
  /** A message changed (edited): broadcast as a `message` frame, which pages merge by id. */
  z.object({ type: z.literal("edited"), message: chatMessageSchema }),
  /** A reaction was added or removed: broadcast as a `reaction` frame. */
  z.object({ type: z.literal("reaction"), event: reactionEventSchema }),
  /** Close this user's sockets (banned): the page then learns why from the token route. */
  z.object({ type: z.literal("kick"), userId: z.number().int().positive() }),
  /** A support conversation was seen by an agent, closed or reopened: broadcast as is. */
  z.object({ type: z.literal("conversation"), state: conversationStateSchema }),
]);
export type RoomCommand = z.infer<typeof roomCommandSchema>;

/** Most message ids one `activity` event lists (beyond, it says only how many). */
export const ACTIVITY_IDS_MAX = 500;

// ---- Next.js → a person's own room → their pages ---------------------------------------------

/**
 * What the app tells one person's room (`/parties/user/<userId>`, one Durable Object per user),
 * which passes it to every page they have open: the sidebar of every tab and device stays live
 * from one socket per page, not one per channel.
 */
export const userEventSchema = z.discriminatedUnion("type", [
  /** A message was stored in a channel (not by this person): its unread count grows. */
  z.object({
    type: z.literal("activity"),
    channel: z.string().min(1).max(64),
    messageId: z.number().int().positive(),
    /**
     * How many messages by others this event stands for, the newest being `messageId` (a batch
     * stored together goes as one event; default 1).
     */
    count: z.number().int().positive().optional(),
    /** The oldest of those messages: a page whose count already covers it recounts instead. */
    firstId: z.number().int().positive().optional(),
    /**
     * Those messages' ids, when there are at most ACTIVITY_IDS_MAX: a page counts only the ones
     * its counts do not cover yet, so a message stored while it recounted is never counted twice.
     */
    ids: z.array(z.number().int().positive()).max(500).optional(),
  }),
  /** This person was mentioned (by name, or by a moderator's @here). */
  z.object({
    type: z.literal("mention"),
    channel: z.string().min(1).max(64),
    messageId: z.number().int().positive(),
    authorName: z.string(),
    /** The start of the message, for a notification's text. */
    excerpt: z.string(),
  }),
  /**
   * This person's read position in a channel moved (read on some device, or "Mark as unread"),
   * with the counts as MySQL has them after the move, so every page agrees.
   */
  z.object({
    type: z.literal("read"),
    channel: z.string().min(1).max(64),
    lastReadId: z.number().int().nonnegative(),
    unread: z.number().int().nonnegative(),
    mentions: z.number().int().nonnegative(),
  }),
  /**
   * A message in this channel was deleted: counts a page holds may include it, so it asks MySQL
   * again (GET /api/unread) rather than carry a phantom unread or mention.
   */
  z.object({ type: z.literal("recount"), channel: z.string().min(1).max(64) }),
  /** This person muted or unmuted a channel. */
  z.object({ type: z.literal("muted"), channel: z.string().min(1).max(64), muted: z.boolean() }),
  /**
   * The support inbox changed (a conversation started, was written in, assigned, closed,
   * reopened or seen): an open /support list reloads from MySQL. Sent only to the rooms of
   * people who answer support, and says nothing of what changed.
   */
  z.object({ type: z.literal("inbox") }),
]);
export type UserEvent = z.infer<typeof userEventSchema>;

/** Next.js → a person's room: events to pass on. The answer says how many sockets took them. */
export const userCommandSchema = z.object({
  type: z.literal("events"),
  events: z.array(userEventSchema).min(1).max(MAX_BATCH),
});
export type UserCommand = z.infer<typeof userCommandSchema>;
export const userCommandResultSchema = z.object({ sockets: z.number().int().nonnegative() });

/** A person's room → their page: one frame per event. */
export const userFrameSchema = z.object({ type: z.literal("event"), event: userEventSchema });
export type UserFrame = z.infer<typeof userFrameSchema>;

/**
 * A person's room → Next.js (POST /api/party/push, with the room secret): a mention's grace
 * period (PUSH_DELAY_MS, 60 s) ended. `sockets` is how many pages the person has open now; the
 * app decides from MySQL whether a web push goes (unread still, no page open, pacing allows).
 */
export const pushDueSchema = z.object({
  userId: z.number().int().positive(),
  sockets: z.number().int().nonnegative(),
});
export type PushDue = z.infer<typeof pushDueSchema>;
/**
 * Next.js's answer to a push-due call: how many pushes went, and when mentions still held (in a
 * channel's 5-minute gap) fall due (ISO time, null when none): the room sets its alarm for then.
 */
export const pushDueResultSchema = z.object({
  sent: z.number().int().nonnegative(),
  nextDueAt: z.iso.datetime().nullable(),
});
export type PushDueResult = z.infer<typeof pushDueResultSchema>;

/** One channel's counts for the reader, as GET /api/unread and the sidebar's first render have them. */
export const channelUnreadSchema = z.object({
  channel: z.string().min(1).max(64),
  lastReadId: z.number().int().nonnegative(),
  /** Messages by others after lastReadId, not deleted, at most UNREAD_CAP (shown as "999+"). */
  unread: z.number().int().nonnegative(),
  mentions: z.number().int().nonnegative(),
  muted: z.boolean(),
  /**
   * The channel's newest message id when MySQL counted: an `activity` event for a message up to
   * it arriving after this answer is already counted here.
   */
  newestId: z.number().int().nonnegative().optional(),
});
export type ChannelUnread = z.infer<typeof channelUnreadSchema>;

/** GET /api/unread: every open channel's counts, recomputed from MySQL. */
export const unreadCountsSchema = z.object({ channels: z.array(channelUnreadSchema) });
export type UnreadCounts = z.infer<typeof unreadCountsSchema>;

// ---- Next.js → browser: history ------------------------------------------------------------

export const historyPageSchema = z.object({
  messages: z.array(chatMessageSchema),
  /** True when more messages exist beyond this page in the direction asked. */
  hasMore: z.boolean(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * Most stored messages (deleted ones included) one changes query may span between `from` and
 * `upTo`: 40 pages of scrolling back. The query reads every row of that range, so an unbounded
 * range would let one request walk a whole channel; a wider one is answered 400.
 */
export const MAX_CHANGES_RANGE = 2_000;

/** GET /api/channels/SLUG/changes: what a page missed to its messages while it was away. */
export const changesSchema = z.object({
  /**
   * Messages edited or reacted to since, as they are now, with their reactions (only ids up to
   * the page's newest).
   */
  edited: z.array(chatMessageSchema),
  deletedIds: z.array(z.number().int().positive()),
  /** False when there were more changes than one answer holds: the page should reload. */
  complete: z.boolean(),
  /** The server's time when it looked (ISO 8601): the next `since`. */
  asOf: z.string(),
});
export type Changes = z.infer<typeof changesSchema>;

// ---- Next.js → browser: room tokens ----------------------------------------------------------

/** Why GET /api/party/token will not give this person a token; retrying cannot change it. */
export const JOIN_REFUSAL = z.enum(["signed_out", "banned", "no_channel"]);
export type JoinRefusalCode = z.infer<typeof JOIN_REFUSAL>;

/**
 * The token route's answer when it says no for good. `error` is English for programs and logs;
 * the page words `code` in the reader's language, with a ban's end in their own time zone.
 */
export const tokenRefusalSchema = z.object({
  error: z.string(),
  code: JOIN_REFUSAL,
  /** banned: when the ban ends (ISO 8601; year 9999 means never). */
  until: z.string().optional(),
  /** banned: the moderator's reason, when one was given. */
  reason: z.string().optional(),
});
export type TokenRefusal = z.infer<typeof tokenRefusalSchema>;

// ---- rules shared by the room, the store route and the composer ----------------------------

/** Why a body may not be sent, or null when it may. */
export function checkBody(body: string): "empty" | "too_long" | null {
  if (body.trim().length === 0) return "empty";
  // Count code points so that an emoji counts once, as a person would count it.
  let count = 0;
  for (const _ of body) {
    count++;
    if (count > MAX_BODY_CHARS) return "too_long";
  }
  return null;
}
