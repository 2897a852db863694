/**
 * The channel's message list as the page holds it: stored messages in id order (which is the
 * store order, the same on every page) and, after them, the user's own messages that are not
 * stored yet. Pure functions, so the merge rules are unit-tested without a browser.
 */
import {
  type ChatMessage,
  REPLY_EXCERPT_CHARS,
  type ReactionEvent,
  type RejectReason,
  type ReplyParent,
} from "@/party/protocol";
import { applyReactionEvent } from "./reactions";

export type PendingMessage = {
  clientId: string;
  body: string;
  /**
   * The message this one replies to, as quoted when it was sent: a retry or the re-send after a
   * reconnect sends `replyTo.id` again, and the pending row shows the quote meanwhile.
   */
  replyTo?: ReplyParent | null;
  status: "sending" | "failed";
  reason: RejectReason | null;
  /**
   * When a mute, ban or slow mode lets this user send again (ISO 8601). On a message still
   * sending: slow mode holds it until then, and it goes by itself.
   */
  until: string | null;
  /** When the user sent it (ISO 8601, the browser's clock): where it sits among the stored ones in time. */
  queuedAt: string;
};

export type Timeline = {
  /** The signed-in user's id: only their stored messages settle pending ones. */
  me: number;
  messages: ChatMessage[];
  pending: PendingMessage[];
};

export type TimelineAction =
  /** Stored messages from anywhere: live, catch-up after reconnect, or an older page. */
  | { type: "merge"; messages: ChatMessage[] }
  | { type: "queued"; clientId: string; body: string; at: string; replyTo?: ReplyParent | null }
  /** Unsent messages a previous page of this channel left in the tab's outbox (outbox.ts). */
  | { type: "restored"; pending: PendingMessage[] }
  | { type: "rejected"; clientId: string; reason: RejectReason; until?: string }
  | { type: "retrying"; clientId: string }
  /** Slow mode refused it; it stays sending and goes again by itself at `until`. */
  | { type: "waiting"; clientId: string; until: string }
  | { type: "discard"; clientId: string }
  | { type: "deleted"; id: number }
  /** Someone added or removed a reaction (a live frame). */
  | { type: "reaction"; event: ReactionEvent }
  /** What the page missed while away: edits and reactions to messages it holds, and deletions. */
  | { type: "changed"; edited: ChatMessage[]; deletedIds: number[] };

/** Merges stored messages by id: no duplicates, ascending id; a newer copy replaces an older one. */
export function mergeById(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const last = current[current.length - 1];
  // The common live case: one new message newer than everything held.
  if (incoming.length === 1 && (!last || (incoming[0] as ChatMessage).id > last.id)) {
    return [...current, incoming[0] as ChatMessage];
  }
  const byId = new Map<number, ChatMessage>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, keepReactions(byId.get(m.id), m));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * A message without `reactions` (a live edit) says nothing about them: it keeps the ones held.
 * One that carries them (history, catch-up) replaces them.
 */
function keepReactions(held: ChatMessage | undefined, incoming: ChatMessage): ChatMessage {
  if (incoming.reactions !== undefined || held?.reactions === undefined) return incoming;
  return { ...incoming, reactions: held.reactions };
}

