import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ChannelNav, type NavChannel } from "@/components/chat/channel-nav";
import { TabTitle } from "@/components/chat/tab-title";
import { UnreadProvider } from "@/components/chat/unread-provider";
import { MentionNotices } from "@/components/notifications/mention-notices";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { isConnectionError } from "@/db";
import { listChannels } from "@/db/queries/channels";
import { unreadForOpenChannels } from "@/db/queries/unread";
import type { User } from "@/db/schema";
import type { ChannelUnread } from "@/party/protocol";
import { msg } from "../_i18n/message";
import { getSay } from "../_i18n/server";
import { env } from "../_lib/env";
import { describeUntil } from "../_lib/moderation/durations";
import { atLeast } from "../_lib/permissions";
import { getSessionState, type SessionState } from "../_lib/session";
import { markRead } from "./read-actions";

/** The sidebar's channels and the reader's counts in them (MySQL's, at render). */
async function loadNav(
  user: User,
): Promise<{ channels: NavChannel[]; counts: ChannelUnread[] } | null> {
  try {
    const rows = await listChannels();
    const counts = await unreadForOpenChannels(
      { id: user.id, readBaselineId: user.readBaselineId },
      rows,
    );
    return {
      channels: rows.map((c) => ({ slug: c.slug, name: c.name, topic: c.topic })),
      counts,
    };
  } catch (error) {
    if (isConnectionError(error)) return null;
    throw error;
  }
}

async function loadSession(): Promise<SessionState | null> {
  try {
    return await getSessionState();
  } catch (error) {
    if (isConnectionError(error)) return null;
    throw error;
  }
}

/** The signed-in shell: channel sidebar on wide screens, the page beside it. */
export default async function ChatLayout({ children }: { children: ReactNode }) {
  // Who is asking first, then the data: nothing is read for a visitor who may not see it.
  const session = await loadSession();
  const t = await getTranslations();
  if (!session) {
    return (
      <main className="flex min-h-dvh items-center justify-center p-6 text-center">
        <p role="alert" className="text-red-700 dark:text-red-400">
          {t("chat.layout.databaseDown")}
        </p>
      </main>
    );
  }
  if (session.status === "signed-out") redirect("/signin");
  const row = session.user;
  const nav = session.status === "active" ? await loadNav(row) : null;
  // A session cookie outlives a ban; the ban is read fresh here and replaces the whole app.
  // The page under this layout renders in parallel, so it checks for itself too.
  if (session.status === "banned" && row.bannedUntil) {
    return (
      <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
        <h1 className="text-2xl font-semibold">{t("chat.layout.bannedTitle")}</h1>
        <p role="alert" className="max-w-full wrap-anywhere text-zinc-700 dark:text-zinc-300">
          {(await getSay())(
            row.banReason
              ? msg("chat.layout.bannedWithReason", {
                  until: describeUntil(row.bannedUntil),
                  reason: row.banReason,
                })
              : msg("chat.layout.banned", { until: describeUntil(row.bannedUntil) }),
          )}
        </p>
        <SignOutButton />
      </main>
    );
  }
  return (
    <UnreadProvider
      initial={nav?.counts ?? []}
      partyHost={env().ROOM_HOST}
      userId={row.id}
      markRead={markRead}
    >
      <TabTitle />
      <MentionNotices />
      <div className="flex h-dvh">
        <aside className="hidden w-64 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 md:flex dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex h-14 items-center border-b border-zinc-200 px-4 dark:border-zinc-800">
            <Link
              href="/"
              className="font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              {t("common.appName")}
            </Link>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto p-2">
            {nav ? (
              <ChannelNav channels={nav.channels} />
            ) : (
              <p className="p-2 text-sm text-red-700 dark:text-red-400">
                {t("chat.nav.unavailable")}
              </p>
            )}
            <Link
              href="/mentions"
              className="mt-2 block rounded-md px-2 py-1.5 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {t("mentions.nav")}
            </Link>
          </div>
          <div className="flex items-center justify-between gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800">
            <Link
              href="/settings"
              className="min-w-0 truncate text-sm font-medium hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
              title={t("chat.nav.settingsOf", { name: row.displayName })}
            >
              {row.displayName}
            </Link>
            <SignOutButton />
          </div>
          {atLeast(row.role, "agent") && (
            <Link
              href="/support"
              className="border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              {t("support.title")}
            </Link>
          )}
          {atLeast(row.role, "moderator") && (
            <Link
              href="/admin"
              className="border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800"
            >
              {t("chat.nav.moderation")}
            </Link>
          )}
        </aside>
        <main className="flex min-w-0 flex-1 flex-col">{children}</main>
      </div>
    </UnreadProvider>
  );
}
