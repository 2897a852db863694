/**
 * The live side of one channel as a plain class, with no React in it: the socket to the room
 * (partysocket, a fresh token on every (re)connect), the catch-up after every open, the timeline
 * of stored and pending messages, presence, older pages, and what each close code means. The
 * page wraps it in a hook (use-channel-room.ts); the fault-suite bots drive the same class in
 * Node, so the tests prove the client people run. It holds no words for people: what went wrong
 * is a RoomProblem, which the page puts into the reader's language (problem-text.ts).
 */
import PartySocket from "partysocket";
import { afterClose } from "@/party/close-codes";
import { parseServerFrame } from "@/party/frames";
import {
  type ChatMessage,
  type ClientFrame,
  checkBody,
  type PresenceUser,
  type SendFrame,
  type ServerFrame,
  TYPING_EVERY_MS,
} from "@/party/protocol";
import { type AppFetch, browserFetch } from "./app-fetch";
import { catchUp } from "./catch-up";
import { fetchChanges, fetchHistoryPage } from "./channel-requests";
import { FatalConnectError, fetchRoomToken, type JoinRefusal } from "./room-token";
import {
  type PendingMessage,
  type Timeline,
  type TimelineAction,
  timelineReducer,
} from "./timeline";
import {
  expireTyping,
  heardTyping,
  nextTypingExpiry,
  stoppedTyping,
  type Typist,
} from "./typing-state";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "stopped";

/** Who is here as the room last said: the first people by name, and how many in all. */
export type Presence = { users: PresenceUser[]; count: number };

/** What is wrong with the live view, as data; the page says it in the reader's language. */
export type RoomProblem =
  /** The token route said no for good: signed out, banned, or the channel is gone. */
  | { kind: "refused"; refusal: JoinRefusal }
  /** The room closed the socket with a code that means "do not come back" (party/close-codes.ts). */
  | { kind: "closed"; code: number }
  /** An older page could not be fetched; the button stays for another try. */
  | { kind: "older-failed" }
  /** The catch-up after a (re)connect did not get everything the page missed. */
  | { kind: "catch-up-incomplete" };

/** What the page shows; a new object on every change, so React can compare by reference. */
export type RoomState = {
  messages: ChatMessage[];
  pending: PendingMessage[];
  presence: Presence;
  status: ConnectionStatus;
  problem: RoomProblem | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Others typing now, first to start first (never me). */
  typists: Typist[];
};

/** Counters a test reads to tell what the client did, not only what it ended up holding. */
export type RoomStats = {
  /** `send` frames written to an open socket (first sends, re-sends and retries). */
  framesSent: number;
  /** Pending messages re-sent after a catch-up. */
  resent: number;
  opens: number;
  /** Closes the socket reported, the client's own stop included. */
  closes: number;
  /** Pages of `/messages?after=` fetched while catching up. */
  catchUpPages: number;
  /** `/changes` answers received. */
  changes: number;
  /** Stored messages that arrived live (in `message` and `messages` frames). */
  liveMessages: number;
  /** `rejected` frames received. */
  rejections: number;
  /** `typing` frames written. */
  typingSent: number;
};

/** A WebSocket constructor as partysocket calls it. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => unknown;

export type RoomClientOptions = {
  slug: string;
  /** host[:port] of the room server; rooms are at /parties/main/<slug>. */
  partyHost: string;
  /** The signed-in user's id: only their stored messages settle their pending ones. */
  me: number;
  /** Stored messages the page was rendered with, oldest first. */
  initial?: ChatMessage[];
  initialHasOlder?: boolean;
  /** Server time `initial` is current from (ISO 8601): where catching up on edits starts. */
  syncedAt?: string;
  /** Reaches the app; the browser's fetch by default. */
  fetch?: AppFetch;
  /** The socket class; the browser's by default (Node passes `ws`, tests a fake). */
  WebSocket?: WebSocketClass;
  /** Ceiling of the reconnect backoff in ms. */
  maxReconnectionDelay?: number;
  random?: () => number;
  newClientId?: () => string;
  now?: () => number;
  /** Runs `fn` after `ms`, returning its cancel; setTimeout by default (tests pass a fake clock's). */
  schedule?: (fn: () => void, ms: number) => () => void;
};