export function timelineReducer(state: Timeline, action: TimelineAction): Timeline {
  switch (action.type) {
    case "merge": {
      const messages = mergeById(state.messages, action.messages);
      // Our stored message settles our pending one with the same clientId; clientIds are unique
      // per author only, so someone else's message never does.
      const stored = new Set(
        action.messages.filter((m) => m.author.id === state.me).map((m) => m.clientId),
      );
      const pending = state.pending.filter((p) => !stored.has(p.clientId));
      const merged =
        messages === state.messages && pending.length === state.pending.length
          ? state
          : { ...state, messages, pending };
      return withParentsEdited(merged, action.messages);
    }
    case "queued":
      if (state.pending.some((p) => p.clientId === action.clientId)) return state;
      return {
        ...state,
        pending: [
          ...state.pending,
          {
            clientId: action.clientId,
            body: action.body,
            ...(action.replyTo && { replyTo: action.replyTo }),
            status: "sending",
            reason: null,
            until: null,
            queuedAt: action.at,
          },
        ],
      };
    case "restored": {
      // One stored meanwhile (it is among the messages held) or already pending stays as it is.
      const known = new Set([
        ...state.messages.filter((m) => m.author.id === state.me).map((m) => m.clientId),
        ...state.pending.map((p) => p.clientId),
      ]);
      const fresh = action.pending.filter((p) => !known.has(p.clientId));
      return fresh.length === 0 ? state : { ...state, pending: [...fresh, ...state.pending] };
    }
    case "rejected":
      return {
        ...state,
        pending: state.pending.map((p) =>
          p.clientId === action.clientId
            ? { ...p, status: "failed", reason: action.reason, until: action.until ?? null }
            : p,
        ),
      };
    case "retrying":
      return {
        ...state,
        pending: state.pending.map((p) =>
          p.clientId === action.clientId
            ? { ...p, status: "sending", reason: null, until: null }
            : p,
        ),
      };
    case "waiting":
      return {
        ...state,
        pending: state.pending.map((p) =>
          p.clientId === action.clientId
            ? { ...p, status: "sending", reason: "rate_limited", until: action.until }
            : p,
        ),
      };
    case "discard":
      return { ...state, pending: state.pending.filter((p) => p.clientId !== action.clientId) };
    case "deleted":
      return withParentsDeleted(
        { ...state, messages: state.messages.filter((m) => m.id !== action.id) },
        new Set([action.id]),
      );
    case "reaction": {
      const { event } = action;
      // A reaction to a message the page does not hold changes nothing: its chips come with it
      // when it is loaded.
      const index = state.messages.findIndex((m) => m.id === event.messageId);
      const held = state.messages[index];
      if (!held) return state;
      const messages = [...state.messages];
      messages[index] = {
        ...held,
        reactions: applyReactionEvent(held.reactions ?? [], event, state.me),
      };
      return { ...state, messages };
    }
    case "changed": {
      if (action.edited.length === 0 && action.deletedIds.length === 0) return state;
      const gone = new Set(action.deletedIds);
      const edited = new Map(action.edited.map((m) => [m.id, m]));
      // Only messages the page holds: an edit to one it never loaded must not appear out of place.
      // An answer can arrive after a live edit of the same message: the later edit wins.
      const messages = state.messages
        .filter((m) => !gone.has(m.id))
        .map((m) => {
          const e = edited.get(m.id);
          if (!e) return m;
          // The changes feed also lists messages whose reactions changed: their reactions are
          // current even when a live edit of the body came in after the answer was made.
          return (e.editedAt ?? "") >= (m.editedAt ?? "")
            ? keepReactions(m, e)
            : { ...m, reactions: e.reactions ?? m.reactions };
        });
      return withParentsEdited(withParentsDeleted({ ...state, messages }, gone), action.edited);
    }
  }
}

/**
 * Marks the quotes of replies to these (deleted) ids as deleted, in stored and pending messages,
 * so no page keeps showing a deleted message's words in a quote. Unchanged arrays are kept.
 */
/** The one-line quote of `message` that a reply to it shows. */
export function replyQuote(message: ChatMessage): ReplyParent {
  return {
    id: message.id,
    authorName: message.author.name,
    excerpt: [...message.body].slice(0, REPLY_EXCERPT_CHARS).join(""),
    deleted: false,
  };
}

/**
 * Replies quote their parent as it was when they were loaded; an edit of the parent (live, or
 * from the changes feed) re-quotes them, so words the author took back do not stay in quotes.
 */
function withParentsEdited(state: Timeline, incoming: ChatMessage[]): Timeline {
  const edited = new Map(incoming.filter((m) => m.editedAt).map((m) => [m.id, m]));
  if (edited.size === 0) return state;
  const requote = (q: ReplyParent | null | undefined) => {
    const parent = q && !q.deleted ? edited.get(q.id) : undefined;
    return parent ? replyQuote(parent) : null;
  };
  const messages = state.messages.some((m) => requote(m.replyTo))
    ? state.messages.map((m) => {
        const q = requote(m.replyTo);
        return q ? { ...m, replyTo: q } : m;
      })
    : state.messages;
  const pending = state.pending.some((p) => requote(p.replyTo))
    ? state.pending.map((p) => {
        const q = requote(p.replyTo);
        return q ? { ...p, replyTo: q } : p;
      })
    : state.pending;
  return messages === state.messages && pending === state.pending
    ? state
    : { ...state, messages, pending };
}

function withParentsDeleted(state: Timeline, gone: Set<number>): Timeline {
  if (gone.size === 0) return state;
  const hit = (q: ReplyParent | null | undefined) => q != null && !q.deleted && gone.has(q.id);
  const mark = (q: ReplyParent): ReplyParent => ({ ...q, excerpt: "", deleted: true });
  const messages = state.messages.some((m) => hit(m.replyTo))
    ? state.messages.map((m) =>
        m.replyTo && hit(m.replyTo) ? { ...m, replyTo: mark(m.replyTo) } : m,
      )
    : state.messages;
  const pending = state.pending.some((p) => hit(p.replyTo))
    ? state.pending.map((p) =>
        p.replyTo && hit(p.replyTo) ? { ...p, replyTo: mark(p.replyTo) } : p,
      )
    : state.pending;
  return { ...state, messages, pending };
}
