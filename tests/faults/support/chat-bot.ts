/**
 * A chat client in Node that behaves like the channel page (components/chat/use-channel-room.ts):
 * signs in through NextAuth, connects with partysocket fetching a fresh room token on every
 * (re)connect, catches up by id after each open, then re-sends its pending messages with their
 * original clientIds. The timeline reducer and the catch-up loop are the page's own code, so
 * what a bot ends up holding is what a person would see. It also records what the page only shows: acknowledgements,
 * rejections and how many frames went out.
 */
import { randomUUID } from "node:crypto";
import PartySocket from "partysocket";
import WebSocket from "ws";
import { catchUp } from "@/components/chat/catch-up";
import { type Timeline, type TimelineAction, timelineReducer } from "@/components/chat/timeline";
import { parseServerFrame } from "@/party/frames";
import {
  type ChatMessage,
  checkBody,
  historyPageSchema,
  type RejectReason,
} from "@/party/protocol";
import type { FaultChannel, FaultUser } from "./db";
import type { FaultStack } from "./fault-stack";
import { Session } from "./session";
import { waitFor } from "./wait";

export type BotStatus = "connecting" | "open" | "reconnecting" | "stopped";

export type BotOptions = {
  appUrl: string;
  /** host:port of the room server, or of a proxy in front of it. */
  partyHost: string;
  channel: FaultChannel;
  user: FaultUser;
  /** The Origin header on the socket: the app's origin by default, as a browser sends; null for none. */
  origin?: string | null;
};

