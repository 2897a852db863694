/**
 * The room's behaviour as a plain class: what happens on connect, on each frame, on close and
 * on a command from Next.js. The PartyKit server (server.ts) only adapts its callbacks to this,
 * so unit tests drive the same code with fake sockets.
 */
import { CLOSE } from "./close-codes";
import { storedFrames } from "./fan-out";
import { parseClientFrame } from "./frames";
import { presenceDelayMs, presenceFrame } from "./presence";
import type { RejectReason, RoomCommand, ServerFrame, StoreResult } from "./protocol";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit";
import { ReactionGather } from "./reaction-gather";
import { type QueuedMessage, SendQueue } from "./send-queue";
import type { RoomUser } from "./token";
import { issuedBeforeKick } from "./token-expiry";
import {
  DEFAULT_TYPING_MAX_SOCKETS,
  type TypingOptions,
  TypingThrottle,
  typingOpen,
} from "./typing";

/**
 * What the room keeps on each connection (survives hibernation; well under 2 KB): who it is,
 * and when its room token expires (ms since the epoch), after which it is closed.
 */
export type SocketState = { user: RoomUser; expiresAt: number };

/** A connected socket as the room sees it. */
export interface RoomSocket {
  readonly id: string;
  readonly state: SocketState | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What the hosting runtime provides. */
export interface RoomHost {
  sockets(): Iterable<RoomSocket>;
  socketsOf(userId: number): Iterable<RoomSocket>;
  socket(id: string): RoomSocket | undefined;
  /** Open sockets (without reading any socket's state). */
  count(): number;
  /** Sends to every open socket, or to all but `exceptUserId`'s. */
  broadcast(data: string, exceptUserId?: number): void;
}

export type ChatRoomOptions = {
  store: (batch: QueuedMessage[]) => Promise<StoreResult[]>;
  rateLimit?: RateLimitOptions;
  maxSocketsPerUser?: number;
  maxWaitMs?: number;
  now?: () => number;
  /** Runs `fn` after `ms`; presence updates are coalesced so a crowd joining costs one broadcast. */
  defer?: (fn: () => void, ms: number) => void;
  /** How many unreadable frames a socket may send within `windowMs` before it is closed. */
  invalidFrames?: InvalidFrameLimit;
  /** The typing relay's cap on room size (TYPING_MAX_SOCKETS) and its flood allowance. */
  typing?: Partial<TypingOptions>;
  /** The reaction broadcasts' window (REACTION_GATHER_MS). */
  reactionGatherMs?: number;
};

/** A socket past `limit` unreadable frames within `windowMs` is closed with 1008. */
export type InvalidFrameLimit = { limit: number; windowMs: number };

/**
 * A client the room runs never sends an unreadable frame (the page checks bodies before
 * sending), so a few in a short time mean a broken or hostile client.
 */
export const DEFAULT_INVALID_FRAME_LIMIT: InvalidFrameLimit = { limit: 20, windowMs: 10_000 };

export class ChatRoom {
  private readonly queue: SendQueue;
  private readonly limiter: RateLimiter;
  private readonly rateLimit: RateLimitOptions;
  private readonly typing: TypingThrottle;
  private readonly reactions: ReactionGather;
  private readonly now: () => number;
  private readonly defer: (fn: () => void, ms: number) => void;
  private readonly maxSocketsPerUser: number;
  private presenceScheduled = false;
  /** The last presence frame sent, and how many sockets it was computed from. */
  private lastPresence: { json: string; sockets: number } | null = null;
  private readonly closing = new Set<string>();
  private readonly invalidLimit: InvalidFrameLimit;
  /**
   * Unreadable frames per socket in the current window. In memory: a room that hibernates was
   * idle, and an idle socket is not flooding.
   */
  private readonly strikes = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly host: RoomHost,
    options: ChatRoomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.defer = options.defer ?? ((fn, ms) => setTimeout(fn, ms));
    this.maxSocketsPerUser = options.maxSocketsPerUser ?? 20;
    this.invalidLimit = options.invalidFrames ?? DEFAULT_INVALID_FRAME_LIMIT;
    this.rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.limiter = new RateLimiter(this.rateLimit);
    this.typing = new TypingThrottle({
      maxSockets: options.typing?.maxSockets ?? DEFAULT_TYPING_MAX_SOCKETS,
      flood: options.typing?.flood,
    });
    this.reactions = new ReactionGather({
      broadcast: (frame) => this.broadcast(frame),
      now: this.now,
      defer: this.defer,
      gatherMs: options.reactionGatherMs,
    });
    this.queue = new SendQueue({
      store: options.store,
      maxWaitMs: options.maxWaitMs,
      now: this.now,
      onStored: (results) => {
        for (const frame of storedFrames(results.map((r) => r.message))) this.broadcast(frame);
      },
      onRejected: (message, reason, until) => {
        const frame: ServerFrame = { type: "rejected", clientId: message.clientId, reason };
        if (until) frame.until = until;
        for (const id of message.notify) {
          const socket = this.host.socket(id);
          if (socket) send(socket, frame);
        }
      },
    });
  }