/** Why `send` refused a body outright: nothing but spaces, or too long (checkBody). */
export type SendRefusal = "empty" | "too_long";

/** The outcome of `send`: the new message's clientId, or why it was not sent. */
export type SendResult = { ok: true; clientId: string } | { ok: false; reason: SendRefusal };

const OPEN = 1;
const TYPING_FRAME = JSON.stringify({ type: "typing" } satisfies ClientFrame);
const CATCH_UP_PAGE = 200;
const OLDER_PAGE = 50;

export class RoomClient {
  readonly slug: string;
  readonly partyHost: string;
  readonly stats: RoomStats = {
    framesSent: 0,
    resent: 0,
    opens: 0,
    closes: 0,
    catchUpPages: 0,
    changes: 0,
    liveMessages: 0,
    rejections: 0,
    typingSent: 0,
  };
  private readonly appFetch: AppFetch;
  private readonly options: RoomClientOptions;
  private timeline: Timeline;
  private state: RoomState;
  private readonly listeners = new Set<() => void>();
  private readonly frameListeners = new Set<(frame: ServerFrame) => void>();
  private socket: PartySocket | null = null;
  private stopped = false;
  /** Counts opens: work started for one open is dropped once a newer open has begun. */
  private openGeneration = 0;
  /**
   * clientIds already sent on the socket as it is open now: the re-send after catch-up skips
   * them, so a message typed during the catch-up does not go out twice.
   */
  private sentThisOpen = new Set<string>();
  /** Server time from which every edit and deletion has been seen; each catch-up moves it on. */
  private syncedAt: string;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  /** When this page last wrote a typing frame (its clock), or null. */
  private typingSentAt: number | null = null;
  /** False once the room said (in `limits`) that it is too big for typing indicators. */
  private typingAllowed = true;
  /** Cancels the timer that drops the next typist whose indicator runs out. */
  private cancelTypingTimer: (() => void) | null = null;

