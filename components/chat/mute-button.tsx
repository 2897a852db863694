"use client";

import { useTranslations } from "next-intl";
import { useChannelCount } from "./unread-provider";

/**
 * Mutes or unmutes a channel for the reader: a form, so it works before hydration; the sidebar
 * follows live through the person's room. `mutedOnLoad` is MySQL's state at render.
 */
export function MuteButton(props: {
  slug: string;
  mutedOnLoad: boolean;
  action: (form: FormData) => Promise<void>;
}) {
  const t = useTranslations("unread");
  const muted = useChannelCount(props.slug)?.muted ?? props.mutedOnLoad;
  return (
    <form action={props.action}>
      <input type="hidden" name="slug" value={props.slug} />
      <input type="hidden" name="muted" value={muted ? "false" : "true"} />
      <button
        type="submit"
        aria-pressed={muted}
        className="rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <span aria-hidden="true">{muted ? "🔕 " : "🔔 "}</span>
        {t("mute")}
      </button>
    </form>
  );
}
