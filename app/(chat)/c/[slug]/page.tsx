import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelView } from "@/components/chat/channel-view";
import { PageHeader } from "@/components/ui/page-header";
import { isConnectionError } from "@/db";
import { findChannelBySlug } from "@/db/queries/channels";
import { listMessages } from "@/db/queries/messages";
import type { Channel } from "@/db/schema";
import type { ChatMessage } from "@/party/protocol";
import { env } from "../../../_lib/env";
import { requireSessionUser } from "../../../_lib/session";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `#${slug}` };
}

type Loaded =
  | { ok: true; channel: Channel; messages: ChatMessage[]; hasOlder: boolean }
  | { ok: false };

async function load(slug: string): Promise<Loaded | null> {
  try {
    const channel = await findChannelBySlug(slug);
    if (!channel || channel.archivedAt) return null;
    const page = await listMessages({ channelId: channel.id, limit: 50 });
    return { ok: true, channel, messages: page.messages, hasOlder: page.hasMore };
  } catch (error) {
    if (isConnectionError(error)) return { ok: false };
    throw error;
  }
}

/** `/c/SLUG`: the newest 50 messages rendered here, then the live view takes over. */
export default async function ChannelPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireSessionUser(`/c/${slug}`);
  const loaded = await load(slug);
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
  return (
    <>
      <PageHeader title={`# ${loaded.channel.name}`} subtitle={loaded.channel.topic} back />
      <ChannelView
        key={loaded.channel.slug}
        slug={loaded.channel.slug}
        partyHost={env().PARTYKIT_HOST}
        me={{ id: user.id, name: user.name }}
        initial={loaded.messages}
        initialHasOlder={loaded.hasOlder}
      />
    </>
  );
}
