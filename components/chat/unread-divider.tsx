"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/**
 * The "New messages" line above the first unread message. Like the day divider it is a list item
 * (a list may hold only those) holding a named separator, the visible words hidden from screen
 * readers so they do not hear the name twice; marked data-unread-divider for those who count
 * messages. It says when it has been in view, so the jump bar can go.
 */
export function UnreadDivider({ onSeen }: { onSeen: () => void }) {
  const t = useTranslations("divider");
  const line = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = line.current;
    if (!el) return;
    // No root: the viewport, clipped by the scrolling list, so "in view" means on screen.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onSeen();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onSeen]);
  return (
    <li ref={line} data-unread-divider className="flex items-center gap-3 px-4 pt-3 pb-1">
      <hr aria-label={t("label")} className="flex-1 border-red-600 dark:border-red-400" />
      <span
        aria-hidden="true"
        className="text-xs font-semibold text-red-700 uppercase dark:text-red-400"
      >
        {t("label")}
      </span>
      <span className="h-px w-6 bg-red-600 dark:bg-red-400" />
    </li>
  );
}