  /** Messages waiting to be stored or in flight. */
  get pending(): number {
    return this.queue.size;
  }

  /** Resolves when the send queue is empty (tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * A socket whose token was verified has opened; `false` when it was refused. The host finds a
   * user's sockets by tag, so this costs the same in a room of ten and of ten thousand.
   */
  connect(
    socket: RoomSocket,
    user: RoomUser,
    token: { issuedAt?: number; kickedAt?: number } = {},
  ): boolean {
    if (token.issuedAt !== undefined && issuedBeforeKick(token.issuedAt, token.kickedAt)) {
      // A token minted before the kick would let a banned user back in until it expires.
      closeQuietly(socket, CLOSE.kicked, "You were removed from this channel");
      return false;
    }
    let count = 0;
    for (const other of this.host.socketsOf(user.id)) if (other.id !== socket.id) count++;
    if (count >= this.maxSocketsPerUser) {
      socket.close(CLOSE.tooManySockets, "Too many open connections to this channel");
      return false;
    }
    this.schedulePresence();
    return true;
  }

  /** A frame arrived from a socket. */
  message(socket: RoomSocket, raw: string | ArrayBuffer | ArrayBufferView): void {
    const state = socket.state;
    if (!state) {
      send(socket, { type: "rejected", clientId: null, reason: "invalid" });
      return;
    }
    const now = this.now();
    if (now >= state.expiresAt) {
      // Not rejected: the page keeps the message pending and re-sends it after reconnecting.
      this.closeExpired(socket);
      this.schedulePresence();
      return;
    }
    const user = state.user;
    const parsed = parseClientFrame(raw);
    // Every frame but typing costs a token, readable or not, so a flood of junk is throttled
    // like any other; typing has its own throttle, so an indicator never costs a message its token.
    if (!parsed.ok) {
      this.limiter.take(String(user.id), now);
      send(socket, { type: "rejected", clientId: parsed.clientId, reason: parsed.reason });
      this.strike(socket, now);
      return;
    }
    const frame = parsed.frame;
    if (frame.type === "typing") {
      this.typed(socket, user, now);
      return;
    }
    if (!this.limiter.take(String(user.id), now)) {
      this.reject(socket, frame.clientId, "rate_limited");
      return;
    }
    this.queue.push({
      authorId: user.id,
      clientId: frame.clientId,
      body: frame.body,
      ...(frame.replyTo !== undefined && { replyTo: frame.replyTo }),
      connectionId: socket.id,
    });
  }

  /**
   * Whether this room relays typing now (at most TYPING_MAX_SOCKETS sockets): what the `limits`
   * frame tells a page that opens, so a page in a crowd sends none.
   */
  typingOpen(): boolean {
    return typingOpen(this.host.count(), this.typing.maxSockets);
  }

  /** A typing frame: relayed to everyone else, throttled per user, never stored, never answered. */
  private typed(socket: RoomSocket, user: RoomUser, now: number): void {
    const verdict = this.typing.take(user.id, socket.id, now);
    if (verdict === "junk") {
      this.strike(socket, now);
      return;
    }
    if (verdict === "drop" || !this.typingOpen()) return;
    // A broadcast that skips the typist's sockets by their tag: reading every socket's state to
    // pick the recipients cost as much as sending to them.
    const json = JSON.stringify({
      type: "typing",
      user: { id: user.id, name: user.name },
    } satisfies ServerFrame);
    this.host.broadcast(json, user.id);
  }

  /** A socket closed or failed. */
  close(socket: RoomSocket): void {
    this.closing.add(socket.id);
    this.strikes.delete(socket.id);
    this.schedulePresence();
  }

  /**
   * Closes those of `sockets` whose token has expired (the alarm's sweep hands over the sockets
   * of the expiry slots that have ended); returns how many it closed.
   */
  expire(sockets: Iterable<RoomSocket>): number {
    const now = this.now();
    let closed = 0;
    for (const socket of [...sockets]) {
      const state = socket.state;
      if (state && state.expiresAt <= now) {
        this.closeExpired(socket);
        closed++;
      }
    }
    if (closed > 0) this.schedulePresence();
    return closed;
  }

