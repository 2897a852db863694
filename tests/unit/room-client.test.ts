import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppFetch } from "@/components/chat/app-fetch";
import { outboxKey, storageOutbox } from "@/components/chat/outbox";
import {
  REQUEST_TIMEOUT_MS,
  RoomClient,
  type RoomClientOptions,
} from "@/components/chat/room-client";
import { CLOSE } from "@/party/close-codes";
import {
  type ChatMessage,
  type ServerFrame,
  TYPING_EVERY_MS,
  TYPING_TTL_MS,
} from "@/party/protocol";
import { chatMessage, type Deferred, deferred, flush } from "./fixtures";

const ME = 1;
const SYNCED_AT = "2025-01-01T12:00:00.000Z";

/** A socket the test opens, feeds and closes by hand; records what the client writes. */
class FakeSocket extends EventTarget {
  static created: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  readonly sent: string[] = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.created.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(closeEvent(code, reason));
  }

  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }

  receive(frame: ServerFrame | string): void {
    const data = typeof frame === "string" ? frame : JSON.stringify(frame);
    this.dispatchEvent(new MessageEvent("message", { data }));
  }

  /** The room (or the network) ends the connection. */
  drop(code: number, reason = ""): void {
    this.readyState = 3;
    this.dispatchEvent(closeEvent(code, reason));
  }

  /** clientIds of the `send` frames written, in order. */
  get sentIds(): string[] {
    return this.sent.map((s) => (JSON.parse(s) as { clientId: string }).clientId);
  }
}

function closeEvent(code: number, reason: string): Event {
  return Object.assign(new Event("close"), { code, reason, wasClean: false });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

type Handler = (url: URL) => Response | Promise<Response>;

/** The app's routes as the client calls them, each replaceable per test; every call is logged. */
function fakeApp() {
  const calls: URL[] = [];
  let tokens = 0;
  const routes: Record<"token" | "messages" | "changes", Handler> = {
    token: () => json({ token: `token-${++tokens}` }),
    messages: () => json({ messages: [], hasMore: false }),
    changes: () => json({ edited: [], deletedIds: [], complete: true, asOf: SYNCED_AT }),
  };
  const fetch: AppFetch = async (path) => {
    const url = new URL(path, "http://app.test");
    calls.push(url);
    if (url.pathname === "/api/party/token") return routes.token(url);
    if (url.pathname.endsWith("/messages")) return routes.messages(url);
    if (url.pathname.endsWith("/changes")) return routes.changes(url);
    return json({ error: "not found" }, 404);
  };
  const called = (route: string) => calls.filter((u) => u.pathname.endsWith(route));
  return { fetch, routes, calls, called };
}

/** A route answer the test releases when it chooses. */
function held(): Deferred<Response> & { handler: Handler } {
  const d = deferred<Response>();
  return { ...d, handler: () => d.promise };
}

let app: ReturnType<typeof fakeApp>;
const clients: RoomClient[] = [];

function client(overrides: Partial<RoomClientOptions> = {}): RoomClient {
  const c = new RoomClient({
    slug: "general",
    partyHost: "room.test",
    me: ME,
    syncedAt: SYNCED_AT,
    fetch: app.fetch,
    WebSocket: FakeSocket,
    random: () => 0,
    ...overrides,
  });
  clients.push(c);
  return c;
}

/** Lets partysocket's timers and every pending promise run. */
async function tick(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 10; i++) await flush();
}

/** Starts `c` and opens its first socket; resolves with that socket. */
async function connect(c: RoomClient): Promise<FakeSocket> {
  const before = FakeSocket.created.length;
  c.start();
  await tick();
  const socket = FakeSocket.created[before];
  if (!socket) throw new Error("no socket was created");
  return socket;
}

const mine = (overrides: Partial<ChatMessage> = {}) => chatMessage(overrides);
const theirs = (overrides: Partial<ChatMessage> = {}) =>
  chatMessage({ author: { id: 2, name: "Bo", image: null, role: "member" }, ...overrides });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  FakeSocket.created = [];
  app = fakeApp();
});

afterEach(() => {
  for (const c of clients.splice(0)) c.stop();
  vi.useRealTimers();
});

describe("RoomClient connecting", () => {
  it("connects to /parties/main/<slug> with a fresh token from the token route", async () => {
    const socket = await connect(client());
    const url = new URL(socket.url);
    expect(url.pathname).toBe("/parties/main/general");
    expect(url.searchParams.get("token")).toBe("token-1");
    expect(app.called("/api/party/token")[0]?.searchParams.get("channel")).toBe("general");
  });

  it("stops with the route's refusal when the token route refuses (401/403/404)", async () => {
    const until = "2030-01-01T00:00:00.000Z";
    app.routes.token = () =>
      json({ error: "You are banned", code: "banned", until, reason: "spam" }, 403);
    const c = client();
    c.start();
    await tick(5_000);
    expect(FakeSocket.created).toEqual([]);
    expect(c.getSnapshot().status).toBe("stopped");
    expect(c.getSnapshot().problem).toEqual({
      kind: "refused",
      refusal: { code: "banned", status: 403, until, reason: "spam" },
    });
    expect(app.called("/api/party/token")).toHaveLength(1);
  });

  it("keeps the status of a refusal it cannot read, and still stops", async () => {
    app.routes.token = () => json({ error: "Sign in first" }, 401);
    const c = client();
    c.start();
    await tick(5_000);
    expect(c.getSnapshot()).toMatchObject({
      status: "stopped",
      problem: {
        kind: "refused",
        refusal: { code: "unknown", status: 401, until: null, reason: null },
      },
    });
  });

  it("retries the token route when it fails for a passing reason", async () => {
    let calls = 0;
    app.routes.token = () =>
      ++calls === 1 ? json({ error: "busy" }, 503) : json({ token: "second" });
    const c = client();
    c.start();
    await tick(2_000);
    expect(FakeSocket.created).toHaveLength(1);
    expect(new URL(FakeSocket.created[0]?.url ?? "").searchParams.get("token")).toBe("second");
  });

  it("publishes a new snapshot on a change and keeps the old one otherwise", async () => {
    const c = client();
    const seen: string[] = [];
    c.subscribe(() => seen.push(c.getSnapshot().status));
    const socket = await connect(c);
    const before = c.getSnapshot();
    expect(c.getSnapshot()).toBe(before);
    socket.open();
    expect(c.getSnapshot()).not.toBe(before);
    expect(c.getSnapshot().status).toBe("open");
    expect(seen).toContain("open");
  });
});

