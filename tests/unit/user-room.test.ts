import { describe, expect, it } from "vitest";
import { CLOSE } from "@/party/close-codes";
import { guardConnection } from "@/party/connect-guard";
import { readRoomEnv } from "@/party/env";
import { signRoomToken } from "@/party/token";
import {
  nextAlarm,
  PUSH_RETRIES,
  remindAfterMention,
  reminderAfter,
  UserRoom,
  type UserSocket,
  type UserSocketState,
  userIdOfRoom,
  userRoomClaim,
} from "@/party/user-room";
import { roomUser } from "./fixtures";

const SECRET = "s".repeat(40);
const settings = readRoomEnv({ PARTY_SECRET: SECRET, APP_URL: "http://app.test" });
if (!settings.ok) throw new Error(settings.error);
const env = settings.env;

class Sock implements UserSocket {
  sent: string[] = [];
  closed: { code?: number; reason?: string } | null = null;
  constructor(
    readonly id: string,
    public state: UserSocketState | null,
  ) {}
  send(data: string) {
    if (this.closed) throw new Error("closed");
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
  }
}

function setup(maxSockets = 3) {
  let time = 1_000;
  const sockets: Sock[] = [];
  const room = new UserRoom(() => sockets.filter((s) => !s.closed && s.state), {
    maxSockets,
    now: () => time,
  });
  const join = (userId: number, roomName = String(userId), expiresAt = 100_000) => {
    const s = new Sock(`s${sockets.length}`, null);
    sockets.push(s);
    const ok = room.connect(s, roomName, roomUser({ id: userId, name: `u${userId}` }));
    if (ok) s.state = { userId, expiresAt };
    return { s, ok };
  };
  return { room, join, sockets, advance: (ms: number) => (time += ms) };
}

const tokenFor = (userId: number, channel: string) =>
  signRoomToken({ user: roomUser({ id: userId, name: `u${userId}` }), channel, secret: SECRET });
const guard = async (token: string, channel: string, party: "main" | "user") =>
  guardConnection({
    url: `http://room.test/parties/${party}/x?token=${token}`,
    origin: null,
    channel,
    party,
    env,
  });

describe("who may open a person's room", () => {
  it("takes only room names that are user ids", () => {
    expect(userIdOfRoom("42")).toBe(42);
    for (const bad of ["0", "-1", "4.2", "abc", "", "042", "1e3", "9".repeat(20)]) {
      expect(userIdOfRoom(bad)).toBeNull();
    }
  });

  it("opens user 5's room with user 5's token and refuses it for room 6", async () => {
    const token = await tokenFor(5, userRoomClaim(5));
    expect((await guard(token, userRoomClaim(5), "user")).ok).toBe(true);
    const other = await guard(token, userRoomClaim(6), "user");
    expect(other).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses a token whose user is not the room's owner even with the room's claim", () => {
    const { join } = setup();
    const { s, ok } = join(5, "6");
    expect(ok).toBe(false);
    expect(s.closed?.code).toBe(1008);
  });

  it("refuses a channel token in a user room and a user token in a channel room", async () => {
    const channelToken = await tokenFor(5, "general");
    expect(await guard(channelToken, userRoomClaim(5), "user")).toMatchObject({ ok: false });
    const userToken = await tokenFor(5, userRoomClaim(5));
    // A channel room named like a user room must not take the user room's token either.
    expect(await guard(userToken, userRoomClaim(5), "main")).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await guard(userToken, "general", "main")).toMatchObject({ ok: false });
  });

  it("caps the pages one person holds open", () => {
    const { join } = setup(2);
    expect(join(5).ok).toBe(true);
    expect(join(5).ok).toBe(true);
    const third = join(5);
    expect(third.ok).toBe(false);
    expect(third.s.closed?.code).toBe(CLOSE.tooManySockets);
  });
});