  /** A command from Next.js (already authenticated by the adapter). */
  command(command: RoomCommand): void {
    switch (command.type) {
      case "deleted":
        this.broadcast({ type: "deleted", id: command.id });
        return;
      case "edited":
        this.broadcast({ type: "message", message: command.message });
        return;
      case "reaction":
        this.reactions.add(command.event);
        return;
      case "kick":
        for (const socket of [...this.host.socketsOf(command.userId)]) {
          socket.close(CLOSE.kicked, "You were removed from this channel");
          this.closing.add(socket.id);
        }
        this.schedulePresence();
        return;
      case "conversation":
        this.broadcast({ type: "conversation", state: command.state });
        return;
    }
  }

  /**
   * Tells a socket that just joined the limits it is held to, so that its page paces its sends
   * instead of having them refused (components/chat/send-pacer.ts).
   */
  limitsTo(socket: RoomSocket): void {
    send(socket, {
      type: "limits",
      limits: {
        rate: { ...this.rateLimit },
        // Whether this room relays typing as it is now (a crowd past the cap does not): the page
        // then sends none. A room that grows past the cap later drops them at its door.
        typing: this.typingOpen(),
      },
    });
  }

  /**
   * Sends presence to a socket that just joined, so it need not wait for the next broadcast.
   * In a big room it gets the last frame sent (at most one broadcast interval old, and the
   * broadcast its own join scheduled follows): reading every socket's state on each of ten
   * thousand joins is what would make a crowd slow to get in.
   */
  presenceTo(socket: RoomSocket): void {
    const last = this.lastPresence;
    if (last && last.sockets > PRESENCE_FRESH_UP_TO) {
      sendRaw(socket, last.json);
      return;
    }
    send(socket, this.presence().frame);
  }

  private closeExpired(socket: RoomSocket): void {
    closeQuietly(socket, CLOSE.tokenExpired, "Room token expired");
    this.closing.add(socket.id);
    this.strikes.delete(socket.id);
  }

  /** Counts an unreadable frame against its socket and closes a socket that keeps sending them. */
  private strike(socket: RoomSocket, now: number): void {
    const { limit, windowMs } = this.invalidLimit;
    let entry = this.strikes.get(socket.id);
    if (!entry || now - entry.since >= windowMs) {
      entry = { count: 0, since: now };
      this.strikes.set(socket.id, entry);
    }
    entry.count++;
    if (entry.count > limit) {
      closeQuietly(socket, CLOSE.invalidFrames, "Too many invalid frames");
      this.closing.add(socket.id);
      this.strikes.delete(socket.id);
      this.schedulePresence();
    }
  }

  private reject(socket: RoomSocket, clientId: string, reason: RejectReason): void {
    send(socket, { type: "rejected", clientId, reason });
  }

  private broadcast(frame: ServerFrame): void {
    this.host.broadcast(JSON.stringify(frame));
  }

  private presence() {
    const users = [];
    for (const s of this.host.sockets()) {
      if (!this.closing.has(s.id)) users.push(s.state?.user);
    }
    return { frame: presenceFrame(users), sockets: users.length };
  }

  private schedulePresence(): void {
    if (this.presenceScheduled) return;
    this.presenceScheduled = true;
    this.defer(
      () => {
        this.presenceScheduled = false;
        const { frame, sockets } = this.presence();
        const json = JSON.stringify(frame);
        this.host.broadcast(json);
        this.lastPresence = { json, sockets };
        this.closing.clear();
      },
      presenceDelayMs(this.lastPresence?.sockets ?? 0),
    );
  }
}

/** Up to this many sockets a joiner's presence is computed fresh; above, the last frame is reused. */
const PRESENCE_FRESH_UP_TO = 250;

/** Sends one typed frame; a socket that is already gone is not an error. */
export function send(socket: RoomSocket, frame: ServerFrame): void {
  sendRaw(socket, JSON.stringify(frame));
}

/** Closes a socket; one that is already closing is not an error. */
function closeQuietly(socket: RoomSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed (a frame that was in flight when we closed it); nothing left to do.
  }
}

function sendRaw(socket: RoomSocket, json: string): void {
  try {
    socket.send(json);
  } catch {
    // The socket closed between our check and the send; its close handler tidies up.
  }
}
