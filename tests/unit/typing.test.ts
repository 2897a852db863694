import { describe, expect, it } from "vitest";
import { ChatRoom, type ChatRoomOptions } from "@/party/chat-room";
import { CLOSE } from "@/party/close-codes";
import { readRoomEnv } from "@/party/env";
import { TYPING_EVERY_MS, TYPING_TTL_MS } from "@/party/protocol";
import type { RoomUser } from "@/party/token";
import {
  DEFAULT_TYPING_MAX_SOCKETS,
  TYPING_FLOOD_LIMIT,
  TYPING_RELAY_GAP_MS,
  TypingThrottle,
  typingOpen,
} from "@/party/typing";
import { acceptingStore, FakeHost, type FakeSocket, roomUser, sendFrame } from "./fixtures";

const ada = roomUser({ id: 1, name: "Ada" });
const bob = roomUser({ id: 2, name: "Bob" });
const cyd = roomUser({ id: 3, name: "Cyd <b>" });
const TYPING = JSON.stringify({ type: "typing" });

function setup(options: Partial<ChatRoomOptions> = {}) {
  const host = new FakeHost();
  const accepting = acceptingStore(100);
  let time = 1_000_000;
  const room = new ChatRoom(host, {
    store: accepting.store,
    defer: (fn) => fn(),
    now: () => time,
    ...options,
  });
  const join = (user: RoomUser): FakeSocket => {
    const socket = host.add(user);
    room.connect(socket, user);
    socket.sent.length = 0;
    return socket;
  };
  return {
    host,
    room,
    join,
    calls: accepting.calls,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

const typers = (socket: FakeSocket) => socket.framesOf("typing").map((f) => f.user);
/** What a socket was sent besides presence (which every join and leave broadcasts). */
const notPresence = (socket: FakeSocket) => socket.frames.filter((f) => f.type !== "presence");

describe("TypingThrottle", () => {
  it("relays one frame per user per gap, whichever of their sockets sends it", () => {
    const throttle = new TypingThrottle({ maxSockets: 200 });
    expect(throttle.take(1, "a1", 0)).toBe("relay");
    expect(throttle.take(1, "a2", 10)).toBe("drop");
    expect(throttle.take(1, "a1", TYPING_RELAY_GAP_MS - 1)).toBe("drop");
    expect(throttle.take(2, "b1", 20)).toBe("relay");
    expect(throttle.take(1, "a2", TYPING_RELAY_GAP_MS)).toBe("relay");
  });

  it("lets a page's steady rhythm through even when the network bunches two frames", () => {
    // A page sends every TYPING_EVERY_MS; one arrives a little late, the next on time.
    const throttle = new TypingThrottle({ maxSockets: 200 });
    expect(throttle.take(1, "a", 0)).toBe("relay");
    expect(throttle.take(1, "a", TYPING_EVERY_MS + 300)).toBe("relay");
    expect(throttle.take(1, "a", 2 * TYPING_EVERY_MS)).toBe("relay");
    // The gap keeps every relayed frame well inside the indicator's lifetime on the other pages.
    expect(TYPING_RELAY_GAP_MS).toBeLessThan(TYPING_EVERY_MS);
    expect(TYPING_EVERY_MS * 2).toBeLessThanOrEqual(TYPING_TTL_MS);
  });

  it("calls a socket's frames junk past its flood allowance", () => {
    const throttle = new TypingThrottle({ maxSockets: 200 });
    const verdicts = Array.from({ length: 10 }, () => throttle.take(1, "a", 0));
    expect(verdicts.filter((v) => v !== "junk")).toHaveLength(TYPING_FLOOD_LIMIT.capacity);
    expect(verdicts.slice(TYPING_FLOOD_LIMIT.capacity).every((v) => v === "junk")).toBe(true);
    // Another socket of the same user has its own allowance (a person may type in two tabs).
    expect(throttle.take(1, "a2", 0)).toBe("drop");
    // The allowance refills.
    expect(throttle.take(1, "a", 1_000)).toBe("drop");
  });
});

describe("typingOpen", () => {
  it("is whether a room of this many open sockets is at or under the cap", () => {
    expect(typingOpen(2, 2)).toBe(true);
    expect(typingOpen(3, 2)).toBe(false);
    expect(typingOpen(0, 0)).toBe(true);
  });
});

describe("ChatRoom typing", () => {
  it("relays a typing frame to every other user's sockets, not the typist's own", () => {
    const { room, join } = setup();
    const a1 = join(ada);
    const a2 = join(ada);
    const b = join(bob);
    const c = join(cyd);
    room.message(a1, TYPING);
    expect(typers(b)).toEqual([{ id: ada.id, name: "Ada" }]);
    expect(typers(c)).toEqual([{ id: ada.id, name: "Ada" }]);
    expect(notPresence(a1)).toEqual([]);
    expect(notPresence(a2)).toEqual([]);
  });

  it("carries the name from the token, never from the frame", () => {
    const { room, join } = setup();
    const a = join(ada);
    const b = join(bob);
    room.message(a, JSON.stringify({ type: "typing", user: { id: 2, name: "Bob" } }));
    room.message(b, JSON.stringify({ type: "typing", name: "Mallory" }));
    expect(typers(b)).toEqual([{ id: ada.id, name: "Ada" }]);
    expect(typers(a)).toEqual([{ id: bob.id, name: "Bob" }]);
  });

  it("drops extras within the gap silently and relays again after it", () => {
    const { room, join, advance } = setup();
    const a1 = join(ada);
    const a2 = join(ada);
    const b = join(bob);
    room.message(a1, TYPING);
    advance(1_000);
    room.message(a2, TYPING);
    room.message(a1, TYPING);
    expect(typers(b)).toHaveLength(1);
    expect(notPresence(a1)).toEqual([]);
    advance(TYPING_RELAY_GAP_MS);
    room.message(a2, TYPING);
    expect(typers(b)).toHaveLength(2);
  });

  it("relays nothing in a room above the cap, and relays again once it shrinks", () => {
    const { room, join, host, advance } = setup({ typing: { maxSockets: 3 } });
    const a = join(ada);
    const b = join(bob);
    const c = join(cyd);
    const extra = join(roomUser({ id: 4, name: "Dee" }));
    expect(room.typingOpen()).toBe(false);
    room.message(a, TYPING);
    expect(notPresence(b)).toEqual([]);
    expect(notPresence(c)).toEqual([]);
    host.remove(extra.id);
    room.close(extra);
    b.sent.length = 0;
    c.sent.length = 0;
    expect(room.typingOpen()).toBe(true);
    room.message(a, TYPING);
    // The first frame was dropped above the cap, but it still counted for the throttle.
    expect(typers(b)).toEqual([]);
    advance(TYPING_RELAY_GAP_MS);
    room.message(a, TYPING);
    expect(typers(b)).toEqual([{ id: ada.id, name: "Ada" }]);
    expect(typers(c)).toEqual([{ id: ada.id, name: "Ada" }]);
  });

  it("never stores a typing frame nor answers it", async () => {
    const { room, join, calls } = setup();
    const a = join(ada);
    join(bob);
    room.message(a, TYPING);
    await room.idle();
    expect(room.pending).toBe(0);
    expect(calls).toEqual([]);
    expect(notPresence(a)).toEqual([]);
  });

  it("does not spend the send rate limit: a typist's messages still go through", async () => {
    const { room, join, calls, advance } = setup({
      rateLimit: { capacity: 2, refillPerSecond: 0.001 },
    });
    const a = join(ada);
    join(bob);
    for (let i = 0; i < 4; i++) {
      room.message(a, TYPING);
      advance(TYPING_EVERY_MS);
    }
    room.message(a, sendFrame("one"));
    room.message(a, sendFrame("two"));
    await room.idle();
    expect(calls.flat().map((m) => m.body)).toEqual(["one", "two"]);
    expect(a.framesOf("rejected")).toEqual([]);
  });

  it("closes a socket that floods typing frames, as it does one sending junk", () => {
    const { room, join } = setup({ invalidFrames: { limit: 10, windowMs: 10_000 } });
    const a = join(ada);
    const b = join(bob);
    for (let i = 0; i < TYPING_FLOOD_LIMIT.capacity + 10; i++) room.message(a, TYPING);
    expect(a.closedWith).toBeNull();
    room.message(a, TYPING);
    expect(a.closedWith?.code).toBe(CLOSE.invalidFrames);
    // Only the first one reached the others.
    expect(typers(b)).toHaveLength(1);
  });

  it("refuses typing from a socket whose token expired, like any frame", () => {
    const { room, host, advance } = setup();
    const a = host.add(ada, 1_000_000 + 10);
    room.connect(a, ada);
    const b = host.add(bob);
    room.connect(b, bob);
    b.sent.length = 0;
    advance(20);
    room.message(a, TYPING);
    expect(a.closedWith?.code).toBe(CLOSE.tokenExpired);
    expect(typers(b)).toEqual([]);
  });
});

describe("TYPING_MAX_SOCKETS", () => {
  const base = { PARTY_SECRET: "s".repeat(32), APP_URL: "http://localhost:3000" };
  const cap = (env: Record<string, unknown>) => {
    const read = readRoomEnv(env);
    return read.ok ? read.env.typingMaxSockets : read.error;
  };

  it("defaults to 200, reads a number, and refuses nonsense", () => {
    expect(cap(base)).toBe(DEFAULT_TYPING_MAX_SOCKETS);
    expect(DEFAULT_TYPING_MAX_SOCKETS).toBe(200);
    expect(cap({ ...base, TYPING_MAX_SOCKETS: "50" })).toBe(50);
    expect(cap({ ...base, TYPING_MAX_SOCKETS: "0" })).toBe(0);
    expect(typeof cap({ ...base, TYPING_MAX_SOCKETS: "-1" })).toBe("string");
    expect(typeof cap({ ...base, TYPING_MAX_SOCKETS: "lots" })).toBe("string");
  });
});