/** The token route said no for good (signed out, banned, no such channel): the page stops. */
class FatalConnectError extends Error {}

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
  timeline: Timeline;
  status: BotStatus = "connecting";
  problem: string | null = null;
  /** clientId → body of every message this bot typed. */
  readonly typed = new Map<string, string>();
  /** Own clientIds that came back live as `{type:"message"}`: acknowledged. */
  readonly acked = new Set<string>();
  /** Every stored message that arrived live, in arrival order (duplicates kept). */
  readonly live: ChatMessage[] = [];
  readonly rejections: { clientId: string | null; reason: RejectReason }[] = [];
  readonly stats = { frames: 0, resent: 0, opens: 0, closes: 0, catchUpPages: 0 };
  private readonly socket: PartySocket;
  private stopped = false;

  private constructor(
    readonly name: string,
    readonly user: FaultUser,
    readonly channel: FaultChannel,
    readonly session: Session,
    options: BotOptions,
  ) {
    this.timeline = { me: user.id, messages: [], pending: [] };
    const origin = options.origin === undefined ? new URL(options.appUrl).origin : options.origin;
    this.socket = new PartySocket({
      host: options.partyHost,
      room: channel.slug,
      party: "main",
      WebSocket: socketClassWithOrigin(origin),
      query: async () => {
        try {
          return { token: await this.fetchToken() };
        } catch (error) {
          if (error instanceof FatalConnectError) {
            this.stopped = true;
            this.problem = error.message;
            this.status = "stopped";
            this.socket.close();
          }
          throw error;
        }
      },
      // The page's jitter and growth; the ceiling is 2 s instead of its 10 s so that a suite
      // with several restarts stays short. The protocol is the same.
      minReconnectionDelay: 300 + Math.random() * 700,
      maxReconnectionDelay: 2_000,
      reconnectionDelayGrowFactor: 1.5,
      shouldReconnectOnClose: (event) => event.code !== 4003 && event.code !== 4008,
    });
    this.socket.addEventListener("open", () => this.onOpen());
    this.socket.addEventListener("message", (event) => this.onMessage(event));
    this.socket.addEventListener("close", (event) => this.onClose(event.code, event.reason));
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

  get messages(): ChatMessage[] {
    return this.timeline.messages;
  }

  /** Own messages not stored yet, sending or failed. */
  get pending() {
    return this.timeline.pending;
  }

  get sending(): number {
    return this.timeline.pending.filter((p) => p.status === "sending").length;
  }

  /** Types and sends a message, as the composer does; returns its clientId. */
  say(body: string): string {
    const problem = checkBody(body);
    if (problem) throw new Error(`${this.name} would not send this (${problem})`);
    const clientId = randomUUID();
    this.typed.set(clientId, body);
    this.dispatch({ type: "queued", clientId, body });
    this.sendFrame(clientId, body);
    return clientId;
  }

  /** The retry button: the same clientId again, so it cannot be stored twice. */
  retry(clientId: string): void {
    const p = this.timeline.pending.find((m) => m.clientId === clientId);
    if (!p) return;
    this.dispatch({ type: "retrying", clientId });
    this.sendFrame(p.clientId, p.body);
  }

  /** Presses retry on every failed message; returns how many. */
  retryFailed(): number {
    const failed = this.timeline.pending.filter((p) => p.status === "failed");
    for (const p of failed) this.retry(p.clientId);
    return failed.length;
  }

  /** Reasons this bot was given for one of its messages. */
  reasonsFor(clientId: string): RejectReason[] {
    return this.rejections.filter((r) => r.clientId === clientId).map((r) => r.reason);
  }

  /** A fresh room token from the app, as the page's partysocket query fetches one. */
  async fetchToken(): Promise<string> {
    const response = await this.session.fetch(
      `/api/party/token?channel=${encodeURIComponent(this.channel.slug)}`,
    );
    const body = (await response.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
    if (response.ok && typeof body.token === "string") return body.token;
    const message = typeof body.error === "string" ? body.error : `status ${response.status}`;
    if ([401, 403, 404].includes(response.status)) throw new FatalConnectError(message);
    throw new Error(message);
  }

  stop(): void {
    this.stopped = true;
    this.status = "stopped";
    this.socket.close();
  }

  private dispatch(action: TimelineAction): void {
    this.timeline = timelineReducer(this.timeline, action);
  }

  private sendFrame(clientId: string, body: string): boolean {
    // Same rule as the page: only on an open socket, or partysocket would buffer the frame and
    // flush it on reconnect next to our own re-send.
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ type: "send", clientId, body }));
    this.stats.frames++;
    return true;
  }

  private async fetchPage(query: string) {
    const response = await this.session.fetch(
      `/api/channels/${encodeURIComponent(this.channel.slug)}/messages?${query}`,
    );
    if (!response.ok) throw new Error(`History could not be loaded (${response.status})`);
    this.stats.catchUpPages++;
    return historyPageSchema.parse(await response.json());
  }

  private catchUp(): Promise<void> {
    const held = this.timeline.messages;
    return catchUp({
      after: held[held.length - 1]?.id ?? 0,
      fetchPage: (after) => this.fetchPage(`after=${after}&limit=200`),
      merge: (messages) => this.dispatch({ type: "merge", messages }),
      stopped: () => this.stopped,
    });
  }

  private onOpen(): void {
    this.status = "open";
    this.problem = null;
    this.stats.opens++;
    this.catchUp()
      .catch(() => {
        this.problem = "Missed messages could not be loaded; reload to see them.";
      })
      .finally(() => {
        for (const p of this.timeline.pending) {
          if (p.status === "sending" && this.sendFrame(p.clientId, p.body)) this.stats.resent++;
        }
      });
  }

  private onMessage(event: MessageEvent): void {
    const f = parseServerFrame(event.data);
    if (!f) return;
    switch (f.type) {
      case "message":
      case "messages": {
        const messages = f.type === "message" ? [f.message] : f.messages;
        for (const m of messages) {
          this.live.push(m);
          if (m.author.id === this.user.id) this.acked.add(m.clientId);
        }
        this.dispatch({ type: "merge", messages });
        break;
      }
      case "rejected":
        this.rejections.push({ clientId: f.clientId, reason: f.reason });
        if (f.clientId) this.dispatch({ type: "rejected", clientId: f.clientId, reason: f.reason });
        break;
      case "deleted":
        this.dispatch({ type: "deleted", id: f.id });
        break;
      case "presence":
        break;
    }
  }

  private onClose(code: number, reason: string): void {
    this.stats.closes++;
    if (this.stopped) return;
    if (code === 4003 || code === 4008) {
      this.stopped = true;
      this.status = "stopped";
      this.problem = reason || "Disconnected by the server";
      return;
    }
    this.status = "reconnecting";
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
