/**
 * The page's socket to the person's own room (`/parties/user/<id>`), as a plain class with no
 * React in it: a fresh token on every (re)connect, and after every open a fresh copy of the
 * counts from MySQL (GET /api/unread), so whatever was missed while away never shows as a
 * phantom count. The page wraps it in unread-provider.tsx; the fault suite drives it in Node.
 */
import type PartySocket from "partysocket";
import { afterClose } from "@/party/close-codes";
import {
  type UnreadCounts,
  type UserEvent,
  unreadCountsSchema,
  userFrameSchema,
} from "@/party/protocol";
import { type AppFetch, browserFetch } from "./app-fetch";
import { openRoomSocket, type WebSocketClass } from "./room-socket";

/** How many times a recount asks again when events keep arriving while it reads. */
const RECOUNT_ATTEMPTS = 3;

import { FatalConnectError, fetchTokenFrom } from "./room-token";

export type UserRoomStatus = "connecting" | "open" | "reconnecting" | "stopped";

export type UserRoomClientOptions = {
  /** host[:port] of the room server. */
  partyHost: string;
  userId: number;
  fetch?: AppFetch;
  WebSocket?: WebSocketClass;
  maxReconnectionDelay?: number;
  random?: () => number;
};

type Listener<T> = (value: T) => void;

export class UserRoomClient {
  /** Opens so far (tests read it to tell a reconnect happened). */
  opens = 0;
  private socket: PartySocket | null = null;
  private stopped = false;
  private generation = 0;
  /** Events passed on so far: tells a recount whether one arrived while MySQL was read. */
  private eventsSeen = 0;
  private status: UserRoomStatus = "connecting";
  private readonly appFetch: AppFetch;
  private readonly eventListeners = new Set<Listener<UserEvent>>();
  private readonly countListeners = new Set<Listener<UnreadCounts>>();
  private readonly statusListeners = new Set<Listener<UserRoomStatus>>();

  constructor(private readonly options: UserRoomClientOptions) {
    this.appFetch = options.fetch ?? browserFetch;
  }

  /** Every event the room passes on, in order. Returns the removal. */
  onEvent(listener: Listener<UserEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * The reconnect signal: MySQL's counts, fetched after each (re)connect; what is held should be
   * replaced by them.
   */
  onCounts(listener: Listener<UnreadCounts>): () => void {
    this.countListeners.add(listener);
    return () => this.countListeners.delete(listener);
  }

  onStatus(listener: Listener<UserRoomStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  getStatus(): UserRoomStatus {
    return this.status;
  }

  start(): void {
    if (this.socket) return;
    this.stopped = false;
    this.setStatus("connecting");
    const socket = openRoomSocket({
      host: this.options.partyHost,
      party: "user",
      room: String(this.options.userId),
      query: (attempt) => this.tokenQuery(attempt),
      WebSocket: this.options.WebSocket,
      random: this.options.random,
      maxReconnectionDelay: this.options.maxReconnectionDelay,
    });
    this.socket = socket;
    socket.addEventListener("open", () => this.onOpen(socket));
    socket.addEventListener("message", (event) => this.onMessage(socket, event.data));
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket || this.stopped) return;
      if (afterClose(event.code) === "reconnect") this.setStatus("reconnecting");
      else this.halt();
    });
  }

  stop(): void {
    const socket = this.socket;
    this.halt();
    socket?.close();
  }

  /** Asks MySQL for the counts now and hands them to the count listeners. */
  async recount(): Promise<UnreadCounts | null> {
    const generation = this.generation;
    try {
      for (let attempt = 1; ; attempt++) {
        const seen = this.eventsSeen;
        const response = await this.appFetch("/api/unread");
        if (!response.ok) return null;
        const counts = unreadCountsSchema.parse(await response.json());
        // A newer open asked again; its answer is the one to keep.
        if (generation !== this.generation || this.stopped) return null;
        // An event that arrived while MySQL was read may be newer than this answer (a mute,
        // a read on another tab), and replacing the counts would undo it: ask again, a few
        // times at most (a busy site always has news), then keep the last answer.
        if (this.eventsSeen !== seen && attempt < RECOUNT_ATTEMPTS) continue;
        for (const listener of this.countListeners) listener(counts);
        return counts;
      }
    } catch {
      return null;
    }
  }

  private halt(): void {
    this.stopped = true;
    this.socket = null;
    this.setStatus("stopped");
  }

  private async tokenQuery(socket: PartySocket): Promise<Record<string, string>> {
    try {
      return { token: await fetchTokenFrom(this.appFetch, "/api/party/user-token") };
    } catch (error) {
      if (error instanceof FatalConnectError && socket === this.socket) {
        this.halt();
        socket.close();
      }
      throw error;
    }
  }

  private onOpen(socket: PartySocket): void {
    if (socket !== this.socket) return;
    this.opens++;
    this.generation++;
    this.setStatus("open");
    void this.recount();
  }

  private onMessage(socket: PartySocket, data: unknown): void {
    if (socket !== this.socket || typeof data !== "string") return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = userFrameSchema.safeParse(json);
    if (!frame.success) return;
    this.eventsSeen++;
    for (const listener of this.eventListeners) listener(frame.data.event);
  }

  private setStatus(status: UserRoomStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