describe("RoomClient catch-up after an open", () => {
  it("re-sends pending messages only after both /messages and /changes have settled", async () => {
    const c = client({ initial: [mine({ id: 5 })] });
    const socket = await connect(c);
    const sent = c.send("typed while connecting");
    if (!sent.ok) throw new Error(sent.reason);
    expect(socket.sent).toEqual([]);

    const messages = held();
    const changes = held();
    app.routes.messages = messages.handler;
    app.routes.changes = changes.handler;
    socket.open();
    await tick();
    expect(app.called("/messages")[0]?.searchParams.get("after")).toBe("5");
    expect(app.called("/changes")[0]?.searchParams.get("since")).toBe(SYNCED_AT);
    expect(app.called("/changes")[0]?.searchParams.get("upTo")).toBe("5");

    messages.resolve(json({ messages: [theirs({ id: 6 })], hasMore: false }));
    await tick();
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([5, 6]);
    expect(socket.sent).toEqual([]);

    changes.resolve(json({ edited: [], deletedIds: [5], complete: true, asOf: SYNCED_AT }));
    await tick();
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([6]);
    expect(socket.sentIds).toEqual([sent.clientId]);
    expect(JSON.parse(socket.sent[0] ?? "")).toEqual({
      type: "send",
      clientId: sent.clientId,
      body: "typed while connecting",
    });
    expect(c.stats.resent).toBe(1);
  });

  it("waits for /messages even when /changes has already failed, then re-sends and says so", async () => {
    const c = client();
    const socket = await connect(c);
    const sent = c.send("hello");
    const messages = held();
    app.routes.messages = messages.handler;
    app.routes.changes = () => json({ error: "down" }, 503);
    socket.open();
    await tick();
    expect(socket.sent).toEqual([]);
    messages.resolve(json({ messages: [], hasMore: false }));
    await tick();
    expect(socket.sentIds).toEqual([sent.ok ? sent.clientId : ""]);
    expect(c.getSnapshot().problem).toEqual({ kind: "catch-up-incomplete" });
  });

  it("gives up on a catch-up answer that never comes: aborted, and the page says so", async () => {
    const signals: AbortSignal[] = [];
    const hang: AppFetch = (path, init) => {
      if (!path.includes("/changes")) return app.fetch(path, init);
      if (init?.signal) signals.push(init.signal);
      // Never answers, and ignores the abort: the page must not wait on it anyway.
      return new Promise<Response>(() => {});
    };
    const c = client({ fetch: hang });
    const socket = await connect(c);
    socket.open();
    await tick(REQUEST_TIMEOUT_MS - 1);
    expect(c.getSnapshot().problem).toBeNull();
    await tick(1);
    expect(signals.map((s) => s.aborted)).toEqual([true]);
    expect(c.getSnapshot().problem).toEqual({ kind: "catch-up-incomplete" });
  });

  it("waits for /changes even when /messages has already failed", async () => {
    const c = client();
    const socket = await connect(c);
    c.send("hello");
    const changes = held();
    app.routes.messages = () => json({ error: "down" }, 503);
    app.routes.changes = changes.handler;
    socket.open();
    await tick();
    expect(socket.sent).toEqual([]);
    changes.resolve(json({ edited: [], deletedIds: [], complete: true, asOf: SYNCED_AT }));
    await tick();
    expect(socket.sent).toHaveLength(1);
    expect(c.getSnapshot().problem).not.toBeNull();
  });

  it("pages /messages?after= from the last message of each page", async () => {
    const c = client({ initial: [mine({ id: 1 })] });
    app.routes.messages = (url) => {
      const after = Number(url.searchParams.get("after"));
      const ids = [after + 1, after + 2].filter((id) => id <= 5);
      return json({ messages: ids.map((id) => theirs({ id })), hasMore: ids.at(-1) !== 5 });
    };
    const socket = await connect(c);
    socket.open();
    await tick();
    expect(app.called("/messages").map((u) => u.searchParams.get("after"))).toEqual(["1", "3"]);
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(c.stats.catchUpPages).toBe(2);
  });

  it("does not re-send a pending message the catch-up found stored", async () => {
    const c = client();
    const socket = await connect(c);
    const sent = c.send("stored while the socket was down");
    if (!sent.ok) throw new Error(sent.reason);
    app.routes.messages = () =>
      json({
        messages: [
          mine({ id: 7, clientId: sent.clientId, body: "stored while the socket was down" }),
        ],
        hasMore: false,
      });
    socket.open();
    await tick();
    expect(socket.sent).toEqual([]);
    expect(c.getSnapshot().pending).toEqual([]);
    expect(c.getSnapshot().messages.map((m) => m.clientId)).toEqual([sent.clientId]);
  });

  it("sends a message typed during the catch-up once, after the re-sends, in typed order", async () => {
    const c = client();
    const socket = await connect(c);
    const early = c.send("before open");
    const messages = held();
    app.routes.messages = messages.handler;
    socket.open();
    await tick();
    const during = c.send("during catch-up");
    expect(socket.sent).toEqual([]);
    messages.resolve(json({ messages: [], hasMore: false }));
    await tick();
    expect(socket.sentIds).toEqual([early, during].map((r) => (r.ok ? r.clientId : "")));
  });

  it("re-sends with the original clientId on every reconnect, never on a socket that is not open", async () => {
    const c = client();
    const first = await connect(c);
    first.open();
    await tick();
    const sent = c.send("unacknowledged");
    if (!sent.ok) throw new Error(sent.reason);
    expect(first.sentIds).toEqual([sent.clientId]);

    first.drop(1006);
    expect(c.getSnapshot().status).toBe("reconnecting");
    // Typed while down: queued on the page, not handed to partysocket to buffer.
    const offline = c.send("typed offline");
    if (!offline.ok) throw new Error(offline.reason);
    await tick(1_000);
    const second = FakeSocket.created[1];
    if (!second) throw new Error("no reconnect");
    expect(second.sent).toEqual([]);
    second.open();
    await tick();
    expect(second.sentIds).toEqual([sent.clientId, offline.clientId]);
    expect(first.sentIds).toEqual([sent.clientId]);
    expect(c.stats).toMatchObject({ opens: 2, resent: 2, framesSent: 3 });
  });

  it("drops the re-send of a catch-up overtaken by a newer open", async () => {
    const c = client();
    const first = await connect(c);
    const sent = c.send("pending");
    const slow = held();
    app.routes.messages = slow.handler;
    first.open();
    await tick();
    first.drop(1006);
    const current = held();
    app.routes.messages = current.handler;
    await tick(1_000);
    const second = FakeSocket.created[1];
    if (!second) throw new Error("no reconnect");
    second.open();
    await tick();
    // The first open's catch-up ends now, while the second open's is still running.
    slow.resolve(json({ messages: [], hasMore: false }));
    await tick();
    expect(second.sent).toEqual([]);
    current.resolve(json({ messages: [], hasMore: false }));
    await tick();
    expect(second.sentIds).toEqual([sent.ok ? sent.clientId : ""]);
  });

  it("asks /changes from the last answer's asOf on the next reconnect", async () => {
    const c = client({ initial: [mine({ id: 3 }), mine({ id: 4 })] });
    app.routes.changes = () =>
      json({ edited: [], deletedIds: [], complete: true, asOf: "2025-01-02T00:00:00.000Z" });
    const first = await connect(c);
    first.open();
    await tick();
    first.drop(1001);
    await tick(1_000);
    FakeSocket.created[1]?.open();
    await tick();
    const asked = app.called("/changes").map((u) => Object.fromEntries(u.searchParams));
    expect(asked).toEqual([
      { since: SYNCED_AT, from: "3", upTo: "4" },
      { since: "2025-01-02T00:00:00.000Z", from: "3", upTo: "4" },
    ]);
  });
});

