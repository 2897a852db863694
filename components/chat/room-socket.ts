import PartySocket from "partysocket";
import { afterClose } from "@/party/close-codes";

/** A WebSocket constructor as partysocket calls it. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => unknown;

/**
 * Opens a socket to a room (a channel's, or a person's own) with the reconnect policy every
 * page shares: a fresh token per attempt, jittered first delays so a crowd does not reconnect in
 * one wave after the runtime restarts, and no reconnect after a close code that says stop.
 */
export function openRoomSocket(options: {
  host: string;
  party: "main" | "user";
  room: string;
  /** The query of each attempt (the token); gets the socket so it can tell stale attempts. */
  query: (socket: PartySocket) => Promise<Record<string, string>>;
  WebSocket?: WebSocketClass;
  random?: () => number;
  maxReconnectionDelay?: number;
}): PartySocket {
  const random = options.random ?? Math.random;
  const socket: PartySocket = new PartySocket({
    host: options.host,
    party: options.party,
    room: options.room,
    WebSocket: options.WebSocket,
    query: () => options.query(socket),
    minReconnectionDelay: 300 + random() * 700,
    maxReconnectionDelay: options.maxReconnectionDelay ?? 10_000,
    reconnectionDelayGrowFactor: 1.5,
    shouldReconnectOnClose: (event) => afterClose(event.code) === "reconnect",
  });
  return socket;
}
