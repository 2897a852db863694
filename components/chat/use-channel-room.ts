"use client";

import PartySocket from "partysocket";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { parseServerFrame } from "@/party/frames";
import {
  type ChatMessage,
  changesSchema,
  checkBody,
  historyPageSchema,
  type PresenceUser,
} from "@/party/protocol";
import { catchUp as catchUpAfter } from "./catch-up";
import { type Timeline, timelineReducer } from "./timeline";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "stopped";

/** Who is here as the room last said: the first people by name, and how many in all. */
export type Presence = { users: PresenceUser[]; count: number };

type Options = {
  slug: string;
  partyHost: string;
  me: number;
  initial: ChatMessage[];
  initialHasOlder: boolean;
  /** Server time the initial messages are current from; edits and deletions after it are fetched. */
  syncedAt: string;
};

/** Thrown by the token fetch when retrying cannot help (signed out, banned, no channel). */
class FatalConnectError extends Error {}

async function fetchToken(slug: string): Promise<string> {
  const response = await fetch(`/api/party/token?channel=${encodeURIComponent(slug)}`, {
    cache: "no-store",
  });
  if (response.ok) {
    const body = (await response.json()) as { token?: unknown };
    if (typeof body.token === "string") return body.token;
    throw new Error("The token response had no token");
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  const message = body.error ?? `Could not join (${response.status})`;
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new FatalConnectError(message);
  }
  throw new Error(message);
}

