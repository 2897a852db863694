import { describe, expect, it } from "vitest";
import { ChatRoom, type ChatRoomOptions } from "@/party/chat-room";
import { afterClose, CLOSE } from "@/party/close-codes";
import type { StoreResult } from "@/party/protocol";
import { DEFAULT_RATE_LIMIT } from "@/party/rate-limit";
import type { QueuedMessage } from "@/party/send-queue";
import type { RoomUser } from "@/party/token";
import {
  comingSlots,
  EXPIRY_SLOT_MS,
  endedSlotTags,
  expiryTag,
  issuedBeforeKick,
  kickForgettable,
  MAX_TOKEN_LIFETIME_MS,
  sweepTimeFor,
} from "@/party/token-expiry";
import {
  acceptingStore,
  type Deferred,
  deferred,
  FakeHost,
  type FakeSocket,
  flush,
  roomUser,
  sendFrame,
  storedResult,
  uuid,
} from "./fixtures";

const ada = roomUser({ id: 1, name: "Ada" });
const bob = roomUser({ id: 2, name: "Bob", image: "bob.png" });
const cyd = roomUser({ id: 3, name: "Cyd", role: "moderator" });

/** A room on a fake host, with immediate presence updates and a clock the test moves. */
function setup(options: Partial<ChatRoomOptions> = {}) {
  const host = new FakeHost();
  const accepting = acceptingStore(100);
  let time = 0;
  const room = new ChatRoom(host, {
    store: accepting.store,
    defer: (fn) => fn(),
    now: () => time,
    ...options,
  });
  /** Opens a socket for `user` and lets the room accept it, as the server's onConnect does. */
  const join = (user: RoomUser): FakeSocket => {
    const socket = host.add(user);
    room.connect(socket, user);
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

/** Forgets what the sockets received so far (presence on join, etc.). */
const clear = (...sockets: FakeSocket[]) => {
  for (const s of sockets) s.sent.length = 0;
};

const presenceNames = (socket: FakeSocket): string[][] =>
  socket.framesOf("presence").map((f) => f.users.map((u) => u.name));

describe("ChatRoom", () => {
  describe("send", () => {
    it("stores a valid message and broadcasts it to every socket", async () => {
      const { room, join, calls } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      const clientId = uuid();
      room.message(a, sendFrame("hello", clientId));
      expect(room.pending).toBe(1);
      await room.idle();

      expect(calls).toHaveLength(1);
      expect(calls[0]?.map((m) => [m.authorId, m.clientId, m.body, [...m.notify]])).toEqual([
        [ada.id, clientId, "hello", [a.id]],
      ]);
      for (const socket of [a, b]) {
        expect(socket.frames).toEqual([
          {
            type: "message",
            message: expect.objectContaining({ id: 100, clientId, body: "hello" }),
          },
        ]);
      }
      expect(room.pending).toBe(0);
    });

    it("reads binary frames too", async () => {
      const { room, join, calls } = setup();
      const a = join(ada);
      room.message(a, new TextEncoder().encode(sendFrame("bytes")));
      await room.idle();
      expect(calls.flat().map((m) => m.body)).toEqual(["bytes"]);
    });

    it("broadcasts a batch in stored (id) order", async () => {
      const answer: Deferred<StoreResult[]>[] = [];
      const calls: QueuedMessage[][] = [];
      const { room, join } = setup({
        store: (batch) => {
          calls.push(batch);
          const d = deferred<StoreResult[]>();
          answer.push(d);
          return d.promise;
        },
      });
      const a = join(ada);
      const b = join(bob);
      room.message(a, sendFrame("first"));
      room.message(a, sendFrame("second"));
      room.message(b, sendFrame("third"));
      expect(calls.map((c) => c.length)).toEqual([1]);
      answer[0]?.resolve(calls[0]?.map((m) => storedResult(m, 1)) ?? []);
      await flush();
      expect(calls.map((c) => c.length)).toEqual([1, 2]);
      answer[1]?.resolve(calls[1]?.map((m, i) => storedResult(m, [3, 2][i] ?? 0)) ?? []);
      await flush();
      expect(b.storedMessages.map((m) => [m.id, m.body])).toEqual([
        [1, "first"],
        [2, "third"],
        [3, "second"],
      ]);
      // The batch of two went out as one frame.
      expect(b.framesOf("messages")).toHaveLength(1);
    });

    it("answers a malformed frame with invalid to that socket only", async () => {
      const { room, join, calls } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      room.message(a, "{not json");
      await room.idle();
      expect(a.frames).toEqual([{ type: "rejected", clientId: null, reason: "invalid" }]);
      expect(b.sent).toEqual([]);
      expect(calls).toEqual([]);

      // The other socket can still send.
      room.message(b, sendFrame("fine"));
      await room.idle();
      expect(b.storedMessages.map((m) => m.body)).toEqual(["fine"]);
      expect(a.storedMessages.map((m) => m.body)).toEqual(["fine"]);
    });

    it("answers empty and too-long bodies with their reason and clientId", async () => {
      const { room, join, calls } = setup();
      const a = join(ada);
      clear(a);
      const [e, t] = [uuid(), uuid()];
      room.message(a, sendFrame("   ", e));
      room.message(a, sendFrame("x".repeat(4_001), t));
      await room.idle();
      expect(a.frames).toEqual([
        { type: "rejected", clientId: e, reason: "empty" },
        { type: "rejected", clientId: t, reason: "too_long" },
      ]);
      expect(calls).toEqual([]);
    });

    it("answers a frame from a socket without state with invalid", async () => {
      const { room, host, calls } = setup();
      const ghost = host.add(null);
      room.message(ghost, sendFrame("hi"));
      await room.idle();
      expect(ghost.frames).toEqual([{ type: "rejected", clientId: null, reason: "invalid" }]);
      expect(calls).toEqual([]);
    });

    it("rate-limits a user after the burst of 5, and lets them send again later", async () => {
      const { room, join, calls, advance } = setup();
      const a = join(ada);
      clear(a);
      const clientIds = Array.from({ length: 7 }, () => uuid());
      for (const id of clientIds) room.message(a, sendFrame("spam", id));
      await room.idle();
      expect(calls.flat()).toHaveLength(5);
      expect(a.framesOf("rejected")).toEqual([
        { type: "rejected", clientId: clientIds[5], reason: "rate_limited" },
        { type: "rejected", clientId: clientIds[6], reason: "rate_limited" },
      ]);

      advance(1_000);
      room.message(a, sendFrame("later"));
      room.message(a, sendFrame("too soon"));
      await room.idle();
      expect(calls.flat().map((m) => m.body)).toContain("later");
      expect(calls.flat().map((m) => m.body)).not.toContain("too soon");
    });

    it("rate-limits per user across their sockets, not across users", async () => {
      const { room, join, calls } = setup({ rateLimit: { capacity: 2, refillPerSecond: 1 } });
      const tab1 = join(ada);
      const tab2 = join(ada);
      const other = join(bob);
      clear(tab1, tab2, other);
      room.message(tab1, sendFrame("1"));
      room.message(tab2, sendFrame("2"));
      room.message(tab2, sendFrame("3"));
      room.message(other, sendFrame("b1"));
      room.message(other, sendFrame("b2"));
      await room.idle();
      expect(calls.flat().map((m) => m.body)).toEqual(["1", "2", "b1", "b2"]);
      expect(tab2.framesOf("rejected").map((f) => f.reason)).toEqual(["rate_limited"]);
      expect(tab1.framesOf("rejected")).toEqual([]);
      expect(other.framesOf("rejected")).toEqual([]);
    });

    it("charges every frame to the sender's bucket, unreadable ones too", async () => {
      const { room, join, calls, advance } = setup({
        rateLimit: { capacity: 2, refillPerSecond: 1 },
      });
      const a = join(ada);
      clear(a);
      room.message(a, "garbage");
      room.message(a, sendFrame(""));
      const late = uuid();
      room.message(a, sendFrame("real", late));
      await room.idle();
      // Junk spent the allowance: the good frame after it waits like any other.
      expect(calls).toEqual([]);
      expect(a.framesOf("rejected").map((f) => [f.clientId, f.reason])).toEqual([
        [null, "invalid"],
        [expect.any(String), "empty"],
        [late, "rate_limited"],
      ]);
      advance(1_000);
      room.message(a, sendFrame("real"));
      await room.idle();
      expect(calls.flat().map((m) => m.body)).toEqual(["real"]);
    });

    it("answers rate-limited junk as junk (invalid), not as rate_limited", async () => {
      const { room, join } = setup({ rateLimit: { capacity: 1, refillPerSecond: 1 } });
      const a = join(ada);
      clear(a);
      room.message(a, sendFrame("spends the token"));
      room.message(a, "garbage");
      await room.idle();
      expect(a.framesOf("rejected").map((f) => f.reason)).toEqual(["invalid"]);
    });

    it("closes a socket that keeps sending unreadable frames with 1008, and only that one", async () => {
      const { room, join, advance } = setup({ invalidFrames: { limit: 3, windowMs: 10_000 } });
      const a = join(ada);
      const b = join(bob);
      for (let i = 0; i < 3; i++) room.message(a, "{junk");
      expect(a.closedWith).toBeNull();
      room.message(a, "{junk");
      expect(a.closedWith).toEqual({ code: CLOSE.invalidFrames, reason: expect.any(String) });
      expect(CLOSE.invalidFrames).toBe(1008);
      expect(b.closedWith).toBeNull();
      expect(presenceNames(b).at(-1)).toEqual(["Bob"]);

      // Spread over time, the same number of mistakes is forgiven.
      const c = join(cyd);
      for (let i = 0; i < 3; i++) room.message(c, "{junk");
      advance(10_000);
      for (let i = 0; i < 3; i++) room.message(c, "{junk");
      expect(c.closedWith).toBeNull();
    });

    it("counts oversize and wrong-shape frames as unreadable, not well-formed refusals", async () => {
      const { room, join } = setup({ invalidFrames: { limit: 2, windowMs: 10_000 } });
      const a = join(ada);
      room.message(a, "x".repeat(100_000));
      room.message(a, JSON.stringify({ type: "send", clientId: "nope", body: "x" }));
      room.message(a, new Uint8Array([0xff, 0xfe]));
      expect(a.closedWith?.code).toBe(1008);
      await room.idle();
    });

    it("sends a store rejection only to the sockets waiting for that message", async () => {
      const { room, join } = setup({
        store: async (batch) =>
          batch.map((m) => ({
            clientId: m.clientId,
            ok: false as const,
            reason: "muted" as const,
          })),
      });
      const sender = join(ada);
      const sameUserOtherTab = join(ada);
      const bystander = join(bob);
      clear(sender, sameUserOtherTab, bystander);
      const clientId = uuid();
      room.message(sender, sendFrame("hi", clientId));
      await room.idle();
      expect(sender.frames).toEqual([{ type: "rejected", clientId, reason: "muted" }]);
      expect(sameUserOtherTab.sent).toEqual([]);
      expect(bystander.sent).toEqual([]);
    });

    it("tells both sockets when a re-sent message (same clientId) is rejected", async () => {
      const answer = deferred<StoreResult[]>();
      const { room, join } = setup({ store: () => answer.promise });
      const tab1 = join(ada);
      const tab2 = join(ada);
      const tab3 = join(ada);
      clear(tab1, tab2, tab3);
      const clientId = uuid();
      room.message(tab1, sendFrame("hi", clientId));
      room.message(tab2, sendFrame("hi", clientId));
      expect(room.pending).toBe(1);
      answer.resolve([{ clientId, ok: false, reason: "banned" }]);
      await flush();
      expect(tab1.frames).toEqual([{ type: "rejected", clientId, reason: "banned" }]);
      expect(tab2.frames).toEqual([{ type: "rejected", clientId, reason: "banned" }]);
      expect(tab3.sent).toEqual([]);
    });

    it("skips a waiting socket that has gone away", async () => {
      const answer = deferred<StoreResult[]>();
      const { room, join } = setup({ store: () => answer.promise });
      const tab1 = join(ada);
      const tab2 = join(ada);
      const clientId = uuid();
      room.message(tab1, sendFrame("hi", clientId));
      room.message(tab2, sendFrame("hi", clientId));
      tab1.close(1001);
      room.close(tab1);
      clear(tab2);
      answer.resolve([{ clientId, ok: false, reason: "read_only" }]);
      await flush();
      expect(tab1.framesOf("rejected")).toEqual([]);
      expect(tab2.frames).toEqual([{ type: "rejected", clientId, reason: "read_only" }]);
    });

    it("tells the sender invalid when the store refuses the batch outright", async () => {
      const { room, join } = setup({
        store: async () => {
          throw new Error("400");
        },
      });
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      const clientId = uuid();
      room.message(a, sendFrame("hi", clientId));
      await room.idle();
      expect(a.frames).toEqual([{ type: "rejected", clientId, reason: "invalid" }]);
      expect(b.sent).toEqual([]);
    });

    it("does not fail when the sender's socket throws on send", async () => {
      const { room, join } = setup();
      const a = join(ada);
      a.send = () => {
        throw new Error("gone");
      };
      expect(() => room.message(a, "garbage")).not.toThrow();
    });
  });

  describe("connections and presence", () => {
    it("broadcasts presence on connect, each user once, sorted by name", () => {
      const { join } = setup();
      const b = join(bob);
      join(bob);
      const a = join(ada);
      expect(presenceNames(a)).toEqual([["Ada", "Bob"]]);
      expect(presenceNames(b).at(-1)).toEqual(["Ada", "Bob"]);
      expect(b.framesOf("presence").at(-1)?.users).toEqual([
        { id: 1, name: "Ada", image: null },
        { id: 2, name: "Bob", image: "bob.png" },
      ]);
    });

    it("presenceTo sends the list to one socket only", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      room.presenceTo(b);
      expect(presenceNames(b)).toEqual([["Ada", "Bob"]]);
      expect(a.sent).toEqual([]);
    });

    it("limitsTo tells one socket the configured rate limit, which its page paces by", () => {
      const { room, join } = setup({ rateLimit: { capacity: 7, refillPerSecond: 0.5 } });
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      room.limitsTo(b);
      expect(b.frames).toEqual([
        {
          type: "limits",
          limits: { rate: { capacity: 7, refillPerSecond: 0.5 }, typing: true },
        },
      ]);
      expect(a.sent).toEqual([]);
    });

    it("limitsTo tells the default rate limit when none is configured", () => {
      const { room, join } = setup();
      const a = join(ada);
      clear(a);
      room.limitsTo(a);
      expect(a.framesOf("limits")[0]?.limits.rate).toEqual(DEFAULT_RATE_LIMIT);
    });

    it("refuses a connection beyond maxSocketsPerUser with 4008", () => {
      const { room, host } = setup({ maxSocketsPerUser: 2 });
      const open = [host.add(ada), host.add(ada)];
      for (const s of open) expect(room.connect(s, ada)).toBe(true);
      const third = host.add(ada);
      expect(room.connect(third, ada)).toBe(false);
      expect(third.closedWith?.code).toBe(CLOSE.tooManySockets);
      expect(CLOSE.tooManySockets).toBe(4008);
      for (const s of open) expect(s.closedWith).toBeNull();

      // Other users are not counted against Ada.
      const other = host.add(bob);
      expect(room.connect(other, bob)).toBe(true);
    });

    it("allows 20 sockets per user by default", () => {
      const { room, host } = setup();
      for (let i = 0; i < 20; i++) expect(room.connect(host.add(ada), ada)).toBe(true);
      expect(room.connect(host.add(ada), ada)).toBe(false);
    });

    it("does not broadcast presence for a refused connection", () => {
      const { room, host, join } = setup({ maxSocketsPerUser: 1 });
      const a = join(ada);
      clear(a);
      const extra = host.add(ada);
      room.connect(extra, ada);
      expect(a.sent).toEqual([]);
    });

    it("drops a closed socket's user from the next presence", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      // PartyKit may still list the socket while onClose runs: the room must not count it.
      room.close(b);
      expect(presenceNames(a)).toEqual([["Ada"]]);
    });

    it("keeps a user present while another of their sockets is open", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b1 = join(bob);
      join(bob);
      clear(a);
      b1.close(1000);
      room.close(b1);
      expect(presenceNames(a)).toEqual([["Ada", "Bob"]]);
    });

    it("coalesces presence updates when deferred", () => {
      const deferredFns: (() => void)[] = [];
      const { room, host } = setup({ defer: (fn) => deferredFns.push(fn) });
      const sockets = [ada, bob, cyd].map((u) => {
        const s = host.add(u);
        room.connect(s, u);
        return s;
      });
      expect(deferredFns).toHaveLength(1);
      for (const fn of deferredFns.splice(0)) fn();
      for (const s of sockets) expect(presenceNames(s)).toEqual([["Ada", "Bob", "Cyd"]]);

      // After one update ran, the next change schedules another.
      room.close(sockets[2] as FakeSocket);
      expect(deferredFns).toHaveLength(1);
      for (const fn of deferredFns.splice(0)) fn();
      expect(presenceNames(sockets[0] as FakeSocket).at(-1)).toEqual(["Ada", "Bob"]);
    });
  });

  describe("presence in a big room", () => {
    /** A room of `n` sockets, each a different user, with presence updates run by hand. */
    function crowd(n: number) {
      const scheduled: { fn: () => void; ms: number }[] = [];
      const { room, host } = setup({ defer: (fn, ms) => scheduled.push({ fn, ms }) });
      const sockets = Array.from({ length: n }, (_, i) => {
        const user = roomUser({ id: i + 1, name: `user ${String(i + 1).padStart(5, "0")}` });
        const socket = host.add(user);
        room.connect(socket, user);
        return socket;
      });
      const runScheduled = () => {
        for (const { fn } of scheduled.splice(0)) fn();
      };
      return { room, host, sockets, scheduled, runScheduled };
    }

    it("sends a count and the first names, not everyone", () => {
      const { sockets, runScheduled } = crowd(300);
      runScheduled();
      const frame = (sockets[0] as FakeSocket).framesOf("presence").at(-1);
      expect(frame?.count).toBe(300);
      expect(frame?.users).toHaveLength(50);
      expect(frame?.users[0]?.name).toBe("user 00001");
    });

    it("waits longer between updates once the room is big", () => {
      const { room, host, scheduled, runScheduled } = crowd(2_000);
      expect(scheduled.map((s) => s.ms)).toEqual([50]);
      runScheduled();
      room.connect(host.add(roomUser({ id: 9_999, name: "Late" })), roomUser({ id: 9_999 }));
      expect(scheduled.map((s) => s.ms)).toEqual([400]);
    });

    it("gives a joiner the last frame sent instead of reading every socket", () => {
      const { room, host, sockets, runScheduled } = crowd(300);
      runScheduled();
      const late = roomUser({ id: 5_000, name: "Late" });
      const joiner = host.add(late);
      room.connect(joiner, late);
      room.presenceTo(joiner);
      // 300, not 301: the frame broadcast before the join, reused as it was.
      const last = (sockets[0] as FakeSocket).framesOf("presence").at(-1);
      expect(last?.count).toBe(300);
      expect(joiner.framesOf("presence")).toEqual([last]);
      // The join's own update follows and counts the joiner.
      runScheduled();
      expect(joiner.framesOf("presence").at(-1)?.count).toBe(301);
    });

    it("computes a fresh list for a joiner in a small room", () => {
      const { room, host, runScheduled } = crowd(3);
      runScheduled();
      const late = roomUser({ id: 5_000, name: "Late" });
      const joiner = host.add(late);
      room.connect(joiner, late);
      room.presenceTo(joiner);
      expect(joiner.framesOf("presence").at(-1)?.count).toBe(4);
    });
  });

  describe("token expiry", () => {
    it("closes a socket with 4001 on its first frame after the token expired, storing nothing", async () => {
      const { room, host, calls, advance } = setup();
      const a = host.add(ada, 5_000);
      room.connect(a, ada);
      room.message(a, sendFrame("in time"));
      await room.idle();
      advance(5_000);
      room.message(a, sendFrame("too late"));
      await room.idle();
      expect(calls.flat().map((m) => m.body)).toEqual(["in time"]);
      expect(a.closedWith).toEqual({ code: CLOSE.tokenExpired, reason: expect.any(String) });
      // Not rejected: the page keeps it pending and sends it again once reconnected.
      expect(a.framesOf("rejected")).toEqual([]);
    });

    it("the sweep closes only the sockets whose token has expired, and updates presence", () => {
      const { room, host, join, advance } = setup();
      const early = host.add(ada, 1_000);
      room.connect(early, ada);
      const later = host.add(bob, 9_000);
      room.connect(later, bob);
      const watcher = join(cyd);
      advance(1_000);
      expect(room.expire([early, later])).toBe(1);
      expect(early.closedWith?.code).toBe(4001);
      expect(later.closedWith).toBeNull();
      expect(presenceNames(watcher).at(-1)).toEqual(["Bob", "Cyd"]);
    });

    it("a client treats 4001 as reconnect (it fetches a fresh token), never as stop", () => {
      expect(afterClose(CLOSE.tokenExpired)).toBe("reconnect");
      expect(afterClose(CLOSE.kicked)).toBe("stop-and-ask-why");
    });

    it("groups sockets into expiry slots the sweep can find without reading every socket", () => {
      const exp = 1_700_000_002_345;
      const sweepAt = sweepTimeFor(exp);
      expect(sweepAt).toBeGreaterThanOrEqual(exp);
      expect(sweepAt - exp).toBeLessThan(EXPIRY_SLOT_MS);
      // Not ended a moment before the sweep; ended from then on, and until tokens can no longer reach.
      expect(endedSlotTags(sweepAt - 1)).not.toContain(expiryTag(exp));
      expect(endedSlotTags(sweepAt)).toContain(expiryTag(exp));
      expect(endedSlotTags(sweepAt + MAX_TOKEN_LIFETIME_MS)).toContain(expiryTag(exp));
      // Ahead of time it is a coming slot ending at the sweep time.
      expect(comingSlots(exp - MAX_TOKEN_LIFETIME_MS)).toContainEqual({
        tag: expiryTag(exp),
        endsAt: sweepAt,
      });
    });
  });

  describe("kicks", () => {
    it("refuses with 4003 a token issued at or before the user's last kick", () => {
      const { room, host, join } = setup();
      const watcher = join(cyd);
      const old = host.add(bob);
      expect(room.connect(old, bob, { issuedAt: 10_000, kickedAt: 10_000 })).toBe(false);
      expect(old.closedWith?.code).toBe(CLOSE.kicked);
      expect(presenceNames(watcher).flat()).not.toContain("Bob");
      const fresh = host.add(bob);
      expect(room.connect(fresh, bob, { issuedAt: 11_000, kickedAt: 10_000 })).toBe(true);
      expect(fresh.closedWith).toBeNull();
    });

    it("forgets a kick once no token from before it can still be alive", () => {
      expect(issuedBeforeKick(5, undefined)).toBe(false);
      expect(kickForgettable(0, MAX_TOKEN_LIFETIME_MS)).toBe(false);
      expect(kickForgettable(0, MAX_TOKEN_LIFETIME_MS + EXPIRY_SLOT_MS + 1)).toBe(true);
    });
  });

  describe("commands", () => {
    it("broadcasts a deletion to every socket", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      room.command({ type: "deleted", id: 42 });
      expect(a.frames).toEqual([{ type: "deleted", id: 42 }]);
      expect(b.frames).toEqual([{ type: "deleted", id: 42 }]);
    });

    it("broadcasts a reaction to every socket as a reaction frame", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      const event = {
        messageId: 42,
        emoji: "👍",
        user: { id: ada.id, name: ada.name },
        added: true,
        count: 1,
      };
      room.command({ type: "reaction", event });
      expect(a.frames).toEqual([{ type: "reaction", event }]);
      expect(b.frames).toEqual([{ type: "reaction", event }]);
    });

    it("gathers reactions that follow within the window into one reactions frame", () => {
      const timers: (() => void)[] = [];
      const { room, join, advance } = setup({ defer: (fn) => timers.push(fn) });
      const a = join(ada);
      clear(a);
      const event = (messageId: number) => ({
        messageId,
        emoji: "👍",
        user: { id: ada.id, name: ada.name },
        added: true,
        count: 1,
      });
      room.command({ type: "reaction", event: event(1) });
      advance(10);
      room.command({ type: "reaction", event: event(2) });
      room.command({ type: "reaction", event: event(3) });
      expect(a.frames).toEqual([{ type: "reaction", event: event(1) }]);
      advance(190);
      for (const fn of timers.splice(0)) fn();
      // (The same timers also carry the joins' presence broadcast.)
      expect(a.frames.filter((f) => f.type !== "presence")).toEqual([
        { type: "reaction", event: event(1) },
        { type: "reactions", events: [event(2), event(3)] },
      ]);
    });

    it("kicks every socket of a user with 4003 and updates presence", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b1 = join(bob);
      const b2 = join(bob);
      clear(a, b1, b2);
      room.command({ type: "kick", userId: bob.id });
      expect(b1.closedWith?.code).toBe(CLOSE.kicked);
      expect(b2.closedWith?.code).toBe(4003);
      expect(a.closedWith).toBeNull();
      expect(presenceNames(a)).toEqual([["Ada"]]);
    });

    it("leaves presence right even if the host still lists kicked sockets", () => {
      const { room, host, join } = setup();
      const a = join(ada);
      const b = join(bob);
      // A socket whose close has not taken effect yet: still listed, still receiving.
      const codes: (number | undefined)[] = [];
      b.close = (code) => {
        codes.push(code);
      };
      clear(a);
      room.command({ type: "kick", userId: bob.id });
      expect(codes).toEqual([4003]);
      expect([...host.sockets()]).toContain(b);
      expect(presenceNames(a)).toEqual([["Ada"]]);
    });

    it("passes a conversation's new state to every socket at once", () => {
      const { room, join } = setup();
      const a = join(ada);
      const b = join(bob);
      clear(a, b);
      const state = { agentSeenId: 42, status: "closed" as const };
      room.command({ type: "conversation", state });
      expect(a.frames).toEqual([{ type: "conversation", state }]);
      expect(b.frames).toEqual([{ type: "conversation", state }]);
    });

    it("kicking a user who is not here changes nothing but presence", () => {
      const { room, join } = setup();
      const a = join(ada);
      clear(a);
      room.command({ type: "kick", userId: 999 });
      expect(a.closedWith).toBeNull();
      expect(presenceNames(a)).toEqual([["Ada"]]);
    });
  });
});
