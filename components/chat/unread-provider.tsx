"use client";

import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
} from "react";
import type { ChannelUnread, UserEvent } from "@/party/protocol";
import { type ChannelCount, initialUnread, type UnreadState, unreadReducer } from "./unread-counts";
import { UserRoomClient } from "./user-room-client";

/** What markRead (app/(chat)/read-actions.ts) answers; the provider takes the counts from it. */
export type MarkReadAnswer = { ok: true; counts: ChannelUnread } | { ok: false; reason: string };

type UnreadContextValue = {
  counts: UnreadState;
  /** The channel the person is reading now (open, visible, at the bottom), or null. */
  setViewing: (slug: string | null) => void;
  /** Reports that the newest message `messageId` of `slug` was seen. */
  markRead: (slug: string, messageId: number) => Promise<void>;
  /** Subscribes to the person's room's events; returns the removal. */
  subscribe: (listener: (event: UserEvent) => void) => () => void;
};

const UnreadContext = createContext<UnreadContextValue | null>(null);

/**
 * Holds the sidebar's counts for the whole signed-in shell: MySQL's numbers from the server
 * render, then the person's own room keeps them live (one socket per page, whatever the number
 * of channels) and every reconnect replaces them with MySQL's again.
 */
export function UnreadProvider(props: {
  initial: ChannelUnread[];
  partyHost: string;
  userId: number;
  markRead: (slug: string, messageId: number) => Promise<MarkReadAnswer>;
  children: ReactNode;
}) {
  const { partyHost, userId, markRead: markReadAction } = props;
  const [counts, dispatch] = useReducer(unreadReducer, props.initial, initialUnread);
  const viewing = useRef<string | null>(null);
  const listeners = useRef(new Set<(event: UserEvent) => void>());
  const held = useRef(counts);
  held.current = counts;

  // Counts for a channel the sidebar does not list yet (made since the shell rendered, and
  // brought in by a recount) would raise the tab title with no link to show why: the shell
  // renders again, once per such set of channels, so the sidebar lists them too.
  const router = useRouter();
  const asked = useRef("");
  const { initial } = props;
  useEffect(() => {
    const listed = new Set(initial.map((c) => c.channel));
    const unlisted = Object.keys(counts)
      .filter((c) => !listed.has(c))
      .sort()
      .join(" ");
    if (unlisted === "" || unlisted === asked.current) return;
    asked.current = unlisted;
    router.refresh();
  }, [counts, initial, router]);

  useEffect(() => {
    const client = new UserRoomClient({ partyHost, userId });
    let recounting = false;
    const offEvent = client.onEvent((event) => {
      // Not about a channel's counts: only the pages that listen for it (the support inbox).
      if (event.type === "inbox") {
        for (const listener of listeners.current) listener(event);
        return;
      }
      // A deletion, or a channel made (or reopened) since this page loaded: MySQL says where
      // it stands.
      const counted = held.current[event.channel]?.countedTo;
      // An activity reaching back into what MySQL already counted (it was stored while the
      // page recounted) would be counted twice in part: ask MySQL again instead.
      const overlaps =
        event.type === "activity" &&
        counted !== undefined &&
        event.firstId !== undefined &&
        event.firstId <= counted &&
        event.messageId > counted;
      if ((event.type === "recount" || counted === undefined || overlaps) && !recounting) {
        recounting = true;
        void client.recount().finally(() => {
          recounting = false;
        });
      }
      dispatch({ type: "event", event, viewing: viewing.current });
      for (const listener of listeners.current) listener(event);
    });
    // A socket that (re)opens may have missed events meanwhile: the counts are recounted, and
    // an open support inbox is told to reload as if it had heard one.
    const offStatus = client.onStatus((status) => {
      if (status !== "open") return;
      for (const listener of listeners.current) listener({ type: "inbox" });
    });
    const offCounts = client.onCounts((answer) => {
      dispatch({ type: "replace", channels: answer.channels });
    });
    client.start();
    return () => {
      offEvent();
      offStatus();
      offCounts();
      client.stop();
    };
  }, [partyHost, userId]);

  const markRead = useCallback(
    async (slug: string, messageId: number) => {
      try {
        const answer = await markReadAction(slug, messageId);
        if (answer.ok) dispatch({ type: "counted", counts: answer.counts });
      } catch {
        // Unreachable server: the next visible moment or reconnect tries again.
      }
    },
    [markReadAction],
  );

  const setViewing = useCallback((slug: string | null) => {
    viewing.current = slug;
  }, []);
  const subscribe = useCallback((listener: (event: UserEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<UnreadContextValue>(
    () => ({ counts, setViewing, markRead, subscribe }),
    [counts, setViewing, markRead, subscribe],
  );
  return <UnreadContext.Provider value={value}>{props.children}</UnreadContext.Provider>;
}

/** The counts and the ways to move them; null outside the signed-in shell. */
export function useUnread(): UnreadContextValue | null {
  return useContext(UnreadContext);
}

/** One channel's counts, or undefined when the page does not list it. */
export function useChannelCount(slug: string): ChannelCount | undefined {
  return useUnread()?.counts[slug];
}

/** Calls `listener` with every event from the person's room while the caller is mounted. */
export function useUserEvents(listener: (event: UserEvent) => void): void {
  const unread = useUnread();
  const latest = useRef(listener);
  latest.current = listener;
  const subscribe = unread?.subscribe;
  useEffect(() => subscribe?.((event) => latest.current(event)), [subscribe]);
}