async function fetchChanges(slug: string, since: string, from: number, upTo: number) {
  const query = new URLSearchParams({ since, from: String(from), upTo: String(upTo) });
  const response = await fetch(`/api/channels/${encodeURIComponent(slug)}/changes?${query}`, {
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`Changes could not be loaded (${response.status})`);
  return changesSchema.parse(await response.json());
}

async function fetchPage(slug: string, query: string) {
  const response = await fetch(`/api/channels/${encodeURIComponent(slug)}/messages?${query}`, {
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`History could not be loaded (${response.status})`);
  return historyPageSchema.parse(await response.json());
}

/**
 * Everything live about one channel page: the socket to its room, the timeline (stored and
 * pending messages), presence, and older pages. On every (re)connect it fetches a fresh room
 * token, catches up on what it missed by id, then re-sends its pending messages with their
 * original clientIds, so nothing is lost or doubled across a drop.
 */
export function useChannelRoom({
  slug,
  partyHost,
  me,
  initial,
  initialHasOlder,
  syncedAt,
}: Options) {
  const [timeline, dispatch] = useReducer(timelineReducer, {
    me,
    messages: initial,
    pending: [],
  } satisfies Timeline);
  const [presence, setPresence] = useState<Presence>({ users: [], count: 0 });
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const [hasOlder, setHasOlder] = useState(initialHasOlder);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const socketRef = useRef<PartySocket | null>(null);
  // The effect's listeners read the latest timeline through this ref, not a stale closure.
  const timelineRef = useRef(timeline);
  timelineRef.current = timeline;
  // Server time from which this page has seen every edit and deletion: live frames cover the
  // time connected, and each reconnect asks for the changes since this, then moves it on.
  const syncedAtRef = useRef(syncedAt);

  const sendFrame = useCallback((clientId: string, body: string) => {
    const socket = socketRef.current;
    // Only send on an open socket: partysocket would queue the frame and flush it on reconnect,
    // and our own re-send after catch-up would then send it twice.
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "send", clientId, body }));
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    const socket = new PartySocket({
      host: partyHost,
      room: slug,
      party: "main",
      query: async () => {
        try {
          return { token: await fetchToken(slug) };
        } catch (error) {
          if (error instanceof FatalConnectError) {
            stopped = true;
            setProblem(error.message);
            setStatus("stopped");
            socket.close();
          }
          throw error;
        }
      },
      // Jitter spreads a crowd's reconnects after a room restart.
      minReconnectionDelay: 300 + Math.random() * 700,
      maxReconnectionDelay: 10_000,
      reconnectionDelayGrowFactor: 1.5,
      shouldReconnectOnClose: (event) => event.code !== 4003 && event.code !== 4008,
    });
    socketRef.current = socket;

    const catchUp = () => {
      const held = timelineRef.current.messages;
      const oldest = held[0]?.id ?? 0;
      const newest = held[held.length - 1]?.id ?? 0;
      // Edits and deletions to what the page holds, and new messages after it, side by side.
      const changes = fetchChanges(slug, syncedAtRef.current, oldest, newest).then((c) => {
        if (stopped) return;
        dispatch({ type: "changed", edited: c.edited, deletedIds: c.deletedIds });
        syncedAtRef.current = c.asOf;
        if (!c.complete) throw new Error("More changes than one answer holds");
      });
      const missed = catchUpAfter({
        after: newest,
        fetchPage: (after) => fetchPage(slug, `after=${after}&limit=200`),
        merge: (messages) => dispatch({ type: "merge", messages }),
        stopped: () => stopped,
      });
      // Both settle before pending messages are re-sent (a caught-up one needs no re-send).
      return Promise.allSettled([changes, missed]).then((results) => {
        if (results.some((r) => r.status === "rejected")) throw new Error("Catch-up failed");
      });
    };

    const onOpen = () => {
      setStatus("open");
      setProblem(null);
      catchUp()
        .catch(() => setProblem("What you missed could not all be loaded; reload to see it."))
        .finally(() => {
          for (const p of timelineRef.current.pending) {
            if (p.status === "sending") sendFrame(p.clientId, p.body);
          }
        });
    };
    const onMessage = (event: MessageEvent) => {
      const f = parseServerFrame(event.data);
      if (!f) return;
      switch (f.type) {
        case "message":
          dispatch({ type: "merge", messages: [f.message] });
          break;
        case "messages":
          dispatch({ type: "merge", messages: f.messages });
          break;
        case "rejected":
          if (f.clientId) {
            dispatch({ type: "rejected", clientId: f.clientId, reason: f.reason, until: f.until });
          }
          break;
        case "deleted":
          dispatch({ type: "deleted", id: f.id });
          break;
        case "presence":
          setPresence({ users: f.users, count: f.count });
          break;
      }
    };
    const onClose = (event: CloseEvent) => {
      if (stopped) return;
      if (event.code === 4003 || event.code === 4008) {
        stopped = true;
        setStatus("stopped");
        setProblem(event.reason || "Disconnected by the server");
        // The token route says why in full (e.g. "You are banned until … : reason").
        if (event.code === 4003) {
          fetchToken(slug).catch((error: unknown) => {
            if (error instanceof FatalConnectError) setProblem(error.message);
          });
        }
        return;
      }
      setStatus("reconnecting");
    };
    socket.addEventListener("open", onOpen);
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", onClose);
    return () => {
      stopped = true;
      socket.removeEventListener("open", onOpen);
      socket.removeEventListener("message", onMessage);
      socket.removeEventListener("close", onClose);
      socket.close();
      socketRef.current = null;
    };
  }, [slug, partyHost, sendFrame]);

  /** Sends a new message; returns why it cannot be sent, or null. */
  const send = useCallback(
    (body: string): string | null => {
      const problem = checkBody(body);
      if (problem === "empty") return "Type a message first";
      if (problem === "too_long") return "That message is too long (4,000 characters at most)";
      const clientId = crypto.randomUUID();
      dispatch({ type: "queued", clientId, body });
      sendFrame(clientId, body);
      return null;
    },
    [sendFrame],
  );

  /** Sends a failed message again with its original clientId, so it cannot be stored twice. */
  const retry = useCallback(
    (clientId: string) => {
      const p = timelineRef.current.pending.find((m) => m.clientId === clientId);
      if (!p) return;
      dispatch({ type: "retrying", clientId });
      sendFrame(p.clientId, p.body);
    },
    [sendFrame],
  );

  const discard = useCallback((clientId: string) => dispatch({ type: "discard", clientId }), []);

  /** Loads the page before the oldest message held. */
  const loadOlder = useCallback(async () => {
    if (loadingOlder || !hasOlder) return;
    const first = timelineRef.current.messages[0];
    setLoadingOlder(true);
    try {
      const page = await fetchPage(slug, first ? `before=${first.id}&limit=50` : "limit=50");
      dispatch({ type: "merge", messages: page.messages });
      setHasOlder(page.hasMore);
    } catch {
      setProblem("Older messages could not be loaded. Try again.");
    } finally {
      setLoadingOlder(false);
    }
  }, [slug, hasOlder, loadingOlder]);

  return {
    messages: timeline.messages,
    pending: timeline.pending,
    presence,
    status,
    problem,
    hasOlder,
    loadingOlder,
    send,
    retry,
    discard,
    loadOlder,
  };
}
