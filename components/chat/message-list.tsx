"use client";

import { useTranslations } from "next-intl";
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef } from "react";
import type { ChatMessage } from "@/party/protocol";
import { DayDivider } from "./day-divider";
import { groupRows, localDay, utcDay } from "./grouping";
import { type Editing, MessageItem, type Viewer } from "./message-item";
import { PendingItem } from "./pending-item";
import type { PendingMessage } from "./timeline";
import { UnreadDivider } from "./unread-divider";
import { useHydrated } from "./use-hydrated";

type Props = {
  messages: ChatMessage[];
  pending: PendingMessage[];
  myName: string;
  viewer: Viewer;
  /** The message open in the editor, and how to open and close it. */
  editor: Editing;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** The message the "New messages" divider stands above, or null. */
  unreadAt?: number | null;
  /** The divider has been in view. */
  onUnreadSeen?: () => void;
  /** Told whenever the reader reaches the bottom or leaves it (they start there). */
  onAtBottom?: (atBottom: boolean) => void;
};

/**
 * The scrolling message list. It stays pinned to the bottom while the reader is there, keeps
 * the reader's place when an older page is added above, and loads older pages when the top
 * comes into view (or on the button, for keyboards and screen readers).
 */
export function MessageList(props: Props) {
  const { messages, pending, hasOlder, loadingOlder, onLoadOlder } = props;
  const onUnreadSeen = props.onUnreadSeen ?? noop;
  const t = useTranslations("chat.messages");
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const firstId = useRef<number | undefined>(messages[0]?.id);
  const heightBefore = useRef(0);
  // Days follow the rule of message times (message-time.tsx): UTC until hydrated, then local.
  const local = useHydrated();
  const me = props.viewer.id;
  const rows = useMemo(
    () => groupRows(messages, pending, me, local ? localDay : utcDay),
    [messages, pending, me, local],
  );

  // Before React commits an older page, remember the height so the view can be held in place.
  if (messages[0]?.id !== firstId.current && scroller.current) {
    heightBefore.current = scroller.current.scrollHeight;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pending message must also scroll the pinned view down.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const prependedOlder =
      firstId.current !== undefined && (messages[0]?.id ?? 0) < firstId.current;
    firstId.current = messages[0]?.id;
    if (prependedOlder && heightBefore.current) {
      el.scrollTop += el.scrollHeight - heightBefore.current;
      heightBefore.current = 0;
    } else if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, pending]);

  useEffect(() => {
    const el = topSentinel.current;
    if (!el || !hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !pinnedAtStart(scroller.current))
          onLoadOlder();
      },
      { root: scroller.current, rootMargin: "200px 0px 0px 0px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasOlder, onLoadOlder]);

  const empty = messages.length === 0 && pending.length === 0;

  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        if (atBottom !== pinned.current) props.onAtBottom?.(atBottom);
        pinned.current = atBottom;
      }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take focus so a keyboard can scroll it when no message in view has a control (axe: scrollable-region-focusable).
      tabIndex={0}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
    >
      <div ref={topSentinel} className="flex justify-center py-2">
        {hasOlder ? (
          <button
            type="button"
            onClick={onLoadOlder}
            disabled={loadingOlder}
            className="rounded-full px-3 py-1 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            {loadingOlder ? t("loadingOlder") : t("loadOlder")}
          </button>
        ) : (
          !empty && <p className="text-xs text-zinc-500">{t("start")}</p>
        )}
      </div>
      {empty && <p className="px-4 py-12 text-center text-zinc-500">{t("empty")}</p>}
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics when list-style is none (Tailwind's reset). */}
      <ul aria-label={t("label")} role="list" className="pb-2">
        {rows.map((row) => (
          <Fragment key={row.kind === "stored" ? row.message.id : row.message.clientId}>
            {row.dayBreak && <DayDivider day={row.day} local={local} />}
            {row.kind === "stored" && row.message.id === props.unreadAt && (
              <UnreadDivider key={row.message.id} onSeen={onUnreadSeen} />
            )}
            {row.kind === "stored" ? (
              <MessageItem
                message={row.message}
                viewer={props.viewer}
                // The first unread message shows who wrote it, as the start of a group does.
                startsGroup={row.startsGroup || row.message.id === props.unreadAt}
                editor={props.editor}
              />
            ) : (
              <PendingItem
                message={row.message}
                authorName={props.myName}
                startsGroup={row.startsGroup}
                onRetry={props.onRetry}
                onDiscard={props.onDiscard}
              />
            )}
          </Fragment>
        ))}
      </ul>
    </div>
  );
}

function noop(): void {}

// The sentinel is visible on first render when the list is short; only load when the reader
// actually scrolled up (or the content does not fill the view yet).
function pinnedAtStart(el: HTMLDivElement | null): boolean {
  if (!el) return true;
  return el.scrollHeight > el.clientHeight && el.scrollTop > 50;
}
