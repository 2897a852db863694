import "server-only";
import { findChannelBySlug } from "@/db/queries/channels";
import { messageIdsInChannel } from "@/db/queries/messages";
import { advanceRead, setMuted } from "@/db/queries/read-state";
import type { User } from "@/db/schema";
import type { ChannelUnread } from "@/party/protocol";
import { isBanned } from "../restrictions";
import { notifyUser } from "../user-notify";
import { tellReadPosition } from "./tell-read-position";

/** Why a read or mute change was refused; the page needs no words for it (it just stays). */
export type ReadRefusal = "signed_out" | "banned" | "no_channel" | "no_message";

export type MarkReadResult =
  | { ok: true; counts: ChannelUnread }
  | { ok: false; reason: ReadRefusal };

async function openChannel(slug: string) {
  if (typeof slug !== "string" || slug.length === 0 || slug.length > 64) return null;
  const channel = await findChannelBySlug(slug);
  return channel && !channel.archivedAt ? channel : null;
}

/**
 * The person has seen `messageId` in `slug`: their place moves forward to it (never back), and
 * every page of theirs hears the channel's counts as MySQL has them now. The message must be
 * one of this channel's, so no one can move their place with another channel's id.
 */
export async function markReadAs(
  actor: User | null,
  slug: string,
  messageId: number,
): Promise<MarkReadResult> {
  if (!actor) return { ok: false, reason: "signed_out" };
  if (isBanned(actor)) return { ok: false, reason: "banned" };
  const channel = await openChannel(slug);
  if (!channel) return { ok: false, reason: "no_channel" };
  if (!Number.isSafeInteger(messageId) || messageId <= 0)
    return { ok: false, reason: "no_message" };
  const inChannel = await messageIdsInChannel({ channelId: channel.id, ids: [messageId] });
  if (!inChannel.has(messageId)) return { ok: false, reason: "no_message" };
  await advanceRead({ userId: actor.id, channelId: channel.id, messageId });
  const counts = await tellReadPosition(actor, channel);
  return { ok: true, counts };
}

/** Mutes or unmutes a channel for the person and tells each of their pages. */
export async function setMutedAs(
  actor: User | null,
  slug: string,
  muted: boolean,
): Promise<{ ok: true } | { ok: false; reason: ReadRefusal }> {
  if (!actor) return { ok: false, reason: "signed_out" };
  if (isBanned(actor)) return { ok: false, reason: "banned" };
  const channel = await openChannel(slug);
  if (!channel) return { ok: false, reason: "no_channel" };
  await setMuted({
    reader: { id: actor.id, readBaselineId: actor.readBaselineId },
    channelId: channel.id,
    muted,
  });
  await notifyUser(actor.id, [{ type: "muted", channel: channel.slug, muted }]);
  return { ok: true };
}
