"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { Seeking } from "./jump-to-unread";
import type { ActionResult } from "./message-actions";
import { holdReadUntilLeave, releaseReadHold } from "./read-hold";
import { firstUnread, jumpBarShown, markedBoundary, type UnreadBoundary } from "./unread-boundary";
import { JUMP_MAX_PAGES } from "./use-message-jump";

type Held = { id: number; author: { id: number } };

/** The server action behind "Mark as unread" (app/(chat)/mark-unread-action.ts). */
export type MarkUnreadAction = (slug: string, messageId: number) => Promise<ActionResult>;

/**
 * The channel page's unread part: where the "New messages" divider is, whether the jump bar
 * shows, the jump itself (older pages loaded as the reply jump does, bounded alike), and
 * "Mark as unread", which moves the divider and holds the read position until the person
 * leaves or sends.
 */
export function useUnread(args: {
  slug: string;
  me: number;
  initial: UnreadBoundary | null;
  messages: readonly Held[];
  hasOlder: boolean;
  loadUntilHeld: (id: number, maxPages: number) => Promise<boolean>;
  /** Scrolls to a held message and focuses it. */
  reveal: (id: number) => void;
  /** Absent where the page keeps no read position (the support widget and inbox). */
  markUnread?: MarkUnreadAction;
}) {
  const { slug, me, messages, hasOlder, loadUntilHeld, reveal, markUnread } = args;
  const [boundary, setBoundary] = useState(args.initial);
  const [seen, setSeen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [seeking, setSeeking] = useState<Seeking>("idle");
  const first = useMemo(
    () => firstUnread({ boundary, messages, me, hasOlder }),
    [boundary, messages, me, hasOlder],
  );

  // Leaving the channel ends a "Mark as unread" hold (a new page starts without one).
  useEffect(() => () => releaseReadHold(slug), [slug]);

  // Once older pages have brought the first unread message in, go to it.
  useEffect(() => {
    if (seeking !== "loading" && seeking !== "loaded") return;
    if (first.kind === "held") {
      reveal(first.id);
      setSeeking("idle");
    } else if (first.kind === "none") {
      setSeeking("idle");
    } else if (seeking === "loaded") {
      setSeeking("too-far");
    }
  }, [seeking, first, reveal]);

  const jump = useCallback(async () => {
    if (first.kind === "held") {
      reveal(first.id);
      return;
    }
    if (first.kind !== "older" || !boundary) return;
    setSeeking("loading");
    // The message right after the read position may be in another channel (ids are global):
    // this loads until something at or before it is held, which is what firstUnread needs.
    await loadUntilHeld(boundary.lastReadId + 1, JUMP_MAX_PAGES);
    setSeeking("loaded");
  }, [first, boundary, loadUntilHeld, reveal]);

  /** Marks unread from `messageId`; resolves to the refusal in the person's words, or null. */
  const markFrom = useCallback(
    async (messageId: number): Promise<string | null> => {
      if (!markUnread) return null;
      // Held before asking, so the page cannot mark it read while the server is answering.
      holdReadUntilLeave(slug);
      const result = await markUnread(slug, messageId);
      if (!result.ok) {
        releaseReadHold(slug);
        return result.message;
      }
      setBoundary(markedBoundary({ messageId, messages, me }));
      // The person is looking at the message they marked: the bar has nothing to offer.
      setSeen(true);
      return null;
    },
    [slug, markUnread, messages, me],
  );

  /** The person sent a message: the channel counts as read again, as on their other pages. */
  const sent = useCallback(() => {
    setBoundary(null);
    releaseReadHold(slug);
  }, [slug]);

  const onSeen = useCallback(() => setSeen(true), []);
  const dismiss = useCallback(() => setDismissed(true), []);

  return {
    boundary,
    /** The message the divider stands above, or null. */
    dividerAt: first.kind === "held" ? first.id : null,
    barShown: jumpBarShown({ first, seen, dismissed }),
    seeking,
    jump,
    markFrom,
    sent,
    onSeen,
    dismiss,
  };
}
