"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { ChatMessage, ReplyParent, ServerFrame } from "@/party/protocol";
import type { AppFetch } from "./app-fetch";
import { sessionDrafts } from "./drafts";
import { outboxKey, storageOutbox } from "./outbox";
import { RoomClient, type SendRefusal } from "./room-client";

export type { ConnectionStatus, Presence, RoomProblem, SendRefusal } from "./room-client";

type Options = {
  slug: string;
  partyHost: string;
  me: number;
  initial: ChatMessage[];
  initialHasOlder: boolean;
  /** Server time the initial messages are current from; edits and deletions after it are fetched. */
  syncedAt: string;
  /** How to reach the app, when not the member routes (the support widget's visitor). */
  fetch?: AppFetch;
};

/**
 * Everything live about one channel page, as React state: a thin wrapper over RoomClient, which
 * owns the socket, the catch-up after every (re)connect, the timeline, presence and who is typing.
 */
export function useChannelRoom({
  slug,
  partyHost,
  me,
  initial,
  initialHasOlder,
  syncedAt,
  fetch,
}: Options) {
  const create = () =>
    new RoomClient({
      slug,
      partyHost,
      me,
      initial,
      initialHasOlder,
      syncedAt,
      ...(fetch && { fetch }),
      outbox: storageOutbox(sessionDrafts(), outboxKey(me, slug)),
    });
  const [client, setClient] = useState(create);
  // Another channel (or room server) is another client; the old one is stopped by its effect.
  if (client.slug !== slug || client.partyHost !== partyHost) setClient(create());

  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);

  // The server renders the initial history from the same snapshot the browser starts with.
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot);

  /**
   * Sends a new message, a reply when `replyTo` is given; returns why it cannot be sent (a code
   * the composer words), or null.
   */
  const send = useCallback(
    (body: string, replyTo?: ReplyParent): SendRefusal | null => {
      const result = client.send(body, replyTo);
      return result.ok ? null : result.reason;
    },
    [client],
  );
  /** Sends a failed message again with its original clientId, so it cannot be stored twice. */
  const retry = useCallback((clientId: string) => client.retry(clientId), [client]);
  const discard = useCallback((clientId: string) => client.discard(clientId), [client]);
  /** Loads the page before the oldest message held. */
  const loadOlder = useCallback(() => client.loadOlder(), [client]);
  /** Loads older pages until message `id` is held (at most `maxPages`); resolves whether it is. */
  const loadUntilHeld = useCallback(
    (id: number, maxPages: number) => client.loadUntilHeld(id, maxPages),
    [client],
  );
  /** The user typed: the room hears of it at most once per TYPING_EVERY_MS. */
  const typing = useCallback(() => client.typing(), [client]);
  /** Hears every frame after the state took it in (for frames only one page cares about). */
  const onFrame = useCallback(
    (listener: (frame: ServerFrame) => void) => client.onFrame(listener),
    [client],
  );

  return { ...state, send, retry, discard, loadOlder, loadUntilHeld, typing, onFrame };
}
