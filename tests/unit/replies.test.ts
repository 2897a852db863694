import { describe, expect, it } from "vitest";
import { replyQuote, type Timeline, timelineReducer } from "@/components/chat/timeline";
import { ChatRoom } from "@/party/chat-room";
import { REPLY_EXCERPT_CHARS, type ReplyParent } from "@/party/protocol";
import { SendQueue } from "@/party/send-queue";
import { acceptingStore, chatMessage, FakeHost, roomUser, uuid } from "./fixtures";

const AT = "2025-01-01T12:00:00.000Z";
const quote = (id: number, overrides: Partial<ReplyParent> = {}): ReplyParent => ({
  id,
  authorName: "Ada",
  excerpt: `message ${id}`,
  deleted: false,
  ...overrides,
});

function withReplies(): Timeline {
  const parent = chatMessage({ id: 10, body: "the question" });
  const reply = chatMessage({ id: 11, replyTo: quote(10, { excerpt: "the question" }) });
  const other = chatMessage({ id: 12, replyTo: quote(9) });
  const plain = chatMessage({ id: 13 });
  const state: Timeline = { me: 1, messages: [parent, reply, other, plain], pending: [] };
  return timelineReducer(state, {
    type: "queued",
    clientId: uuid(),
    body: "pending answer",
    at: AT,
    replyTo: quote(10, { excerpt: "the question" }),
  });
}

describe("replies in the timeline", () => {
  it("keeps a pending reply's quote, and none on a plain pending message", () => {
    const state = withReplies();
    expect(state.pending[0]?.replyTo).toEqual(quote(10, { excerpt: "the question" }));
    const plain = timelineReducer(state, { type: "queued", clientId: uuid(), body: "x", at: AT });
    expect(plain.pending[1]?.replyTo).toBeUndefined();
  });

  it("a live deletion marks the quotes of its replies deleted and empties their excerpt", () => {
    const state = timelineReducer(withReplies(), { type: "deleted", id: 10 });
    expect(state.messages.map((m) => m.id)).toEqual([11, 12, 13]);
    expect(state.messages[0]?.replyTo).toEqual(quote(10, { excerpt: "", deleted: true }));
    expect(state.pending[0]?.replyTo).toEqual(quote(10, { excerpt: "", deleted: true }));
    // Replies to other messages are the same objects as before.
    const before = withReplies();
    expect(state.messages[1]?.replyTo).toEqual(before.messages[2]?.replyTo);
  });

  it("a deletion of a parent the page never loaded still marks its replies", () => {
    const state = timelineReducer(withReplies(), { type: "deleted", id: 9 });
    expect(state.messages.map((m) => m.id)).toEqual([10, 11, 12, 13]);
    expect(state.messages[2]?.replyTo?.deleted).toBe(true);
    expect(state.messages[1]?.replyTo?.deleted).toBe(false);
  });

  it("a deletion seen in the changes feed after a reconnect marks replies too", () => {
    const state = timelineReducer(withReplies(), {
      type: "changed",
      edited: [],
      deletedIds: [10, 9],
    });
    expect(state.messages.map((m) => [m.id, m.replyTo?.deleted])).toEqual([
      [11, true],
      [12, true],
      [13, undefined],
    ]);
    expect(state.pending[0]?.replyTo?.deleted).toBe(true);
  });

  it("a deletion that touches no reply keeps the other arrays as they were", () => {
    const before = withReplies();
    const after = timelineReducer(before, { type: "deleted", id: 13 });
    expect(after.pending).toBe(before.pending);
    const unchanged = timelineReducer(before, { type: "changed", edited: [], deletedIds: [99] });
    expect(unchanged.pending).toBe(before.pending);
  });

  it("replyQuote cuts the parent's body to its first characters, counted as code points", () => {
    const body = "😀".repeat(REPLY_EXCERPT_CHARS + 5);
    const q = replyQuote(chatMessage({ id: 3, body }));
    expect([...q.excerpt]).toHaveLength(REPLY_EXCERPT_CHARS);
    expect(q).toMatchObject({ id: 3, authorName: "Ada", deleted: false });
  });
});

describe("replies through the room", () => {
  it("the send queue keeps replyTo, and a re-send joining the first keeps the first's", async () => {
    const accepting = acceptingStore(1);
    const queue = new SendQueue({
      store: accepting.store,
      onStored: () => {},
      onRejected: () => {},
    });
    const clientId = uuid();
    queue.push({ authorId: 1, clientId, body: "answer", replyTo: 7, connectionId: "a" });
    queue.push({ authorId: 1, clientId: uuid(), body: "plain", connectionId: "a" });
    await queue.idle();
    const sent = accepting.calls.flat();
    expect(sent.map((m) => [m.body, m.replyTo])).toEqual([
      ["answer", 7],
      ["plain", undefined],
    ]);
    expect("replyTo" in (sent[1] ?? {})).toBe(false);
  });

  it("a send frame's replyTo reaches the store call", async () => {
    const host = new FakeHost();
    const accepting = acceptingStore(100);
    const room = new ChatRoom(host, { store: accepting.store, defer: (fn) => fn(), now: () => 0 });
    const user = roomUser();
    const socket = host.add(user);
    room.connect(socket, user);
    room.message(
      socket,
      JSON.stringify({ type: "send", clientId: uuid(), body: "re", replyTo: 42 }),
    );
    await room.idle();
    expect(accepting.calls.flat().map((m) => m.replyTo)).toEqual([42]);
  });

  it("a send frame with a replyTo that is not a positive integer is refused unread", async () => {
    const host = new FakeHost();
    const accepting = acceptingStore(100);
    const room = new ChatRoom(host, { store: accepting.store, defer: (fn) => fn(), now: () => 0 });
    const user = roomUser();
    const socket = host.add(user);
    room.connect(socket, user);
    for (const replyTo of [-1, 0, 1.5, "7", null]) {
      room.message(socket, JSON.stringify({ type: "send", clientId: uuid(), body: "x", replyTo }));
    }
    await room.idle();
    expect(accepting.calls).toEqual([]);
  });
});

describe("a parent's edit re-quotes its replies", () => {
  it("live and from the changes feed; a deleted parent stays deleted", () => {
    const parent = chatMessage({ id: 10, body: "call me at 555-0100" });
    const reply = chatMessage({ id: 11, body: "ok", replyTo: replyQuote(parent) });
    const start: Timeline = { me: 99, messages: [parent, reply], pending: [] };
    const fixed = { ...parent, body: "call me", editedAt: "2026-11-29T12:00:00.000Z" };
    const live = timelineReducer(start, { type: "merge", messages: [fixed] });
    expect(live.messages[1]?.replyTo?.excerpt).toBe("call me");
    const fed = timelineReducer(start, { type: "changed", edited: [fixed], deletedIds: [] });
    expect(fed.messages[1]?.replyTo?.excerpt).toBe("call me");
    const gone = timelineReducer(start, { type: "changed", edited: [], deletedIds: [10] });
    expect(gone.messages[0]?.replyTo).toMatchObject({ id: 10, excerpt: "", deleted: true });
    // A late copy of the edit (a frame that crossed the deletion) does not bring the words back.
    const after = timelineReducer(gone, { type: "changed", edited: [fixed], deletedIds: [] });
    expect(after.messages.find((m) => m.id === 11)?.replyTo).toMatchObject({ deleted: true });
  });
});