describe("RoomClient close codes", () => {
  it(`stops on ${CLOSE.kicked} (kicked) and asks the token route why`, async () => {
    const c = client();
    const socket = await connect(c);
    socket.open();
    await tick();
    app.routes.token = () =>
      json({ error: "You are banned", code: "banned", until: "2030-01-01T00:00:00.000Z" }, 403);
    socket.drop(CLOSE.kicked, "You were removed from this channel");
    expect(c.getSnapshot()).toMatchObject({
      status: "stopped",
      problem: { kind: "closed", code: CLOSE.kicked },
    });
    await tick(30_000);
    expect(FakeSocket.created).toHaveLength(1);
    expect(app.called("/api/party/token")).toHaveLength(2);
    expect(c.getSnapshot().problem).toEqual({
      kind: "refused",
      refusal: { code: "banned", status: 403, until: "2030-01-01T00:00:00.000Z", reason: null },
    });
  });

  it(`stops on ${CLOSE.tooManySockets} (too many sockets) and says which code`, async () => {
    const c = client();
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.drop(CLOSE.tooManySockets, "Too many open connections to this channel");
    await tick(30_000);
    expect(FakeSocket.created).toHaveLength(1);
    expect(app.called("/api/party/token")).toHaveLength(1);
    expect(c.getSnapshot()).toMatchObject({
      status: "stopped",
      problem: { kind: "closed", code: CLOSE.tooManySockets },
    });
  });

  it("reconnects on 1006 with a fresh token, after a jittered delay", async () => {
    const c = client({ random: () => 1 });
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.drop(1006);
    expect(c.getSnapshot().status).toBe("reconnecting");
    await tick(900);
    // random() = 1 puts the first retry at 300 + 700 ms.
    expect(FakeSocket.created).toHaveLength(1);
    await tick(200);
    expect(FakeSocket.created).toHaveLength(2);
    expect(new URL(FakeSocket.created[1]?.url ?? "").searchParams.get("token")).toBe("token-2");
    FakeSocket.created[1]?.open();
    expect(c.getSnapshot().status).toBe("open");
  });

  it("stop() closes the socket and does not reconnect", async () => {
    const c = client();
    const socket = await connect(c);
    socket.open();
    c.stop();
    await tick(30_000);
    expect(socket.readyState).toBe(3);
    expect(FakeSocket.created).toHaveLength(1);
    expect(c.getSnapshot().status).toBe("stopped");
  });
});

