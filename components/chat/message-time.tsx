"use client";

import { useLocale } from "next-intl";
import { useEffect, useState } from "react";

/**
 * A message's time in the reader's language and own time zone. The server renders UTC; the
 * browser then switches to local time after hydration, so server and client markup never
 * disagree.
 */
export function MessageTime({ iso }: { iso: string }) {
  const locale = useLocale();
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  const { time, full } = formatters(locale);
  const date = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={local ? full.format(date) : iso}
      className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
    >
      {local ? time.format(date) : iso.slice(11, 16)}
    </time>
  );
}

// One pair of formatters per locale, shared by every message: a long history holds many times.
const cache = new Map<string, { time: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>();

function formatters(locale: string) {
  let pair = cache.get(locale);
  if (!pair) {
    pair = {
      time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }),
      full: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
    };
    cache.set(locale, pair);
  }
  return pair;
}
