/**
 * Where the "New messages" divider goes and when the "Jump to first unread" bar shows. Pure
 * functions over what the page holds, so the rules are unit-tested without a browser.
 */

/** What the divider needs to know of a message. */
type Held = { id: number; author: { id: number } };

/**
 * The unread part of the channel as it was when the page opened, fixed for the page's life: the
 * divider does not follow the read position while the person reads (it goes when they leave and
 * come back, or send a message), and a message arriving later is simply below it.
 */
export type UnreadBoundary = {
  /** The person's read position when the page was rendered (or set by "Mark as unread"). */
  lastReadId: number;
  /** The newest message id the page held then: later ones do not move or make a divider. */
  upTo: number;
  /** A message marked unread by the person: the divider goes right above it, own or not. */
  marked: number | null;
  /** Unread messages by others from the boundary on, as MySQL counted them (bounded). */
  count: number;
  /** The count stopped at the server's bound: there are at least this many. */
  capped: boolean;
};

export type FirstUnread =
  /** Nothing unread: no divider. */
  | { kind: "none" }
  /** The first unread message is held: the divider goes right above it. */
  | { kind: "held"; id: number }
  /** It is older than anything held: older pages must be loaded to show it. */
  | { kind: "older" };

/**
 * The first unread message: the first held message after `lastReadId` (up to `upTo`) by someone
 * else, or the marked one. Deleted messages are not held, so the divider moves to the next one
 * when its message is deleted. While older pages may still hold the boundary, it is "older".
 */
export function firstUnread(args: {
  boundary: UnreadBoundary | null;
  messages: readonly Held[];
  me: number;
  /** Whether older messages than the first held one exist. */
  hasOlder: boolean;
}): FirstUnread {
  const { boundary, messages, me, hasOlder } = args;
  if (!boundary) return { kind: "none" };
  const oldest = messages[0]?.id;
  // The boundary is held when a message at or before it is held, or nothing older exists.
  const boundaryHeld = !hasOlder || (oldest !== undefined && oldest <= boundary.lastReadId + 1);
  for (const m of messages) {
    if (m.id <= boundary.lastReadId) continue;
    if (m.id > boundary.upTo) break;
    if (m.id === boundary.marked || m.author.id !== me) {
      return boundaryHeld ? { kind: "held", id: m.id } : { kind: "older" };
    }
  }
  if (!boundaryHeld && boundary.count > 0) return { kind: "older" };
  return { kind: "none" };
}

/**
 * Whether the bar offering "Jump to first unread" shows: there is an unread part, its divider
 * has not been in view yet, and the person has not dismissed the bar.
 */
export function jumpBarShown(args: {
  first: FirstUnread;
  /** The divider has been in the list's view at some point. */
  seen: boolean;
  dismissed: boolean;
}): boolean {
  return args.first.kind !== "none" && !args.seen && !args.dismissed;
}

/** The boundary after "Mark as unread" on `messageId`, counting what the page holds after it. */
export function markedBoundary(args: {
  messageId: number;
  messages: readonly Held[];
  me: number;
}): UnreadBoundary {
  const { messageId, messages, me } = args;
  const after = messages.filter((m) => m.id >= messageId);
  return {
    lastReadId: messageId - 1,
    upTo: Math.max(messageId, ...after.map((m) => m.id)),
    marked: messageId,
    count: after.filter((m) => m.author.id !== me).length,
    capped: false,
  };
}
