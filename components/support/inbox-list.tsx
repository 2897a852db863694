import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { InboxRow } from "@/db/queries/conversations";
import { SERVER_TIME_ZONE } from "../../app/_i18n/translate";

/** Unread counts above this show as "99+" (the accessible name keeps the number). */
const UNREAD_SHOWN_MAX = 99;

/** One line of the newest message: its whitespace (newlines included) folded to spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The rows of one inbox list: who (or "Anonymous"), site, assignee, the newest message's first
 * line, when, a verified badge, and the unread count (bold rows while there is one). Everything
 * a visitor wrote is rendered as text.
 */
export function InboxList({ rows, now }: { rows: InboxRow[]; now: Date }) {
  const t = useTranslations("support");
  const format = useFormatter();
  if (rows.length === 0) return <p className="mt-2">{t("empty")}</p>;
  return (
    <ul className="mt-2">
      {rows.map((c) => {
        const unread = c.unread > 0;
        return (
          <li
            key={c.slug}
            className={`border-b border-zinc-200 py-2 dark:border-zinc-800 ${unread ? "font-semibold" : ""}`}
          >
            <div className="flex min-w-0 items-baseline gap-2">
              <Link
                href={`/support/${c.slug}`}
                className="user-text truncate text-indigo-700 underline dark:text-indigo-300"
              >
                {c.visitorName || t("anonymous")}
              </Link>
              {c.verified && (
                <span className="shrink-0 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">
                  {t("verifiedBadge")}
                </span>
              )}
              {unread && (
                <span className="shrink-0 rounded-full bg-indigo-600 px-2 text-xs text-white tabular-nums">
                  <span aria-hidden>
                    {c.unread > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : c.unread}
                  </span>
                  <span className="sr-only">{t("unread", { count: c.unread })}</span>
                </span>
              )}
              <time
                dateTime={c.lastActivityAt.toISOString()}
                title={format.dateTime(c.lastActivityAt, {
                  dateStyle: "medium",
                  timeStyle: "short",
                  timeZone: SERVER_TIME_ZONE,
                })}
                className="ml-auto shrink-0 text-xs font-normal text-zinc-600 dark:text-zinc-400"
              >
                {format.relativeTime(c.lastActivityAt, now)}
              </time>
            </div>
            <p className="truncate text-sm text-zinc-800 dark:text-zinc-200">
              {c.previewDeleted ? (
                <em>{t("deletedMessage")}</em>
              ) : c.preview ? (
                // user-text marks it as people's words; nowrap! keeps it to one line regardless.
                <span className="user-text whitespace-nowrap!">{oneLine(c.preview)}</span>
              ) : (
                <em>{t("noMessages")}</em>
              )}
            </p>
            <p className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
              <span className="user-text">{c.siteName}</span>
              {" · "}
              {c.assigneeName ? (
                <span className="user-text">{t("assignedTo", { name: c.assigneeName })}</span>
              ) : (
                t("unassigned")
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
