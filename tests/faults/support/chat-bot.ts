/**
 * A chat client in Node that is the channel page's own client: RoomClient
 * (components/chat/room-client.ts), the class under the page's hook, given `ws` with the Origin
 * header a browser sends and a fetch that carries a NextAuth session's cookies. What a bot ends up
 * holding is what a person would see; on top it keeps the books the fault tests read: what it
 * typed, which of its messages came back live, and every rejection.
 */
import WebSocket from "ws";
import { type ConnectionStatus, RoomClient, type RoomStats } from "@/components/chat/room-client";
import { fetchRoomToken } from "@/components/chat/room-token";
import type { PendingMessage } from "@/components/chat/timeline";
import type { ChatMessage, RejectReason, ServerFrame } from "@/party/protocol";
import type { FaultChannel, FaultUser } from "./db";
import type { FaultStack } from "./fault-stack";
import { Session } from "./session";
import { waitFor } from "./wait";

export type BotStatus = ConnectionStatus;

export type BotOptions = {
  appUrl: string;
  /** host:port of the room server, or of a proxy in front of it. */
  partyHost: string;
  channel: FaultChannel;
  user: FaultUser;
  /** The Origin header on the socket: the app's origin by default, as a browser sends; null for none. */
  origin?: string | null;
  /**
   * Rewrites the client's app paths (a support visitor reaches the widget's routes, not the
   * member ones); none by default.
   */
  mapPath?: (path: string) => string;
  /**
   * Called with every stored message that arrives live, as it arrives (the bench times delivery
   * with it); duplicates included.
   */
  onLive?: (message: ChatMessage) => void;
};

// ws takes headers as a constructor option and partysocket constructs with (url, protocols)
// only, so the Origin a browser would send goes in through a subclass.
function socketClassWithOrigin(origin: string | null) {
  const headers: Record<string, string> = origin ? { origin } : {};
  return class OriginWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export class ChatBot {
  /** clientId → body of every message this bot typed. */
  readonly typed = new Map<string, string>();
  /** clientId → the message id it replied to, for the replies this bot typed. */
  readonly repliedTo = new Map<string, number>();
  /** Own clientIds that came back live in a `message` or `messages` frame: acknowledged. */
  readonly acked = new Set<string>();
  /** Every stored message that arrived live, in arrival order (duplicates kept). */
  readonly live: ChatMessage[] = [];
  readonly rejections: { clientId: string | null; reason: RejectReason }[] = [];
  private readonly client: RoomClient;
  private readonly onLive: ((message: ChatMessage) => void) | undefined;

  private constructor(
    readonly name: string,
    readonly user: FaultUser,
    readonly channel: FaultChannel,
    readonly session: Session,
    options: BotOptions,
  ) {
    this.onLive = options.onLive;
    const origin = options.origin === undefined ? new URL(options.appUrl).origin : options.origin;
    this.client = new RoomClient({
      slug: channel.slug,
      partyHost: options.partyHost,
      me: user.id,
      fetch: (path, init) => session.fetch(options.mapPath?.(path) ?? path, init),
      WebSocket: socketClassWithOrigin(origin),
      // The page's backoff with a 2 s ceiling instead of 10 s, so that a suite with several
      // restarts stays short. Everything else is the page's.
      maxReconnectionDelay: 2_000,
    });
    this.client.onFrame((frame) => this.record(frame));
    this.client.start();
  }

  /** Signs `user` in and opens the channel, as loading its page does. */
  static async join(name: string, options: BotOptions): Promise<ChatBot> {
    const session = await Session.signIn(
      options.appUrl,
      options.user.username,
      options.user.password,
    );
    return new ChatBot(name, options.user, options.channel, session, options);
  }

  /** Opens the channel with a session made elsewhere (a support visitor's cookie). */
  static withSession(name: string, options: BotOptions, session: Session): ChatBot {
    return new ChatBot(name, options.user, options.channel, session, options);
  }

  get status(): BotStatus {
    return this.client.getSnapshot().status;
  }

  /** What is wrong, for a log line: the client's code as JSON (only the page puts it into words). */
  get problem(): string | null {
    const problem = this.client.getSnapshot().problem;
    return problem ? JSON.stringify(problem) : null;
  }

  /** What the client did: frames sent, re-sends, opens, closes, catch-up pages, … */
  get stats(): Readonly<RoomStats> {
    return this.client.stats;
  }

  get messages(): ChatMessage[] {
    return this.client.getSnapshot().messages;
  }

  /** Own messages not stored yet, sending or failed. */
  get pending(): PendingMessage[] {
    return this.client.getSnapshot().pending;
  }

  get sending(): number {
    return this.pending.filter((p) => p.status === "sending").length;
  }

  /**
   * Types and sends a message, as the composer does, as a reply to message `replyTo` when given;
   * returns its clientId.
   */
  say(body: string, replyTo?: number): string {
    const result = this.client.send(body, replyTo);
    if (!result.ok) throw new Error(`${this.name} would not send this (${result.reason})`);
    this.typed.set(result.clientId, body);
    if (replyTo !== undefined) this.repliedTo.set(result.clientId, replyTo);
    return result.clientId;
  }

  /** The retry button: the same clientId again, so it cannot be stored twice. */
  retry(clientId: string): void {
    this.client.retry(clientId);
  }

  /** Presses retry on every failed message; returns how many. */
  retryFailed(): number {
    const failed = this.pending.filter((p) => p.status === "failed");
    for (const p of failed) this.retry(p.clientId);
    return failed.length;
  }

  /** Reasons this bot was given for one of its messages. */
  reasonsFor(clientId: string): RejectReason[] {
    return this.rejections.filter((r) => r.clientId === clientId).map((r) => r.reason);
  }

  /** A fresh room token from the app, as the client fetches one on every (re)connect. */
  fetchToken(): Promise<string> {
    return fetchRoomToken((path, init) => this.session.fetch(path, init), this.channel.slug);
  }

  stop(): void {
    this.client.stop();
  }

  private record(frame: ServerFrame): void {
    if (frame.type === "message" || frame.type === "messages") {
      for (const m of frame.type === "message" ? [frame.message] : frame.messages) {
        this.live.push(m);
        this.onLive?.(m);
        if (m.author.id === this.user.id) this.acked.add(m.clientId);
      }
    } else if (frame.type === "rejected") {
      this.rejections.push({ clientId: frame.clientId, reason: frame.reason });
    }
  }
}

/** Signs each user in as a bot in `channel` (named by `names`) and resolves once all are open. */
export async function joinAll(
  stack: FaultStack,
  channel: FaultChannel,
  users: FaultUser[],
  names: string[] = users.map((_, i) => `bot${i + 1}`),
): Promise<ChatBot[]> {
  const bots = await Promise.all(
    users.map((user, i) =>
      ChatBot.join(names[i] ?? `bot${i + 1}`, {
        appUrl: stack.appUrl,
        partyHost: stack.partyHost,
        channel,
        user,
      }),
    ),
  );
  await waitFor("every bot to connect", () => bots.every((b) => b.status === "open"));
  return bots;
}
