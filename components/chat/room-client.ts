/**
 * The live side of one channel as a plain class, with no React in it: the socket to the room
 * (partysocket, a fresh token on every (re)connect), the catch-up after every open, the timeline
 * of stored and pending messages, presence, older pages, and what each close code means. The
 * page wraps it in a hook (use-channel-room.ts); the fault-suite bots drive the same class in
 * Node, so the tests prove the client people run. It holds no words for people: what went wrong
 * is a RoomProblem, which the page puts into the reader's language (problem-text.ts).
 *
 * Sends are paced, not refused: every message joins a queue that a SendPacer releases in order
 * within the limits the room told on open, so a quick burst of typing waits instead of failing.
 */
import type PartySocket from "partysocket";
import { afterClose } from "@/party/close-codes";
import { parseServerFrame } from "@/party/frames";
import {
  type ChatMessage,
  type ClientFrame,
  checkBody,
  type PresenceUser,
  type ReactionEvent,
  type RejectReason,
  type ReplyParent,
  type SendFrame,
  type ServerFrame,
  TYPING_EVERY_MS,
} from "@/party/protocol";
import { type AppFetch, browserFetch } from "./app-fetch";
import { catchUp } from "./catch-up";
import { fetchChanges, fetchHistoryPage } from "./channel-requests";
import { type Outbox, revive } from "./outbox";
import { ReactionOrder } from "./reaction-order";
import { openRoomSocket, type WebSocketClass } from "./room-socket";
import { FatalConnectError, fetchRoomToken, type JoinRefusal } from "./room-token";
import { SendPacer } from "./send-pacer";
import {
  type PendingMessage,
  replyQuote,
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
  /** `rate_limited` refusals the pacer took back into its queue instead of showing them failed. */
  requeued: number;
  /** `typing` frames written. */
  typingSent: number;
};

export type { WebSocketClass } from "./room-socket";

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
  /**
   * Keeps unsent messages across pages of this channel in one tab (outbox.ts): read on the first
   * `start`, written whenever the unsent ones change.
   */
  outbox?: Outbox;
};

/** Why `send` refused a body outright: nothing but spaces, or too long (checkBody). */
export type SendRefusal = "empty" | "too_long";

/** The outcome of `send`: the new message's clientId, or why it was not sent. */
export type SendResult = { ok: true; clientId: string } | { ok: false; reason: SendRefusal };

