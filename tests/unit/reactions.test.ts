import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reactionVerdict } from "@/app/_lib/reactions/reaction-verdict";
import { applyReactionEvent, reactorsShown } from "@/components/chat/reactions";
import { type Timeline, timelineReducer } from "@/components/chat/timeline";
import { shapeSummaries } from "@/db/queries/reactions";
import {
  type ChatMessage,
  MAX_EMOJI_LENGTH,
  REACTORS_NAMED,
  type Reaction,
  type ReactionEvent,
} from "@/party/protocol";
import { isReactionEmoji } from "@/party/reaction-emoji";
import { sharedDataPath } from "../support/shared-data";
import { chatMessage } from "./fixtures";

const ME = 1;
const ann = { id: 2, name: "Ann" };
const bo = { id: 3, name: "Bo" };
const me = { id: ME, name: "Me" };

const event = (overrides: Partial<ReactionEvent> = {}): ReactionEvent => ({
  messageId: 10,
  emoji: "👍",
  user: ann,
  added: true,
  count: 1,
  ...overrides,
});

describe("isReactionEmoji", () => {
  it.each([
    "👍",
    "👍🏽",
    "❤️",
    "❤",
    "🇫🇷",
    "1️⃣",
    "#️⃣",
    "👩‍💻",
    "🏳️‍🌈",
    "👨‍👩‍👧‍👦",
    "🧑🏿‍🤝‍🧑🏻",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "😂",
  ])("accepts %s", (emoji) => {
    expect(isReactionEmoji(emoji)).toBe(true);
  });

  it.each([
    "",
    "abc",
    "<img src=x onerror=alert(1)>",
    "👍👍",
    "👍 ",
    " 👍",
    "👍a",
    "1",
    "#",
    "🇫",
    "🇫🇷🇩🇪",
    "\u200D",
    "👍\u200D",
    "\uFE0F",
    "💩\u0000",
    "👍\n",
    "\uD83D",
    // Look-alikes of common emoji: hidden tags, two skin tones, a long chain, unassigned.
    "👍\u{E0068}\u{E0069}\u{E007F}",
    "👍🏻🏿",
    "👍\u200D👍\u200D👍\u200D👍\u200D👍",
    "\u{1FFFD}",
  ])("refuses %j", (text) => {
    expect(isReactionEmoji(text)).toBe(false);
  });

  it("refuses anything longer than MAX_EMOJI_LENGTH, even made of emoji", () => {
    const long = Array.from({ length: 30 }, () => "👩").join("\u200D");
    expect(long.length).toBeGreaterThan(MAX_EMOJI_LENGTH);
    expect(isReactionEmoji(long)).toBe(false);
  });

  it("refuses every naughty string that is not a single emoji", () => {
    const strings: string[] = JSON.parse(
      readFileSync(sharedDataPath("naughty-strings/blns.json"), "utf8"),
    );
    const accepted = strings.filter(isReactionEmoji);
    // The list holds some lone emoji; whatever passes must be exactly one picture.
    for (const s of accepted) {
      expect([...new Intl.Segmenter().segment(s)]).toHaveLength(1);
      expect(s).not.toMatch(/[\p{L}\p{N}<>&"'\s]/u);
    }
    expect(accepted.length).toBeLessThan(strings.length / 4);
  });
});

describe("applyReactionEvent", () => {
  it("adds a chip for a new emoji with the event's count and user", () => {
    expect(applyReactionEvent([], event(), ME)).toEqual([
      { emoji: "👍", count: 1, users: [ann], mine: false },
    ]);
  });

  it("marks mine only for my own event", () => {
    const held: Reaction[] = [{ emoji: "👍", count: 1, users: [ann], mine: false }];
    const afterMine = applyReactionEvent(held, event({ user: me, count: 2 }), ME);
    expect(afterMine[0]).toEqual({ emoji: "👍", count: 2, users: [ann, me], mine: true });
    const afterTheirs = applyReactionEvent(afterMine, event({ user: bo, count: 3 }), ME);
    expect(afterTheirs[0]?.mine).toBe(true);
    const removedMine = applyReactionEvent(
      afterTheirs,
      event({ user: me, added: false, count: 2 }),
      ME,
    );
    expect(removedMine[0]).toEqual({ emoji: "👍", count: 2, users: [ann, bo], mine: false });
  });

  it("takes the event's count as the truth and is unchanged by a duplicate", () => {
    const once = applyReactionEvent([], event({ count: 1 }), ME);
    const twice = applyReactionEvent(once, event({ count: 1 }), ME);
    expect(twice).toEqual(once);
    // A stale page that thought 5 people reacted hears the database's 2.
    const stale: Reaction[] = [{ emoji: "👍", count: 5, users: [bo], mine: false }];
    expect(applyReactionEvent(stale, event({ count: 2 }), ME)[0]?.count).toBe(2);
  });

  it("removes the chip when the count reaches 0, and ignores a removal it never saw added", () => {
    const held: Reaction[] = [
      { emoji: "👍", count: 1, users: [ann], mine: false },
      { emoji: "🎉", count: 1, users: [bo], mine: false },
    ];
    expect(applyReactionEvent(held, event({ added: false, count: 0 }), ME)).toEqual([held[1]]);
    expect(applyReactionEvent([], event({ added: false, count: 0 }), ME)).toEqual([]);
  });

  it("converges when events arrive out of order, the last count winning", () => {
    // Ann then Bo added (1, then 2), delivered Bo first.
    const out = applyReactionEvent(
      applyReactionEvent([], event({ user: bo, count: 2 }), ME),
      event({ user: ann, count: 1 }),
      ME,
    );
    expect(out[0]?.users.map((u) => u.id).sort()).toEqual([ann.id, bo.id]);
    // The next event (or the changes feed) carries the database's count again.
    const settled = applyReactionEvent(out, event({ user: me, count: 3 }), ME);
    expect(settled[0]).toMatchObject({ count: 3, mine: true });
  });

  it("keeps the named list at REACTORS_NAMED and keeps a re-added reactor in place", () => {
    const users = Array.from({ length: REACTORS_NAMED }, (_, i) => ({
      id: 100 + i,
      name: `u${i}`,
    }));
    const held: Reaction[] = [{ emoji: "👍", count: REACTORS_NAMED, users, mine: false }];
    const more = applyReactionEvent(held, event({ count: REACTORS_NAMED + 1 }), ME);
    expect(more[0]?.users).toHaveLength(REACTORS_NAMED);
    expect(more[0]?.count).toBe(REACTORS_NAMED + 1);
    const again = applyReactionEvent(held, event({ user: users[3], count: REACTORS_NAMED }), ME);
    expect(again[0]?.users).toEqual(users);
  });
});

describe("timeline and reactions", () => {
  const timeline = (messages: ChatMessage[]): Timeline => ({ me: ME, messages, pending: [] });

  it("applies a reaction frame to the held message and ignores one for a message not held", () => {
    const m = chatMessage({ id: 10 });
    const state = timeline([m]);
    const next = timelineReducer(state, { type: "reaction", event: event() });
    expect(next.messages[0]?.reactions).toEqual([
      { emoji: "👍", count: 1, users: [ann], mine: false },
    ]);
    expect(timelineReducer(state, { type: "reaction", event: event({ messageId: 99 }) })).toBe(
      state,
    );
  });

  it("keeps reactions when a message arrives without them (a live edit) and replaces them when it has them", () => {
    const held = chatMessage({
      id: 10,
      reactions: [{ emoji: "👍", count: 1, users: [ann], mine: false }],
    });
    const state = timeline([held, chatMessage({ id: 11 })]);
    const { reactions: _, ...withoutField } = held;
    const edited = { ...withoutField, body: "edited", editedAt: "2025-01-02T00:00:00.000Z" };
    const afterEdit = timelineReducer(state, { type: "merge", messages: [edited] });
    expect(afterEdit.messages[0]).toMatchObject({ body: "edited", reactions: held.reactions });
    const fresh = timelineReducer(afterEdit, {
      type: "merge",
      messages: [{ ...edited, reactions: [] }],
    });
    expect(fresh.messages[0]?.reactions).toEqual([]);
  });

  it("takes reactions from the changes feed, even beside a newer live edit", () => {
    const held = chatMessage({ id: 10, editedAt: "2025-01-03T00:00:00.000Z", body: "newer" });
    const fromFeed = {
      ...held,
      body: "older",
      editedAt: "2025-01-02T00:00:00.000Z",
      reactions: [{ emoji: "🎉", count: 2, users: [ann, bo], mine: false }],
    };
    const next = timelineReducer(timeline([held]), {
      type: "changed",
      edited: [fromFeed],
      deletedIds: [],
    });
    expect(next.messages[0]).toMatchObject({ body: "newer", reactions: fromFeed.reactions });
  });
});

describe("shapeSummaries", () => {
  it("groups rows by message and emoji in their order, names oldest first, says mine", () => {
    const rows = [
      { messageId: 1, emoji: "👍", userId: 2, name: "Ann", total: 3, mine: 1 },
      { messageId: 1, emoji: "👍", userId: 1, name: "Me", total: 3, mine: 1 },
      { messageId: 1, emoji: "👍", userId: 3, name: null, total: 3, mine: 1 },
      { messageId: 1, emoji: "🎉", userId: 3, name: "Bo", total: 1, mine: 0 },
      { messageId: 2, emoji: "😂", userId: 2, name: "Ann", total: 1, mine: null },
    ];
    const shaped = shapeSummaries(rows);
    expect(shaped.get(1)).toEqual([
      { emoji: "👍", count: 3, users: [ann, { id: 1, name: "Me" }], mine: true },
      { emoji: "🎉", count: 1, users: [bo], mine: false },
    ]);
    expect(shaped.get(2)).toEqual([{ emoji: "😂", count: 1, users: [ann], mine: false }]);
    expect(shaped.get(3)).toBeUndefined();
  });

  it("tells who to name and how many more", () => {
    const r: Reaction = { emoji: "👍", count: 9, users: [ann, bo], mine: false };
    expect(reactorsShown(r)).toEqual({ names: ["Ann", "Bo"], others: 7 });
    expect(reactorsShown(r, 1)).toEqual({ names: ["Ann"], others: 8 });
  });
});

describe("reactionVerdict", () => {
  const NOW = Date.UTC(2026, 10, 1);
  const later = new Date(NOW + 60_000);
  const free = { bannedUntil: null, mutedUntil: null };
  const open = { deletedAt: null, channelArchivedAt: null };
  it("lets a free user react to a visible message in an open channel", () => {
    expect(reactionVerdict({ user: free, message: open, now: NOW })).toBeNull();
  });
  it("refuses a missing or deleted message, an archived channel, a mute and a ban", () => {
    expect(reactionVerdict({ user: free, message: null, now: NOW })).toEqual({
      reason: "message_gone",
    });
    expect(
      reactionVerdict({ user: free, message: { ...open, deletedAt: new Date(NOW) }, now: NOW }),
    ).toEqual({ reason: "message_gone" });
    expect(
      reactionVerdict({
        user: free,
        message: { ...open, channelArchivedAt: new Date(NOW) },
        now: NOW,
      }),
    ).toEqual({ reason: "archived" });
    expect(
      reactionVerdict({ user: { ...free, mutedUntil: later }, message: open, now: NOW }),
    ).toEqual({ reason: "muted", until: later });
    expect(
      reactionVerdict({ user: { ...free, bannedUntil: later }, message: open, now: NOW }),
    ).toEqual({ reason: "banned", until: later });
    // An ended mute no longer counts.
    expect(
      reactionVerdict({
        user: { ...free, mutedUntil: new Date(NOW - 1) },
        message: open,
        now: NOW,
      }),
    ).toBeNull();
  });
});
