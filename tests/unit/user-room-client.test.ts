import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppFetch } from "@/components/chat/app-fetch";
import { initialUnread, type UnreadState, unreadReducer } from "@/components/chat/unread-counts";
import { UserRoomClient } from "@/components/chat/user-room-client";
import type { UnreadCounts, UserEvent } from "@/party/protocol";
import { flush } from "./fixtures";

class FakeSocket extends EventTarget {
  static created: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  constructor(readonly url: string) {
    super();
    FakeSocket.created.push(this);
  }
  send(): void {}
  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event("close"), { code, reason: "", wasClean: false }));
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }
  receive(event: UserEvent): void {
    const data = JSON.stringify({ type: "event", event });
    this.dispatchEvent(new MessageEvent("message", { data }));
  }
  drop(code: number): void {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event("close"), { code, reason: "", wasClean: false }));
  }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function tick(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 10; i++) await flush();
}

let unread: UnreadCounts;
const calls: string[] = [];
const fetch: AppFetch = async (path) => {
  calls.push(path);
  if (path === "/api/party/user-token") return json({ token: `t${calls.length}` });
  if (path === "/api/unread") return json(unread);
  return json({ error: "not found" }, 404);
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  FakeSocket.created = [];
  calls.length = 0;
  unread = {
    channels: [{ channel: "general", lastReadId: 10, unread: 2, mentions: 0, muted: false }],
  };
});
afterEach(() => {
  vi.useRealTimers();
});

describe("UserRoomClient", () => {
  it("opens /parties/user/<id> with a fresh token, recounts on every open, and passes events", async () => {
    const client = new UserRoomClient({
      partyHost: "room.test",
      userId: 7,
      fetch,
      WebSocket: FakeSocket,
      random: () => 0,
    });
    let state: UnreadState = initialUnread([]);
    client.onCounts((c) => {
      state = unreadReducer(state, { type: "replace", channels: c.channels });
    });
    client.onEvent((event) => {
      state = unreadReducer(state, { type: "event", event, viewing: null });
    });
    client.start();
    await tick();
    const first = FakeSocket.created[0];
    if (!first) throw new Error("no socket");
    expect(new URL(first.url).pathname).toBe("/parties/user/7");
    expect(new URL(first.url).searchParams.get("token")).toBeTruthy();
    first.open();
    await tick();
    expect(state.general?.unread).toBe(2);
    first.receive({ type: "activity", channel: "general", messageId: 11 });
    expect(state.general?.unread).toBe(3);

    // The room restarts; events sent meanwhile are lost, and the recount brings MySQL's numbers.
    first.drop(1006);
    unread = {
      channels: [{ channel: "general", lastReadId: 10, unread: 6, mentions: 1, muted: false }],
    };
    await tick(1_000);
    const second = FakeSocket.created[1];
    if (!second) throw new Error("no reconnect");
    second.open();
    await tick();
    expect(client.opens).toBe(2);
    expect(state.general).toMatchObject({ unread: 6, mentions: 1 });
    expect(calls.filter((p) => p === "/api/party/user-token")).toHaveLength(2);
    expect(calls.filter((p) => p === "/api/unread")).toHaveLength(2);
    client.stop();
    expect(client.getStatus()).toBe("stopped");
  });

  it("stops when the token route refuses for good", async () => {
    const client = new UserRoomClient({
      partyHost: "room.test",
      userId: 7,
      fetch: async () => json({ error: "Sign in first", code: "signed_out" }, 401),
      WebSocket: FakeSocket,
      random: () => 0,
    });
    client.start();
    await tick(5_000);
    expect(FakeSocket.created).toEqual([]);
    expect(client.getStatus()).toBe("stopped");
  });

  it("asks MySQL again when an event arrives while a recount is reading, so a stale answer cannot undo it", async () => {
    let socket: FakeSocket | undefined;
    let answers = 0;
    const slowFetch: AppFetch = async (path) => {
      if (path === "/api/party/user-token") return json({ token: "t" });
      answers++;
      const before = structuredClone(unread);
      // The first read of MySQL predates the mute; the event arrives while it is answered.
      if (answers === 1) {
        unread = { channels: before.channels.map((c) => ({ ...c, muted: true })) };
        socket?.receive({ type: "muted", channel: "general", muted: true });
      }
      return json(before);
    };
    const client = new UserRoomClient({
      partyHost: "room.test",
      userId: 7,
      fetch: slowFetch,
      WebSocket: FakeSocket,
      random: () => 0,
    });
    let state: UnreadState = initialUnread([]);
    client.onCounts((c) => {
      state = unreadReducer(state, { type: "replace", channels: c.channels });
    });
    client.onEvent((event) => {
      state = unreadReducer(state, { type: "event", event, viewing: null });
    });
    client.start();
    await tick();
    socket = FakeSocket.created[0];
    socket?.open();
    await tick();
    expect(answers).toBe(2);
    expect(state.general?.muted).toBe(true);
    client.stop();
  });
});