describe("RoomClient frames", () => {
  it("merges message and messages frames by id and settles own pending ones", async () => {
    const c = client({ initial: [theirs({ id: 2 })] });
    const socket = await connect(c);
    socket.open();
    await tick();
    const sent = c.send("mine");
    if (!sent.ok) throw new Error(sent.reason);
    const stored = mine({ id: 4, clientId: sent.clientId, body: "mine" });
    socket.receive({ type: "messages", messages: [theirs({ id: 3 }), stored] });
    socket.receive({ type: "message", message: theirs({ id: 1 }) });
    socket.receive({ type: "message", message: stored });
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(c.getSnapshot().pending).toEqual([]);
    expect(c.stats.liveMessages).toBe(4);
  });

  it("applies deleted and presence frames, ignores what is not a frame, and tells listeners", async () => {
    const c = client({ initial: [theirs({ id: 1 }), theirs({ id: 2 })] });
    const frames: string[] = [];
    c.onFrame((f) => frames.push(f.type));
    const socket = await connect(c);
    socket.open();
    socket.receive({ type: "deleted", id: 1 });
    socket.receive({ type: "presence", users: [{ id: 2, name: "Bo", image: null }], count: 7 });
    socket.receive("not json");
    socket.receive(JSON.stringify({ type: "message", message: { id: "x" } }));
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([2]);
    expect(c.getSnapshot().presence).toEqual({
      users: [{ id: 2, name: "Bo", image: null }],
      count: 7,
    });
    expect(frames).toEqual(["deleted", "presence"]);
  });

  it("applies reaction frames to the held message (mine for my own) and skips others", async () => {
    const c = client({ initial: [theirs({ id: 1 })] });
    const socket = await connect(c);
    socket.open();
    const user = { id: 2, name: "Bo" };
    socket.receive({
      type: "reaction",
      event: { messageId: 1, emoji: "👍", user, added: true, count: 1 },
    });
    socket.receive({
      type: "reaction",
      event: { messageId: 9, emoji: "👍", user, added: true, count: 1 },
    });
    // An emoji over the protocol's length is not a frame at all.
    socket.receive({
      type: "reaction",
      event: { messageId: 1, emoji: "x".repeat(65), user, added: true, count: 1 },
    });
    expect(c.getSnapshot().messages.map((m) => [m.id, m.reactions])).toEqual([
      [1, [{ emoji: "👍", count: 1, users: [user], mine: false }]],
    ]);
  });

  it("applies a gathered reactions frame event by event, in order", async () => {
    const c = client({ initial: [theirs({ id: 1 }), theirs({ id: 2 })] });
    const socket = await connect(c);
    socket.open();
    const bo = { id: 2, name: "Bo" };
    const ann = { id: 3, name: "Ann" };
    socket.receive({
      type: "reactions",
      events: [
        { messageId: 1, emoji: "👍", user: bo, added: true, count: 1 },
        { messageId: 2, emoji: "🎉", user: ann, added: true, count: 1 },
        { messageId: 1, emoji: "👍", user: ann, added: true, count: 2 },
        { messageId: 1, emoji: "👍", user: bo, added: false, count: 1 },
      ],
    });
    expect(c.getSnapshot().messages.map((m) => [m.id, m.reactions])).toEqual([
      [1, [{ emoji: "👍", count: 1, users: [ann], mine: false }]],
      [2, [{ emoji: "🎉", count: 1, users: [ann], mine: false }]],
    ]);
  });

  it("keeps the newer count when two changes' frames arrive out of order", async () => {
    const c = client({ initial: [theirs({ id: 1 })] });
    const socket = await connect(c);
    socket.open();
    const bo = { id: 2, name: "Bo" };
    const ann = { id: 3, name: "Ann" };
    // Ann reacted first (version 10, count 1), then Bo (version 11, count 2); Bo's frame won.
    socket.receive({
      type: "reaction",
      event: { messageId: 1, emoji: "👍", user: bo, added: true, count: 2, version: 11 },
    });
    socket.receive({
      type: "reaction",
      event: { messageId: 1, emoji: "👍", user: ann, added: true, count: 1, version: 10 },
    });
    expect(c.getSnapshot().messages[0]?.reactions).toEqual([
      { emoji: "👍", count: 2, users: [bo, ann], mine: false },
    ]);
  });

  it("applies a reaction frame again after a catch-up answer that was read before it", async () => {
    const held5 = theirs({ id: 5, reactions: [] });
    const c = client({ initial: [held5] });
    const socket = await connect(c);
    const changes = held();
    app.routes.changes = changes.handler;
    socket.open();
    await tick();
    const ann = { id: 3, name: "Ann" };
    // Live while /changes is on its way: Ann's 👍 makes two.
    socket.receive({
      type: "reaction",
      event: { messageId: 5, emoji: "👍", user: ann, added: true, count: 2 },
    });
    // The answer was read before Ann reacted: one 👍, Bo's.
    const bo = { id: 2, name: "Bo" };
    changes.resolve(
      json({
        edited: [{ ...held5, reactions: [{ emoji: "👍", count: 1, users: [bo], mine: false }] }],
        deletedIds: [],
        complete: true,
        asOf: SYNCED_AT,
      }),
    );
    await tick();
    expect(c.getSnapshot().messages[0]?.reactions).toEqual([
      { emoji: "👍", count: 2, users: [bo, ann], mine: false },
    ]);
    // Once nothing is awaited, later frames apply once, as usual.
    socket.receive({
      type: "reaction",
      event: { messageId: 5, emoji: "👍", user: bo, added: false, count: 1 },
    });
    expect(c.getSnapshot().messages[0]?.reactions).toEqual([
      { emoji: "👍", count: 1, users: [ann], mine: false },
    ]);
  });

  it("marks a rejected message failed with its reason; retry sends the same clientId", async () => {
    const c = client();
    const socket = await connect(c);
    socket.open();
    await tick();
    const sent = c.send("too fast");
    if (!sent.ok) throw new Error(sent.reason);
    socket.receive({
      type: "rejected",
      clientId: sent.clientId,
      reason: "muted",
      until: "2030-01-01T00:00:00.000Z",
    });
    expect(c.getSnapshot().pending).toEqual([
      {
        clientId: sent.clientId,
        body: "too fast",
        status: "failed",
        reason: "muted",
        until: "2030-01-01T00:00:00.000Z",
        queuedAt: expect.any(String),
      },
    ]);
    expect(c.stats.rejections).toBe(1);
    c.retry(sent.clientId);
    expect(c.getSnapshot().pending[0]?.status).toBe("sending");
    expect(socket.sentIds).toEqual([sent.clientId, sent.clientId]);
    c.discard(sent.clientId);
    expect(c.getSnapshot().pending).toEqual([]);
  });

  it("carries replyTo in the send frame, its retry and its re-send after a reconnect", async () => {
    const parent = theirs({ id: 40, body: "question" });
    // The pacer's clock, moved by hand: only the timers are fake here.
    let clock = Date.parse(SYNCED_AT);
    const c = client({ initial: [parent], now: () => clock });
    const first = await connect(c);
    first.open();
    await tick();
    const sent = c.send("answer", 40);
    const plain = c.send("plain");
    if (!sent.ok || !plain.ok) throw new Error("not sent");
    expect(c.getSnapshot().pending[0]?.replyTo).toEqual({
      id: 40,
      authorName: "Bo",
      excerpt: "question",
      deleted: false,
    });
    const replyTos = (socket: FakeSocket) =>
      socket.sent.map((s) => (JSON.parse(s) as { replyTo?: number }).replyTo);
    expect(replyTos(first)).toEqual([40, undefined]);
    first.receive({ type: "rejected", clientId: sent.clientId, reason: "unavailable" });
    c.retry(sent.clientId);
    expect(replyTos(first)).toEqual([40, undefined, 40]);
    first.drop(1006);
    await tick(1_000);
    const second = FakeSocket.created[1];
    if (!second) throw new Error("no reconnect");
    second.open();
    // Three frames went on the first socket: the pacer spaces the re-sends by the room's refill.
    clock += 3_000;
    await tick(3_000);
    // The retried reply queued behind what was typed before its retry (the pacer keeps that order).
    expect(second.sentIds).toEqual([plain.clientId, sent.clientId]);
    expect(replyTos(second)).toEqual([undefined, 40]);
  });

  it("does not re-send a failed message on reconnect (only retry does)", async () => {
    const c = client();
    const first = await connect(c);
    first.open();
    await tick();
    const sent = c.send("refused");
    if (!sent.ok) throw new Error(sent.reason);
    first.receive({ type: "rejected", clientId: sent.clientId, reason: "unavailable" });
    first.drop(1006);
    await tick(1_000);
    FakeSocket.created[1]?.open();
    await tick();
    expect(FakeSocket.created[1]?.sent).toEqual([]);
  });

  it("refuses empty and over-long messages with a code the composer words, sending nothing", async () => {
    const c = client();
    const socket = await connect(c);
    socket.open();
    expect(c.send("   ")).toEqual({ ok: false, reason: "empty" });
    expect(c.send("x".repeat(4_001))).toEqual({ ok: false, reason: "too_long" });
    expect(socket.sent).toEqual([]);
    expect(c.getSnapshot().pending).toEqual([]);
  });
});

