import "server-only";
import type { ChannelUnread } from "@/party/protocol";
import type { Channel } from "../schema";
import { listChannels } from "./channels";
import { channelCounts, type Reader } from "./read-state";

/**
 * The reader's counts for every open channel (or for `channels`, already read), by slug: what
 * the sidebar shows.
 */
export async function unreadForOpenChannels(
  reader: Reader,
  listed?: Pick<Channel, "id" | "slug">[],
): Promise<ChannelUnread[]> {
  const channels = listed ?? (await listChannels());
  const counts = await channelCounts(
    reader,
    channels.map((c) => c.id),
  );
  const byId = new Map(counts.map((c) => [c.channelId, c]));
  return channels.map((c) => {
    const n = byId.get(c.id);
    return {
      channel: c.slug,
      lastReadId: n?.lastReadId ?? reader.readBaselineId,
      unread: n?.unread ?? 0,
      mentions: n?.mentions ?? 0,
      muted: n?.muted ?? false,
      newestId: n?.newestId ?? 0,
    };
  });
}
