import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelView } from "@/components/chat/channel-view";
import { PageHeader } from "@/components/ui/page-header";
import { isConnectionError } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { listMessages } from "@/db/queries/messages";
import { findUserById } from "@/db/queries/users";
import type { Channel, User } from "@/db/schema";
import type { ChatMessage } from "@/party/protocol";
import { env } from "../../../_lib/env";
import { describeUntil } from "../../../_lib/moderation/durations";
import { isStaff } from "../../../_lib/permissions";
import { isMuted } from "../../../_lib/restrictions";
import { requireSessionUser } from "../../../_lib/session";
import { syncPoint } from "../../../_lib/sync-point";
import { deleteMessageAction, editMessageAction } from "../../actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `#${slug}` };
}

type Loaded =
  | {
      ok: true;
      channel: Channel;
      user: User | null;
      messages: ChatMessage[];
      hasOlder: boolean;
      syncedAt: string;
    }
  | { ok: false };

async function load(slug: string, userId: number): Promise<Loaded | null> {
  try {
    const [channel, user] = await Promise.all([findChannelBySlug(slug), findUserById(userId)]);
    if (!channel || channel.archivedAt) return null;
    const syncedAt = syncPoint();
    const page = await listMessages({ channelId: channel.id, limit: 50 });
    return { ok: true, channel, user, messages: page.messages, hasOlder: page.hasMore, syncedAt };
  } catch (error) {
    if (isConnectionError(error)) return { ok: false };
    throw error;
  }
}

/** `/c/SLUG`: the newest 50 messages rendered here, then the live view takes over. */
export default async function ChannelPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireSessionUser(`/c/${slug}`);
  const loaded = await load(slug, user.id);
  if (!loaded) notFound();
  if (!loaded.ok) {
    return (
      <>
        <PageHeader title={`# ${slug}`} back />
        <p role="alert" className="p-6 text-red-700 dark:text-red-400">
          History could not be loaded: the database is unavailable. Reload in a moment.
        </p>
      </>
    );
  }
  // Role and mute are read fresh from the database: the session cookie may predate a change.
  const { channel } = loaded;
  const role = loaded.user?.role ?? "member";
  const staff = isStaff(role);
  let cannotPost: string | null = null;
  if (loaded.user && isMuted(loaded.user) && loaded.user.mutedUntil) {
    const why = loaded.user.muteReason ? ` (${loaded.user.muteReason})` : "";
    cannotPost = `You are muted ${describeUntil(loaded.user.mutedUntil)}${why}.`;
  } else if (channel.readOnly && !staff) {
    cannotPost = "This channel is read-only.";
  }
  const notice =
    channel.slowModeSeconds > 0 && !staff
      ? `Slow mode: one message every ${channel.slowModeSeconds} s.`
      : null;
  return (
    <>
      <PageHeader title={`# ${loaded.channel.name}`} subtitle={loaded.channel.topic} back />
      <ChannelView
        key={loaded.channel.slug}
        slug={loaded.channel.slug}
        partyHost={env().ROOM_HOST}
        me={{ id: user.id, name: user.name, moderator: staff }}
        actions={{ deleteMessage: deleteMessageAction, editMessage: editMessageAction }}
        cannotPost={cannotPost}
        notice={notice}
        initial={loaded.messages}
        initialHasOlder={loaded.hasOlder}
        syncedAt={loaded.syncedAt}
      />
    </>
  );
}