describe("RoomClient older pages", () => {
  it("loads older pages until a message is held, bounded, and stops once past its id", async () => {
    const c = client({ initial: [theirs({ id: 200 })], initialHasOlder: true });
    app.routes.messages = (url) => {
      const before = Number(url.searchParams.get("before"));
      // Ids step by 10 here; 105 is never stored (deleted), 100 is.
      const ids = [before - 30, before - 20, before - 10].filter((id) => id > 0);
      return json({ messages: ids.map((id) => theirs({ id })), hasMore: ids[0] !== 10 });
    };
    expect(await c.loadUntilHeld(170, 5)).toBe(true);
    expect(app.called("/messages")).toHaveLength(1);
    expect(await c.loadUntilHeld(105, 20)).toBe(false);
    // Pages stopped at the first one that went past 105.
    expect(c.getSnapshot().messages[0]?.id).toBe(80);
    expect(await c.loadUntilHeld(20, 1)).toBe(false);
    expect(app.called("/messages")).toHaveLength(5);
    expect(await c.loadUntilHeld(20, 1)).toBe(true);
  });

  it("loads the page before the oldest message held", async () => {
    const c = client({ initial: [theirs({ id: 51 })], initialHasOlder: true });
    const page = held();
    app.routes.messages = page.handler;
    const loading = c.loadOlder();
    expect(c.getSnapshot().loadingOlder).toBe(true);
    // A second press while loading joins the first and asks for nothing more.
    expect(c.loadOlder()).toBe(loading);
    page.resolve(json({ messages: [theirs({ id: 49 }), theirs({ id: 50 })], hasMore: false }));
    await loading;
    const asked = app.called("/messages").map((u) => Object.fromEntries(u.searchParams));
    expect(asked).toEqual([{ before: "51", limit: "50" }]);
    expect(c.getSnapshot()).toMatchObject({ hasOlder: false, loadingOlder: false });
    expect(c.getSnapshot().messages.map((m) => m.id)).toEqual([49, 50, 51]);
    await c.loadOlder();
    expect(app.called("/messages")).toHaveLength(1);
  });

  it("says so when an older page cannot be loaded, and lets the user try again", async () => {
    const c = client({ initial: [theirs({ id: 51 })], initialHasOlder: true });
    app.routes.messages = () => json({ error: "down" }, 503);
    await c.loadOlder();
    expect(c.getSnapshot()).toMatchObject({
      problem: { kind: "older-failed" },
      hasOlder: true,
      loadingOlder: false,
    });
  });
});

