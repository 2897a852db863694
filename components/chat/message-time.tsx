"use client";

import { useEffect, useState } from "react";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/**
 * A message's time in the reader's own time zone. The server renders UTC; the browser then
 * switches to local time after hydration, so server and client markup never disagree.
 */
export function MessageTime({ iso }: { iso: string }) {
  const [local, setLocal] = useState(false);
  useEffect(() => setLocal(true), []);
  const date = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={local ? fullFormat.format(date) : iso}
      className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
    >
      {local ? timeFormat.format(date) : iso.slice(11, 16)}
    </time>
  );
}