describe("passing events on", () => {
  it("sends each event as a frame to every open socket and counts the sockets", () => {
    const { room, join } = setup();
    const a = join(5).s;
    const b = join(5).s;
    const sockets = room.deliver({
      type: "events",
      events: [
        { type: "activity", channel: "general", messageId: 10 },
        { type: "muted", channel: "random", muted: true },
      ],
    });
    expect(sockets).toBe(2);
    for (const s of [a, b]) {
      expect(s.sent.map((f) => JSON.parse(f))).toEqual([
        { type: "event", event: { type: "activity", channel: "general", messageId: 10 } },
        { type: "event", event: { type: "muted", channel: "random", muted: true } },
      ]);
    }
  });

  it("answers 0 with no page open, and closes sockets whose token ran out", () => {
    const { room, join, advance } = setup();
    expect(
      room.deliver({ type: "events", events: [{ type: "muted", channel: "x", muted: false }] }),
    ).toBe(0);
    const late = join(5, "5", 2_000).s;
    const fresh = join(5, "5", 50_000).s;
    advance(5_000);
    expect(
      room.deliver({ type: "events", events: [{ type: "muted", channel: "x", muted: false }] }),
    ).toBe(1);
    expect(late.closed?.code).toBe(CLOSE.tokenExpired);
    expect(fresh.sent).toHaveLength(1);
  });

  it("sweeps expired sockets", () => {
    const { room, join, advance } = setup();
    const s = join(5, "5", 2_000).s;
    advance(1_500);
    expect(room.expire([s])).toBe(1);
    expect(s.closed?.code).toBe(CLOSE.tokenExpired);
  });
});

describe("the mention reminder", () => {
  it("is due the delay after the first mention; a later mention does not push it back", () => {
    const first = remindAfterMention(null, 1_000, 60_000);
    expect(first).toEqual({ dueAt: 61_000, failures: 0 });
    expect(remindAfterMention(first, 30_000, 60_000)).toBe(first);
  });

  it("ends on a plain answer or a 404, follows nextDueAt (ms or ISO)", () => {
    const r = { dueAt: 0, failures: 0 };
    expect(reminderAfter({ status: 200, body: {} }, r, 10_000)).toBeNull();
    expect(reminderAfter({ status: 404, body: null }, r, 10_000)).toBeNull();
    expect(reminderAfter({ status: 200, body: { nextDueAt: 90_000 } }, r, 10_000)).toEqual({
      dueAt: 90_000,
      failures: 0,
    });
    const iso = new Date(500_000).toISOString();
    expect(reminderAfter({ status: 200, body: { nextDueAt: iso } }, r, 10_000)?.dueAt).toBe(
      500_000,
    );
    // Never a spin: a time in the past waits at least a second.
    expect(reminderAfter({ status: 200, body: { nextDueAt: 1 } }, r, 10_000)?.dueAt).toBe(11_000);
  });

  it("retries failures with growing waits, then gives up", () => {
    let r: ReturnType<typeof reminderAfter> = { dueAt: 0, failures: 0 };
    const waits: number[] = [];
    for (let i = 0; i < PUSH_RETRIES; i++) {
      const next = reminderAfter(
        i % 2 ? { failed: true } : { status: 503, body: null },
        r ?? { dueAt: 0, failures: 0 },
        0,
      );
      expect(next).not.toBeNull();
      waits.push(next?.dueAt ?? 0);
      r = next;
    }
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(reminderAfter({ failed: true }, r ?? { dueAt: 0, failures: 0 }, 0)).toBeNull();
  });

  it("shares the one alarm with the expiry sweep: the sooner wins", () => {
    expect(nextAlarm(null, null)).toBeNull();
    expect(nextAlarm(5_000, null)).toBe(5_000);
    expect(nextAlarm(5_000, { dueAt: 3_000, failures: 0 })).toBe(3_000);
    expect(nextAlarm(null, { dueAt: 3_000, failures: 0 })).toBe(3_000);
  });
});