it("gives every new message a fresh uuid clientId", async () => {
  const c = client();
  const a = c.send("a");
  const b = c.send("b");
  expect(a.ok && b.ok && a.clientId !== b.clientId).toBe(true);
  expect(a.ok ? a.clientId : "").toMatch(/^[0-9a-f-]{36}$/);
});

describe("RoomClient pacing", () => {
  // The pacer reads the clock: fake Date too, so that the test's time is the client's time.
  beforeEach(() => {
    vi.useRealTimers();
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
  });

  /** A client whose socket is open, caught up, and told `rate`. */
  async function openClient(rate?: { capacity: number; refillPerSecond: number }) {
    const c = client();
    const socket = await connect(c);
    socket.open();
    if (rate) socket.receive({ type: "limits", limits: { rate, typing: true } });
    await tick();
    return { c, socket };
  }

  /** The room stores `clientId` as `id` and broadcasts it. */
  const store = (socket: FakeSocket, clientId: string, id: number) =>
    socket.receive({ type: "message", message: mine({ id, clientId }) });

  const sendAll = (c: RoomClient, bodies: string[]): string[] =>
    bodies.map((body) => {
      const r = c.send(body);
      if (!r.ok) throw new Error(r.reason);
      return r.clientId;
    });

  it("sends a burst within the told limits and the rest one per refill, all shown sending", async () => {
    const { c, socket } = await openClient({ capacity: 3, refillPerSecond: 2 });
    const ids = sendAll(
      c,
      Array.from({ length: 8 }, (_, i) => `line ${i + 1}`),
    );
    // One at once; a second while the first is on its way only with a token to spare (half a
    // token stays in hand). The rest wait, shown sending.
    expect(socket.sentIds).toEqual(ids.slice(0, 1));
    store(socket, ids[0] ?? "", 1);
    expect(socket.sentIds).toEqual(ids.slice(0, 2));
    expect(c.getSnapshot().pending.map((p) => p.status)).toEqual(Array(7).fill("sending"));
    let nextId = 2;
    for (let i = 0; i < 20 && socket.sent.length < 8; i++) {
      for (const id of socket.sentIds.slice(nextId - 1)) store(socket, id, nextId++);
      await tick(600);
    }
    expect(socket.sentIds).toEqual(ids);
    for (const id of socket.sentIds.slice(nextId - 1)) store(socket, id, nextId++);
    expect(c.getSnapshot().pending).toEqual([]);
    expect(c.getSnapshot().messages.map((m) => m.clientId)).toEqual(ids);
    expect(c.stats.framesSent).toBe(8);
  });

  it("uses the room's default limits before it is told any", async () => {
    const c = client();
    const socket = await connect(c);
    const ids = sendAll(c, ["a", "b", "c", "d", "e", "f"]);
    socket.open();
    await tick();
    // Default burst of five: three go together, the fourth waits for their answers.
    expect(socket.sentIds).toEqual(ids.slice(0, 3));
  });

  it("keeps a rate_limited refusal sending and sends it again at the next token, before later ones", async () => {
    const { c, socket } = await openClient({ capacity: 5, refillPerSecond: 1 });
    const [a, b] = sendAll(c, ["a", "b"]);
    expect(socket.sentIds).toEqual([a, b]);
    // Another tab of the same user spent the shared bucket.
    socket.receive({ type: "rejected", clientId: a ?? "", reason: "rate_limited" });
    socket.receive({ type: "rejected", clientId: b ?? "", reason: "rate_limited" });
    expect(c.getSnapshot().pending.map((p) => p.status)).toEqual(["sending", "sending"]);
    expect(c.stats.requeued).toBe(2);
    await tick(1_000);
    expect(socket.sentIds).toEqual([a, b]);
    await tick(1_000);
    expect(socket.sentIds).toEqual([a, b, a]);
    store(socket, a ?? "", 1);
    await tick(1_100);
    expect(socket.sentIds).toEqual([a, b, a, b]);
  });

  it("shows a message failed with Retry after repeated rate_limited refusals; retry queues it again", async () => {
    const { c, socket } = await openClient({ capacity: 5, refillPerSecond: 1 });
    const [a] = sendAll(c, ["a"]);
    for (let i = 0; i < 6; i++) {
      await tick(2_000);
      expect(socket.sentIds).toHaveLength(i + 1);
      socket.receive({ type: "rejected", clientId: a ?? "", reason: "rate_limited" });
    }
    expect(c.getSnapshot().pending[0]).toMatchObject({ status: "failed", reason: "rate_limited" });
    await tick(10_000);
    expect(socket.sentIds).toHaveLength(6);
    c.retry(a ?? "");
    expect(c.getSnapshot().pending[0]?.status).toBe("sending");
    expect(socket.sentIds).toHaveLength(7);
  });

  it("waits out slow mode: the message stays sending with its time, and goes by itself then", async () => {
    const { c, socket } = await openClient({ capacity: 5, refillPerSecond: 1 });
    const [a, b] = sendAll(c, ["first", "second"]);
    store(socket, a ?? "", 1);
    const until = new Date(Date.now() + 20_000).toISOString();
    socket.receive({ type: "rejected", clientId: b ?? "", reason: "rate_limited", until });
    expect(c.getSnapshot().pending).toEqual([
      expect.objectContaining({ clientId: b, status: "sending", reason: "rate_limited", until }),
    ]);
    const [later] = sendAll(c, ["third"]);
    await tick(19_000);
    expect(socket.sentIds).toEqual([a, b]);
    await tick(1_000);
    expect(socket.sentIds).toEqual([a, b, b]);
    expect(c.getSnapshot().pending[0]).toMatchObject({ clientId: b, until: null });
    store(socket, b ?? "", 2);
    expect(socket.sentIds).toEqual([a, b, b, later]);
  });

  it("shows a long slow-mode wait failed with its time", async () => {
    const { c, socket } = await openClient();
    const [a] = sendAll(c, ["a"]);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    socket.receive({ type: "rejected", clientId: a ?? "", reason: "rate_limited", until });
    expect(c.getSnapshot().pending[0]).toMatchObject({ status: "failed", until });
  });

  it("re-sends after a reconnect through the pacer, with the limits the new socket tells", async () => {
    const { c, socket } = await openClient({ capacity: 5, refillPerSecond: 1 });
    const ids = sendAll(c, ["a", "b", "c", "d", "e", "f"]);
    expect(socket.sentIds).toEqual(ids.slice(0, 3));
    socket.drop(1006);
    await tick(1_000);
    const second = FakeSocket.created[1];
    if (!second) throw new Error("no reconnect");
    second.open();
    second.receive({
      type: "limits",
      limits: { rate: { capacity: 2, refillPerSecond: 1 }, typing: true },
    });
    await tick();
    // Two tokens at most now, one at a time past half: the first re-send only.
    expect(second.sentIds).toEqual(ids.slice(0, 1));
    for (let id = 1; id <= 6; id++) {
      store(second, ids[id - 1] ?? "", id);
      await tick(1_100);
    }
    expect(second.sentIds).toEqual(ids);
    expect(c.stats.resent).toBe(6);
  });

  it("sends anyway when the catch-up hangs, in typed order", async () => {
    const c = client();
    const socket = await connect(c);
    const ids = sendAll(c, ["a", "b"]);
    app.routes.messages = held().handler;
    socket.open();
    await tick(9_000);
    expect(socket.sent).toEqual([]);
    await tick(1_000);
    expect(socket.sentIds).toEqual(ids);
  });

  it("sends nothing more after stop", async () => {
    const { c, socket } = await openClient({ capacity: 1, refillPerSecond: 1 });
    sendAll(c, ["a", "b"]);
    expect(socket.sentIds).toHaveLength(1);
    c.stop();
    await tick(10_000);
    expect(socket.sentIds).toHaveLength(1);
  });
});

