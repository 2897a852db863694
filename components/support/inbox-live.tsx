"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useUserEvents } from "@/components/chat/unread-provider";
import { RefreshCoalescer } from "./refresh-coalescer";

/** Reloads closer together than this are joined into one. */
const REFRESH_GAP_MS = 500;

/**
 * Keeps the agents' list current: the person's own room says `inbox` whenever a conversation
 * starts, is written in, assigned, closed, reopened or seen, and the list reloads from the
 * server (joined, so a busy inbox costs a reload or two a second). A slow poll covers a room that
 * cannot be reached.
 */
export function InboxLive({ fallbackMs }: { fallbackMs: number }) {
  const router = useRouter();
  const coalescer = useRef<RefreshCoalescer | null>(null);
  useEffect(() => {
    const c = new RefreshCoalescer(() => router.refresh(), REFRESH_GAP_MS);
    coalescer.current = c;
    const timer = setInterval(() => c.request(), fallbackMs);
    return () => {
      clearInterval(timer);
      c.stop();
      coalescer.current = null;
    };
  }, [router, fallbackMs]);
  useUserEvents((event) => {
    if (event.type === "inbox") coalescer.current?.request();
  });
  return null;
}