  constructor(options: RoomClientOptions) {
    this.options = options;
    this.slug = options.slug;
    this.partyHost = options.partyHost;
    this.appFetch = options.fetch ?? browserFetch;
    this.now = options.now ?? Date.now;
    this.schedule =
      options.schedule ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      });
    this.syncedAt = options.syncedAt ?? new Date((options.now ?? Date.now)()).toISOString();
    this.timeline = { me: options.me, messages: options.initial ?? [], pending: [] };
    this.state = {
      messages: this.timeline.messages,
      pending: this.timeline.pending,
      presence: { users: [], count: 0 },
      status: "connecting",
      problem: null,
      hasOlder: options.initialHasOlder ?? false,
      loadingOlder: false,
      typists: [],
    };
  }

  /** Registers a listener for any change of the snapshot; returns its removal. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state; the same object until something changes. */
  getSnapshot = (): RoomState => this.state;

  /** Calls `listener` with every valid frame from the room, after the state has taken it in. */
  onFrame(listener: (frame: ServerFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Opens the socket (nothing happens if it is already open or opening). */
  start(): void {
    if (this.socket) return;
    this.stopped = false;
    this.update({ status: "connecting", problem: null });
    const random = this.options.random ?? Math.random;
    const socket: PartySocket = new PartySocket({
      host: this.partyHost,
      room: this.slug,
      party: "main",
      WebSocket: this.options.WebSocket,
      query: () => this.tokenQuery(socket),
      // Jitter spreads a crowd's reconnects after a room restart.
      minReconnectionDelay: 300 + random() * 700,
      maxReconnectionDelay: this.options.maxReconnectionDelay ?? 10_000,
      reconnectionDelayGrowFactor: 1.5,
      shouldReconnectOnClose: (event) => afterClose(event.code) === "reconnect",
    });
    this.socket = socket;
    socket.addEventListener("open", () => this.onOpen(socket));
    socket.addEventListener("message", (event) => this.onMessage(event.data));
    socket.addEventListener("close", (event) => this.onClose(socket, event.code));
  }

  /** Closes the socket for good (until `start` again). */
  stop(): void {
    const socket = this.socket;
    this.stopped = true;
    this.socket = null;
    this.cancelTypingTimer?.();
    this.cancelTypingTimer = null;
    this.update({ status: "stopped", typists: [] });
    socket?.close();
  }

  /**
   * The user is typing (the composer's text changed): tells the room, at most once per
   * TYPING_EVERY_MS, and only on an open socket in a room that relays typing. A frame lost to a
   * closed socket is not worth re-sending: the next keystroke sends a fresh one.
   */
  typing(): void {
    const socket = this.socket;
    if (!this.typingAllowed || !socket || socket.readyState !== OPEN) return;
    const now = this.now();
    if (this.typingSentAt !== null && now - this.typingSentAt < TYPING_EVERY_MS) return;
    this.typingSentAt = now;
    socket.send(TYPING_FRAME);
    this.stats.typingSent++;
  }

  /** Queues a new message and sends it if the socket is open. */
  send(body: string): SendResult {
    const problem = checkBody(body);
    if (problem) return { ok: false, reason: problem };
    const clientId = (this.options.newClientId ?? (() => crypto.randomUUID()))();
    this.dispatch({ type: "queued", clientId, body, at: new Date().toISOString() });
    this.sendFrame(clientId, body);
    return { ok: true, clientId };
  }

  /** Sends a failed message again with its original clientId, so it cannot be stored twice. */
  retry(clientId: string): void {
    const p = this.timeline.pending.find((m) => m.clientId === clientId);
    if (!p) return;
    this.dispatch({ type: "retrying", clientId });
    this.sendFrame(p.clientId, p.body);
  }

  /** Drops a pending message from the page. */
  discard(clientId: string): void {
    this.dispatch({ type: "discard", clientId });
  }

  /** Loads the page before the oldest message held. */
  async loadOlder(): Promise<void> {
    if (this.state.loadingOlder || !this.state.hasOlder) return;
    const first = this.timeline.messages[0];
    this.update({ loadingOlder: true });
    try {
      const page = await fetchHistoryPage(
        this.appFetch,
        this.slug,
        first ? { before: first.id, limit: OLDER_PAGE } : { limit: OLDER_PAGE },
      );
      this.dispatch({ type: "merge", messages: page.messages });
      this.update({ hasOlder: page.hasMore });
    } catch {
      this.update({ problem: { kind: "older-failed" } });
    } finally {
      this.update({ loadingOlder: false });
    }
  }

  private async tokenQuery(socket: PartySocket): Promise<Record<string, string>> {
    try {
      return { token: await fetchRoomToken(this.appFetch, this.slug) };
    } catch (error) {
      if (error instanceof FatalConnectError && socket === this.socket) {
        this.stopped = true;
        this.update({ status: "stopped", problem: { kind: "refused", refusal: error.refusal } });
        socket.close();
      }
      // partysocket treats a failed query as a failed connect: it backs off and asks again,
      // unless the close above ended it.
      throw error;
    }
  }

  private onOpen(socket: PartySocket): void {
    if (socket !== this.socket) return;
    this.stats.opens++;
    const generation = ++this.openGeneration;
    this.sentThisOpen = new Set();
    this.update({ status: "open", problem: null });
    void this.catchUp().then((complete) => {
      // A newer open re-sends after its own catch-up; this one's socket is gone.
      if (generation !== this.openGeneration || socket !== this.socket || this.stopped) return;
      if (!complete) {
        this.update({ problem: { kind: "catch-up-incomplete" } });
      }
      // Stored ones were settled by the catch-up; what is left was never stored.
      for (const p of this.timeline.pending) {
        if (p.status !== "sending" || this.sentThisOpen.has(p.clientId)) continue;
        if (this.sendFrame(p.clientId, p.body)) this.stats.resent++;
      }
    });
  }

  /**
   * New messages after the newest held, and edits and deletions to what is held, side by side.
   * Resolves (never rejects) once both have settled: true if both succeeded.
   */
  private async catchUp(): Promise<boolean> {
    const held = this.timeline.messages;
    const oldest = held[0]?.id ?? 0;
    const newest = held[held.length - 1]?.id ?? 0;
    const changes = fetchChanges(this.appFetch, this.slug, {
      since: this.syncedAt,
      from: oldest,
      upTo: newest,
    }).then((c) => {
      this.stats.changes++;
      if (this.stopped) return;
      this.dispatch({ type: "changed", edited: c.edited, deletedIds: c.deletedIds });
      // Answers can arrive out of order across quick reconnects; never move back in time.
      if (c.asOf > this.syncedAt) this.syncedAt = c.asOf;
      if (!c.complete) throw new Error("More changes than one answer holds");
    });
    const missed = catchUp({
      after: newest,
      fetchPage: async (after) => {
        const page = await fetchHistoryPage(this.appFetch, this.slug, {
          after,
          limit: CATCH_UP_PAGE,
        });
        this.stats.catchUpPages++;
        return page;
      },
      merge: (messages) => this.dispatch({ type: "merge", messages }),
      stopped: () => this.stopped,
    });
    const results = await Promise.allSettled([changes, missed]);
    return results.every((r) => r.status === "fulfilled");
  }

  private onMessage(data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame) return;
    switch (frame.type) {
      case "message":
        this.stats.liveMessages++;
        this.dispatch({ type: "merge", messages: [frame.message] });
        this.stopTyping([frame.message.author.id]);
        break;
      case "messages":
        this.stats.liveMessages += frame.messages.length;
        this.dispatch({ type: "merge", messages: frame.messages });
        this.stopTyping(frame.messages.map((m) => m.author.id));
        break;
      case "rejected":
        this.stats.rejections++;
        if (frame.clientId) {
          this.dispatch({
            type: "rejected",
            clientId: frame.clientId,
            reason: frame.reason,
            until: frame.until,
          });
        }
        break;
      case "deleted":
        this.dispatch({ type: "deleted", id: frame.id });
        break;
      case "presence":
        this.update({ presence: { users: frame.users, count: frame.count } });
        break;
      case "typing":
        this.setTyping(heardTyping(this.state.typists, frame.user, this.now(), this.options.me));
        break;
      case "limits":
        this.typingAllowed = frame.limits.typing;
        break;
    }
    for (const listener of this.frameListeners) listener(frame);
  }

  private onClose(socket: PartySocket, code: number): void {
    this.stats.closes++;
    if (socket !== this.socket || this.stopped) return;
    const action = afterClose(code);
    if (action === "reconnect") {
      this.update({ status: "reconnecting" });
      return;
    }
    this.stopped = true;
    // The code, not the room's reason text: the room words its reasons in English for logs.
    this.update({ status: "stopped", problem: { kind: "closed", code } });
    if (action === "stop-and-ask-why") {
      // The token route says why in full (banned until when, and the moderator's reason).
      fetchRoomToken(this.appFetch, this.slug).catch((error: unknown) => {
        if (error instanceof FatalConnectError && socket === this.socket) {
          this.update({ problem: { kind: "refused", refusal: error.refusal } });
        }
      });
    }
  }

  /** Writes a `send` frame, only on an open socket: partysocket would buffer it otherwise and
   * flush it on reconnect, next to the re-send after catch-up. */
  private sendFrame(clientId: string, body: string): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    const frame: SendFrame = { type: "send", clientId, body };
    socket.send(JSON.stringify(frame));
    this.sentThisOpen.add(clientId);
    this.stats.framesSent++;
    return true;
  }

  /**
   * Their message arrived, so they are no longer typing it. An edit arrives as a `message` frame
   * too and clears its author as well; if they are still typing, their next frame (within
   * TYPING_EVERY_MS) shows them again.
   */
  private stopTyping(authorIds: number[]): void {
    this.setTyping(stoppedTyping(this.state.typists, authorIds));
  }

  /** Takes the new list of typists and sets one timer for the first of them to run out. */
  private setTyping(typing: Typist[]): void {
    if (typing === this.state.typists) return;
    this.update({ typists: typing });
    this.armTypingTimer();
  }

  private armTypingTimer(): void {
    this.cancelTypingTimer?.();
    this.cancelTypingTimer = null;
    const next = nextTypingExpiry(this.state.typists);
    if (next === null) return;
    this.cancelTypingTimer = this.schedule(
      () => {
        this.cancelTypingTimer = null;
        const left = expireTyping(this.state.typists, this.now());
        // A timer may fire a hair early by the page's clock: then it waits again.
        if (left === this.state.typists) this.armTypingTimer();
        else this.setTyping(left);
      },
      Math.max(0, next - this.now()),
    );
  }

  private dispatch(action: TimelineAction): void {
    const next = timelineReducer(this.timeline, action);
    if (next === this.timeline) return;
    this.timeline = next;
    this.update({ messages: next.messages, pending: next.pending });
  }

  private update(patch: Partial<RoomState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
