import "server-only";
import { channelCounts } from "@/db/queries/read-state";
import type { Channel, User } from "@/db/schema";
import type { ChannelUnread } from "@/party/protocol";
import { notifyUser } from "../user-notify";

/**
 * After a person's place in a channel moved (read, or marked unread): their channel counts as
 * MySQL has them now, told to every page they have open through their own room. MySQL already
 * holds the new place, so a room that cannot be reached only delays the sidebars, which recount
 * when they next connect.
 */
export async function tellReadPosition(
  person: Pick<User, "id" | "readBaselineId">,
  channel: Pick<Channel, "id" | "slug">,
): Promise<ChannelUnread> {
  const [now] = await channelCounts(person, [channel.id]);
  const counts: ChannelUnread = {
    channel: channel.slug,
    lastReadId: now?.lastReadId ?? person.readBaselineId,
    unread: now?.unread ?? 0,
    mentions: now?.mentions ?? 0,
    muted: now?.muted ?? false,
    newestId: now?.newestId ?? 0,
  };
  await notifyUser(person.id, [
    {
      type: "read",
      channel: counts.channel,
      lastReadId: counts.lastReadId,
      unread: counts.unread,
      mentions: counts.mentions,
    },
  ]);
  return counts;
}
