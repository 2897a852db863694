import "server-only";
import { z } from "zod";
import { findChannelBySlug } from "@/db/queries/channels";
import { findMessage } from "@/db/queries/messages";
import { markUnreadFrom } from "@/db/queries/read-state";
import { RateLimiter } from "@/party/rate-limit";
import { msg } from "../../_i18n/message";
import { defineAction, Refused } from "../guarded-action";
import { id } from "../moderation/schemas";
import { tellReadPosition } from "../unread/tell-read-position";

/**
 * Marks per person: a burst of 30, then one a second. Nobody clicking a menu meets it; a script
 * looping it (each call is a write, a count and a message to the person's room) does. In memory
 * per server instance, as the reaction limit is.
 */
export const MARK_UNREAD_RATE = { capacity: 30, refillPerSecond: 1 } as const;
const limiter = new RateLimiter(MARK_UNREAD_RATE);

/** Which channel the page shows and the message the person marks unread from. */
export const markUnreadInput = z.object({
  slug: z.string().min(1).max(64),
  messageId: id,
});

/**
 * "Mark as unread": the person's place in the channel goes back to just before the message, so
 * it and everything after it count as unread again, on every device. The message must be in the
 * channel the page names (ids are global: a page must not move its place with another channel's
 * message) and not deleted. Their sidebars hear the new counts through their own room.
 */
export const markUnread = defineAction({
  minRole: "member",
  schema: markUnreadInput,
  async run({ actor, input }) {
    // The channel as its page finds it (an open one people can see), then the message in it.
    const channel = await findChannelBySlug(input.slug);
    if (!channel) throw new Refused("divider.actions.notHere");
    if (channel.archivedAt) throw new Refused("divider.actions.archived");
    const message = await findMessage(input.messageId);
    if (!message || message.channelId !== channel.id) throw new Refused("divider.actions.notHere");
    if (message.deletedAt) throw new Refused("divider.actions.deleted");
    if (!limiter.take(String(actor.id), Date.now())) throw new Refused("divider.actions.tooFast");
    await markUnreadFrom({ userId: actor.id, channelId: channel.id, messageId: message.id });
    await tellReadPosition(actor, channel);
    return msg("divider.actions.marked");
  },
});