const OPEN = 1;
const TYPING_FRAME = JSON.stringify({ type: "typing" } satisfies ClientFrame);
const CATCH_UP_PAGE = 200;
const OLDER_PAGE = 50;
/** Longest the queue waits for a catch-up before sending anyway. */
const CATCH_UP_PATIENCE_MS = 10_000;
/**
 * How long the page waits for a history or changes answer before giving up on it. Until an
 * answer lands, live reaction frames are kept to be applied again after it (openSnapshot): one
 * that never lands would keep that log growing for good.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

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
    requeued: 0,
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
  /** Whether the outbox was read: once, when the page first starts (after hydration). */
  private outboxRead = false;
  /** Counts opens: work started for one open is dropped once a newer open has begun. */
  private openGeneration = 0;
  /** Decides when each queued message may go; it sends nothing itself. */
  private readonly pacer: SendPacer;
  /** The pacer's next wake-up, when it waits for a token or for slow mode. */
  private pacerTimer: ReturnType<typeof setTimeout> | null = null;
  /** Messages queued when the last catch-up ended: sending one of them counts as a re-send. */
  private toResend = new Set<string>();
  /** The older page on its way, if any. */
  private olderInFlight: Promise<boolean> | null = null;
  /** Server time from which every edit and deletion has been seen; each catch-up moves it on. */
  private syncedAt: string;
  /**
   * Reaction frames received while an answer that carries reactions (history, changes) is on
   * its way. Such an answer is what the server read when it was asked; a frame can arrive first
   * yet be newer, so the frames of its flight are applied again after it. Kept only while some
   * answer is awaited.
   */
  private reactionLog: ReactionEvent[] = [];
  private readonly reactionOrder = new ReactionOrder();
  private snapshotsInFlight = 0;
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
    // The room's default until it tells its own limits on open.
    this.pacer = new SendPacer(this.now());
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
    this.restoreOutbox();
    this.update({ status: "connecting", problem: null });
    const socket = openRoomSocket({
      host: this.partyHost,
      party: "main",
      room: this.slug,
      query: (attempt) => this.tokenQuery(attempt),
      WebSocket: this.options.WebSocket,
      random: this.options.random,
      maxReconnectionDelay: this.options.maxReconnectionDelay,
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
    this.pacer.pause();
    this.clearPacerTimer();
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

  /**
   * Queues a new message; it goes as soon as the socket is open and the pacer lets it. `replyTo`
   * is the message it answers: its id alone (a bot), or the quote the page shows while the reply
   * is pending.
   */
  send(body: string, replyTo?: number | ReplyParent): SendResult {
    const problem = checkBody(body);
    if (problem) return { ok: false, reason: problem };
    const clientId = (this.options.newClientId ?? (() => crypto.randomUUID()))();
    const quote: ReplyParent | null =
      replyTo === undefined
        ? null
        : typeof replyTo === "number"
          ? (this.quoteOf(replyTo) ?? { id: replyTo, authorName: "", excerpt: "", deleted: false })
          : replyTo;
    this.dispatch({
      type: "queued",
      clientId,
      body,
      at: new Date(this.now()).toISOString(),
      replyTo: quote,
    });
    this.pacer.add(clientId);
    this.pump();
    return { ok: true, clientId };
  }

  /** The quote a reply to a held message shows, or null when the page does not hold it. */
  quoteOf(id: number): ReplyParent | null {
    const m = this.timeline.messages.find((x) => x.id === id);
    return m ? replyQuote(m) : null;
  }

  /**
   * Queues a failed message again with its original clientId, so it cannot be stored twice. It
   * joins the end of the queue: what was typed since it failed is already on its way.
   */
  retry(clientId: string): void {
    const p = this.timeline.pending.find((m) => m.clientId === clientId);
    if (p?.status !== "failed") return;
    this.dispatch({ type: "retrying", clientId });
    this.pacer.add(clientId);
    this.pump();
  }

  /** Drops a pending message from the page (and from the queue). */
  discard(clientId: string): void {
    this.dispatch({ type: "discard", clientId });
    this.pacer.settle(clientId);
    this.pump();
  }

  /**
   * Loads the page before the oldest message held; resolves false if it could not. A call while
   * a page is on its way waits for that page instead of asking again.
   */
  loadOlder(): Promise<boolean> {
    if (this.olderInFlight) return this.olderInFlight;
    if (!this.state.hasOlder) return Promise.resolve(true);
    this.olderInFlight = this.fetchOlder().finally(() => {
      this.olderInFlight = null;
    });
    return this.olderInFlight;
  }

  /**
   * Loads older pages until the message `id` is held, at most `maxPages` of them (a reply's
   * quote jumps to its parent). Resolves whether it is held now.
   */
  async loadUntilHeld(id: number, maxPages: number): Promise<boolean> {
    const held = () => this.timeline.messages.some((m) => m.id === id);
    for (let pages = 0; !held() && pages < maxPages && this.state.hasOlder; pages++) {
      const oldest = this.timeline.messages[0]?.id;
      // Ids only grow, so a parent newer than the oldest held message is not coming (deleted).
      if (oldest !== undefined && oldest < id) break;
      if (!(await this.loadOlder())) break;
    }
    return held();
  }

  private async fetchOlder(): Promise<boolean> {
    const first = this.timeline.messages[0];
    this.update({ loadingOlder: true });
    const snapshot = this.openSnapshot();
    try {
      const page = await this.timed((signal) =>
        fetchHistoryPage(
          this.appFetch,
          this.slug,
          first ? { before: first.id, limit: OLDER_PAGE } : { limit: OLDER_PAGE },
          signal,
        ),
      );
      this.dispatch({ type: "merge", messages: page.messages });
      snapshot.replay();
      this.update({ hasOlder: page.hasMore });
      return true;
    } catch {
      this.update({ problem: { kind: "older-failed" } });
      return false;
    } finally {
      snapshot.close();
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
    // Nothing goes until the catch-up has said what is stored already, and then in typed order:
    // what was on its way when the last socket closed first, then what was typed since.
    this.pacer.pause();
    this.update({ status: "open", problem: null });
    const current = () =>
      generation === this.openGeneration && socket === this.socket && !this.stopped;
    let resumed = false;
    const resume = () => {
      if (resumed || !current()) return;
      resumed = true;
      this.toResend = new Set(this.pacer.queued);
      this.pacer.resume();
      this.pump();
    };
    // A catch-up that hangs must not hold the user's messages for good. Sending before it ends
    // only risks a needless re-send, which the store answers with the stored message.
    const patience = setTimeout(resume, CATCH_UP_PATIENCE_MS);
    void this.catchUp().then((complete) => {
      clearTimeout(patience);
      // A newer open re-sends after its own catch-up; this one's socket is gone.
      if (!current()) return;
      if (!complete) {
        this.update({ problem: { kind: "catch-up-incomplete" } });
      }
      // Stored ones were settled by the catch-up; what is left was never stored.
      resume();
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
    const changesSnapshot = this.openSnapshot();
    const changes = this.timed((signal) =>
      fetchChanges(
        this.appFetch,
        this.slug,
        { since: this.syncedAt, from: oldest, upTo: newest },
        signal,
      ),
    ).then((c) => {
      this.stats.changes++;
      if (this.stopped) return;
      this.dispatch({ type: "changed", edited: c.edited, deletedIds: c.deletedIds });
      changesSnapshot.replay();
      // Answers can arrive out of order across quick reconnects; never move back in time.
      if (c.asOf > this.syncedAt) this.syncedAt = c.asOf;
      if (!c.complete) throw new Error("More changes than one answer holds");
    });
    const pagesSnapshot = this.openSnapshot();
    const missed = catchUp({
      after: newest,
      fetchPage: async (after) => {
        const page = await this.timed((signal) =>
          fetchHistoryPage(this.appFetch, this.slug, { after, limit: CATCH_UP_PAGE }, signal),
        );
        this.stats.catchUpPages++;
        return page;
      },
      merge: (messages) => {
        this.dispatch({ type: "merge", messages });
        pagesSnapshot.replay();
      },
      stopped: () => this.stopped,
    });
    const results = await Promise.allSettled([
      changes.finally(changesSnapshot.close),
      missed.finally(pagesSnapshot.close),
    ]);
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
        if (frame.clientId) this.refused(frame.clientId, frame.reason, frame.until);
        break;
      case "limits":
        this.typingAllowed = frame.limits.typing;
        this.pacer.setLimits(frame.limits.rate, this.now());
        this.pump();
        break;
      case "deleted":
        this.dispatch({ type: "deleted", id: frame.id });
        break;
      case "reaction":
        this.reacted(frame.event);
        break;
      case "reactions":
        for (const event of frame.events) this.reacted(event);
        break;
      case "presence":
        this.update({ presence: { users: frame.users, count: frame.count } });
        break;
      case "typing":
        this.setTyping(heardTyping(this.state.typists, frame.user, this.now(), this.options.me));
        break;
    }
    for (const listener of this.frameListeners) listener(frame);
  }

  private onClose(socket: PartySocket, code: number): void {
    this.stats.closes++;
    if (socket !== this.socket || this.stopped) return;
    this.pacer.pause();
    this.clearPacerTimer();
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

  /**
   * The room refused a message. A refusal of the bucket goes back into the queue (another tab of
   * the same user spends the same tokens), slow mode holds the queue until its time; only what
   * the pacer gives up on, and every other reason, shows failed.
   */
  private refused(clientId: string, reason: RejectReason, until: string | undefined): void {
    const untilMs = until === undefined ? Number.NaN : Date.parse(until);
    const outcome = this.pacer.refuse(
      clientId,
      { rateLimited: reason === "rate_limited", until: Number.isNaN(untilMs) ? null : untilMs },
      this.now(),
    );
    if (outcome.kind === "failed") {
      this.dispatch({ type: "rejected", clientId, reason, until });
    } else {
      this.stats.requeued++;
      if (outcome.kind === "slow-mode") {
        this.dispatch({ type: "waiting", clientId, until: new Date(outcome.until).toISOString() });
      }
    }
    this.pump();
  }

  /** Sends what the pacer releases now, and asks it again when it says. */
  private pump(): void {
    this.clearPacerTimer();
    if (this.stopped) return;
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    const now = this.now();
    const { send, wakeAt } = this.pacer.release(now);
    for (const clientId of send) {
      const p = this.timeline.pending.find((m) => m.clientId === clientId);
      if (!p) continue;
      if (p.until !== null) this.dispatch({ type: "retrying", clientId });
      this.sendFrame(socket, p);
      if (this.toResend.delete(clientId)) this.stats.resent++;
    }
    if (wakeAt !== null) {
      this.pacerTimer = setTimeout(() => this.pump(), Math.max(0, wakeAt - now));
    }
  }

  private clearPacerTimer(): void {
    if (this.pacerTimer !== null) clearTimeout(this.pacerTimer);
    this.pacerTimer = null;
  }

  /** Writes a pending message's `send` frame on the open socket (the pacer releases only then). */
  private sendFrame(socket: PartySocket, p: PendingMessage): void {
    const frame: SendFrame =
      p.replyTo == null
        ? { type: "send", clientId: p.clientId, body: p.body }
        : { type: "send", clientId: p.clientId, body: p.body, replyTo: p.replyTo.id };
    socket.send(JSON.stringify(frame));
    this.stats.framesSent++;
  }

  /**
   * Runs a request the page gives up on after REQUEST_TIMEOUT_MS: its fetch is aborted, and the
   * promise rejects then even if the fetch ignores the abort.
   */
  private timed<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    return new Promise<T>((resolve, reject) => {
      const cancel = this.schedule(() => {
        controller.abort();
        reject(new Error("The request took too long"));
      }, REQUEST_TIMEOUT_MS);
      run(controller.signal).then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  /** A live reaction event: applied now, and again after any snapshot on its way lands. */
  private reacted(event: ReactionEvent): void {
    if (this.snapshotsInFlight > 0) this.reactionLog.push(event);
    this.applyReaction(event);
  }

  /** Applies what is new in a reaction event (an older one than seen keeps the newer count). */
  private applyReaction(event: ReactionEvent): void {
    const held = this.timeline.messages.find((m) => m.id === event.messageId);
    const count = held?.reactions?.find((r) => r.emoji === event.emoji)?.count ?? 0;
    const admitted = this.reactionOrder.admit(event, count);
    if (admitted) this.dispatch({ type: "reaction", event: admitted });
  }

  /**
   * Marks the start of a request whose answer carries reactions: `replay` applies again the
   * reaction frames received since, right after the answer is merged; `close` ends the mark.
   */
  private openSnapshot(): { replay: () => void; close: () => void } {
    this.snapshotsInFlight++;
    const start = this.reactionLog.length;
    let open = true;
    return {
      replay: () => {
        for (const event of this.reactionLog.slice(start)) this.applyReaction(event);
      },
      close: () => {
        if (!open) return;
        open = false;
        this.snapshotsInFlight--;
        if (this.snapshotsInFlight === 0) this.reactionLog = [];
      },
    };
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

  /**
   * Queues what an earlier page of this channel left unsent, in its order and ahead of anything
   * new. Read in `start`, not the constructor: the server renders without it, and the first
   * render in the browser must match.
   */
  private restoreOutbox(): void {
    if (this.outboxRead || !this.options.outbox) return;
    this.outboxRead = true;
    const kept = this.options.outbox.load();
    if (kept.length === 0) return;
    const now = this.now();
    this.dispatch({ type: "restored", pending: kept.map((p) => revive(p, now)) });
    // The page that left them may have just emptied the room's bucket: start from empty.
    this.pacer.assumeSpent(now);
    for (const p of this.timeline.pending) if (p.status === "sending") this.pacer.add(p.clientId);
  }

  private dispatch(action: TimelineAction): void {
    const next = timelineReducer(this.timeline, action);
    if (next === this.timeline) return;
    if (next.pending !== this.timeline.pending) this.options.outbox?.save(next.pending);
    const settled = next.pending.length < this.timeline.pending.length;
    this.timeline = next;
    if (settled) {
      // Stored (or dropped): it leaves the queue, which may let the next one go.
      const held = new Set(next.pending.map((p) => p.clientId));
      for (const clientId of this.pacer.queued)
        if (!held.has(clientId)) this.pacer.settle(clientId);
    }
    this.update({ messages: next.messages, pending: next.pending });
    if (settled) this.pump();
  }

  private update(patch: Partial<RoomState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
