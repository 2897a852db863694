import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChannelView } from "@/components/chat/channel-view";
import { MuteButton } from "@/components/chat/mute-button";
import type { UnreadBoundary } from "@/components/chat/unread-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { isConnectionError } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { listMessages } from "@/db/queries/messages";
import { channelCounts, UNREAD_CAP } from "@/db/queries/read-state";
import type { Channel, User } from "@/db/schema";
import type { ChatMessage } from "@/party/protocol";
import { msg } from "../../../_i18n/message";
import { getSay } from "../../../_i18n/server";
import { env } from "../../../_lib/env";
import { describeUntil } from "../../../_lib/moderation/durations";
import { isStaff } from "../../../_lib/permissions";
import { isMuted } from "../../../_lib/restrictions";
import { requireCurrentUser } from "../../../_lib/session";
import { syncPoint } from "../../../_lib/sync-point";
import { deleteMessageAction, editMessageAction, toggleReactionAction } from "../../actions";
import { markUnread } from "../../mark-unread-action";
import { setChannelMuted } from "../../read-actions";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ message?: string | string[] }>;
};

/** `?message=ID`: a positive id to jump to, else nothing. */
function jumpTarget(raw: string | string[] | undefined): number | undefined {
  const id = typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  return id > 0 ? id : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `#${slug}` };
}

type Loaded =
  | {
      ok: true;
      channel: Channel;
      user: User;
      messages: ChatMessage[];
      hasOlder: boolean;
      syncedAt: string;
      unread: UnreadBoundary | null;
      muted: boolean;
    }
  | { ok: false };

async function load(slug: string): Promise<Loaded | null | "banned"> {
  try {
    // Fresh row and session check before any history is read: the layout refusing a banned
    // user does not stop this page's output from being sent, so it must refuse too.
    const user = await requireCurrentUser(`/c/${slug}`);
    if (!user) return "banned";
    const channel = await findChannelBySlug(slug);
    if (!channel || channel.archivedAt) return null;
    const syncedAt = syncPoint();
    const page = await listMessages({ channelId: channel.id, readerId: user.id, limit: 50 });
    const [counts] = await channelCounts(user, [channel.id]);
    const upTo = page.messages.at(-1)?.id ?? 0;
    // Where the "New messages" divider goes is fixed here, at render, for the page's life.
    const unread: UnreadBoundary | null =
      counts && counts.unread > 0 && counts.lastReadId < upTo
        ? {
            lastReadId: counts.lastReadId,
            upTo,
            marked: null,
            count: counts.unread,
            capped: counts.unread >= UNREAD_CAP,
          }
        : null;
    return {
      ok: true,
      channel,
      user,
      messages: page.messages,
      hasOlder: page.hasMore,
      syncedAt,
      unread,
      muted: counts?.muted ?? false,
    };
  } catch (error) {
    if (isConnectionError(error)) return { ok: false };
    throw error;
  }
}

/** `/c/SLUG`: the newest 50 messages rendered here, then the live view takes over. */
export default async function ChannelPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const jumpTo = jumpTarget((await searchParams).message);
  const loaded = await load(slug);
  if (loaded === "banned") return null;
  if (!loaded) notFound();
  const t = await getTranslations("chat.channel");
  if (!loaded.ok) {
    return (
      <>
        <PageHeader title={`# ${slug}`} back />
        <p role="alert" className="p-6 text-red-700 dark:text-red-400">
          {t("historyFailed")}
        </p>
      </>
    );
  }
  // Role and mute are read fresh from the database: the session cookie may predate a change.
  const { channel, user } = loaded;
  const role = user.role;
  const staff = isStaff(role);
  let cannotPost: string | null = null;
  if (isMuted(user) && user.mutedUntil) {
    const until = describeUntil(user.mutedUntil);
    cannotPost = (await getSay())(
      user.muteReason
        ? msg("chat.channel.mutedWithReason", { until, reason: user.muteReason })
        : msg("chat.channel.muted", { until }),
    );
  } else if (channel.readOnly && !staff) {
    cannotPost = t("readOnly");
  }
  const notice =
    channel.slowModeSeconds > 0 && !staff
      ? t("slowMode", { seconds: channel.slowModeSeconds })
      : null;
  return (
    <>
      <PageHeader
        title={`# ${loaded.channel.name}`}
        subtitle={loaded.channel.topic}
        back
        actions={
          <MuteButton
            slug={loaded.channel.slug}
            mutedOnLoad={loaded.muted}
            action={setChannelMuted}
          />
        }
      />
      <ChannelView
        key={loaded.channel.slug}
        slug={loaded.channel.slug}
        partyHost={env().ROOM_HOST}
        me={{ id: user.id, name: user.displayName, username: user.username, moderator: staff }}
        jumpTo={jumpTo}
        actions={{
          deleteMessage: deleteMessageAction,
          editMessage: editMessageAction,
          toggleReaction: toggleReactionAction,
        }}
        cannotPost={cannotPost}
        notice={notice}
        initial={loaded.messages}
        initialHasOlder={loaded.hasOlder}
        syncedAt={loaded.syncedAt}
        unread={loaded.unread}
        markUnread={markUnread}
      />
    </>
  );
}
