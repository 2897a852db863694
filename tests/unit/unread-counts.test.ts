import { describe, expect, it } from "vitest";
import { activityFor, mergeActivity } from "@/app/_lib/unread/activity-events";
import { channelLinkName, type LinkWords } from "@/components/chat/channel-link-name";
import { countedTitle } from "@/components/chat/tab-title";
import {
  initialUnread,
  shownCount,
  titleCount,
  type UnreadState,
  unreadReducer,
} from "@/components/chat/unread-counts";
import type { ChannelUnread, StoreResult, UserEvent } from "@/party/protocol";

const mysql = (channel: string, over: Partial<ChannelUnread> = {}): ChannelUnread => ({
  channel,
  lastReadId: 10,
  unread: 0,
  mentions: 0,
  muted: false,
  ...over,
});

const apply = (state: UnreadState, events: UserEvent[], viewing: string | null = null) =>
  events.reduce((s, event) => unreadReducer(s, { type: "event", event, viewing }), state);

describe("the counts reducer", () => {
  const start = () => initialUnread([mysql("general"), mysql("random", { unread: 2 })]);

  it("counts activity in channels not being read, once per message", () => {
    const s = apply(start(), [
      { type: "activity", channel: "general", messageId: 11 },
      { type: "activity", channel: "general", messageId: 11 },
      { type: "activity", channel: "general", messageId: 9 },
      { type: "activity", channel: "random", messageId: 14, count: 3 },
    ]);
    expect(s.general?.unread).toBe(1);
    expect(s.random?.unread).toBe(5);
  });

  it("does not count the channel being read", () => {
    const s = apply(start(), [{ type: "activity", channel: "general", messageId: 11 }], "general");
    expect(s.general?.unread).toBe(0);
    // The same message heard again once the reader scrolled away is still not news.
    expect(
      apply(s, [{ type: "activity", channel: "general", messageId: 11 }]).general?.unread,
    ).toBe(0);
  });

  it("adds the mention badge without counting the message twice", () => {
    const s = apply(start(), [
      { type: "activity", channel: "general", messageId: 12 },
      { type: "mention", channel: "general", messageId: 12, authorName: "Ada", excerpt: "hi" },
    ]);
    expect(s.general).toMatchObject({ unread: 1, mentions: 1 });
    // A mention of something already read adds nothing.
    const old = apply(s, [
      { type: "mention", channel: "general", messageId: 5, authorName: "Ada", excerpt: "x" },
    ]);
    expect(old.general?.mentions).toBe(1);
  });

  it("takes a read event's exact numbers, and then ignores activity it covered", () => {
    const s = apply(start(), [
      { type: "activity", channel: "general", messageId: 12 },
      { type: "activity", channel: "general", messageId: 13 },
      { type: "read", channel: "general", lastReadId: 13, unread: 0, mentions: 0 },
      { type: "activity", channel: "general", messageId: 13 },
    ]);
    expect(s.general).toMatchObject({ lastReadId: 13, unread: 0, mentions: 0 });
    // Mark as unread (from another engineer's menu) moves the place back with MySQL's numbers.
    const back = apply(s, [
      { type: "read", channel: "general", lastReadId: 11, unread: 2, mentions: 1 },
    ]);
    expect(back.general).toMatchObject({ lastReadId: 11, unread: 2, mentions: 1 });
  });

  it("follows mute and unmute", () => {
    const s = apply(start(), [{ type: "muted", channel: "random", muted: true }]);
    expect(s.random?.muted).toBe(true);
    expect(apply(s, [{ type: "muted", channel: "random", muted: false }]).random?.muted).toBe(
      false,
    );
  });

  it("replaces everything on reconnect with MySQL's counts", () => {
    const drifted = apply(start(), [
      { type: "activity", channel: "general", messageId: 50, count: 7 },
      { type: "muted", channel: "general", muted: true },
    ]);
    const s = unreadReducer(drifted, {
      type: "replace",
      channels: [mysql("general", { lastReadId: 40, unread: 3 }), mysql("new-one", { unread: 1 })],
    });
    expect(Object.keys(s).sort()).toEqual(["general", "new-one"]);
    expect(s.general).toMatchObject({ lastReadId: 40, unread: 3, muted: false });
  });

  it("ignores channels it does not list, and caps at 1000", () => {
    const s = apply(start(), [
      { type: "activity", channel: "elsewhere", messageId: 99 },
      { type: "activity", channel: "general", messageId: 5_000, count: 5_000 },
    ]);
    expect(s.elsewhere).toBeUndefined();
    expect(s.general?.unread).toBe(1_000);
    expect(shownCount(s.general?.unread ?? 0)).toBe("999+");
    expect(shownCount(999)).toBe("999");
  });

  it("takes this page's own markRead answer", () => {
    const s = unreadReducer(
      apply(start(), [{ type: "activity", channel: "general", messageId: 12 }]),
      {
        type: "counted",
        counts: mysql("general", { lastReadId: 12 }),
      },
    );
    expect(s.general).toMatchObject({ lastReadId: 12, unread: 0 });
  });
});

