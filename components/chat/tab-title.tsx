"use client";

import { useEffect } from "react";
import { titleCount } from "./unread-counts";
import { useUnread } from "./unread-provider";

const PREFIX = /^\(\d+\+?\) /;

/** The title with the count in front ("(3) #general · Chat"), or without one at 0. */
export function countedTitle(title: string, count: number): string {
  const bare = title.replace(PREFIX, "");
  return count > 0 ? `(${count > 999 ? "999+" : count}) ${bare}` : bare;
}

/**
 * Puts the unread count (titleCount: unread in unmuted channels plus mentions in muted ones) in
 * front of the tab's title, and keeps it there when a navigation sets a new title.
 */
export function TabTitle() {
  const counts = useUnread()?.counts;
  const count = counts ? titleCount(counts) : 0;
  useEffect(() => {
    const apply = () => {
      const wanted = countedTitle(document.title, count);
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next.js writes each page's own title on navigation; put the count back after it.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [count]);
  return null;
}
