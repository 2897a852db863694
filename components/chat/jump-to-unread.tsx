"use client";

import { useTranslations } from "next-intl";
import type { UnreadBoundary } from "./unread-boundary";

export type Seeking = "idle" | "loading" | "loaded" | "too-far";

/**
 * The bar over the message list while the first unread message is out of view: how many are new,
 * a button that jumps there (loading older pages when needed), and one that dismisses the bar.
 */
export function JumpToUnread(props: {
  boundary: UnreadBoundary;
  seeking: Seeking;
  onJump: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations("divider.bar");
  const { boundary, seeking } = props;
  const busy = seeking === "loading" || seeking === "loaded";
  return (
    <div className="flex items-center gap-2 border-b border-red-200 bg-red-50 px-4 py-1 text-sm dark:border-red-900 dark:bg-red-950">
      <button
        type="button"
        onClick={props.onJump}
        disabled={busy}
        className="min-w-0 flex-1 rounded px-1 text-left font-medium text-red-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-70 dark:text-red-200"
      >
        {boundary.capped
          ? t("jumpMany", { count: boundary.count })
          : t("jump", { count: boundary.count })}
      </button>
      <span role="status" className="text-red-800 empty:hidden dark:text-red-200">
        {busy ? t("finding") : seeking === "too-far" ? t("tooFar") : null}
      </span>
      <button
        type="button"
        onClick={props.onDismiss}
        className="rounded px-2 text-red-800 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-red-200 dark:hover:bg-red-900"
      >
        {t("dismiss")}
      </button>
    </div>
  );
}
