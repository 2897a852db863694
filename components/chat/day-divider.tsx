"use client";

import { useLocale, useTranslations } from "next-intl";
import { localDay } from "./grouping";

/**
 * The line between two days of messages, named by the day: "Today", "Yesterday" or the full
 * date in the reader's language. Before hydration `local` is false and it shows the UTC day
 * as digits, which the server and the browser write alike (their Intl data may differ); "today"
 * waits for the browser too, since the server's clock and zone are not the reader's.
 */
export function DayDivider({ day, local }: { day: string; local: boolean }) {
  const t = useTranslations("chat.day");
  const locale = useLocale();
  let label = day;
  if (local) {
    const relative = relativeDay(day);
    label = relative ? t(relative) : fullDate(locale, day);
  }
  // A list may hold only list items (axe: aria-required-children), so the divider is one, marked
  // for those who count messages; the day is a named separator, and the visible words would
  // repeat its name.
  return (
    <li data-day-divider className="flex items-center gap-3 px-4 pt-3 pb-1">
      <hr aria-label={label} className="flex-1 border-zinc-200 dark:border-zinc-800" />
      <time
        dateTime={day}
        aria-hidden="true"
        className="text-xs font-medium text-zinc-500 dark:text-zinc-400"
      >
        {label}
      </time>
      <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
    </li>
  );
}

/** Whether `day` (a local day key) is today or yesterday where the reader is. */
function relativeDay(day: string): "today" | "yesterday" | null {
  const now = new Date();
  if (day === localDay(now.toISOString())) return "today";
  // Noon of the day before is on yesterday whatever the zone's daylight saving does.
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  return day === localDay(yesterday.toISOString()) ? "yesterday" : null;
}

// One formatter per locale: a long history has a divider per day.
const cache = new Map<string, Intl.DateTimeFormat>();

function fullDate(locale: string, day: string): string {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "full" });
    cache.set(locale, format);
  }
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return format.format(new Date(y, m - 1, d, 12));
}
