"use client";

import { useEffect, useState } from "react";
import { isReadHeld, onReadHoldChange } from "./read-hold";
import { useUnread } from "./unread-provider";

/** How long the newest message must stay in view before it counts as read. */
const READ_DEBOUNCE_MS = 500;

function pageVisible(): boolean {
  return typeof document === "undefined" || document.visibilityState === "visible";
}

/**
 * Advances the person's place in `slug` when they actually see its newest message: the page is
 * visible and the list is scrolled to the bottom. Also tells the sidebar which channel is being
 * read, so its new messages do not count as unread meanwhile. Nothing is marked read while the
 * person's "Mark as unread" holds this channel (read-hold.ts): that would undo it at once.
 */
export function useReadReporter(args: { slug: string; newestId: number; atBottom: boolean }) {
  const { slug, newestId, atBottom } = args;
  const unread = useUnread();
  const [visible, setVisible] = useState(pageVisible);
  useEffect(() => {
    const update = () => setVisible(pageVisible());
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  const [held, setHeld] = useState(() => isReadHeld(slug));
  useEffect(() => {
    setHeld(isReadHeld(slug));
    return onReadHoldChange(() => setHeld(isReadHeld(slug)));
  }, [slug]);
  const reading = visible && atBottom && !held;
  const setViewing = unread?.setViewing;
  useEffect(() => {
    setViewing?.(reading ? slug : null);
    return () => setViewing?.(null);
  }, [setViewing, reading, slug]);
  const lastReadId = unread?.counts[slug]?.lastReadId;
  const markRead = unread?.markRead;
  useEffect(() => {
    if (!markRead || !reading || newestId <= 0) return;
    if (lastReadId !== undefined && newestId <= lastReadId) return;
    const timer = setTimeout(() => void markRead(slug, newestId), READ_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [markRead, reading, newestId, lastReadId, slug]);
}