describe("RoomClient typing", () => {
  /** A page clock and timer queue the test moves by hand (no sleeps, no wall clock). */
  function manualTime() {
    let time = 1_000;
    let timers: { at: number; fn: () => void }[] = [];
    return {
      now: () => time,
      schedule: (fn: () => void, ms: number) => {
        const timer = { at: time + ms, fn };
        timers.push(timer);
        return () => {
          timers = timers.filter((t) => t !== timer);
        };
      },
      /** Moves the clock on and runs the timers that came due, in order. */
      advance(ms: number) {
        time += ms;
        for (;;) {
          const due = timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at)[0];
          if (!due) return;
          timers = timers.filter((t) => t !== due);
          due.fn();
        }
      },
      pending: () => timers.length,
    };
  }
  const typingFrames = (socket: FakeSocket) =>
    socket.sent.filter((s) => JSON.parse(s).type === "typing");
  const names = (c: RoomClient) => c.getSnapshot().typists.map((t) => t.name);
  const bo = { id: 2, name: "Bo" };
  const cy = { id: 3, name: "Cy" };

  it("sends a typing frame at most once per TYPING_EVERY_MS, and only while open", async () => {
    const clock = manualTime();
    const c = client(clock);
    const socket = await connect(c);
    c.typing();
    expect(socket.sent).toEqual([]);
    socket.open();
    await tick();
    c.typing();
    c.typing();
    clock.advance(TYPING_EVERY_MS - 1);
    c.typing();
    expect(typingFrames(socket)).toEqual([JSON.stringify({ type: "typing" })]);
    clock.advance(1);
    c.typing();
    expect(typingFrames(socket)).toHaveLength(2);
    expect(c.stats.typingSent).toBe(2);
  });

  it("sends none once the room's limits say it is too big for typing", async () => {
    const clock = manualTime();
    const c = client(clock);
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.receive({
      type: "limits",
      limits: { rate: { capacity: 5, refillPerSecond: 1 }, typing: false },
    });
    c.typing();
    expect(typingFrames(socket)).toEqual([]);
  });

  it("shows who types until TYPING_TTL_MS after their last frame", async () => {
    const clock = manualTime();
    const c = client(clock);
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.receive({ type: "typing", user: bo });
    expect(names(c)).toEqual(["Bo"]);
    clock.advance(TYPING_TTL_MS - 1_000);
    socket.receive({ type: "typing", user: cy });
    socket.receive({ type: "typing", user: bo });
    // A renewal keeps Bo's place.
    expect(names(c)).toEqual(["Bo", "Cy"]);
    clock.advance(TYPING_TTL_MS - 1);
    expect(names(c)).toEqual(["Bo", "Cy"]);
    clock.advance(1);
    expect(names(c)).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("drops a typist when their message arrives, alone or in a batch", async () => {
    const clock = manualTime();
    const c = client(clock);
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.receive({ type: "typing", user: bo });
    socket.receive({ type: "typing", user: cy });
    socket.receive({ type: "message", message: theirs({ id: 10 }) });
    expect(names(c)).toEqual(["Cy"]);
    socket.receive({
      type: "messages",
      messages: [
        theirs({ id: 11 }),
        chatMessage({ id: 12, author: { ...cy, image: null, role: "member" } }),
      ],
    });
    expect(names(c)).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("never lists me, and forgets everyone when stopped", async () => {
    const clock = manualTime();
    const c = client(clock);
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.receive({ type: "typing", user: { id: ME, name: "Me" } });
    expect(names(c)).toEqual([]);
    socket.receive({ type: "typing", user: bo });
    c.stop();
    expect(names(c)).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("ignores a typing frame that breaks the protocol", async () => {
    const c = client(manualTime());
    const socket = await connect(c);
    socket.open();
    await tick();
    socket.receive(JSON.stringify({ type: "typing", user: { id: "2", name: "Bo" } }));
    socket.receive(JSON.stringify({ type: "typing" }));
    expect(names(c)).toEqual([]);
  });
});

describe("RoomClient outbox", () => {
  beforeEach(() => {
    vi.useRealTimers();
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
  });

  /** A Map-backed stand-in for the tab's sessionStorage. */
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
  }

  it("a page left while messages wait their turn hands them to the next page of the channel", async () => {
    const storage = memoryStorage();
    const outbox = storageOutbox(storage, outboxKey(ME, "general"));
    const first = client({ outbox });
    const socket = await connect(first);
    socket.open();
    socket.receive({
      type: "limits",
      limits: { rate: { capacity: 1, refillPerSecond: 1 }, typing: true },
    });
    await tick();
    const ids = ["one", "two", "three"].map((body) => {
      const r = first.send(body);
      if (!r.ok) throw new Error(r.reason);
      return r.clientId;
    });
    // Only the first went before the person left; the room stored it.
    expect(socket.sentIds).toEqual(ids.slice(0, 1));
    socket.receive({ type: "message", message: mine({ id: 1, clientId: ids[0] ?? "" }) });
    first.stop();
    expect(outbox.load().map((p) => p.body)).toEqual(["two", "three"]);

    // Back on the channel: the new page sends what was left, with the same clientIds, in order.
    const second = client({ outbox, initial: [mine({ id: 1, clientId: ids[0] ?? "" })] });
    const next = await connect(second);
    expect(second.getSnapshot().pending.map((p) => p.body)).toEqual(["two", "three"]);
    next.open();
    // It starts from an empty bucket (the page before may have just spent it), so give it time.
    await tick(10_000);
    expect(next.sentIds).toEqual(ids.slice(1));
    next.receive({ type: "message", message: mine({ id: 2, clientId: ids[1] ?? "" }) });
    next.receive({ type: "message", message: mine({ id: 3, clientId: ids[2] ?? "" }) });
    expect(second.getSnapshot().pending).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it("does not queue again what the page already holds as stored, nor what storage garbled", async () => {
    const storage = memoryStorage();
    const key = outboxKey(ME, "general");
    const stored = mine({ id: 7, clientId: "11111111-1111-4111-8111-111111111111" });
    const kept = {
      clientId: stored.clientId,
      body: "already stored",
      status: "sending",
      reason: null,
      until: null,
      queuedAt: "2026-01-01T00:00:00.000Z",
    };
    storage.setItem(key, JSON.stringify([kept]));
    const c = client({ outbox: storageOutbox(storage, key), initial: [stored] });
    await connect(c);
    expect(c.getSnapshot().pending).toEqual([]);

    storage.setItem(key, '[{"clientId":"not a uuid","body":"x"}]');
    const garbled = client({ outbox: storageOutbox(storage, key) });
    await connect(garbled);
    expect(garbled.getSnapshot().pending).toEqual([]);
    storage.setItem(key, "{not json");
    expect(storageOutbox(storage, key).load()).toEqual([]);
  });

  it("brings back a failure, or a message too old to post unasked, as failed: only Retry sends it", async () => {
    const storage = memoryStorage();
    const key = outboxKey(ME, "general");
    const now = Date.now();
    const kept = (clientId: string, status: "sending" | "failed", ageMs: number) => ({
      clientId,
      body: `kept ${clientId.slice(0, 1)}`,
      status,
      reason: status === "failed" ? "muted" : null,
      until: null,
      queuedAt: new Date(now - ageMs).toISOString(),
    });
    const refused = "22222222-2222-4222-8222-222222222222";
    const old = "33333333-3333-4333-8333-333333333333";
    storage.setItem(
      key,
      JSON.stringify([kept(refused, "failed", 1_000), kept(old, "sending", 60 * 60_000)]),
    );
    const c = client({ outbox: storageOutbox(storage, key) });
    const socket = await connect(c);
    socket.open();
    await tick(10_000);
    expect(socket.sent).toEqual([]);
    expect(c.getSnapshot().pending.map((p) => [p.clientId, p.status, p.reason])).toEqual([
      [refused, "failed", "muted"],
      [old, "failed", "unavailable"],
    ]);
    c.retry(old);
    await tick(10_000);
    expect(socket.sentIds).toEqual([old]);
  });
});
