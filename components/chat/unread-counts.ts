/**
 * A page's unread and mention counts per channel, as a pure reducer: MySQL's numbers on load and
 * on every reconnect of the person's own room replace everything; between them the room's events
 * move the numbers. No React here, so unit tests drive it directly.
 */
import type { ChannelUnread, UserEvent } from "@/party/protocol";

export type ChannelCount = {
  lastReadId: number;
  unread: number;
  mentions: number;
  muted: boolean;
  /**
   * The newest message already counted (MySQL's place or an activity event): an event for a
   * message at or before it is not counted twice.
   */
  countedTo: number;
};

export type UnreadState = Readonly<Record<string, ChannelCount>>;

export type UnreadAction =
  /** MySQL's counts (first render, every reconnect): they replace what is held. */
  | { type: "replace"; channels: ChannelUnread[] }
  /**
   * An event from the person's room. `viewing` is the channel the person is looking at now (open,
   * page visible, scrolled to the bottom) or null: its new messages are being read, not missed.
   */
  | { type: "event"; event: UserEvent; viewing: string | null }
  /** This page's own markRead answer: the counts as MySQL has them after the move. */
  | { type: "counted"; counts: ChannelUnread };

/** MySQL counts at most this many unread per channel (db/queries/read-state.ts UNREAD_CAP). */
export const UNREAD_CAP = 1_000;

export function initialUnread(channels: ChannelUnread[]): UnreadState {
  return unreadReducer({}, { type: "replace", channels });
}

function fromMySql(c: ChannelUnread): ChannelCount {
  return {
    lastReadId: c.lastReadId,
    unread: c.unread,
    mentions: c.mentions,
    muted: c.muted,
    countedTo: Math.max(c.lastReadId, c.newestId ?? 0),
  };
}

export function unreadReducer(state: UnreadState, action: UnreadAction): UnreadState {
  switch (action.type) {
    case "replace":
      return Object.fromEntries(action.channels.map((c) => [c.channel, fromMySql(c)]));
    case "counted": {
      const held = state[action.counts.channel];
      if (!held) return state;
      return {
        ...state,
        [action.counts.channel]: {
          ...fromMySql(action.counts),
          countedTo: Math.max(held.countedTo, action.counts.lastReadId),
        },
      };
    }
    case "event":
      return applyEvent(state, action.event, action.viewing);
  }
}

function applyEvent(state: UnreadState, event: UserEvent, viewing: string | null): UnreadState {
  if (event.type === "inbox") return state;
  const held = state[event.channel];
  // A channel this page does not list (made or reopened since it loaded): the next reconnect
  // or reload brings it with MySQL's numbers.
  if (!held) return state;
  const put = (next: Partial<ChannelCount>): UnreadState => ({
    ...state,
    [event.channel]: { ...held, ...next },
  });
  switch (event.type) {
    case "activity": {
      if (event.messageId <= held.countedTo) return state;
      if (viewing === event.channel) return put({ countedTo: event.messageId });
      // With the ids, only those the counts do not cover yet (one stored while MySQL was
      // recounted is already in them).
      const fresh = event.ids
        ? event.ids.filter((id) => id > held.countedTo).length
        : (event.count ?? 1);
      return put({
        unread: Math.min(UNREAD_CAP, held.unread + fresh),
        countedTo: event.messageId,
      });
    }
    case "mention":
      // Its message's unread is counted by the activity event; this only adds the badge.
      if (event.messageId <= held.lastReadId || viewing === event.channel) return state;
      return put({ mentions: held.mentions + 1 });
    case "read":
      return put({
        lastReadId: event.lastReadId,
        unread: event.unread,
        mentions: event.mentions,
        countedTo: Math.max(held.countedTo, event.lastReadId),
      });
    case "muted":
      return held.muted === event.muted ? state : put({ muted: event.muted });
    case "recount":
      // The provider asks MySQL; its answer replaces the counts.
      return state;
  }
}

/**
 * The number in the tab's title: every unread message in a channel not muted, plus the mentions
 * in muted ones (a mention in an unmuted channel is already one of its unread messages).
 */
export function titleCount(state: UnreadState): number {
  let total = 0;
  for (const c of Object.values(state)) total += c.muted ? c.mentions : c.unread;
  return total;
}

/** A count as shown: "999+" from the cap on. */
export function shownCount(n: number): string {
  return n > 999 ? "999+" : String(n);
}
