"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { channelLinkName, type LinkWords } from "./channel-link-name";
import { shownCount } from "./unread-counts";
import { useUnread } from "./unread-provider";

export type NavChannel = { slug: string; name: string; topic: string };

/**
 * The sidebar's channel links, with the open channel marked for sight and screen readers, and
 * each channel's unread count and mention badge (live, from the unread provider).
 */
export function ChannelNav({ channels }: { channels: NavChannel[] }) {
  const t = useTranslations("chat.nav");
  const u = useTranslations("unread");
  const pathname = usePathname();
  const counts = useUnread()?.counts;
  const words: LinkWords = {
    separator: u("separator"),
    muted: u("muted"),
    unreadMany: u("unreadMany"),
    unread: (count) => u("unread", { count }),
    mentions: (count) => u("mentions", { count }),
  };
  return (
    <nav aria-label={t("label")}>
      <ul className="space-y-0.5">
        {channels.map((c) => {
          const current = pathname === `/c/${c.slug}`;
          const count = counts?.[c.slug];
          const bold = !!count && count.unread > 0 && !count.muted;
          return (
            <li key={c.slug}>
              <Link
                href={`/c/${c.slug}`}
                aria-current={current ? "page" : undefined}
                aria-label={channelLinkName(c.name, count, words)}
                className={`flex items-center gap-1 rounded-md px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${bold ? "font-semibold" : ""} ${current ? "bg-indigo-600 font-medium text-white" : bold ? "text-zinc-950 hover:bg-zinc-200 dark:text-white dark:hover:bg-zinc-800" : "text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                <span aria-hidden="true" className="opacity-60">
                  #{" "}
                </span>
                <span className="user-text min-w-0 flex-1 truncate">{c.name}</span>
                {count?.muted && (
                  <span aria-hidden="true" title={u("muted")} className="shrink-0 text-xs">
                    🔕
                  </span>
                )}
                {count && count.unread > 0 && (
                  <span
                    aria-hidden="true"
                    data-testid="unread-count"
                    className="shrink-0 rounded-full bg-zinc-200 px-1.5 text-xs font-medium text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100"
                  >
                    {shownCount(count.unread)}
                  </span>
                )}
                {count && count.mentions > 0 && (
                  <span
                    aria-hidden="true"
                    data-testid="mention-count"
                    className="shrink-0 rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white"
                  >
                    @{shownCount(count.mentions)}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