describe("the tab title", () => {
  it("counts unread in unmuted channels plus mentions in muted ones", () => {
    const s = initialUnread([
      mysql("a", { unread: 3, mentions: 1 }),
      mysql("b", { unread: 10, mentions: 2, muted: true }),
    ]);
    expect(titleCount(s)).toBe(5);
    expect(countedTitle("#a · Chat", 5)).toBe("(5) #a · Chat");
    expect(countedTitle("(5) #a · Chat", 2)).toBe("(2) #a · Chat");
    expect(countedTitle("(5) #a · Chat", 0)).toBe("#a · Chat");
  });
});

describe("a sidebar link's accessible name", () => {
  const en: LinkWords = {
    separator: ", ",
    muted: "muted",
    unreadMany: "999+ unread",
    unread: (n) => `${n} unread`,
    mentions: (n) => (n === 1 ? "1 mention" : `${n} mentions`),
  };
  const count = (over: Partial<ChannelUnread>) => initialUnread([mysql("g", over)]).g;
  it("says only what is there", () => {
    expect(channelLinkName("general", count({}), en)).toBe("general");
    expect(channelLinkName("general", count({ unread: 3, mentions: 1 }), en)).toBe(
      "general, 3 unread, 1 mention",
    );
    expect(channelLinkName("general", count({ unread: 1_000, muted: true }), en)).toBe(
      "general, muted, 999+ unread",
    );
  });
});

describe("who hears of a stored batch", () => {
  const stored = (id: number, author: number): StoreResult => ({
    clientId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    ok: true,
    message: {
      id,
      channelId: 1,
      clientId: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
      body: "x",
      createdAt: new Date(0).toISOString(),
      editedAt: null,
      author: { id: author, name: `u${author}`, image: null, role: "member" },
    },
  });

  it("skips the author, says the newest message by others and how many", () => {
    const events = activityFor("general", [stored(3, 1), stored(4, 2), stored(5, 1)], [1, 2, 3]);
    expect(events.get(1)).toEqual({
      type: "activity",
      channel: "general",
      messageId: 4,
      count: 1,
      firstId: 4,
      ids: [4],
    });
    expect(events.get(2)).toEqual({
      type: "activity",
      channel: "general",
      messageId: 5,
      count: 2,
      firstId: 3,
      ids: [3, 5],
    });
    expect(events.get(3)).toEqual({
      type: "activity",
      channel: "general",
      messageId: 5,
      count: 3,
      firstId: 3,
      ids: [3, 4, 5],
    });
    expect(activityFor("general", [stored(3, 1)], [1]).size).toBe(0);
    expect(
      activityFor(
        "general",
        [{ clientId: stored(1, 1).clientId, ok: false, reason: "invalid" }],
        [2],
      ).size,
    ).toBe(0);
  });

  it("joins the batches gathered together into one call per person", () => {
    const merged = mergeActivity([
      activityFor("general", [stored(3, 1), stored(4, 2)], [1, 3]),
      activityFor("random", [stored(5, 2)], [1, 3]),
      activityFor("general", [stored(6, 2)], [1, 3]),
    ]);
    expect(merged.get(1)).toEqual([
      { type: "activity", channel: "general", messageId: 6, count: 2, firstId: 4, ids: [4, 6] },
      { type: "activity", channel: "random", messageId: 5, count: 1, firstId: 5, ids: [5] },
    ]);
    expect(merged.get(3)).toEqual([
      { type: "activity", channel: "general", messageId: 6, count: 3, firstId: 3, ids: [3, 4, 6] },
      { type: "activity", channel: "random", messageId: 5, count: 1, firstId: 5, ids: [5] },
    ]);
  });

  it("an activity event adds only the messages a recount did not already count", () => {
    let state = unreadReducer(initialUnread([]), {
      type: "replace",
      channels: [
        { channel: "general", lastReadId: 10, unread: 3, mentions: 0, muted: false, newestId: 13 },
      ],
    });
    state = unreadReducer(state, {
      type: "event",
      event: { type: "activity", channel: "general", messageId: 13, count: 3, firstId: 11 },
      viewing: null,
    });
    expect(state.general?.unread).toBe(3);
    // Stored partly before the recount's answer (12, 13) and partly after (14, 15).
    state = unreadReducer(state, {
      type: "event",
      event: {
        type: "activity",
        channel: "general",
        messageId: 15,
        count: 4,
        firstId: 12,
        ids: [12, 13, 14, 15],
      },
      viewing: null,
    });
    expect(state.general?.unread).toBe(5);
  });
});
