import { describe, expect, it } from "vitest";
import { initialUnread, unreadReducer } from "@/components/chat/unread-counts";
import { userCommandSchema, userFrameSchema } from "@/party/protocol";

describe("the inbox event", () => {
  it("is a user-room event with nothing in it but its type", () => {
    expect(
      userCommandSchema.safeParse({ type: "events", events: [{ type: "inbox" }] }).success,
    ).toBe(true);
    const frame = userFrameSchema.parse({ type: "event", event: { type: "inbox", extra: "x" } });
    expect(frame.event).toEqual({ type: "inbox" });
  });

  it("leaves the sidebar's counts alone", () => {
    const state = initialUnread([
      { channel: "general", lastReadId: 5, unread: 2, mentions: 0, muted: false, newestId: 7 },
    ]);
    expect(unreadReducer(state, { type: "event", event: { type: "inbox" }, viewing: null })).toBe(
      state,
    );
  });
});
