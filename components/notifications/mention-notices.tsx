"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useUnread, useUserEvents } from "@/components/chat/unread-provider";
import type { UserEvent } from "@/party/protocol";
import { showMentionNotice } from "./mention-notice";

/**
 * Raises a browser notification for each live mention while this tab is hidden (the decision is
 * in mention-notice.ts). Rendered once in the chat layout, inside the unread provider, so every
 * page of the app hears the person's own room.
 */
export function MentionNotices() {
  const t = useTranslations("notifications.push");
  const router = useRouter();
  const counts = useUnread()?.counts;
  useUserEvents((event: UserEvent) => {
    if (event.type !== "mention") return;
    void showMentionNotice(event, {
      title: t("single", { author: event.authorName, channel: event.channel }),
      muted: counts?.[event.channel]?.muted ?? false,
      navigate: (path) => router.push(path),
    });
  });
  return null;
}
