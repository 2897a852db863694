import { describe, expect, it } from "vitest";
import {
  holdReadUntilLeave,
  isReadHeld,
  onReadHoldChange,
  releaseReadHold,
} from "@/components/chat/read-hold";
import {
  firstUnread,
  jumpBarShown,
  markedBoundary,
  type UnreadBoundary,
} from "@/components/chat/unread-boundary";

const ME = 1;
const OTHER = 2;
const m = (id: number, author = OTHER) => ({ id, author: { id: author } });
const boundary = (lastReadId: number, upTo: number, count = 1): UnreadBoundary => ({
  lastReadId,
  upTo,
  marked: null,
  count,
  capped: false,
});

describe("firstUnread: where the New messages divider goes", () => {
  it("goes above the first message after the read position", () => {
    const messages = [m(10), m(11), m(12), m(13)];
    expect(firstUnread({ boundary: boundary(11, 13), messages, me: ME, hasOlder: false })).toEqual({
      kind: "held",
      id: 12,
    });
  });

  it("skips the reader's own messages: what they wrote is not news to them", () => {
    const messages = [m(10), m(11, ME), m(12, ME), m(13)];
    expect(firstUnread({ boundary: boundary(10, 13), messages, me: ME, hasOlder: false })).toEqual({
      kind: "held",
      id: 13,
    });
    expect(firstUnread({ boundary: boundary(10, 12), messages, me: ME, hasOlder: false })).toEqual({
      kind: "none",
    });
  });

  it("has no divider when nothing is unread or there is no boundary", () => {
    const messages = [m(10), m(11)];
    expect(firstUnread({ boundary: boundary(11, 11), messages, me: ME, hasOlder: true })).toEqual({
      kind: "none",
    });
    expect(firstUnread({ boundary: null, messages, me: ME, hasOlder: false })).toEqual({
      kind: "none",
    });
  });

  it("does not move for messages that arrive after the page opened", () => {
    // Read up to 11 at render, newest then 12; 13 and 14 came live while the page was open.
    const messages = [m(10), m(11), m(12), m(13), m(14)];
    const b = boundary(11, 12);
    expect(firstUnread({ boundary: b, messages, me: ME, hasOlder: false })).toEqual({
      kind: "held",
      id: 12,
    });
    // Nothing unread at render: a live message makes no divider.
    expect(
      firstUnread({ boundary: boundary(12, 12, 0), messages, me: ME, hasOlder: false }),
    ).toEqual({ kind: "none" });
  });

  it("moves to the next unread message when the first one is deleted (no longer held)", () => {
    // 12 was the first unread; it was deleted, so the page no longer holds it.
    const messages = [m(10), m(11), m(13)];
    expect(firstUnread({ boundary: boundary(11, 13), messages, me: ME, hasOlder: false })).toEqual({
      kind: "held",
      id: 13,
    });
    expect(
      firstUnread({ boundary: boundary(10, 11), messages: [m(10)], me: ME, hasOlder: false }),
    ).toEqual({ kind: "none" });
  });

  it("says 'older' while the read position is before everything held", () => {
    const messages = [m(60), m(61), m(62)];
    expect(
      firstUnread({ boundary: boundary(20, 62, 42), messages, me: ME, hasOlder: true }),
    ).toEqual({ kind: "older" });
    // Once a message at or right after the position is held, the divider has its place.
    expect(firstUnread({ boundary: boundary(59, 62), messages, me: ME, hasOlder: true })).toEqual({
      kind: "held",
      id: 60,
    });
    // The start of the channel is held: the first held message is the first unread.
    expect(firstUnread({ boundary: boundary(20, 62), messages, me: ME, hasOlder: false })).toEqual({
      kind: "held",
      id: 60,
    });
  });

  it("puts the divider right above a message marked unread, even one's own", () => {
    const messages = [m(10), m(11, ME), m(12)];
    const b = markedBoundary({ messageId: 11, messages, me: ME });
    expect(b).toEqual({ lastReadId: 10, upTo: 12, marked: 11, count: 1, capped: false });
    expect(firstUnread({ boundary: b, messages, me: ME, hasOlder: true })).toEqual({
      kind: "held",
      id: 11,
    });
  });
});

describe("jumpBarShown", () => {
  const held = { kind: "held", id: 5 } as const;
  it("shows while the first unread message has not been in view", () => {
    expect(jumpBarShown({ first: held, seen: false, dismissed: false })).toBe(true);
    expect(jumpBarShown({ first: { kind: "older" }, seen: false, dismissed: false })).toBe(true);
  });
  it("goes once the divider was seen, or when dismissed, or with nothing unread", () => {
    expect(jumpBarShown({ first: held, seen: true, dismissed: false })).toBe(false);
    expect(jumpBarShown({ first: held, seen: false, dismissed: true })).toBe(false);
    expect(jumpBarShown({ first: { kind: "none" }, seen: false, dismissed: false })).toBe(false);
  });
});

describe("read hold", () => {
  it("holds one channel until released, and tells listeners", () => {
    const heard: boolean[] = [];
    const stop = onReadHoldChange(() => heard.push(isReadHeld("general")));
    holdReadUntilLeave("general");
    holdReadUntilLeave("general");
    expect(isReadHeld("general")).toBe(true);
    expect(isReadHeld("random")).toBe(false);
    releaseReadHold("general");
    releaseReadHold("general");
    expect(isReadHeld("general")).toBe(false);
    expect(heard).toEqual([true, false]);
    stop();
  });
});
